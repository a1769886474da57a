/**
 * Globally adaptive Gauss–Kronrod quadrature (the QUADPACK QAG scheme with the 21-point rule, without epsilon
 * extrapolation). No maintained JS quadrature library is installed in this project, hence this small routine.
 *
 * Rule constants: the 10-point Gauss / 21-point Kronrod abscissae and weights of QUADPACK `dqk21`
 * (L. W. Fullerton, 80-digit arithmetic). `test/theory.test.ts` checks them (Gauss nodes are the zeros of P10; the
 * rules integrate monomials of degree 19 and 31 exactly).
 *
 * @module
 */

/** Kronrod abscissae on [-1, 1], positive half; odd indices (1, 3, ..., 9) are the 10-point Gauss nodes. */
export const GK21_NODES: readonly number[] = [
  0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
  0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
  0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
  0.14887433898163121088482600112972, 0,
];
/** Kronrod weights matching `GK21_NODES`. */
export const GK21_WEIGHTS: readonly number[] = [
  0.011694638867371874278064396062192, 0.03255816230796472747881897245939, 0.05475589657435199603138130024458,
  0.07503967481091995276704314091619, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
  0.123491976262065851077958109831074, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
  0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
];
/** 10-point Gauss weights for nodes GK21_NODES[1], [3], [5], [7], [9]. */
export const G10_WEIGHTS: readonly number[] = [
  0.066671344308688137593568809893332, 0.149451349150580593145776339657697, 0.219086362515982043995534934228163,
  0.269266719309996355091226921569469, 0.295524224714752870173892994651338,
];

const EPS = 2.220446049250313e-16;
const TINY = 2.2250738585072014e-308;

/** One application of the 21-point rule on [a, b]. */
export interface RuleResult {
  /** Kronrod estimate of the integral. */
  value: number;
  /** QUADPACK error estimate (Kronrod − Gauss difference, rescaled; floored at round-off level). */
  error: number;
  /** Kronrod estimate of the integral of |f|. */
  resAbs: number;
  /** The error estimate is the round-off floor 50 eps ∫|f|: bisecting this interval cannot improve it. */
  atRoundoff: boolean;
}

/**
 * The 21-point Gauss–Kronrod rule on [a, b] with QUADPACK's error estimate.
 *
 * @example
 * gaussKronrod21(Math.exp, 0, 1).value;   // 1.7182818284590453 (= e - 1)
 */
export function gaussKronrod21(f: (x: number) => number, a: number, b: number): RuleResult {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fv1 = new Float64Array(10);
  const fv2 = new Float64Array(10);
  const fc = f(c);
  let resK = fc * GK21_WEIGHTS[10];
  let resG = 0;
  let resAbs = Math.abs(resK);
  for (let j = 0; j < 10; j++) {
    const dx = h * GK21_NODES[j];
    const f1 = f(c - dx);
    const f2 = f(c + dx);
    fv1[j] = f1;
    fv2[j] = f2;
    const w = GK21_WEIGHTS[j];
    resK += w * (f1 + f2);
    resAbs += w * (Math.abs(f1) + Math.abs(f2));
    if (j & 1) resG += G10_WEIGHTS[j >> 1] * (f1 + f2);
  }
  const mean = resK * 0.5;
  let resAsc = GK21_WEIGHTS[10] * Math.abs(fc - mean);
  for (let j = 0; j < 10; j++) resAsc += GK21_WEIGHTS[j] * (Math.abs(fv1[j] - mean) + Math.abs(fv2[j] - mean));
  const ah = Math.abs(h);
  const value = resK * h;
  resAbs *= ah;
  resAsc *= ah;
  let error = Math.abs((resK - resG) * h);
  if (resAsc !== 0 && error !== 0) error = resAsc * Math.min(1, Math.pow((200 * error) / resAsc, 1.5));
  let atRoundoff = false;
  if (resAbs > TINY / (50 * EPS) && error <= 50 * EPS * resAbs) {
    error = 50 * EPS * resAbs;
    atRoundoff = true;
  }
  return { value, error, resAbs, atRoundoff };
}

/** Options for {@link integrate}. */
export interface QuadratureOptions {
  /** Absolute error target (default 0). */
  epsAbs?: number;
  /** Relative error target (default 1e-10). Stops when error <= max(epsAbs, epsRel |value|). */
  epsRel?: number;
  /** Most subintervals before giving up (default 2000). */
  maxIntervals?: number;
  /** Points inside (a, b) where f has kinks or changes scale; the initial partition. */
  breakpoints?: ArrayLike<number>;
}

/** Result of {@link integrate}. */
export interface QuadratureResult {
  value: number;
  /** Estimated absolute error. */
  error: number;
  /** Number of integrand evaluations. */
  evaluations: number;
  /** Number of subintervals in the final partition. */
  intervals: number;
  /** Whether the error target was met (false: interval limit hit or round-off floor reached). */
  converged: boolean;
}

interface Segment {
  a: number;
  b: number;
  value: number;
  error: number;
  final: boolean;
}

/**
 * Integrate f over [a, b] (a < b, finite) by globally adaptive 21-point Gauss–Kronrod: the subinterval with the largest
 * error estimate is bisected until the summed error meets the target. Subintervals whose error is already at the
 * round-off floor (50 eps ∫|f|) or that are too narrow to split are not bisected again, so an unattainable target ends
 * quickly with `converged: false` instead of exhausting `maxIntervals`. Never evaluates f at a, b or at breakpoints.
 *
 * @example
 * integrate((x) => 1 / Math.sqrt(x), 0, 1, { epsRel: 1e-12 });
 * // { value: 1.999999999999941, error: 1.8e-12, evaluations: 3297, intervals: 79, converged: true }
 * // (integrable endpoint singularity)
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: QuadratureOptions = {},
): QuadratureResult {
  const epsAbs = opts.epsAbs ?? 0;
  const epsRel = opts.epsRel ?? 1e-10;
  const maxIntervals = opts.maxIntervals ?? 2000;
  if (!(a < b)) {
    if (a === b) return { value: 0, error: 0, evaluations: 0, intervals: 0, converged: true };
    const r = integrate(f, b, a, opts);
    return { ...r, value: -r.value };
  }
  const pts = [a];
  if (opts.breakpoints) {
    const bp = Array.from(opts.breakpoints)
      .filter((p) => p > a && p < b)
      .sort((p, q) => p - q);
    for (const p of bp) if (p > pts[pts.length - 1]) pts.push(p);
  }
  pts.push(b);

  const heap: Segment[] = []; // max-heap on error: the segments that may still be bisected
  const done: Segment[] = []; // segments too narrow to bisect further
  let evaluations = 0;
  let total = 0;
  let totalErr = 0;

  const push = (s: Segment) => {
    heap.push(s);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p].error >= heap[i].error) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): Segment => {
    const top = heap[0];
    const last = heap.pop() as Segment;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].error > heap[m].error) m = l;
        if (r < heap.length && heap[r].error > heap[m].error) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const rule = (lo: number, hi: number): Segment => {
    const r = gaussKronrod21(f, lo, hi);
    evaluations += 21;
    return { a: lo, b: hi, value: r.value, error: r.error, final: r.atRoundoff };
  };
  const add = (s: Segment) => {
    total += s.value;
    totalErr += s.error;
    const m = 0.5 * (s.a + s.b);
    if (s.final || m <= s.a || m >= s.b || s.b - s.a <= 1000 * EPS * Math.max(Math.abs(s.a), Math.abs(s.b))) done.push(s);
    else push(s);
  };

  for (let i = 0; i + 1 < pts.length; i++) add(rule(pts[i], pts[i + 1]));
  const target = () => Math.max(epsAbs, epsRel * Math.abs(total));
  let converged = totalErr <= target();
  while (!converged && heap.length > 0 && heap.length + done.length < maxIntervals) {
    const s = pop();
    total -= s.value;
    totalErr -= s.error;
    const m = 0.5 * (s.a + s.b);
    add(rule(s.a, m));
    add(rule(m, s.b));
    converged = totalErr <= target();
  }
  // Re-sum to drop the drift of the running totals.
  total = 0;
  totalErr = 0;
  for (const s of heap) {
    total += s.value;
    totalErr += s.error;
  }
  for (const s of done) {
    total += s.value;
    totalErr += s.error;
  }
  converged = totalErr <= Math.max(epsAbs, epsRel * Math.abs(total));
  return { value: total, error: totalErr, evaluations, intervals: heap.length + done.length, converged };
}
