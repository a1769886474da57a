// rng_draws.wgsl — raw draws from the Philox streams, for tests and benchmarks (the CPU twin is src/rng/philox.ts).
// Requires philox.wgsl (prepended by the loader).
//
// Binding contract (group 0):
//   @binding(0) params : uniform RngDrawParams   — which draws (see struct)
//   @binding(1) ctrs   : storage, read   array<vec4<u32>> — mode 0 only: 2 entries per invocation (counter, key in .xy)
//   @binding(2) out    : storage, rw     array<u32>       — count words per invocation, f32 results bitcast to u32
// Invocation i handles element (elementBase + i) of stream (sample, stream), writing out[i*count .. i*count+count).
// Dispatch: ceil(invocations / WG) workgroups, split over x and y (x <= 65535).

override WG: u32 = 64u;

struct RngDrawParams {
  key_lo: u32,
  key_hi: u32,
  sample: u32,
  stream: u32,
  element_base: u32,
  invocations: u32,
  count: u32,       // draws per invocation
  mode: u32,        // 0: Philox block of (ctr, key) from ctrs; 1: u32 words; 2: uniform; 3: normal; 4: chi2(dof)
  dof: f32,
}

@group(0) @binding(0) var<uniform> params: RngDrawParams;
@group(0) @binding(1) var<storage, read> ctrs: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.invocations) { return; }
  let base = i * params.count;
  if (params.mode == 0u) {
    let blk = philox4x32(ctrs[2u * i], ctrs[2u * i + 1u].xy);
    out[4u * i] = blk.x;
    out[4u * i + 1u] = blk.y;
    out[4u * i + 2u] = blk.z;
    out[4u * i + 3u] = blk.w;
    return;
  }
  var r = rng_new(vec2<u32>(params.key_lo, params.key_hi), params.sample, params.stream, params.element_base + i);
  for (var j = 0u; j < params.count; j = j + 1u) {
    var v: u32;
    switch params.mode {
      case 1u: { v = rng_u32(&r); }
      case 2u: { v = bitcast<u32>(rng_uniform(&r)); }
      case 3u: { v = bitcast<u32>(rng_normal(&r)); }
      default: { v = bitcast<u32>(rng_chi2(&r, params.dof)); }
    }
    out[base + j] = v;
  }
}
