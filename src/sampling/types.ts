/**
 * The spectral measure of |0> for one sample: eigenvalues e_a of H_tot (each Kramers pair once for GSE) in
 * ascending order and weights p_a = |<a|0>|^2 (for GSE summed over the Kramers pair, on one state of |0>'s pair).
 * Exact identities: sum_a p_a = 1, so P(0) = 1.
 */
export interface Spectrum {
  /** Eigenvalues, ascending; length n = N + 1. */
  readonly e: Float64Array;
  /** Weights on |0>, same order; sum 1. */
  readonly p: Float64Array;
}

export function allocSpectrum(n: number): Spectrum {
  return { e: new Float64Array(n), p: new Float64Array(n) };
}

/**
 * Produces samples of an ensemble, deterministically from (seed, sample index): the same on any thread, shard or
 * backend. Implementations: fast tridiagonal, fast arrowhead (secular), dense (ml-matrix); the WebGPU kernels
 * implement the same contract.
 */
export interface Sampler {
  /** Number of eigenvalues per sample (N + 1). */
  readonly size: number;
  /** Which exact path produces the spectra: 'fast-tridiagonal', 'fast-arrowhead', 'dense'. */
  readonly path: string;
  /** Preferred number of samples per `sampleBatch` call (e.g. 4 for the fused QL). */
  readonly batch: number;
  /** Fill `outs[i]` with sample `start + i`, for i < count (count <= outs.length). */
  sampleBatch(start: number, count: number, outs: Spectrum[]): void;
}
