// pt_accumulate.wgsl — per-sample P(t_i) = |sum_a p_a exp(-i e_a t_i)|^2 and P_res = sum_a p_a^2 (DESIGN.md section 5).
// Phases e_a t reach ~1e4 rad, far outside where f32 sin/cos are accurate, so the host passes each time as turns
// s = t / (2 pi) split into s_hi (12 significant bits) + s_lo, and each eigenvalue arrives as the pair (E_o, delta).
// E_o is split by bit masks into E_h + E_l (12 significant bits each), so E_h s_hi and E_l s_hi are exact f32 products
// whose whole turns are dropped exactly (x - floor(x)); E_o s_lo and delta s are small. The reduced phase (turns, error
// ~1e-7) goes to the arithmetic-only sincos_turns (philox.wgsl), never to a large-argument built-in sin/cos.
// Requires philox.wgsl (sincos_turns).
//
// Binding contract (group 0):
//   @binding(0) params : uniform PtParams
//   @binding(1) eo     : storage, read  array<f32>       — [batch][n] eigenvalue high part (E_o)
//   @binding(2) dl     : storage, read  array<f32>       — [batch][n] eigenvalue low part (delta)
//   @binding(3) pw     : storage, read  array<f32>       — [batch][n] weights p_a
//   @binding(4) turns  : storage, read  array<vec2<f32>> — [T] (s_hi, s_lo), s = t / (2 pi)
//   @binding(5) pt     : storage, rw    array<f32>       — [batch][T + 1]: P(t_0..t_{T-1}), then P_res
// Invocation i < batch * (T + 1): sample i / (T + 1), time index i % (T + 1) (index T computes P_res).

override WG: u32 = 64u;

struct PtParams {
  batch: u32,
  n: u32,        // eigenvalues per sample (N + 1, or the dense size)
  n_times: u32,  // T
}

@group(0) @binding(0) var<uniform> params: PtParams;
@group(0) @binding(1) var<storage, read> eo: array<f32>;
@group(0) @binding(2) var<storage, read> dl: array<f32>;
@group(0) @binding(3) var<storage, read> pw: array<f32>;
@group(0) @binding(4) var<storage, read> turns: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> pt: array<f32>;

fn frac_exact(x: f32) -> f32 { return x - floor(x); }

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let T = params.n_times;
  let n = params.n;
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= params.batch * (T + 1u)) { return; }
  let s = i / (T + 1u);
  let ti = i % (T + 1u);
  let base = s * n;
  if (ti == T) {
    var pres = 0.0;
    for (var a = 0u; a < n; a = a + 1u) { let p = pw[base + a]; pres = pres + p * p; }
    pt[i] = pres;
    return;
  }
  let sh = turns[ti].x;
  let sl = turns[ti].y;
  var re = 0.0;
  var im = 0.0;
  for (var a = 0u; a < n; a = a + 1u) {
    let p = pw[base + a];
    if (p == 0.0) { continue; }
    let e = eo[base + a];
    let eh = bitcast<f32>(bitcast<u32>(e) & 0xfffff000u);
    let el = e - eh;
    let d = dl[base + a];
    let ph = frac_exact(eh * sh) + frac_exact(el * sh) + frac_exact(e * sl) + frac_exact(d * sh + d * sl);
    let sc = sincos_turns(ph);
    re = re + p * sc.y;
    im = im - p * sc.x;
  }
  pt[i] = re * re + im * im;
}
