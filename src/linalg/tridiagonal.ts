/**
 * Symmetric tridiagonal eigenproblems, the O(N^2) core of the exact fast path (DESIGN.md section 3).
 *
 * Matrix convention: diagonal d[0..n-1], off-diagonal b[0..n-2] with T[k][k+1] = T[k+1][k] = b[k].
 * - `tridiagEigenvalues`: eigenvalues only, by the rational (root-free) QL algorithm of Reinsch (EISPACK tqlrat),
 *   O(n^2) time, O(n) memory.
 * - `firstComponentWeights`: p_a = |v_a(0)|^2 for each eigenvalue e_a, from the continued fraction
 *   f(e) = d_0(e), d_k = e - T_kk - b_k^2 / d_{k+1} (the LDL^T pivots of e - T from the bottom), p_a = 1/f'(e_a).
 *   O(n) per eigenvalue, evaluated four eigenvalues at a time so the division chains overlap.
 */

/** Smallest positive normal double times a safety factor: replaces exact-zero pivots. */
const TINY = 1e-290;

/**
 * Eigenvalues of a symmetric tridiagonal matrix, ascending.
 * @param d diagonal (length n), not modified
 * @param b off-diagonal (length n-1), not modified
 * @param out eigenvalues (length n), ascending
 * @param work scratch of length >= 2n (optional, to avoid allocation in hot loops)
 * @returns the number of QL iterations used (for diagnostics)
 * @example tridiagEigenvalues([0, 0], [1], out) // out = [-1, 1]
 */
export function tridiagEigenvalues(
  d: ArrayLike<number>,
  b: ArrayLike<number>,
  out: Float64Array,
  work?: Float64Array,
): number {
  const n = d.length;
  if (n === 0) return 0;
  const w = work && work.length >= 2 * n ? work : new Float64Array(2 * n);
  // dd = w[0..n), e2 = w[n..2n): e2[i] = b[i]^2 couples i and i+1, e2[n-1] = 0.
  const dd = w.subarray(0, n);
  const e2 = w.subarray(n, 2 * n);
  for (let i = 0; i < n; i++) dd[i] = d[i];
  for (let i = 0; i < n - 1; i++) e2[i] = b[i] * b[i];
  e2[n - 1] = 0;
  let iters = 0;
  let f = 0;
  let t = 0;
  let bEps = 0;
  let c = 0;
  for (let l = 0; l < n; l++) {
    let j = 0;
    const hl = Math.abs(dd[l]) + Math.sqrt(e2[l]);
    if (t < hl) {
      t = hl;
      bEps = t * 2.220446049250313e-16;
      c = bEps * bEps;
    }
    for (;;) {
      let m = l;
      while (e2[m] > c) m++; // e2[n-1] = 0 stops the scan
      if (m === l) break;
      if (j === 60) throw new Error(`tridiagEigenvalues: no convergence for eigenvalue ${l} after 60 iterations`);
      j++;
      iters++;
      // Shift: eigenvalue of the leading 2x2 block closer to dd[l]; the origin shift h is applied to
      // dd[l+1..m] on the fly inside the sweep and to dd[m+1..n-1] afterwards (one pass, not two).
      const l1 = l + 1;
      let s = Math.sqrt(e2[l]);
      let g = dd[l];
      let p = (dd[l1] - g) / (2 * s);
      let r = Math.hypot(p, 1);
      const dl = s / (p + (p >= 0 ? r : -r));
      const shift = g - dl;
      f += shift;
      for (let i = m + 1; i < n; i++) dd[i] -= shift;
      // Rational QL transformation, i = m-1 down to l (dd[i] read shifted; dd[l] is the shifted dl).
      g = dd[m] - shift;
      if (g === 0) g = bEps;
      let h = g;
      s = 0;
      for (let i = m - 1; i >= l; i--) {
        const di = i === l ? dl : dd[i] - shift;
        const ei = e2[i];
        p = g * h;
        r = p + ei;
        const ir = 1 / r;
        e2[i + 1] = s * r;
        s = ei * ir;
        dd[i + 1] = h + s * (h + di);
        g = di - ei / g;
        if (g === 0) g = bEps;
        h = g * p * ir;
      }
      e2[l] = s * g;
      dd[l] = h;
      if (h === 0) break;
      if (Math.abs(e2[l]) <= Math.abs(c / h)) break;
      e2[l] = h * e2[l];
      if (e2[l] === 0) break;
    }
    out[l] = dd[l] + f;
  }
  out.sort();
  return iters;
}

/**
 * Squared first components p_a = |v_a(0)|^2 of the normalised eigenvectors, one per eigenvalue, from
 * p_a = 1 / f'(e_a) with f(e) = d_0(e) the top pivot of the bottom-up LDL^T factorisation of (e - T):
 *   d_{n-1} = e - T_{n-1,n-1},  d_k = e - T_kk - b_k^2 / d_{k+1},
 *   d'_{n-1} = 1,               d'_k = 1 + b_k^2 d'_{k+1} / d_{k+1}^2.
 * Exact-zero pivots are replaced by a tiny number (as in Sturm counts). Accurate when e_a is accurate to
 * O(eps ||T||), including eigenvalues within 1e-8 of an eigenvalue of the lower block (weights ~ shift^2).
 *
 * 1/f'(e) is the weight only at a root of f. An eigenvalue that floating point cannot separate from an eigenvalue of
 * the lower block (couplings so weak that the shift is below the rounding of e, e.g. g < 1e-20), or that belongs to a
 * block the chain has numerically decoupled from row 0 (tiny b_k, e.g. beta -> 0), is not a root of f to working
 * precision: there |f(e)| is O(||T||) and 1/f' would be a spurious weight near 1. Such a weight is below resolution
 * and is set to 0: p_a is kept only when the Newton step |f/f'| lies within the eigenvalue's own accuracy,
 * 64 n eps ||T||.
 * @param bsq squared off-diagonal (length n-1)
 */
export function firstComponentWeights(
  d: ArrayLike<number>,
  bsq: ArrayLike<number>,
  eig: ArrayLike<number>,
  p: Float64Array,
): void {
  const n = d.length;
  if (n === 1) {
    p[0] = 1;
    return;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(eig[i]));
  const tol = 64 * n * 2.220446049250313e-16 * norm;
  // Weight from f = x (the top pivot d_0) and f' = y: zero unless e is a root of f to working precision.
  const w = (x: number, y: number) => (Math.abs(x) <= tol * y ? 1 / y : 0);
  let a = 0;
  // Four eigenvalues per pass: independent division chains run in parallel in the CPU pipeline.
  for (; a + 3 < n; a += 4) {
    const e0 = eig[a], e1 = eig[a + 1], e2 = eig[a + 2], e3 = eig[a + 3];
    let x0 = e0 - d[n - 1], x1 = e1 - d[n - 1], x2 = e2 - d[n - 1], x3 = e3 - d[n - 1];
    let y0 = 1, y1 = 1, y2 = 1, y3 = 1;
    for (let k = n - 2; k >= 0; k--) {
      const bb = bsq[k];
      const dk = d[k];
      if (x0 === 0) x0 = TINY;
      if (x1 === 0) x1 = TINY;
      if (x2 === 0) x2 = TINY;
      if (x3 === 0) x3 = TINY;
      const i0 = 1 / x0, i1 = 1 / x1, i2 = 1 / x2, i3 = 1 / x3;
      const r0 = bb * i0, r1 = bb * i1, r2 = bb * i2, r3 = bb * i3;
      y0 = 1 + r0 * i0 * y0;
      y1 = 1 + r1 * i1 * y1;
      y2 = 1 + r2 * i2 * y2;
      y3 = 1 + r3 * i3 * y3;
      x0 = e0 - dk - r0;
      x1 = e1 - dk - r1;
      x2 = e2 - dk - r2;
      x3 = e3 - dk - r3;
    }
    p[a] = w(x0, y0);
    p[a + 1] = w(x1, y1);
    p[a + 2] = w(x2, y2);
    p[a + 3] = w(x3, y3);
  }
  for (; a < n; a++) {
    const e = eig[a];
    let x = e - d[n - 1];
    let y = 1;
    for (let k = n - 2; k >= 0; k--) {
      if (x === 0) x = TINY;
      const ix = 1 / x;
      const r = bsq[k] * ix;
      y = 1 + r * ix * y;
      x = e - d[k] - r;
    }
    p[a] = w(x, y);
  }
}
