/**
 * Eq. 4: the stationary probability of residence (GUE, N -> infinity at fixed gamma = g N)
 *
 *     P_res(gamma) = 1 - gamma - sqrt(pi gamma) (1/2 - gamma) e^gamma erfc(sqrt gamma)
 *
 * The three terms are O(gamma) and cancel to ~1/gamma, so the formula as written loses ~2 log10(gamma) digits. Three
 * algebraically equivalent evaluations, each used where it is accurate to ~1e-16 relative (checked against 50-digit
 * mpmath; see test/theory.test.ts):
 *
 * - `direct`     gamma < 1: the formula with `e^gamma erfc(sqrt gamma) = erfcx(sqrt gamma)`.
 * - `cf`         1 <= gamma < 50: Laplace's continued fraction sqrt(pi) erfcx(y) = 1/T0, T_n = y + ((n+1)/2)/T_{n+1},
 *                y = sqrt(gamma). Substituting it, the cancellation can be done exactly by hand:
 *                P_res = (1 + y/T2) / (2 T0 T1), a sum/product of positive terms (no cancellation).
 * - `asymptotic` gamma >= 50: the large-gamma series
 *                P_res = sum_{n>=1} (-1)^{n+1} (n+1) (2n-1)!! / (2 gamma)^n = 1/gamma - 9/(4 gamma^2) + 15/(2 gamma^3) - ...
 *                (from erfcx's asymptotic series), summed up to its smallest term (< 1e-17 relative for gamma >= 50).
 *
 * @module
 */
import { erfcx } from './special.js';

/** Evaluation method of {@link pResEq4}; `auto` picks the accurate one for the given gamma. */
export type PResMethod = 'auto' | 'direct' | 'cf' | 'asymptotic';

/** Switch points of {@link pResEq4}'s `auto` method (direct | continued fraction | asymptotic series). */
export const P_RES_SWITCH = { directToCf: 1, cfToAsymptotic: 50 } as const;

function pResDirect(gamma: number): number {
  const y = Math.sqrt(gamma);
  return 1 - gamma - Math.sqrt(Math.PI) * y * (0.5 - gamma) * erfcx(y);
}

function pResContinuedFraction(gamma: number): number {
  const y = Math.sqrt(gamma);
  // Backward recurrence T_{n-1} = y + (n/2) / T_n from a deep tail T_depth ~ y down to T_2.
  // Depth from convergence tests vs mpmath: 230 terms give < 1e-16 at gamma = 1, fewer suffice above.
  const depth = Math.ceil(30 + 200 / Math.min(gamma, 1e6));
  let t = y;
  for (let n = depth; n >= 3; n--) t = y + (0.5 * n) / t;
  const t2 = t;
  const t1 = y + 1 / t2;
  const t0 = y + 0.5 / t1;
  return (1 + y / t2) / (2 * t0 * t1);
}

function pResAsymptotic(gamma: number): number {
  // term_n = (n+1) (2n-1)!! / (2 gamma)^n, alternating in sign; stop at the smallest term or below 1e-18 relative.
  const terms: number[] = [];
  let term = 1 / gamma; // n = 1: 2 * 1 / (2 gamma)
  for (let n = 1; n < 400; n++) {
    terms.push(n & 1 ? term : -term);
    const next = (term * (n + 2) * (2 * n + 1)) / ((n + 1) * 2 * gamma);
    if (next >= term || next < 1e-18 * terms[0]) break;
    term = next;
  }
  let s = 0;
  for (let i = terms.length - 1; i >= 0; i--) s += terms[i]; // smallest first
  return s;
}

/**
 * Eq. 4: stationary probability of residence `P_res(gamma)` of the GUE model (gamma = g N).
 *
 * Accurate to ~1e-16 relative for all gamma >= 0 (see the module notes); `P_res(0) = 1`, `P_res(Infinity) = 0`,
 * `P_res ~ 1/gamma - 9/(4 gamma^2)` for large gamma. Valid for N >> gamma (finite-N corrections O(gamma/N)).
 *
 * @param gamma - g N, >= 0 (NaN for negative or NaN input)
 * @param method - evaluation branch; leave `auto` except to test the branches against each other
 * @returns P_res in [0, 1]
 *
 * @example
 * pResEq4(0);      // 1
 * pResEq4(0.46);   // 0.5142942147230221
 * pResEq4(46);     // 0.02074628441154971
 * pResEq4(1e5);    // 0.000009999775007499672
 */
export function pResEq4(gamma: number, method: PResMethod = 'auto'): number {
  if (!(gamma >= 0)) return NaN;
  if (gamma === 0) return 1;
  if (gamma === Infinity) return 0;
  const m =
    method !== 'auto'
      ? method
      : gamma < P_RES_SWITCH.directToCf
        ? 'direct'
        : gamma < P_RES_SWITCH.cfToAsymptotic
          ? 'cf'
          : 'asymptotic';
  if (m === 'direct') return pResDirect(gamma);
  if (m === 'cf') return pResContinuedFraction(gamma);
  return pResAsymptotic(gamma);
}
