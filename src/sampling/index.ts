import type { ModelParams } from '../model/params.js';
import type { Method } from '../model/validate.js';
import { DenseSampler } from './dense.js';
import { ArrowheadSampler, TridiagonalSampler } from './fast.js';
import type { Sampler } from './types.js';

export * from './types.js';
export { ArrowheadSampler, TridiagonalSampler, DotSpectra } from './fast.js';
export { DenseSampler } from './dense.js';

/**
 * The sampler for a method: 'fast' (tridiagonal for beta > 0, arrowhead for Poisson), 'dense' (ml-matrix), 'auto' =
 * fast (both are exact; the fast path is O(N^2)).
 */
export function makeSampler(p: ModelParams, seed: number, method: Method): Sampler {
  if (method === 'dense') return new DenseSampler(p, seed);
  return p.ensemble.beta === 0 ? new ArrowheadSampler(p, seed) : new TridiagonalSampler(p, seed);
}

/** The path name `makeSampler` would use, without building it. */
export function samplerPath(p: ModelParams, method: Method): string {
  if (method === 'dense') return 'dense';
  return p.ensemble.beta === 0 ? 'fast-arrowhead' : 'fast-tridiagonal';
}
