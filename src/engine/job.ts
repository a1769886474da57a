import type { Ensemble } from '../model/ensemble.js';
import type { Method, RunConfig } from '../model/validate.js';
import { Moments } from '../observables/moments.js';
import { pOfT, pRes } from '../observables/pt.js';
import { solveArrowhead } from '../linalg/secular.js';
import { DotSpectra, makeSampler, allocSpectrum, type Sampler, type Spectrum } from '../sampling/index.js';

/** Samples per chunk. Chunks are the unit of work, of checkpointing and of deterministic merging. */
export const CHUNK = 32;

/**
 * A serialisable description of the work (sent to worker threads as is).
 * kind 'pt': P(t) on the grid and P_res per sample; kind 'sweep': P_res for each g in `gs`, sharing dot spectra.
 */
export interface JobSpec {
  kind: 'pt' | 'sweep';
  ensemble: Ensemble;
  N: number;
  g: number;
  lambda: number;
  eps0: number;
  seed: number;
  method: Method;
  /** Times t (not tau) for kind 'pt'. */
  t: number[];
  /** Couplings g for kind 'sweep'. */
  gs: number[];
}

/** The job of a validated run: kind 'pt' (P on cfg's grid) or 'sweep' (P_res for each coupling in `gs`). */
export function jobOf(cfg: RunConfig, kind: 'pt' | 'sweep' = 'pt', gs: number[] = []): JobSpec {
  return {
    kind,
    ensemble: cfg.ensemble,
    N: cfg.N,
    g: cfg.g,
    lambda: cfg.lambda,
    eps0: cfg.eps0,
    seed: cfg.seed,
    method: cfg.method === 'auto' ? 'fast' : cfg.method,
    t: kind === 'pt' ? Array.from(cfg.t) : [],
    gs,
  };
}

/** Moments as they cross a thread boundary (worker_threads or Web Workers): typed arrays, transferable. */
export interface WireMoments {
  count: number;
  sum: Float64Array;
  sumSq: Float64Array;
}

export function toWire(ms: Moments[]): WireMoments[] {
  return ms.map((m) => ({ count: m.count, sum: m.sum, sumSq: m.sumSq }));
}

/** The buffers to transfer (not copy) with `toWire`'s result. */
export function wireTransfers(ws: WireMoments[]): ArrayBuffer[] {
  return ws.flatMap((w) => [w.sum.buffer as ArrayBuffer, w.sumSq.buffer as ArrayBuffer]);
}

export function fromWire(ws: WireMoments[]): Moments[] {
  return ws.map((w) => {
    const m = new Moments(w.sum.length);
    m.count = w.count;
    m.sum.set(w.sum);
    m.sumSq.set(w.sumSq);
    return m;
  });
}

/** Channel groups a chunk produces: 'pt' -> [P (len t), P_res (1)]; 'sweep' -> [P_res (len gs)]. */
export function emptyResult(job: JobSpec): Moments[] {
  return job.kind === 'pt' ? [new Moments(job.t.length), new Moments(1)] : [new Moments(job.gs.length)];
}

export function mergeResults(into: Moments[], from: Moments[]): void {
  for (let i = 0; i < into.length; i++) into[i].merge(from[i]);
}

/** Runs chunks of one job; holds the sampler and scratch so hot loops allocate nothing. */
export class ChunkRunner {
  private readonly sampler: Sampler | null;
  private readonly dots: DotSpectra | null;
  private readonly specs: Spectrum[];
  private readonly P: Float64Array;
  private readonly t: Float64Array;
  private readonly w: Float64Array;
  private readonly pres: Float64Array;

  constructor(private readonly job: JobSpec) {
    const params = { ensemble: job.ensemble, N: job.N, g: job.g, lambda: job.lambda, eps0: job.eps0 };
    const n = job.N + 1;
    this.t = Float64Array.from(job.t);
    this.P = new Float64Array(job.t.length);
    this.w = new Float64Array(job.N);
    this.pres = new Float64Array(job.gs.length);
    if (job.kind === 'pt') {
      this.sampler = makeSampler(params, job.seed, job.method);
      this.dots = null;
      this.specs = Array.from({ length: this.sampler.batch }, () => allocSpectrum(n));
    } else {
      this.sampler = null;
      this.dots = new DotSpectra(params, job.seed);
      this.specs = [allocSpectrum(n)];
    }
  }

  /** Samples [start, start + count), accumulated in sample order. */
  run(start: number, count: number): Moments[] {
    const res = emptyResult(this.job);
    if (this.sampler) {
      const B = this.sampler.batch;
      for (let s = start; s < start + count; s += B) {
        const m = Math.min(B, start + count - s);
        this.sampler.sampleBatch(s, m, this.specs);
        for (let k = 0; k < m; k++) {
          pOfT(this.specs[k], this.t, this.P);
          res[0].add(this.P);
          res[1].addScalar(pRes(this.specs[k]));
        }
      }
    } else {
      const dots = this.dots!;
      const spec = this.specs[0];
      const gs = this.job.gs;
      for (let s = start; s < start + count; s += 4) {
        const m = Math.min(4, start + count - s);
        dots.fill(s, m);
        for (let k = 0; k < m; k++) {
          for (let j = 0; j < gs.length; j++) {
            const w1 = dots.w1[k];
            for (let mu = 0; mu < w1.length; mu++) this.w[mu] = gs[j] * w1[mu];
            solveArrowhead(dots.E[k], this.w, this.job.eps0, spec.e, spec.p);
            this.pres[j] = pRes(spec);
          }
          res[0].add(this.pres);
        }
      }
    }
    return res;
  }
}
