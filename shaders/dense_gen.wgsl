// dense_gen.wgsl — the literal H_tot = [[eps0, W], [W^dagger, H]] of a batch of samples (DESIGN.md section 4), entry by
// entry from the same Philox streams and elements as the CPU dense sampler (src/sampling/dense.ts, DenseSampler.matrix,
// is the CPU twin; streams in src/rng/streams.ts). Index 0 is |0>, 1..N the dot. c = coupling_beta real components:
//   (0, 0)            = eps0
//   (0, k), k >= 1    = w_scale (c normals)          stream DENSE_W (6), element k - 1, components in order
//   (k, k), k >= 1    = diag_scale normal()          stream DENSE_H (5), element (k - 1) N + (k - 1)
//   (k, l), 1 <= k < l = off_scale (c normals)       stream DENSE_H (5), element (k - 1) N + (l - 1)
// with w_scale = sqrt(g sigma^2 / c), diag_scale = sqrt(2 sigma^2 / beta), off_scale = sqrt(sigma^2 / c), sigma^2 = lambda^2/N,
// all divided by `unit` on the host (f64) so that f32 sums of squares never overflow: the matrix written is H_tot / unit.
// Components (q0, q1, q2, q3) of entry (k, l), k <= l, become (Hermitian: the mirror entry is the conjugate transpose)
//   GOE (c = 1): A[k][l] = q0;  GUE (c = 2): A[k][l] = q0 + i q1;
//   GSE (c = 4): the 2 x 2 complex block of rows 2k, 2k+1 and columns 2l, 2l+1 = [[q0 + i q3, q2 + i q1], [-q2 + i q1, q0 - i q3]]
//   (the complex form of src/linalg/dense.ts quaternionSpectrum; m = 2n, each level a Kramers pair).
// Requires philox.wgsl.
//
// Binding contract (group 0):
//   @binding(0) params : uniform DenseGenParams
//   @binding(1) a      : storage, rw  array<vec2<f32>> — [batch][m][m] complex (re, im) H_tot / unit, row-major, every entry
//                                                         written (real ensembles: im = 0); m = n = N + 1, or 2n for GSE
// Invocation i < batch * n * n: sample i / (n n), entry (k, l) = ((i % (n n)) / n, i % n); the k > l half returns at once,
// the k <= l half writes its entry (block) and the mirror. Dispatch split over x and y.

override WG: u32 = 64u;

struct DenseGenParams {
  key_lo: u32,
  key_hi: u32,
  sample_base: u32,   // global index of the batch's first sample (Philox counter word 1)
  batch: u32,
  n_dot: u32,         // N
  components: u32,    // c = coupling_beta: 1 (GOE), 2 (GUE), 4 (GSE)
  w_scale: f32,       // sqrt(g sigma^2 / c) / unit
  diag_scale: f32,    // sqrt(2 sigma^2 / beta) / unit
  off_scale: f32,     // sqrt(sigma^2 / c) / unit
  eps0: f32,          // eps0 / unit
}

@group(0) @binding(0) var<uniform> params: DenseGenParams;
@group(0) @binding(1) var<storage, read_write> a: array<vec2<f32>>;

// Stream ids STREAM_* come from src/rng/streams.ts (prepended by src/backends/webgpu/shaders.ts).

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = params.n_dot;
  let n = N + 1u;
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.batch * n * n) { return; }
  let s = i / (n * n);
  let k = (i % (n * n)) / n;
  let l = i % n;
  if (k > l) { return; }
  let c = params.components;
  let key = vec2<u32>(params.key_lo, params.key_hi);
  let sample = params.sample_base + s;
  var q = vec4<f32>(0.0);
  if (k == 0u && l == 0u) {
    q.x = params.eps0;
  } else if (k == 0u) {
    var r = rng_new(key, sample, STREAM_DENSE_W, l - 1u);
    for (var j = 0u; j < c; j = j + 1u) { q[j] = params.w_scale * rng_normal(&r); }
  } else if (k == l) {
    var r = rng_new(key, sample, STREAM_DENSE_H, (k - 1u) * N + (k - 1u));
    q.x = params.diag_scale * rng_normal(&r);
  } else {
    var r = rng_new(key, sample, STREAM_DENSE_H, (k - 1u) * N + (l - 1u));
    for (var j = 0u; j < c; j = j + 1u) { q[j] = params.off_scale * rng_normal(&r); }
  }
  if (c != 4u) {
    let m = n;
    let base = s * m * m;
    a[base + k * m + l] = vec2<f32>(q.x, q.y);
    a[base + l * m + k] = vec2<f32>(q.x, -q.y);
    return;
  }
  let m = 2u * n;
  let base = s * m * m;
  let r0 = 2u * k;
  let c0 = 2u * l;
  a[base + r0 * m + c0] = vec2<f32>(q.x, q.w);
  a[base + r0 * m + c0 + 1u] = vec2<f32>(q.z, q.y);
  a[base + (r0 + 1u) * m + c0] = vec2<f32>(-q.z, q.y);
  a[base + (r0 + 1u) * m + c0 + 1u] = vec2<f32>(q.x, -q.w);
  if (k != l) {
    a[base + c0 * m + r0] = vec2<f32>(q.x, -q.w);
    a[base + c0 * m + r0 + 1u] = vec2<f32>(-q.z, -q.y);
    a[base + (c0 + 1u) * m + r0] = vec2<f32>(q.z, -q.y);
    a[base + (c0 + 1u) * m + r0 + 1u] = vec2<f32>(q.x, q.w);
  }
}
