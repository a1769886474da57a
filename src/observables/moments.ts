/**
 * Mergeable first and second moments per channel, in f64: count, sum, sum of squares.
 * Merging is exact in the sense that merge(A, B) equals accumulating A's samples then B's up to f64 rounding; the
 * engine makes results bit-identical for any thread count by merging fixed chunks of samples in chunk order.
 */
export class Moments {
  count = 0;
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;

  constructor(readonly length: number) {
    this.sum = new Float64Array(length);
    this.sumSq = new Float64Array(length);
  }

  /** Add one sample's values (length `length`). */
  add(x: ArrayLike<number>): void {
    const s = this.sum, q = this.sumSq;
    for (let i = 0; i < this.length; i++) {
      const v = x[i];
      s[i] += v;
      q[i] += v * v;
    }
    this.count++;
  }

  /** Add a single scalar sample (length-1 moments). */
  addScalar(v: number): void {
    this.sum[0] += v;
    this.sumSq[0] += v * v;
    this.count++;
  }

  merge(o: Moments): this {
    if (o.length !== this.length) throw new Error(`Moments.merge: length ${o.length} != ${this.length}`);
    for (let i = 0; i < this.length; i++) {
      this.sum[i] += o.sum[i];
      this.sumSq[i] += o.sumSq[i];
    }
    this.count += o.count;
    return this;
  }

  mean(): Float64Array {
    const m = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) m[i] = this.count > 0 ? this.sum[i] / this.count : NaN;
    return m;
  }

  /** Standard error of the mean: sqrt(sample variance / count); NaN for fewer than 2 samples. */
  se(): Float64Array {
    const n = this.count;
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) {
      if (n < 2) { out[i] = NaN; continue; }
      const m = this.sum[i] / n;
      const v = Math.max(0, (this.sumSq[i] - n * m * m) / (n - 1));
      out[i] = Math.sqrt(v / n);
    }
    return out;
  }

  toJSON(): { count: number; sum: number[]; sumSq: number[] } {
    return { count: this.count, sum: Array.from(this.sum), sumSq: Array.from(this.sumSq) };
  }

  static fromJSON(o: { count: number; sum: number[]; sumSq: number[] }): Moments {
    const m = new Moments(o.sum.length);
    m.count = o.count;
    m.sum.set(o.sum);
    m.sumSq.set(o.sumSq);
    return m;
  }
}

/** Ensemble statistics of one run: P(t) on the grid and P_res = sum_a p_a^2 per sample. */
export class EnsembleStats {
  readonly P: Moments;
  readonly Pres: Moments;
  constructor(readonly nTimes: number) {
    this.P = new Moments(nTimes);
    this.Pres = new Moments(1);
  }
  get count(): number {
    return this.Pres.count;
  }
  merge(o: EnsembleStats): this {
    this.P.merge(o.P);
    this.Pres.merge(o.Pres);
    return this;
  }
  toJSON() {
    return { P: this.P.toJSON(), Pres: this.Pres.toJSON() };
  }
  static fromJSON(o: ReturnType<EnsembleStats['toJSON']>): EnsembleStats {
    const s = new EnsembleStats(o.P.sum.length);
    s.P.merge(Moments.fromJSON(o.P));
    s.Pres.merge(Moments.fromJSON(o.Pres));
    return s;
  }
}
