// sturm_bisect.wgsl — eigenvalues E_mu of the dot tridiagonal T (sites 1..N of the Lanczos chain) by bisection on Sturm
// counts, one invocation per (sample, eigenvalue), and the first-component weights q_mu = |v_mu(1)|^2 = 1 / d_1'(E_mu)
// from the continued fraction d_N = e - a_N, d_k = e - a_k - b_k^2 / d_{k+1} (G_11(e) = 1/d_1(e) = sum q_mu/(e - E_mu)).
// f32 throughout: eigenvalues to ~eps ||T|| (a backward-stable perturbation of the sample); the coupled spectrum is then
// solved relative to these poles (secular.wgsl) so tiny couplings keep full relative accuracy.
//
// Binding contract (group 0):
//   @binding(0) params : uniform SturmParams
//   @binding(1) diag   : storage, read  array<f32> — [batch][n] a_0..a_N (a_0 unused here)
//   @binding(2) offsq  : storage, read  array<f32> — [batch][n] b_0^2..b_{N-1}^2 (b_0^2 unused here)
//   @binding(3) evals  : storage, rw    array<f32> — [batch][N] E_mu ascending
//   @binding(4) q      : storage, rw    array<f32> — [batch][N] q_mu
// Invocation i < batch * N: sample i / N, eigenvalue index i % N.

override WG: u32 = 64u;

struct SturmParams {
  batch: u32,
  n_dot: u32,
}

@group(0) @binding(0) var<uniform> params: SturmParams;
@group(0) @binding(1) var<storage, read> diag: array<f32>;
@group(0) @binding(2) var<storage, read> offsq: array<f32>;
@group(0) @binding(3) var<storage, read_write> evals: array<f32>;
@group(0) @binding(4) var<storage, read_write> q: array<f32>;

// Number of eigenvalues of T below x (LAPACK dlaebz-style pivot guard).
fn sturm_count(base: u32, N: u32, x: f32, pivmin: f32) -> u32 {
  var cnt = 0u;
  var d = diag[base + 1u] - x;
  if (abs(d) <= pivmin) { d = -pivmin; }
  if (d < 0.0) { cnt = cnt + 1u; }
  for (var k = 2u; k <= N; k = k + 1u) {
    d = (diag[base + k] - x) - offsq[base + k - 1u] / d;
    if (abs(d) <= pivmin) { d = -pivmin; }
    if (d < 0.0) { cnt = cnt + 1u; }
  }
  return cnt;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = params.n_dot;
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.batch * N) { return; }
  let s = i / N;
  let mu = i % N;
  let base = s * (N + 1u);
  // Gershgorin interval and pivot threshold.
  var lo = 3.0e38;
  var hi = -3.0e38;
  var maxb2 = 0.0;
  for (var k = 1u; k <= N; k = k + 1u) {
    let bl = select(0.0, sqrt(offsq[base + k - 1u]), k > 1u);
    let br = select(0.0, sqrt(offsq[base + k]), k < N);
    lo = min(lo, diag[base + k] - bl - br);
    hi = max(hi, diag[base + k] + bl + br);
    if (k < N) { maxb2 = max(maxb2, offsq[base + k]); }
  }
  let pivmin = 1.2e-37 * max(1.0, maxb2);
  let norm = max(abs(lo), abs(hi));
  lo = lo - 2.4e-7 * norm - pivmin;
  hi = hi + 2.4e-7 * norm + pivmin;
  for (var it = 0u; it < 96u; it = it + 1u) {
    let mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi || hi - lo <= 1.2e-7 * max(abs(lo), abs(hi)) + 1.0e-9 * norm) { break; }
    if (sturm_count(base, N, mid, pivmin) <= mu) { lo = mid; } else { hi = mid; }
  }
  let e = 0.5 * (lo + hi);
  // q = 1 / d_1'(e): d_k' = 1 + (b_k^2 / d_{k+1}) (d_{k+1}' / d_{k+1}).
  var d = e - diag[base + N];
  var dp = 1.0;
  for (var k = N - 1u; k >= 1u; k = k - 1u) {
    if (abs(d) <= pivmin) { d = pivmin; }
    let t = offsq[base + k] / d;
    dp = 1.0 + t * (dp / d);
    d = e - diag[base + k] - t;
  }
  evals[s * N + mu] = e;
  q[s * N + mu] = 1.0 / dp;
}
