import type { ModelParams } from '../model/params.js';
import type { Method } from '../model/validate.js';
import { DenseSampler } from './dense.js';
import { ArrowheadSampler, TridiagonalSampler } from './fast.js';
import type { Sampler } from './types.js';

export * from './types.js';
export { ArrowheadSampler, TridiagonalSampler, DotSpectra } from './fast.js';
export { DenseSampler } from './dense.js';

/**
 * Below this coupling g the fast path uses the arrowhead form even for beta > 0: the tridiagonal form's weights of the
 * roots that hug the dot levels lose accuracy like N^2 eps^2 / g (1e-9 at g = 1e-18), while the secular solver finds
 * each root relative to its pole and stays exact. Above it the tridiagonal error is below 1e-17.
 */
export const TRIDIAGONAL_MIN_G = 1e-8;

/** The exact path `makeSampler` uses for these parameters. */
export function samplerPath(p: ModelParams, method: Method): 'dense' | 'fast-arrowhead' | 'fast-tridiagonal' {
  if (method === 'dense') return 'dense';
  return p.ensemble.beta === 0 || p.g < TRIDIAGONAL_MIN_G ? 'fast-arrowhead' : 'fast-tridiagonal';
}

/**
 * The sampler for a method: 'fast' (tridiagonal for beta > 0, arrowhead for Poisson and for g below
 * TRIDIAGONAL_MIN_G), 'dense' (ml-matrix), 'auto' = fast (both are exact; the fast path is O(N^2)).
 */
export function makeSampler(p: ModelParams, seed: number, method: Method): Sampler {
  const path = samplerPath(p, method);
  if (path === 'dense') return new DenseSampler(p, seed);
  return path === 'fast-arrowhead' ? new ArrowheadSampler(p, seed) : new TridiagonalSampler(p, seed);
}
