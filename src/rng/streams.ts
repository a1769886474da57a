/**
 * Stream ids (third Philox counter word). Each random quantity of a sample has its own stream, and each element
 * (index k) its own sequence within it, so the fast and dense paths, the CPU and the GPU, any shard and any
 * thread count draw the same numbers for the same (seed, sample, stream, element).
 */
export const Stream = {
  /** beta-Hermite tridiagonal diagonal a_k, k = 1..N (element k). */
  DOT_DIAG: 0,
  /** beta-Hermite off-diagonal chi-square for b_k, k = 1..N-1 (element k). */
  DOT_OFFDIAG: 1,
  /** Coupling weights of the arrowhead form, one chi2(beta_c) per dot level (element mu = 0..N-1). */
  COUPLING_WEIGHT: 2,
  /** Lanczos coupling b_0: one chi2(beta_c N) (element 0). */
  COUPLING_NORM: 3,
  /** Poisson dot levels (element mu = 0..N-1). */
  POISSON_LEVEL: 4,
  /** Dense dot matrix H entries (element = row-major index of the upper triangle entry). */
  DENSE_H: 5,
  /** Dense coupling vector W (element k = 0..N-1). */
  DENSE_W: 6,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];
