/**
 * Spectral form factors and Eq. 6, the symmetry-class generalisation of P(tau) for gamma >> 1.
 *
 * Form factors are normalised to K(∞) = 1, tau in units of the Heisenberg time (for GSE: of the Kramers pairs):
 *
 *     GUE (U)  K = tau (tau < 1), 1 (tau >= 1)
 *     GOE (O)  K = 2 tau - tau ln(1 + 2 tau) (tau <= 1),  2 - tau ln((2 tau + 1)/(2 tau - 1)) (tau > 1)
 *     GSE (S)  K = tau/2 - (tau/4) ln|1 - tau| (tau < 2), 1 (tau >= 2); log divergence at tau = 1
 *     Poisson (P)  K = 1
 *
 * @module
 */

/** Wigner–Dyson symmetry class of Eq. 6: U (GUE), O (GOE), S (GSE). */
export type SymmetryClass = 'U' | 'O' | 'S';
/** Form-factor class: a Wigner–Dyson class or P (Poisson). */
export type FormFactorClass = SymmetryClass | 'P';

/** Eq. 6 coefficients (a_X, b_X): U (1, 1), O (2, 1), S (1, 2). */
export const EQ6_COEFFICIENTS: Readonly<Record<SymmetryClass, { readonly a: number; readonly b: number }>> = {
  U: { a: 1, b: 1 },
  O: { a: 2, b: 1 },
  S: { a: 1, b: 2 },
};

/**
 * Spectral form factor K_X(tau), normalised so that K(∞) = 1.
 *
 * GSE at exactly tau = 1 returns the formula's value, `+Infinity` (the divergence -(tau/4) ln|1 - tau| is integrable
 * but has no finite limit); callers that plot should keep tau = 1 off their grid. All classes are continuous elsewhere
 * (GOE at tau = 1: 2 - ln 3 from both sides; GSE at tau = 2: 1). tau < 0 or NaN gives NaN.
 *
 * @param cls - 'U' | 'O' | 'S' | 'P'
 * @param tau - t / t_H >= 0
 *
 * @example
 * formFactor('U', 0.5);   // 0.5
 * formFactor('O', 0.5);   // 0.6534264097200273 (= 1 - ln(2)/2)
 * formFactor('S', 0.5);   // 0.3366433975699932
 * formFactor('S', 1);     // Infinity
 * formFactor('P', 0.1);   // 1
 */
export function formFactor(cls: FormFactorClass, tau: number): number {
  if (!(tau >= 0)) return NaN;
  switch (cls) {
    case 'U':
      return tau < 1 ? tau : 1;
    case 'O':
      if (tau <= 1) return 2 * tau - tau * Math.log1p(2 * tau);
      if (tau === Infinity) return 1;
      return 2 - tau * Math.log1p(2 / (2 * tau - 1));
    case 'S':
      if (tau >= 2) return 1;
      if (tau === 1) return Infinity;
      return 0.5 * tau - 0.25 * tau * (tau < 1 ? Math.log1p(-tau) : Math.log(tau - 1));
    case 'P':
      return 1;
    default:
      throw new RangeError(`formFactor: class must be 'U', 'O', 'S' or 'P', got '${String(cls)}'`);
  }
}

/** Options for {@link pEq6}. */
export interface Eq6Options {
  /**
   * Which gamma the second argument is (default `'model'`):
   * - `'model'`: gamma = g N of the model (DESIGN.md section 1; for GSE N counts Kramers pairs). The FGR exponent is
   *   exp(-4 gamma tau) and the paper's gamma is 2 gamma for class S, gamma otherwise.
   * - `'paper'`: the gamma of the paper's Eq. 6 row. For class S the FGR exponent then uses gamma/2.
   * For U and O the two coincide.
   */
  gamma?: 'model' | 'paper';
}

/**
 * Eq. 6: `P_X(tau) = e^{-4 gamma tau} + (a_X + b_X K_X(tau)) / (2 gamma_paper)`, (a, b) = U (1,1), O (2,1), S (1,2);
 * the paper's hypothesis for gamma >> 1.
 *
 * GSE convention (DESIGN.md section 1): pass the model's gamma = g N (N Kramers pairs, E|W_k|^2 = g lambda^2/N). The
 * FGR exponential is exp(-4 g N tau) (rate 2 g lambda), while the S row of Eq. 6 holds with gamma_paper = 2 g N (both
 * states of each pair counted). This function applies that itself: for class S it uses exp(-4 gammaModel tau) and
 * divides by 2 * (2 gammaModel). Pass `{ gamma: 'paper' }` to give the paper's gamma instead.
 *
 * @param cls - 'U' | 'O' | 'S'
 * @param gamma - g N of the model (default) or the paper's gamma (see opts)
 * @param tau - t / t_H >= 0 (class S at tau = 1 gives Infinity; see {@link formFactor})
 *
 * @example
 * pEq6('U', 46, 2);     // 0.021739130434782608 (= 2 / (2 * 46))
 * pEq6('O', 46, 0.5);   // 0.028841591410000297 (= (2 + K_O(0.5)) / 92 + e^{-92})
 * pEq6('S', 23, 3);     // 0.03260869565217391 (= 3 / (2 * 46): gamma_paper = 46, late plateau)
 * pEq6('S', 46, 3, { gamma: 'paper' });   // same value
 */
export function pEq6(cls: SymmetryClass, gamma: number, tau: number, opts: Eq6Options = {}): number {
  const c = EQ6_COEFFICIENTS[cls];
  if (!c) throw new RangeError(`pEq6: class must be 'U', 'O' or 'S', got '${String(cls)}'`);
  if (!(gamma >= 0) || !(tau >= 0)) return NaN;
  const factor = cls === 'S' ? 2 : 1;
  const paper = opts.gamma === 'paper';
  const gammaModel = paper ? gamma / factor : gamma;
  const gammaPaper = paper ? gamma : factor * gamma;
  return Math.exp(-4 * gammaModel * tau) + (c.a + c.b * formFactor(cls, tau)) / (2 * gammaPaper);
}

/** Asymptotic offset and plateau of one class (N >> gamma >> 1). */
export interface OffsetsAndPlateaus {
  /** a_X of Eq. 6. */
  a: number;
  /** b_X of Eq. 6. */
  b: number;
  /** P_off * 2 gamma_paper = a_X: (1, 2, 1) for (U, O, S). */
  offset: number;
  /** P_pl * 2 gamma_paper = a_X + b_X: (2, 3, 3). */
  plateau: number;
  /** P_pl / P_off: (2, 3/2, 3). */
  ratio: number;
  /** With a gamma argument: P_off = offset / (2 gamma_paper). */
  pOff?: number;
  /** With a gamma argument: P_pl = plateau / (2 gamma_paper). */
  pPl?: number;
  /** With a gamma argument: the paper's gamma used (2 gamma for S, per the GSE convention). */
  gammaPaper?: number;
}

/**
 * Offsets P_off and plateaus P_pl of Eq. 6 (tau -> 0 after the FGR decay, and tau -> ∞), in units of 1/(2 gamma_paper):
 * P_off (1, 2, 1), P_pl (2, 3, 3), ratios (2, 3/2, 3) for (U, O, S). With `gammaModel` (g N, the model's gamma, GSE
 * convention as in {@link pEq6}) the absolute values are included too.
 *
 * @example
 * offsetsAndPlateaus('O');       // { a: 2, b: 1, offset: 2, plateau: 3, ratio: 1.5 }
 * offsetsAndPlateaus('S', 23).pPl;   // 0.03260869565217391 (= 3 / 92)
 */
export function offsetsAndPlateaus(cls: SymmetryClass, gammaModel?: number): OffsetsAndPlateaus {
  const c = EQ6_COEFFICIENTS[cls];
  if (!c) throw new RangeError(`offsetsAndPlateaus: class must be 'U', 'O' or 'S', got '${String(cls)}'`);
  const r: OffsetsAndPlateaus = { a: c.a, b: c.b, offset: c.a, plateau: c.a + c.b, ratio: (c.a + c.b) / c.a };
  if (gammaModel !== undefined) {
    const gammaPaper = (cls === 'S' ? 2 : 1) * gammaModel;
    r.gammaPaper = gammaPaper;
    r.pOff = r.offset / (2 * gammaPaper);
    r.pPl = r.plateau / (2 * gammaPaper);
  }
  return r;
}
