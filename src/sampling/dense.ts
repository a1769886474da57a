import type { ModelParams } from '../model/params.js';
import { PhiloxStream } from '../rng/philox.js';
import { Stream } from '../rng/streams.js';
import { complexHermitianSpectrum, quaternionSpectrum, realSymmetricSpectrum } from '../linalg/dense.js';
import { poissonLevels } from './betaHermite.js';
import type { Sampler, Spectrum } from './types.js';

/**
 * The literal dense path (DESIGN.md section 4): build H_tot = [[eps0, W], [W^dagger, H]] entry by entry from Gaussian
 * draws and diagonalise it with ml-matrix. Index 0 is |0>, 1..N the dot.
 *
 * Variances (sigma^2 = lambda^2/N, c = couplingBeta real components per entry):
 *   H_kl (k < l): each of the c components ~ Normal(0, sigma^2/c), so E|H_kl|^2 = sigma^2;
 *   H_kk: real, Normal(0, 2 sigma^2/beta);   W_k: each component ~ Normal(0, g sigma^2/c).
 * Draws: H_kl from DENSE_H element (k-1) N + (l-1), W_k from DENSE_W element k-1; c normals each, in component order.
 * Poisson: H = diag(levels) with the fast path's levels (POISSON_LEVEL), W complex.
 * O(N^3) time and O(N^2) memory per sample: the cross-check of the fast path, and the route for matrices with no
 * invariance.
 */
export class DenseSampler implements Sampler {
  readonly size: number;
  readonly path = 'dense';
  readonly batch = 1;
  private readonly rng: PhiloxStream;

  constructor(private readonly params: ModelParams, seed: number) {
    const b = params.ensemble.beta;
    if (!(b === 0 || b === 1 || b === 2 || b === 4)) {
      throw new RangeError(`the dense path supports GOE, GUE, GSE and poisson, not beta=${b}; use --method fast`);
    }
    this.size = params.N + 1;
    this.rng = new PhiloxStream(seed);
  }

  sampleBatch(start: number, count: number, outs: Spectrum[]): void {
    for (let i = 0; i < count; i++) this.one(start + i, outs[i]);
  }

  /** The dense matrix of sample s as c real component arrays (row-major, n x n), for tests and the GPU oracle. */
  matrix(s: number): Float64Array[] {
    const { N, g, lambda, eps0, ensemble } = this.params;
    const n = N + 1;
    const c = ensemble.couplingBeta;
    const sigma2 = (lambda * lambda) / N;
    const comps = Array.from({ length: c }, () => new Float64Array(n * n));
    const rng = this.rng;
    const put = (i: number, j: number, q: number, v: number) => {
      // Hermitian (self-dual): component 0 symmetric, imaginary components antisymmetric.
      comps[q][i * n + j] = v;
      comps[q][j * n + i] = q === 0 ? v : -v;
    };
    comps[0][0] = eps0;
    const sw = Math.sqrt((g * sigma2) / c);
    for (let k = 1; k <= N; k++) {
      rng.reset(s, Stream.DENSE_W, k - 1);
      for (let q = 0; q < c; q++) put(0, k, q, sw * rng.normal());
    }
    if (ensemble.beta === 0) {
      const E = new Float64Array(N);
      poissonLevels(this.params, rng, s, E);
      for (let k = 1; k <= N; k++) comps[0][k * n + k] = E[k - 1];
      return comps;
    }
    const sd = Math.sqrt((2 * sigma2) / ensemble.beta);
    const so = Math.sqrt(sigma2 / c);
    for (let k = 1; k <= N; k++) {
      for (let l = k; l <= N; l++) {
        rng.reset(s, Stream.DENSE_H, (k - 1) * N + (l - 1));
        if (k === l) {
          comps[0][k * n + k] = sd * rng.normal();
        } else {
          for (let q = 0; q < c; q++) put(k, l, q, so * rng.normal());
        }
      }
    }
    return comps;
  }

  private one(s: number, out: Spectrum): void {
    const n = this.size;
    const m = this.matrix(s);
    if (m.length === 1) realSymmetricSpectrum(m[0], n, out.e, out.p);
    else if (m.length === 2) complexHermitianSpectrum(m[0], m[1], n, out.e, out.p);
    else quaternionSpectrum([m[0], m[1], m[2], m[3]], n, out.e, out.p);
  }
}
