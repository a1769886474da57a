/**
 * Eq. 5, the crossover integral for P(tau) (GUE):
 *
 *     P(tau) = e^{-4 gamma tau} + 2 gamma^2 ∫_{-1}^{1} d lf ∫_{1}^{∞} d lb  x^2 e^{-2 gamma x lb} [lb I0(zb) - mb I1(zb)] Θ(x) / (lb - lf)
 *
 * with x = 2 tau - lb + lf, mb = sqrt(lb^2 - 1), zb = 2 gamma x mb.
 *
 * Reduction to one dimension (exact). Write k = 2 gamma x. For fixed x the lb-integrand is a total derivative:
 *
 *     d/d lb [ e^{-k lb} mb I1(k mb) ] = k e^{-k lb} [lb I0(k mb) - mb I1(k mb)]
 *
 * (use d(mb)/d(lb) = lb/mb and d/dz [z I1(z)] = z I0(z)). Change variables (lf, lb) -> (x, lb) at fixed x: lf = x + lb - 2 tau
 * in [-1, 1] means lb in [max(1, rho - 1), rho + 1] with rho = lb - lf = 2 tau - x in [0, 2 tau], and 1/(lb - lf) = 1/rho.
 * The lb-integral is then done in closed form:
 *
 *     P(tau) = e^{-4 gamma tau} + gamma ∫_0^{2 tau} dx  x [G_k(rho) - G_k(max(0, rho - 2))] / rho,
 *     G_k(a)  = e^{-k(1+a)} mu I1(k mu) = mu e^{-k/(1 + a + mu)} i1e(k mu),   mu = sqrt(a (2 + a)),
 *
 * where a = lb - 1, i1e(z) = I1(z) e^{-z}, and 1 + a - mu = 1/(1 + a + mu) folds the exponentials without overflow or
 * cancellation. The corner singularity lb = lf = 1 of Eq. 5 is gone: G_k(a)/a -> k e^{-k} as a -> 0 (G_k is analytic in a,
 * G_k(0) = 0). What remains is a smooth one-dimensional integrand with a derivative jump at rho = 2 (x = 2 tau - 2) and,
 * for large gamma, structure on the scale x ~ 1/(gamma (1 + 2 tau)) near x = 0. It is integrated by adaptive 21-point
 * Gauss–Kronrod with breakpoints at x = 2 tau - 2 and at x = 2 tau 2^{-j} down to that scale. The integrand is positive,
 * so the relative error target is meaningful.
 *
 * Does P(tau >= 1) equal P_res exactly? No. For tau >= 1 the Θ(x) region contains all lf in [-1, 1], but the integrand
 * still depends on tau through x; P(tau) approaches P_res (Eq. 4) from below, super-exponentially fast (roughly like
 * exp(-3.5 gamma tau^2) for gamma <~ 1): P(tau) - P_res = -1.6e-4 at (gamma, tau) = (46, 1), -1.3e-11 at (46, 1.1),
 * -3.0e-2 at (0.46, 1.5), -2.8e-6 at (0.46, 3), -4.9e-11 at (0.46, 4), -6.9e-5 at (0.022, 10). For gamma = 46 it is
 * below double precision from tau ~ 1.2 on, which is why the reference table shows P = P_res there. So nothing is
 * short-cut: the integral is always evaluated (it is cheap); only tau = Infinity returns P_res directly.
 *
 * @module
 */
import { pResEq4 } from './eq4.js';
import { integrate } from './quadrature.js';
import { besselI1e } from './special.js';

/** Accuracy and effort controls for {@link pEq5}. */
export interface Eq5Options {
  /** Relative error target for the integral term (default 1e-12). */
  epsRel?: number;
  /** Absolute error target for the integral term (default 1e-16). */
  epsAbs?: number;
  /** Most Gauss–Kronrod subintervals (default 4000). */
  maxIntervals?: number;
}

/** {@link pEq5WithError}'s result. */
export interface Eq5Result {
  /** P(tau). */
  value: number;
  /** Estimated absolute error of `value`. */
  error: number;
  /** Integrand evaluations used. */
  evaluations: number;
  /** Whether the quadrature met its error target. */
  converged: boolean;
}

/** G_k(a) = e^{-k(1+a)} mu I1(k mu), mu = sqrt(a(2+a)), evaluated with the exponentials folded. */
function gk(k: number, a: number): number {
  if (a <= 0) return 0;
  const mu = Math.sqrt(a * (2 + a));
  return mu * Math.exp(-k / (1 + a + mu)) * besselI1e(k * mu);
}

/** The reduced integrand gamma x [G_k(rho) - G_k(rho - 2)] / rho, rho = 2 tau - x, k = 2 gamma x. */
function integrand(x: number, gamma: number, twoTau: number): number {
  const k = 2 * gamma * x;
  const rho = twoTau - x;
  if (!(rho > 1e-300)) return gamma * x * k * Math.exp(-k); // limit rho -> 0
  const lower = rho > 2 ? gk(k, rho - 2) : 0;
  return (gamma * x * (gk(k, rho) - lower)) / rho;
}

/**
 * {@link pEq5} with the quadrature's error estimate and effort.
 *
 * @example
 * const r = pEq5WithError(0.46, 1);
 * r.value;           // 0.4253235982076115
 * r.error < 1e-13;   // true
 */
export function pEq5WithError(gamma: number, tau: number, opts: Eq5Options = {}): Eq5Result {
  if (!(gamma >= 0) || !(tau >= 0) || gamma === Infinity) {
    return { value: NaN, error: NaN, evaluations: 0, converged: false };
  }
  if (tau === Infinity) return { value: pResEq4(gamma), error: 0, evaluations: 0, converged: true };
  const decay = Math.exp(-4 * gamma * tau);
  if (gamma === 0 || tau === 0) return { value: decay, error: 0, evaluations: 0, converged: true };

  const twoTau = 2 * tau;
  const breakpoints: number[] = [];
  if (tau > 1) breakpoints.push(twoTau - 2);
  // Geometric breakpoints towards x = 0, down to the smallest structure scale ~ 1/(gamma (1 + 2 tau)).
  const levels = Math.min(60, Math.max(0, Math.ceil(Math.log2(40 * tau * gamma * (1 + twoTau)))));
  for (let j = 1; j <= levels; j++) breakpoints.push(twoTau * Math.pow(2, -j));

  const r = integrate((x) => integrand(x, gamma, twoTau), 0, twoTau, {
    epsRel: opts.epsRel ?? 1e-12,
    epsAbs: opts.epsAbs ?? 1e-16,
    maxIntervals: opts.maxIntervals ?? 4000,
    breakpoints,
  });
  return { value: decay + r.value, error: r.error, evaluations: r.evaluations, converged: r.converged };
}

/**
 * Eq. 5: P(tau) of the GUE model for N -> infinity at fixed gamma = g N (the paper's red curves, Fig. 2a–c).
 *
 * Evaluated by the exact one-dimensional reduction in the module notes (~1e-12 relative; agrees with the independent
 * 2D reference values to <= 8e-15 absolute). P(0) = 1, P(tau -> ∞) = P_res(gamma) (Eq. 4). Finite for all gamma >= 0,
 * tau >= 0 (tested on gamma in [1e-4, 1e5], tau in [1e-3, 1e3]). At most ~1000 integrand evaluations per point
 * (a 200-point curve takes ~10–30 ms in Node).
 *
 * @param gamma - g N >= 0
 * @param tau - t / t_H >= 0; Infinity gives P_res(gamma); negative or NaN gives NaN
 * @param opts - quadrature tolerances
 *
 * @example
 * pEq5(46, 0.05);       // 0.010941467398348101
 * pEq5(0.46, 1);        // 0.4253235982076115
 * pEq5(0.022, 5);       // 0.8512394497835041
 * pEq5(0.46, Infinity); // 0.5142942147230221 (= pResEq4(0.46))
 */
export function pEq5(gamma: number, tau: number, opts: Eq5Options = {}): number {
  return pEq5WithError(gamma, tau, opts).value;
}

/**
 * Eq. 5 on a grid of tau values (one gamma). Same accuracy as {@link pEq5}.
 *
 * @example
 * pEq5Grid(0.46, [0, 1, Infinity]);   // Float64Array [1, 0.4253235982076115, 0.5142942147230221]
 */
export function pEq5Grid(gamma: number, tau: ArrayLike<number>, opts: Eq5Options = {}): Float64Array {
  const out = new Float64Array(tau.length);
  for (let i = 0; i < tau.length; i++) out[i] = pEq5WithError(gamma, tau[i], opts).value;
  return out;
}
