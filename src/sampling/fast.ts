import type { ModelParams } from '../model/params.js';
import { PhiloxStream } from '../rng/philox.js';
import { TridiagEigen4 } from '../linalg/tridiagonal4.js';
import { firstComponentWeights } from '../linalg/tridiagonal.js';
import { solveArrowhead } from '../linalg/secular.js';
import { arrowheadWeights, betaHermiteDot, betaHermiteTotal, poissonLevels } from './betaHermite.js';
import type { Sampler, Spectrum } from './types.js';

/**
 * Exact fast path, Lanczos form (DESIGN.md section 3.1): beta-Hermite tridiagonal of H_tot, eigenvalues by
 * rational QL (four samples fused), weights by the continued fraction. O(N^2) time, O(N) memory per sample.
 * For beta > 0 ensembles (GOE, GUE, GSE, general beta).
 */
export class TridiagonalSampler implements Sampler {
  readonly size: number;
  readonly path = 'fast-tridiagonal';
  readonly batch = 4;
  private readonly rng: PhiloxStream;
  private readonly d: Float64Array[];
  private readonly b: Float64Array[];
  private readonly bsq: Float64Array;
  private readonly eig: Float64Array[];
  private readonly ql: TridiagEigen4;

  constructor(private readonly params: ModelParams, seed: number) {
    if (!(params.ensemble.beta > 0)) throw new RangeError('TridiagonalSampler needs a beta > 0 ensemble');
    const n = params.N + 1;
    this.size = n;
    this.rng = new PhiloxStream(seed);
    this.d = [0, 1, 2, 3].map(() => new Float64Array(n));
    this.b = [0, 1, 2, 3].map(() => new Float64Array(n - 1));
    this.eig = [0, 1, 2, 3].map(() => new Float64Array(n));
    this.bsq = new Float64Array(n - 1);
    this.ql = new TridiagEigen4(n);
  }

  sampleBatch(start: number, count: number, outs: Spectrum[]): void {
    for (let c = 0; c < count; c += 4) {
      const m = Math.min(4, count - c);
      for (let k = 0; k < m; k++) betaHermiteTotal(this.params, this.rng, start + c + k, this.d[k], this.b[k]);
      this.ql.solve(this.d, this.b, this.eig, m);
      for (let k = 0; k < m; k++) {
        const out = outs[c + k];
        const b = this.b[k];
        if (b[0] === 0) {
          decoupled(this.params.eps0, this.eig[k], out);
          continue;
        }
        for (let i = 0; i < b.length; i++) this.bsq[i] = b[i] * b[i];
        out.e.set(this.eig[k]);
        firstComponentWeights(this.d[k], this.bsq, out.e, out.p);
      }
    }
  }
}

/** g = 0: |0> is an eigenstate (weight 1 at eps0); the dot levels carry no weight. */
function decoupled(eps0: number, eig: Float64Array, out: Spectrum): void {
  let placed = false;
  for (let a = 0; a < eig.length; a++) {
    out.e[a] = eig[a];
    const isLevel = !placed && eig[a] === eps0;
    out.p[a] = isLevel ? 1 : 0;
    if (isLevel) placed = true;
  }
  if (!placed) {
    // eps0 is exactly one of the eigenvalues of the split matrix; fall back to the nearest.
    let best = 0;
    for (let a = 1; a < eig.length; a++) if (Math.abs(eig[a] - eps0) < Math.abs(eig[best] - eps0)) best = a;
    out.p[best] = 1;
  }
}

/**
 * Dot spectra and unit-g weights for one batch of samples: what the arrowhead form needs, independent of g.
 * WD/beta dots: eigenvalues of the N x N beta-Hermite tridiagonal (fused QL); Poisson: sorted iid semicircle levels.
 */
export class DotSpectra {
  readonly E: Float64Array[];
  readonly w1: Float64Array[];
  private readonly rng: PhiloxStream;
  private readonly d: Float64Array[];
  private readonly b: Float64Array[];
  private readonly ql: TridiagEigen4 | null;

  constructor(private readonly params: ModelParams, seed: number) {
    const N = params.N;
    this.rng = new PhiloxStream(seed);
    this.E = [0, 1, 2, 3].map(() => new Float64Array(N));
    this.w1 = [0, 1, 2, 3].map(() => new Float64Array(N));
    const poisson = params.ensemble.beta === 0;
    this.d = poisson ? [] : [0, 1, 2, 3].map(() => new Float64Array(N));
    this.b = poisson ? [] : [0, 1, 2, 3].map(() => new Float64Array(Math.max(0, N - 1)));
    this.ql = poisson ? null : new TridiagEigen4(N);
  }

  /** Fill E[k], w1[k] for samples start..start+count-1 (count <= 4). */
  fill(start: number, count: number): void {
    const p = this.params;
    for (let k = 0; k < count; k++) {
      arrowheadWeights(p, this.rng, start + k, this.w1[k], true);
      if (this.ql) betaHermiteDot(p, this.rng, start + k, this.d[k], this.b[k]);
      else poissonLevels(p, this.rng, start + k, this.E[k]);
    }
    if (this.ql) this.ql.solve(this.d, this.b, this.E, count);
  }
}

/**
 * Exact fast path, arrowhead form (DESIGN.md section 3.2): dot spectrum, then the secular equation with roots
 * relative to the nearest pole. Used for the Poisson bath and for gamma sweeps (the dot spectra do not depend on g).
 */
export class ArrowheadSampler implements Sampler {
  readonly size: number;
  readonly path = 'fast-arrowhead';
  readonly batch = 4;
  private readonly dots: DotSpectra;
  private readonly w: Float64Array;

  constructor(private readonly params: ModelParams, seed: number) {
    this.size = params.N + 1;
    this.dots = new DotSpectra(params, seed);
    this.w = new Float64Array(params.N);
  }

  sampleBatch(start: number, count: number, outs: Spectrum[]): void {
    for (let c = 0; c < count; c += 4) {
      const m = Math.min(4, count - c);
      this.dots.fill(start + c, m);
      for (let k = 0; k < m; k++) {
        const w1 = this.dots.w1[k];
        for (let mu = 0; mu < w1.length; mu++) this.w[mu] = this.params.g * w1[mu];
        solveArrowhead(this.dots.E[k], this.w, this.params.eps0, outs[c + k].e, outs[c + k].p);
      }
    }
  }
}
