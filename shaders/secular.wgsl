// secular.wgsl — the coupled spectrum (DESIGN.md section 3.2): roots e_a of
//     f(e) = e - eps0 - sum_mu w_mu / (e - E_mu),   w_mu = b_0^2 q_mu,
// one per gap (E_{a-1}, E_a), plus one below E_0 and one above E_{N-1}; weights p_a = 1 / f'(e_a).
// Each root is solved relative to its nearest pole E_o (origin shift): e = E_o + delta, and every denominator is
// (E_o - E_mu) + delta, so delta keeps full f32 relative accuracy even when the root sits 1e-8 from the pole
// (gamma = 0.022) — absolute f32 (or the plain continued fraction f'(e)) would lose all digits of (e - E_o) there, and
// with them p_a ~ (e - E_o)^2 / w_o. The root is returned as the pair (E_o, delta); pt_accumulate.wgsl uses both parts.
// Zero-weight poles (q_mu underflow, g = 0): a bracket whose pole side never moves is such a pole, with p = 0.
//
// Binding contract (group 0):
//   @binding(0) params : uniform SecularParams
//   @binding(1) evals  : storage, read  array<f32> — [batch][N] E_mu ascending (sturm_bisect.wgsl)
//   @binding(2) q      : storage, read  array<f32> — [batch][N] q_mu
//   @binding(3) offsq  : storage, read  array<f32> — [batch][n] b_0^2 at [s][0]
//   @binding(4) eo     : storage, rw    array<f32> — [batch][n] origin pole E_o of root a (or the root itself)
//   @binding(5) dl     : storage, rw    array<f32> — [batch][n] delta = e_a - E_o
//   @binding(6) pw     : storage, rw    array<f32> — [batch][n] p_a
// Invocation i < batch * n: sample i / n, root a = i % n (n = N + 1).

override WG: u32 = 64u;

struct SecularParams {
  batch: u32,
  n_dot: u32,
  eps0: f32,
}

@group(0) @binding(0) var<uniform> params: SecularParams;
@group(0) @binding(1) var<storage, read> evals: array<f32>;
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> offsq: array<f32>;
@group(0) @binding(4) var<storage, read_write> eo: array<f32>;
@group(0) @binding(5) var<storage, read_write> dl: array<f32>;
@group(0) @binding(6) var<storage, read_write> pw: array<f32>;

// f(E_o + delta) and f'(E_o + delta); the pole term mu = o uses delta alone.
fn secular_eval(base: u32, N: u32, o: u32, delta: f32, b0sq: f32) -> vec2<f32> {
  let Eo = evals[base + o];
  var acc = 0.0;
  var dacc = 0.0;
  for (var mu = 0u; mu < N; mu = mu + 1u) {
    let w = b0sq * q[base + mu];
    let den = select((Eo - evals[base + mu]) + delta, delta, mu == o);
    if (w != 0.0) {
      let t = w / den;
      acc = acc + t;
      dacc = dacc + t / den;
    }
  }
  return vec2<f32>((Eo - params.eps0) + delta - acc, 1.0 + dacc);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = params.n_dot;
  let n = N + 1u;
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.batch * n) { return; }
  let s = i / n;
  let a = i % n;
  let base = s * N;
  let b0sq = offsq[s * n];
  var W = 0.0;
  for (var mu = 0u; mu < N; mu = mu + 1u) { W = W + b0sq * q[base + mu]; }
  // Origin pole and bracket for delta; pole_lo: the pole is the bracket's lower end (delta > 0 side).
  var o: u32;
  var lo: f32;
  var hi: f32;
  var pole_lo: bool;
  if (a == 0u) {
    o = 0u;
    let c = evals[base] - params.eps0;
    lo = -(1.0001 * (max(c, 0.0) + sqrt(W)) + 1.0e-30);
    hi = 0.0;
    pole_lo = false;
  } else if (a == N) {
    o = N - 1u;
    let c = params.eps0 - evals[base + N - 1u];
    lo = 0.0;
    hi = 1.0001 * (max(c, 0.0) + sqrt(W)) + 1.0e-30;
    pole_lo = true;
  } else {
    let half = 0.5 * (evals[base + a] - evals[base + a - 1u]);
    let fm = secular_eval(base, N, a - 1u, half, b0sq).x;
    if (fm >= 0.0) {
      o = a - 1u; lo = 0.0; hi = half; pole_lo = true;
    } else {
      o = a; lo = -half; hi = 0.0; pole_lo = false;
    }
  }
  var moved_pole_side = false;
  for (var it = 0u; it < 160u; it = it + 1u) {
    let mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) { break; }
    if (secular_eval(base, N, o, mid, b0sq).x < 0.0) {
      lo = mid;
      if (pole_lo) { moved_pole_side = true; }
    } else {
      hi = mid;
      if (!pole_lo) { moved_pole_side = true; }
    }
  }
  let delta = select(hi, lo, pole_lo) ;  // the end away from the pole
  let wo = b0sq * q[base + o];
  var p = 0.0;
  var dd = delta;
  if (moved_pole_side || wo != 0.0) {
    dd = 0.5 * (lo + hi);
    if (dd == 0.0) { dd = delta; }
    p = 1.0 / secular_eval(base, N, o, dd, b0sq).y;
  } else {
    dd = 0.0;   // a zero-weight pole: eigenvalue E_o with no weight on |0>
  }
  eo[i] = evals[base + o];
  dl[i] = dd;
  pw[i] = p;
}
