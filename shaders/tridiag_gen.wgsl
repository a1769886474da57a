// tridiag_gen.wgsl — Lanczos tridiagonal of H_tot for a batch of samples (DESIGN.md section 3.1), from the same Philox
// streams as the CPU sampler (src/backends/webgpu/fast-twin.ts is the CPU twin; streams in src/rng/streams.ts):
//   a_0 = eps0;  b_0^2 = b0_scale chi2(coupling_beta N)          stream COUPLING_NORM (3), element 0
//   a_k = diag_scale normal()  (k = 1..N)                        stream DOT_DIAG (0),      element k
//   b_k^2 = off_scale chi2(beta (N - k))  (k = 1..N-1)           stream DOT_OFFDIAG (1),   element k
// with diag_scale = sqrt(2 sigma^2 / beta), off_scale = sigma^2 / beta, b0_scale = g sigma^2 / coupling_beta, sigma^2 = lambda^2 / N
// (computed on the host in f64). Requires philox.wgsl.
//
// Binding contract (group 0):
//   @binding(0) params : uniform TridiagParams
//   @binding(1) diag   : storage, rw  array<f32>  — [batch][n]: a_0 .. a_N                      (n = N + 1)
//   @binding(2) offsq  : storage, rw  array<f32>  — [batch][n]: b_0^2 .. b_{N-1}^2, entry N = 0
// Invocation (s, k) = (i / n, i % n) for i < batch * n; dispatch split over x and y.

override WG: u32 = 64u;

struct TridiagParams {
  key_lo: u32,
  key_hi: u32,
  sample_base: u32,  // global index of the batch's first sample (Philox counter word 1)
  batch: u32,
  n_dot: u32,        // N
  beta: f32,
  coupling_beta: f32,
  diag_scale: f32,
  off_scale: f32,
  b0_scale: f32,
  eps0: f32,
}

@group(0) @binding(0) var<uniform> params: TridiagParams;
@group(0) @binding(1) var<storage, read_write> diag: array<f32>;
@group(0) @binding(2) var<storage, read_write> offsq: array<f32>;

// Stream ids STREAM_* come from src/rng/streams.ts (prepended by src/backends/webgpu/shaders.ts).

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = params.n_dot;
  let n = N + 1u;
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.batch * n) { return; }
  let s = i / n;
  let k = i % n;
  let sample = params.sample_base + s;
  let key = vec2<u32>(params.key_lo, params.key_hi);
  if (k == 0u) {
    diag[i] = params.eps0;
    var r = rng_new(key, sample, STREAM_COUPLING_NORM, 0u);
    offsq[i] = select(0.0, params.b0_scale * rng_chi2(&r, params.coupling_beta * f32(N)), params.b0_scale > 0.0);
    return;
  }
  var r = rng_new(key, sample, STREAM_DOT_DIAG, k);
  diag[i] = params.diag_scale * rng_normal(&r);
  if (k < N) {
    var r2 = rng_new(key, sample, STREAM_DOT_OFFDIAG, k);
    offsq[i] = params.off_scale * rng_chi2(&r2, params.beta * f32(N - k));
  } else {
    offsq[i] = 0.0;
  }
}
