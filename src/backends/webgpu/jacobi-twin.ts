/**
 * CPU twin of shaders/jacobi.wgsl (same algorithm, same inputs and outputs, f64): parallel cyclic Jacobi for a complex
 * Hermitian matrix with round-robin pairing, carrying only the first row of the eigenvector matrix. The test oracle of
 * the GPU kernel (together with ml-matrix, src/linalg/dense.ts), and a reference for the rotation formulas.
 *
 * @example
 * const r = cpuJacobi({ re: Float64Array.of(2, 1, 1, 2), im: new Float64Array(4), m: 2 });
 * // r.e = [1, 3, ...], r.p = [0.5, 0.5], r.converged = true, r.sweeps = 1
 */

export interface JacobiOptions {
  /** Stop when the off-diagonal Frobenius norm <= tol * ||A||_F (default 1e-6, right for f32 on the GPU). */
  tol?: number;
  /** Sweeps allowed before the sample is reported not converged (default 30). */
  maxSweeps?: number;
  /** Merge consecutive sorted eigenvalues (Kramers pairs of a GSE complex form): e = mean, p = sum. */
  kramers?: boolean;
}

export const JACOBI_DEFAULT_TOL = 1e-6;
export const JACOBI_DEFAULT_MAX_SWEEPS = 30;

export interface JacobiResult {
  /** Eigenvalues ascending, length m; with kramers the first m/2 are the levels and the rest 0. */
  e: Float64Array;
  /** Weights |V[0,a]|^2 in the same order (Kramers: summed over the pair; trailing entries 0). */
  p: Float64Array;
  /** Levels written: m, or m/2 with kramers. */
  nOut: number;
  sweeps: number;
  converged: boolean;
  /** Off-diagonal norm / ||A||_F when it stopped. */
  offRel: number;
  /** ||A||_F. */
  norm: number;
}

/** Pair k (0 <= k < M/2) of round r (0 <= r < M-1) of the round-robin schedule on M (even) indices, as [min, max]. */
export function roundRobinPair(r: number, k: number, M: number): [number, number] {
  const L = M - 1;
  let p = L, q = r;
  if (k !== 0) {
    p = (r + k) % L;
    q = (r + L - k) % L;
  }
  return p < q ? [p, q] : [q, p];
}

/**
 * Rotation of one Hermitian 2x2 block [[a, b], [conj b, d]]: R = [[c, w], [-conj w, c]] with w = s b/|b|, and the new
 * diagonal. Identity when b = 0; t = 1 (45 degrees) when a = d; never 0/0.
 */
export function jacobiRotation(a: number, d: number, bre: number, bim: number): { c: number; wre: number; wim: number; a1: number; d1: number } {
  const bm = Math.max(Math.abs(bre), Math.abs(bim));
  if (!(bm > 0)) return { c: 1, wre: 0, wim: 0, a1: a, d1: d };
  const xr = bre / bm, xi = bim / bm;
  const rs = Math.sqrt(xr * xr + xi * xi);
  const babs = bm * rs;
  const omr = xr / rs, omi = xi / rs;
  const diff = d - a;
  const tb = 2 * babs;
  const h = Math.max(Math.abs(diff), tb);
  const hyp = h * Math.sqrt((diff / h) ** 2 + (tb / h) ** 2);
  const t = ((diff >= 0 ? 1 : -1) * tb) / (Math.abs(diff) + hyp);
  const c = 1 / Math.sqrt(1 + t * t);
  const sn = t * c;
  return { c, wre: sn * omr, wim: sn * omi, a1: a - t * babs, d1: d + t * babs };
}

/**
 * Diagonalise the complex Hermitian matrix (re, im) of size m (row-major; not modified) by parallel cyclic Jacobi.
 * Same stopping rule, pairing, rotations and output layout as the GPU kernel.
 */
export function cpuJacobi(input: { re: ArrayLike<number>; im: ArrayLike<number>; m: number }, opts: JacobiOptions = {}): JacobiResult {
  const m = input.m;
  const tol = opts.tol ?? JACOBI_DEFAULT_TOL;
  const maxSweeps = opts.maxSweeps ?? JACOBI_DEFAULT_MAX_SWEEPS;
  const kramers = !!opts.kramers;
  if (kramers && m % 2 !== 0) throw new RangeError('cpuJacobi: kramers needs an even size');
  const re = Float64Array.from(input.re);
  const im = Float64Array.from(input.im);
  const vr = new Float64Array(m), vi = new Float64Array(m);
  vr[0] = 1;
  const M = m + (m & 1);
  const K = M / 2;
  const C = new Float64Array(K), WR = new Float64Array(K), WI = new Float64Array(K), A1 = new Float64Array(K), D1 = new Float64Array(K);
  const sumsq = (off: boolean) => {
    let acc = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (!off || i !== j) acc += re[i * m + j] ** 2 + im[i * m + j] ** 2;
    return acc;
  };
  const norm2 = sumsq(false);
  let sweeps = 0;
  let converged = false;
  let off2 = 0;
  for (;;) {
    off2 = sumsq(true);
    if (off2 <= tol * tol * norm2) { converged = true; break; }
    if (sweeps >= maxSweeps || !Number.isFinite(off2) || !Number.isFinite(norm2)) break;
    for (let r = 0; r < M - 1; r++) {
      for (let k = 0; k < K; k++) {
        const [p, q] = roundRobinPair(r, k, M);
        if (q >= m) { C[k] = 1; WR[k] = WI[k] = 0; continue; }
        const rt = jacobiRotation(re[p * m + p], re[q * m + q], re[p * m + q], im[p * m + q]);
        C[k] = rt.c; WR[k] = rt.wre; WI[k] = rt.wim; A1[k] = rt.a1; D1[k] = rt.d1;
      }
      for (let P = 0; P < K; P++) {
        const [p, q] = roundRobinPair(r, P, M);
        const c1 = C[P], w1r = WR[P], w1i = WI[P];
        for (let Q = P; Q < K; Q++) {
          if (P === Q) {
            if (q >= m) continue;
            re[p * m + p] = A1[P]; im[p * m + p] = 0;
            re[q * m + q] = D1[P]; im[q * m + q] = 0;
            re[p * m + q] = im[p * m + q] = re[q * m + p] = im[q * m + p] = 0;
            const ar = vr[p], ai = vi[p], br = vr[q], bi = vi[q];
            // v_p <- c v_p - conj(w) v_q;  v_q <- w v_p + c v_q
            vr[p] = c1 * ar - (w1r * br + w1i * bi);
            vi[p] = c1 * ai - (w1r * bi - w1i * br);
            vr[q] = w1r * ar - w1i * ai + c1 * br;
            vi[q] = w1r * ai + w1i * ar + c1 * bi;
            continue;
          }
          const [r0, s0] = roundRobinPair(r, Q, M);
          const c2 = C[Q], w2r = WR[Q], w2i = WI[Q];
          const hasq = q < m, hass = s0 < m;
          const ld = (i: number, j: number, ok: boolean): [number, number] => (ok ? [re[i * m + j], im[i * m + j]] : [0, 0]);
          const x00 = ld(p, r0, true), x01 = ld(p, s0, hass), x10 = ld(q, r0, hasq), x11 = ld(q, s0, hasq && hass);
          const mul = (x: [number, number], yr: number, yi: number): [number, number] => [x[0] * yr - x[1] * yi, x[0] * yi + x[1] * yr];
          const lin = (ca: number, x: [number, number], y: [number, number]): [number, number] => [ca * x[0] + y[0], ca * x[1] + y[1]];
          const neg = (x: [number, number]): [number, number] => [-x[0], -x[1]];
          // left: y0j = c1 x0j - w1 x1j; y1j = conj(w1) x0j + c1 x1j
          const y00 = lin(c1, x00, neg(mul(x10, w1r, w1i)));
          const y01 = lin(c1, x01, neg(mul(x11, w1r, w1i)));
          const y10 = lin(c1, x10, mul(x00, w1r, -w1i));
          const y11 = lin(c1, x11, mul(x01, w1r, -w1i));
          // right: z_i0 = c2 y_i0 - conj(w2) y_i1; z_i1 = w2 y_i0 + c2 y_i1
          const z00 = lin(c2, y00, neg(mul(y01, w2r, -w2i)));
          const z01 = lin(c2, y01, mul(y00, w2r, w2i));
          const z10 = lin(c2, y10, neg(mul(y11, w2r, -w2i)));
          const z11 = lin(c2, y11, mul(y10, w2r, w2i));
          const st = (i: number, j: number, z: [number, number], ok: boolean) => {
            if (!ok) return;
            re[i * m + j] = z[0]; im[i * m + j] = z[1];
            re[j * m + i] = z[0]; im[j * m + i] = -z[1];
          };
          st(p, r0, z00, true); st(p, s0, z01, hass); st(q, r0, z10, hasq); st(q, s0, z11, hasq && hass);
        }
      }
    }
    sweeps++;
  }
  const idx = Array.from({ length: m }, (_, i) => i).sort((i, j) => re[i * m + i] - re[j * m + j] || i - j);
  const e = new Float64Array(m), p = new Float64Array(m);
  idx.forEach((i, a) => { e[a] = re[i * m + i]; p[a] = vr[i] ** 2 + vi[i] ** 2; });
  // renormalise (sum p = 1), as the kernel does against its f32 drift of |v|
  const total = p.reduce((x, y) => x + y, 0);
  if (total > 0 && Number.isFinite(total)) for (let a = 0; a < m; a++) p[a] /= total;
  let nOut = m;
  if (kramers) {
    nOut = m / 2;
    const e2 = new Float64Array(m), p2 = new Float64Array(m);
    for (let a = 0; a < nOut; a++) { e2[a] = 0.5 * (e[2 * a] + e[2 * a + 1]); p2[a] = p[2 * a] + p[2 * a + 1]; }
    return { e: e2, p: p2, nOut, sweeps, converged, offRel: norm2 > 0 ? Math.sqrt(off2 / norm2) : 0, norm: Math.sqrt(norm2) };
  }
  return { e, p, nOut, sweeps, converged, offRel: norm2 > 0 ? Math.sqrt(off2 / norm2) : 0, norm: Math.sqrt(norm2) };
}
