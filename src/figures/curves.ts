/**
 * The closed forms of the paper evaluated on a grid, as named columns: the one place where the CLI (`fgr theory`,
 * `fgr simulate --csv`) and the figures call the theory module.
 *
 * Which columns apply: `fgr` (exp(-4 gamma tau) = exp(-Gamma_FGR t)) always; `eq5` and `large_gamma` (the gamma >> 1
 * form of Eq. 5) and `P_res_eq4` for GUE only (they are unitary-class results); `eq6` for the classes U, O, S (GUE,
 * GOE, GSE). For GSE, `eq6` uses the paper's gamma 2gN for the plateau terms and gN for the decay (DESIGN.md sec. 1).
 */
import { fgrDecay, pEq5Grid, pEq6, pLargeGamma, pResEq4 } from '../theory/index.js';
import type { Ensemble } from '../model/index.js';

export interface Column {
  name: string;
  values: number[];
}

/** Eq. 4 at gamma = g N (GUE). */
export function eq4(gamma: number): number {
  return pResEq4(gamma);
}

export function fgrColumn(gamma: number, tau: ArrayLike<number>): number[] {
  return Array.from(tau, (t) => fgrDecay(gamma, t));
}

export function eq5Column(gamma: number, tau: ArrayLike<number>): number[] {
  return Array.from(pEq5Grid(gamma, Float64Array.from(tau)) as ArrayLike<number>);
}

export function eq6Column(cls: 'U' | 'O' | 'S', gammaModel: number, tau: ArrayLike<number>): number[] {
  return Array.from(tau, (t) => pEq6(cls, gammaModel, t));
}

/** Theory columns that apply to `ensemble` at gamma = g N (see the module comment). */
export function theoryColumns(ensemble: Ensemble, gamma: number, tau: ArrayLike<number>): Column[] {
  const cols: Column[] = [{ name: 'fgr', values: fgrColumn(gamma, tau) }];
  if (ensemble.name === 'GUE') {
    cols.push({ name: 'eq5', values: eq5Column(gamma, tau) });
    cols.push({ name: 'large_gamma', values: Array.from(tau, (t) => pLargeGamma(gamma, t)) });
  }
  if (ensemble.classLabel) cols.push({ name: 'eq6', values: eq6Column(ensemble.classLabel, gamma, tau) });
  if (ensemble.name === 'GUE') {
    const r = eq4(gamma);
    cols.push({ name: 'P_res_eq4', values: Array.from(tau, () => r) });
  }
  return cols;
}
