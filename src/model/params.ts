import type { Ensemble } from './ensemble.js';

/** Physical parameters of one model H_tot = [[eps0, W], [W^dagger, H]] (DESIGN.md section 1). */
export interface ModelParams {
  readonly ensemble: Ensemble;
  /** Dot levels (Kramers pairs for GSE), N >= 1. */
  readonly N: number;
  /** Coupling g: E|W_k|^2 = g lambda^2 / N. gamma = g N. */
  readonly g: number;
  /** Energy scale: semicircle radius 2 lambda. */
  readonly lambda: number;
  /** Energy of the level |0>. */
  readonly eps0: number;
}

/** A model with the seed of its random draws: what a sampler or a GPU pass needs to generate samples. */
export interface SeededModel extends ModelParams {
  readonly seed: number;
}

/** Derived scales; see `conventions`. */
export interface Conventions {
  /** gamma = g N (the paper's gamma for GUE and GOE). */
  readonly gamma: number;
  /** Heisenberg time t_H = 2 pi nu = 2 N / lambda. */
  readonly tH: number;
  /** Golden-rule rate Gamma = 2 pi E|W|^2 nu = 2 g lambda (Eq. 3). */
  readonly GammaFGR: number;
  /** Density of dot levels at the band centre nu = N / (pi lambda). */
  readonly nu: number;
  /**
   * The gamma to use in the paper's Eq. 6 for this class: g N for GUE/GOE/Poisson/beta, 2 g N for GSE
   * (both states of each Kramers pair counted; DESIGN.md section 1).
   */
  readonly gammaPaper: number;
}

export function conventions(p: ModelParams): Conventions {
  const gamma = p.g * p.N;
  return {
    gamma,
    tH: (2 * p.N) / p.lambda,
    GammaFGR: 2 * p.g * p.lambda,
    nu: p.N / (Math.PI * p.lambda),
    gammaPaper: p.ensemble.name === 'GSE' ? 2 * gamma : gamma,
  };
}

/** Time grid: tau = t / t_H. */
export function tauToT(tau: ArrayLike<number>, tH: number): Float64Array {
  const t = new Float64Array(tau.length);
  for (let i = 0; i < tau.length; i++) t[i] = tau[i] * tH;
  return t;
}
