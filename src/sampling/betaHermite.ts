import type { ModelParams } from '../model/params.js';
import { PhiloxStream } from '../rng/philox.js';
import { Stream } from '../rng/streams.js';

/**
 * The exact Lanczos form of H_tot (DESIGN.md section 3.1): the (N+1)x(N+1) real symmetric tridiagonal with
 *   a_0 = eps0,  b_0 = sigma sqrt(g chi2(beta_c N)/beta_c),
 *   a_k ~ Normal(0, 2 sigma^2/beta) (k = 1..N),  b_k = sigma sqrt(chi2(beta (N-k))/beta) (k = 1..N-1),
 * sigma^2 = lambda^2/N (Dumitriu-Edelman beta-Hermite model for the dot). Streams: a_k from DOT_DIAG element k,
 * b_k from DOT_OFFDIAG element k, b_0 from COUPLING_NORM element 0. The GPU generator follows the same layout.
 *
 * @param d diagonal, length N+1 (d[0] = eps0)
 * @param b off-diagonal, length N (b[0] couples |0> to the dot)
 */
export function betaHermiteTotal(p: ModelParams, rng: PhiloxStream, s: number, d: Float64Array, b: Float64Array): void {
  const N = p.N;
  const beta = p.ensemble.beta;
  const bc = p.ensemble.couplingBeta;
  const sigma = p.lambda / Math.sqrt(N);
  d[0] = p.eps0;
  b[0] = p.g === 0 ? 0 : sigma * Math.sqrt((p.g * rng.reset(s, Stream.COUPLING_NORM, 0).chi2(bc * N)) / bc);
  betaHermiteDot(p, rng, s, d.subarray(1), b.subarray(1));
}

/**
 * The dot alone: N x N beta-Hermite tridiagonal (diagonal length N, off-diagonal length N-1), same streams and
 * elements as in `betaHermiteTotal` (dot element k = 1..N is index k-1 here).
 */
export function betaHermiteDot(p: ModelParams, rng: PhiloxStream, s: number, d: Float64Array, b: Float64Array): void {
  const N = p.N;
  const beta = p.ensemble.beta;
  const sigma = p.lambda / Math.sqrt(N);
  const sd = sigma * Math.sqrt(2 / beta);
  for (let k = 1; k <= N; k++) d[k - 1] = sd * rng.reset(s, Stream.DOT_DIAG, k).normal();
  for (let k = 1; k < N; k++) b[k - 1] = sigma * Math.sqrt(rng.reset(s, Stream.DOT_OFFDIAG, k).chi2(beta * (N - k)) / beta);
}

/**
 * Arrowhead weights w_mu = g sigma^2 chi2(beta_c)/beta_c (squared couplings to the dot eigenstates), from
 * COUPLING_WEIGHT element mu. Written with g = 1 when `unitG` is set, so one draw serves a whole gamma sweep.
 */
export function arrowheadWeights(p: ModelParams, rng: PhiloxStream, s: number, w: Float64Array, unitG = false): void {
  const bc = p.ensemble.couplingBeta;
  const scale = ((unitG ? 1 : p.g) * p.lambda * p.lambda) / p.N / bc;
  for (let mu = 0; mu < p.N; mu++) w[mu] = scale * rng.reset(s, Stream.COUPLING_WEIGHT, mu).chi2(bc);
}

/**
 * Poisson dot: N iid levels with the semicircle density of radius 2 lambda (x = 2 lambda (2B - 1), B ~ Beta(3/2, 3/2)
 * as G1/(G1+G2) from two Gamma(3/2) draws of POISSON_LEVEL element mu), sorted ascending.
 */
export function poissonLevels(p: ModelParams, rng: PhiloxStream, s: number, E: Float64Array): void {
  for (let mu = 0; mu < p.N; mu++) {
    rng.reset(s, Stream.POISSON_LEVEL, mu);
    const g1 = rng.gamma(1.5);
    const g2 = rng.gamma(1.5);
    E[mu] = 2 * p.lambda * ((2 * g1) / (g1 + g2) - 1);
  }
  E.sort();
}
