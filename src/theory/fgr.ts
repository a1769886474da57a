/**
 * Golden-rule rate (Eq. 3), the FGR exponential and the paper's large-gamma form of P(tau).
 *
 * Conventions (DESIGN.md section 1): gamma = g N, tau = t / t_H with t_H = 2 N / lambda, so
 * exp(-Gamma_FGR t) = exp(-4 gamma tau).
 *
 * @module
 */

/**
 * Eq. 3: golden-rule decay rate `Gamma = 2 pi E|W|^2 nu = 2 g lambda`.
 *
 * @param g - coupling (E|W_k|^2 = g lambda^2 / N)
 * @param lambda - energy scale (semicircle radius 2 lambda)
 *
 * @example
 * gammaFGR(0.046, 1);   // 0.092
 */
export function gammaFGR(g: number, lambda: number): number {
  return 2 * g * lambda;
}

/**
 * FGR exponential in dimensionless time: `exp(-Gamma t) = exp(-4 gamma tau)`.
 *
 * @param gamma - g N (for GSE: g N, not the paper's 2 g N; DESIGN.md section 1)
 * @param tau - t / t_H
 *
 * @example
 * fgrDecay(46, 0.01);   // 0.15881742610692068 (= e^{-1.84})
 */
export function fgrDecay(gamma: number, tau: number): number {
  return Math.exp(-4 * gamma * tau);
}

/**
 * The paper's large-gamma evaluation of Eq. 5 (GUE, gamma >> 1):
 * `e^{-4 gamma tau} + (1/2gamma)(1 + tau) Theta(1 - tau) + (1/gamma) Theta(tau - 1)`.
 * At tau = 1 both branches give 1/gamma (+ e^{-4 gamma}); this returns the tau >= 1 branch there.
 *
 * @param gamma - g N > 0
 * @param tau - t / t_H >= 0 (NaN for negative tau)
 *
 * @example
 * pLargeGamma(46, 0.5);   // 0.016304347826086956 (= 1.5 / 92)
 * pLargeGamma(46, 2);     // 0.021739130434782608 (= 1 / 46)
 */
export function pLargeGamma(gamma: number, tau: number): number {
  if (!(tau >= 0) || !(gamma >= 0)) return NaN;
  const decay = Math.exp(-4 * gamma * tau);
  return tau < 1 ? decay + (1 + tau) / (2 * gamma) : decay + 1 / gamma;
}
