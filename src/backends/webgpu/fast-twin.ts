/**
 * CPU twins of the fast-path kernels (same inputs and outputs, f64): the test oracles of tridiag_gen, sturm_bisect and
 * secular. `betaHermiteTridiagonal` is the stream recipe shared by CPU and GPU: it must agree with the CPU sampler in
 * src/sampling (checked by test/webgpu/fast-path.test.ts when that sampler is present).
 */
import { PhiloxStream } from '../../rng/philox.js';
import { Stream } from '../../rng/streams.js';
import type { SeededModel } from '../../model/params.js';

/** Lanczos tridiagonal of sample `s`: diag a_0..a_N, offsq b_0^2..b_{N-1}^2 (DESIGN.md section 3.1). */
export function betaHermiteTridiagonal(m: SeededModel, s: number, st = new PhiloxStream(m.seed)): { diag: Float64Array; offsq: Float64Array } {
  const N = m.N;
  const beta = m.ensemble.beta;
  const cb = m.ensemble.couplingBeta;
  const sigma2 = (m.lambda * m.lambda) / N;
  const diag = new Float64Array(N + 1);
  const offsq = new Float64Array(N + 1);
  diag[0] = m.eps0;
  offsq[0] = m.g > 0 ? ((m.g * sigma2) / cb) * st.reset(s, Stream.COUPLING_NORM, 0).chi2(cb * N) : 0;
  const ds = Math.sqrt((2 * sigma2) / beta);
  for (let k = 1; k <= N; k++) {
    diag[k] = ds * st.reset(s, Stream.DOT_DIAG, k).normal();
    if (k < N) offsq[k] = (sigma2 / beta) * st.reset(s, Stream.DOT_OFFDIAG, k).chi2(beta * (N - k));
  }
  return { diag, offsq };
}

/** Twin of sturm_bisect: dot eigenvalues (sites 1..N) and first-component weights, f64 bisection. */
export function cpuSturm(diag: ArrayLike<number>, offsq: ArrayLike<number>): { evals: Float64Array; q: Float64Array } {
  const N = diag.length - 1;
  const evals = new Float64Array(N);
  const q = new Float64Array(N);
  let lo0 = Infinity, hi0 = -Infinity, maxb2 = 0;
  for (let k = 1; k <= N; k++) {
    const bl = k > 1 ? Math.sqrt(offsq[k - 1]) : 0;
    const br = k < N ? Math.sqrt(offsq[k]) : 0;
    lo0 = Math.min(lo0, diag[k] - bl - br);
    hi0 = Math.max(hi0, diag[k] + bl + br);
    if (k < N) maxb2 = Math.max(maxb2, offsq[k]);
  }
  const pivmin = 1e-300 * Math.max(1, maxb2);
  const count = (x: number) => {
    let c = 0;
    let d = diag[1] - x;
    if (Math.abs(d) <= pivmin) d = -pivmin;
    if (d < 0) c++;
    for (let k = 2; k <= N; k++) {
      d = diag[k] - x - offsq[k - 1] / d;
      if (Math.abs(d) <= pivmin) d = -pivmin;
      if (d < 0) c++;
    }
    return c;
  };
  for (let mu = 0; mu < N; mu++) {
    let lo = lo0 - 1e-12, hi = hi0 + 1e-12;
    for (let it = 0; it < 200; it++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (count(mid) <= mu) lo = mid; else hi = mid;
    }
    const e = 0.5 * (lo + hi);
    let d = e - diag[N];
    let dp = 1;
    for (let k = N - 1; k >= 1; k--) {
      if (Math.abs(d) <= pivmin) d = pivmin;
      const t = offsq[k] / d;
      dp = 1 + t * (dp / d);
      d = e - diag[k] - t;
    }
    evals[mu] = e;
    q[mu] = 1 / dp;
  }
  return { evals, q };
}

/** Twin of secular: roots (as E_o + delta) and weights of f(e) = e - eps0 - b0sq sum q/(e - E). */
export function cpuSecular(evals: ArrayLike<number>, q: ArrayLike<number>, b0sq: number, eps0: number): { e: Float64Array; p: Float64Array } {
  const N = evals.length;
  const n = N + 1;
  const e = new Float64Array(n);
  const p = new Float64Array(n);
  let W = 0;
  for (let mu = 0; mu < N; mu++) W += b0sq * q[mu];
  const f = (o: number, delta: number) => {
    let acc = 0, dacc = 0;
    for (let mu = 0; mu < N; mu++) {
      const w = b0sq * q[mu];
      if (w === 0) continue;
      const den = mu === o ? delta : evals[o] - evals[mu] + delta;
      acc += w / den;
      dacc += w / den / den;
    }
    return [evals[o] - eps0 + delta - acc, 1 + dacc];
  };
  for (let a = 0; a < n; a++) {
    let o: number, lo: number, hi: number, poleLo: boolean;
    if (a === 0) { o = 0; lo = -(1.0001 * (Math.max(evals[0] - eps0, 0) + Math.sqrt(W)) + 1e-300); hi = 0; poleLo = false; }
    else if (a === N) { o = N - 1; lo = 0; hi = 1.0001 * (Math.max(eps0 - evals[N - 1], 0) + Math.sqrt(W)) + 1e-300; poleLo = true; }
    else {
      const half = 0.5 * (evals[a] - evals[a - 1]);
      if (f(a - 1, half)[0] >= 0) { o = a - 1; lo = 0; hi = half; poleLo = true; } else { o = a; lo = -half; hi = 0; poleLo = false; }
    }
    let moved = false;
    for (let it = 0; it < 2200; it++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (f(o, mid)[0] < 0) { lo = mid; if (poleLo) moved = true; } else { hi = mid; if (!poleLo) moved = true; }
    }
    const wo = b0sq * q[o];
    if (moved || wo !== 0) {
      let dd = 0.5 * (lo + hi);
      if (dd === 0) dd = poleLo ? hi : lo;
      e[a] = evals[o] + dd;
      p[a] = 1 / f(o, dd)[1];
    } else {
      e[a] = evals[o];
      p[a] = 0;
    }
  }
  return { e, p };
}
