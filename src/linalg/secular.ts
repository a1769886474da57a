/**
 * Eigen-decomposition of the arrowhead matrix [[eps0, W], [W^dagger, diag(E)]] through its secular equation
 * (DESIGN.md section 3.2): eigenvalues are the roots of
 *     f(e) = e - eps0 + sum_mu w_mu / (E_mu - e),   w_mu = |W_mu|^2 > 0,
 * one in each gap (E_mu, E_mu+1) and one beyond each end; the weight of |0> on the root is p = 1/f'(e).
 *
 * Each interior root is found relative to the nearer pole E_o (e = E_o + delta, with E_mu - e computed as
 * (E_mu - E_o) - delta), so roots within 1e-8 of a pole, as at gamma ~ 0.02, keep full relative accuracy in delta
 * and in p. Iteration: the two-pole rational model of Bunch, Nielsen and Sorensen (matches f and f' at the current
 * point with poles at the gap ends), safeguarded by bisection on a bracket that always contains the root.
 */

const EPS = 2.220446049250313e-16;
const MAX_IT = 80;

export interface SecularStats {
  /** Total evaluations of f (each O(N)). */
  evaluations: number;
}

/**
 * @param E dot levels, strictly ascending (length N)
 * @param w weights, > 0 (length N)
 * @param eps0 energy of |0>
 * @param outE roots ascending (length N+1)
 * @param outP weights of |0> on the roots (length N+1), sum 1
 */
export function solveArrowhead(
  E: Float64Array,
  w: Float64Array,
  eps0: number,
  outE: Float64Array,
  outP: Float64Array,
  stats?: SecularStats,
): void {
  const N = E.length;
  if (N === 0) {
    outE[0] = eps0;
    outP[0] = 1;
    return;
  }
  let W = 0;
  for (let mu = 0; mu < N; mu++) W += w[mu];
  if (W === 0) {
    // Decoupled level: the dot levels carry no weight.
    let j = 0;
    let placed = false;
    for (let mu = 0; mu < N; mu++) {
      if (!placed && eps0 <= E[mu]) { outE[j] = eps0; outP[j++] = 1; placed = true; }
      outE[j] = E[mu]; outP[j++] = 0;
    }
    if (!placed) { outE[j] = eps0; outP[j] = 1; }
    return;
  }
  let evals = 0;
  // Interior roots.
  for (let k = 0; k < N - 1; k++) {
    const lo = E[k], hi = E[k + 1];
    const gap = hi - lo;
    // Origin: the pole nearer the root, decided by the sign of f at the midpoint.
    // One evaluation at the gap's midpoint picks the origin (the pole nearer the root: f(mid) >= 0 means the root
    // is in the lower half, nearer E_k) and seeds the first model step; f, psi' and phi' there do not depend on
    // the origin.
    let res = evalF(E, w, eps0, lo, 0.5 * gap, N, k + 1);
    evals++;
    const o = res.f >= 0 ? k : k + 1;
    const Eo = E[o];
    const dk = lo - Eo; // 0 or -gap
    const dk1 = hi - Eo; // gap or 0
    // Bracket in delta (e = Eo + delta): the gap; the loop's first sign test halves it at the midpoint.
    let a = dk;
    let b = dk1;
    let delta = o === k ? 0.5 * gap : -0.5 * gap;
    let p = NaN;
    for (let it = 0; ; it++) {
      const f = res.f;
      if (f === 0) break;
      if (f < 0) a = delta; else b = delta;
      // Two-pole model c + s/(dk - x) + S/(dk1 - x): s from the poles <= k, S from the poles > k and the linear term.
      const rk = dk - delta, rk1 = dk1 - delta;
      const s = res.dpsi * rk * rk;
      const S = (res.dphi + 1) * rk1 * rk1;
      const c = f - s / rk - S / rk1;
      let x = solveTwoPole(c, s, S, dk, dk1, a, b);
      if (!(x > a && x < b)) x = 0.5 * (a + b);
      const step = x - delta;
      if (Math.abs(step) <= FINAL_STEP * Math.abs(delta)) {
        // Converged: x is accurate to ~step^2; correct the weight for the step instead of evaluating again.
        p = weightAfterStep(step);
        delta = x;
        break;
      }
      delta = x;
      res = evalF(E, w, eps0, Eo, delta, N, k + 1);
      evals++;
      if (Math.abs(res.f) <= res.bound || b - a <= 4 * EPS * Math.max(Math.abs(a), Math.abs(b))) break;
      if (it > MAX_IT) throw new Error(`secular solver: no convergence for root ${k + 1} of ${N + 1}`);
    }
    outE[k + 1] = Eo + delta;
    outP[k + 1] = Number.isNaN(p) ? 1 / (1 + res.dpsi + res.dphi) : p;
  }
  // End roots by safeguarded Newton relative to the end pole.
  evals += endRoot(E, w, eps0, W, 0, outE, outP);
  evals += endRoot(E, w, eps0, W, N, outE, outP);
  if (stats) stats.evaluations += evals;
}

/**
 * Result of the last `evalF` (module scratch, so the O(N) pass allocates nothing): f, psi' (poles below e), phi'
 * (poles above), f'' / 2 = sum w/(E - e)^3, and a rounding-error bound of f.
 */
const F = { f: 0, dpsi: 0, dphi: 0, d2: 0, bound: 0 };

/**
 * f(Eo + delta) split into the parts from poles mu <= k and mu > k, where k is the gap index (roots between E_k and
 * E_k+1): psi' = sum_{mu<=k} w/(E_mu - e)^2, phi' the rest. `o` is the origin pole index; the split index is the
 * largest mu with E_mu - Eo - delta < 0.
 */
function evalF(E: Float64Array, w: Float64Array, eps0: number, Eo: number, delta: number, N: number, below: number): typeof F {
  // Poles 0..below-1 lie below the point (terms t < 0), the rest above (t > 0): two branch-free loops, and
  // sum |t| = phiSum - psiSum comes for free. E_mu - e is formed as (E_mu - Eo) - delta, never via Eo + delta, which
  // would round delta away when the root sits within an ulp-scale distance of its pole.
  let psiSum = 0, phiSum = 0, dpsi = 0, dphi = 0, d2 = 0;
  for (let mu = 0; mu < below; mu++) {
    const ir = 1 / (E[mu] - Eo - delta);
    const t = w[mu] * ir;
    const d = t * ir;
    psiSum += t;
    dpsi += d;
    d2 += d * ir;
  }
  for (let mu = below; mu < N; mu++) {
    const ir = 1 / (E[mu] - Eo - delta);
    const t = w[mu] * ir;
    const d = t * ir;
    phiSum += t;
    dphi += d;
    d2 += d * ir;
  }
  const lin = Eo - eps0 + delta;
  F.f = lin + psiSum + phiSum;
  F.dpsi = dpsi;
  F.dphi = dphi;
  F.d2 = d2;
  F.bound = 8 * N * EPS * (Math.abs(lin) + phiSum - psiSum);
  return F;
}

/**
 * Weight 1/f'(x) at x = delta + step from the derivatives at delta: f'(x) = f'(delta) + 2 (f''/2) step + O(step^2).
 * Used when the last step was below 1e-6 |delta|, so the omitted term is ~1e-12 relative.
 */
function weightAfterStep(step: number): number {
  return 1 / (1 + F.dpsi + F.dphi + 2 * F.d2 * step);
}

/** Relative size of the last step below which the iterate is final (quadratic convergence: next error ~ step^2). */
const FINAL_STEP = 1e-6;

/**
 * Root of c + s/(dk - x) + S/(dk1 - x) = 0 inside the bracket (a, b), which lies between dk and dk1 (one of them 0),
 * by the stable quadratic formula; NaN when neither root of the quadratic is inside (the caller bisects). Both roots
 * are tested against the bracket, not the pole interval: when s or S is tiny the spurious root sits within rounding
 * of the far pole and can look inside the interval.
 */
function solveTwoPole(c: number, s: number, S: number, dk: number, dk1: number, a: number, b: number): number {
  // c (dk - x)(dk1 - x) + s (dk1 - x) + S (dk - x) = 0  ->  A x^2 - B x + C = 0
  const A = c;
  const B = c * (dk + dk1) + s + S;
  const C = c * dk * dk1 + s * dk1 + S * dk;
  if (A === 0) return C / B;
  const disc = B * B - 4 * A * C;
  if (disc < 0) return NaN;
  const sq = Math.sqrt(disc);
  // Roots x = (B +- sq) / (2A) = 2C / (B -+ sq).
  const q = B >= 0 ? 0.5 * (B + sq) : 0.5 * (B - sq);
  const x1 = q / A;
  const x2 = q !== 0 ? C / q : x1;
  if (x2 > a && x2 < b) return x2;
  if (x1 > a && x1 < b) return x1;
  return NaN;
}

/** Root below E[0] (side 0) or above E[N-1] (side N), relative to that end pole; returns evaluations. */
function endRoot(E: Float64Array, w: Float64Array, eps0: number, W: number, side: number, outE: Float64Array, outP: Float64Array): number {
  const N = E.length;
  const o = side === 0 ? 0 : N - 1;
  const below = side === 0 ? 0 : N; // all poles above the lowest root, all below the highest
  const Eo = E[o];
  // Bracket: below E_0, f(Eo + delta) -> +inf as delta -> 0-, and f <= delta + (Eo - eps0) + W/|delta| for delta < 0.
  let evals = 0;
  const span = Math.abs(Eo - eps0) + Math.sqrt(W) + W + (E[N - 1] - E[0]);
  let a: number, b: number;
  if (side === 0) { a = -span; b = 0; } else { a = 0; b = span; }
  // Make sure the far end has the right sign (expand if needed).
  for (let i = 0; i < 200; i++) {
    const far = side === 0 ? a : b;
    const v = evalF(E, w, eps0, Eo, far, N, below).f;
    evals++;
    if (side === 0 ? v < 0 : v > 0) break;
    if (side === 0) a *= 2; else b *= 2;
  }
  let delta = side === 0 ? Math.max(a, -Math.sqrt(w[o])) : Math.min(b, Math.sqrt(w[o]));
  if (!(delta > a && delta < b)) delta = 0.5 * (a + b);
  let res = evalF(E, w, eps0, Eo, delta, N, below);
  evals++;
  for (let it = 0; ; it++) {
    if (res.f === 0) break;
    if (res.f < 0) a = delta; else b = delta;
    // Model c + s/(0 - x) + (x - delta): matches f and f' with the end pole's share s.
    const fp = 1 + res.dpsi + res.dphi;
    let x = delta - res.f / fp; // Newton
    // One-pole model step: f ~ c + s/(-x) + x with s = w-part; use it when Newton leaves the bracket.
    if (!(x > a && x < b)) x = 0.5 * (a + b);
    const step = x - delta;
    delta = x;
    res = evalF(E, w, eps0, Eo, delta, N, below);
    evals++;
    if (Math.abs(step) <= 4 * EPS * Math.abs(delta) || Math.abs(res.f) <= res.bound || b - a <= 4 * EPS * Math.max(Math.abs(a), Math.abs(b))) break;
    if (it > 400) throw new Error('secular solver: no convergence for an end root');
  }
  outE[side] = Eo + delta;
  outP[side] = 1 / (1 + res.dpsi + res.dphi);
  return evals;
}
