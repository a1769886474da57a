import type { Spectrum } from '../sampling/types.js';

/**
 * P(t) = |sum_a p_a exp(-i e_a t)|^2 for one sample on a grid of times, and P_res = sum_a p_a^2.
 *
 * The phase e_a t reaches ~1e4 rad at tau ~ 10. Each term uses an inlined sin/cos: Cody-Waite reduction by pi/2
 * (three-part constant, exact for |k| < 2^20 quadrants, i.e. |e t| < 1.6e6 rad; beyond that the reduction error
 * grows like |e t| * 2^-53, the same order as the rounding of the product e t itself; the quadrant k is rounded
 * with the 1.5 * 2^52 trick, valid for |e t| < 2^51) and the Cephes minimax
 * polynomials on [-pi/4, pi/4] (|error| < 2e-16), with quadrant selection done arithmetically (no branches, no
 * libm call per term). Tested against Math.sin/Math.cos.
 */

// fdlibm's pi/2 split: PIO2_1 has 33 significant bits.
const PIO2_1 = 1.5707963267341256e0;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487959506e-21;
const TWO_OVER_PI = 0.6366197723675814;
/** 1.5 * 2^52: (y + MAGIC) - MAGIC is y rounded to the nearest integer for |y| < 2^51 (faster than Math.round). */
const MAGIC = 6755399441055744.0;
// Cephes sin/cos coefficients.
const S1 = -1.66666666666666307295e-1, S2 = 8.33333333332211858878e-3, S3 = -1.98412698295895385996e-4;
const S4 = 2.75573136213857245213e-6, S5 = -2.50507477628578072866e-8, S6 = 1.58962301576546568060e-10;
const C1 = 4.16666666666665929218e-2, C2 = -1.38888888888730564116e-3, C3 = 2.48015872888517045348e-5;
const C4 = -2.75573141792967388112e-7, C5 = 2.08757008419747316778e-9, C6 = -1.13585365213876817300e-11;

/** sin and cos of x into out[0], out[1] with the same arithmetic as `pOfT` (exported for tests). */
export function sincos(x: number, out: Float64Array | number[]): void {
  const k = x * TWO_OVER_PI + MAGIC - MAGIC;
  const r = x - k * PIO2_1 - k * PIO2_2 - k * PIO2_3;
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const q = (k | 0) & 3;
  const odd = q & 1;
  const sinx = (s + odd * (c - s)) * (1 - (q & 2));
  const cosx = (c + odd * (s - c)) * (1 - ((q + 1) & 2));
  out[0] = sinx;
  out[1] = cosx;
}

/**
 * P(t_i) for one sample.
 * @param n number of levels used from `spec` (defaults to all)
 */
export function pOfT(spec: Spectrum, t: ArrayLike<number>, out: Float64Array, n: number = spec.e.length): void {
  const e = spec.e, p = spec.p;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i];
    let re = 0, im = 0;
    for (let a = 0; a < n; a++) {
      const x = e[a] * ti;
      const k = x * TWO_OVER_PI + MAGIC - MAGIC;
      const r = x - k * PIO2_1 - k * PIO2_2 - k * PIO2_3;
      const z = r * r;
      const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
      const c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
      const q = (k | 0) & 3;
      const odd = q & 1;
      const pa = p[a];
      re += pa * (c + odd * (s - c)) * (1 - ((q + 1) & 2));
      im += pa * (s + odd * (c - s)) * (1 - (q & 2));
    }
    out[i] = re * re + im * im;
  }
}

/** P_res = sum_a p_a^2: the infinite-time average of P(t) for a non-degenerate spectrum. */
export function pRes(spec: Spectrum, n: number = spec.p.length): number {
  let s = 0;
  const p = spec.p;
  for (let a = 0; a < n; a++) s += p[a] * p[a];
  return s;
}
