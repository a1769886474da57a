/**
 * Dot ensembles. `beta` is the Dyson index of the dot's level statistics (0 for Poisson: no level repulsion);
 * `couplingBeta` is the number of real Gaussian components of each coupling W_k (1 real, 2 complex, 4 quaternion),
 * so |W_k|^2 ~ (g lambda^2 / N) chi2(couplingBeta)/couplingBeta.
 */
export type EnsembleName = 'GOE' | 'GUE' | 'GSE' | 'poisson' | 'beta';

export interface Ensemble {
  readonly name: EnsembleName;
  /** Dyson index of the dot spectrum; 0 for Poisson. */
  readonly beta: number;
  /** Real components per coupling; also the chi-square dof of the arrowhead weights. */
  readonly couplingBeta: number;
  /** Symmetry-class label for the paper's Eq. 6 (U, O, S), where one applies. */
  readonly classLabel: 'U' | 'O' | 'S' | null;
}

export const GOE: Ensemble = { name: 'GOE', beta: 1, couplingBeta: 1, classLabel: 'O' };
export const GUE: Ensemble = { name: 'GUE', beta: 2, couplingBeta: 2, classLabel: 'U' };
export const GSE: Ensemble = { name: 'GSE', beta: 4, couplingBeta: 4, classLabel: 'S' };
export const POISSON: Ensemble = { name: 'poisson', beta: 0, couplingBeta: 2, classLabel: null };

/** General beta-Hermite dot (beta > 0); beta = 1, 2, 4 are returned as GOE, GUE, GSE. */
export function betaEnsemble(beta: number): Ensemble {
  if (!Number.isFinite(beta) || !(beta > 0) || beta > 1e6) {
    throw new RangeError(`ensemble beta must be a finite number in (0, 1e6], got ${beta}`);
  }
  if (beta === 1) return GOE;
  if (beta === 2) return GUE;
  if (beta === 4) return GSE;
  return { name: 'beta', beta, couplingBeta: beta, classLabel: null };
}

/** Parse `GUE|GOE|GSE|poisson|beta=<b>` (case-insensitive names). */
export function parseEnsemble(s: string): Ensemble {
  const t = String(s).trim();
  const u = t.toUpperCase();
  if (u === 'GUE') return GUE;
  if (u === 'GOE') return GOE;
  if (u === 'GSE') return GSE;
  if (u === 'POISSON') return POISSON;
  const m = /^beta\s*=\s*(.+)$/i.exec(t);
  if (m) {
    const b = Number(m[1]);
    if (!Number.isFinite(b) || !(b > 0)) {
      throw new RangeError(`--ensemble beta=<b>: b must be a finite number > 0, got '${m[1]}'`);
    }
    return betaEnsemble(b);
  }
  throw new RangeError(`--ensemble must be one of GUE, GOE, GSE, poisson, beta=<b> (b > 0), got '${s}'`);
}
