// jacobi.wgsl — batched parallel cyclic Jacobi for complex Hermitian matrices (DESIGN.md section 4), one workgroup per
// sample, the matrix in storage memory (any m up to the buffer limits). Real symmetric input is the special case im = 0;
// GSE comes in its 2n complex form (Kramers pairs: each level twice). CPU twin: src/backends/webgpu/jacobi-twin.ts.
//
// Sweep: m - 1 rounds of a round-robin ("chess tournament") pairing of the indices 0..M-1 (M = m rounded up to even;
// index m, if present, is a dummy whose pairs do nothing), so each round has M/2 disjoint pairs (p, q) and every pair
// meets once per sweep. A round is two phases separated by storage barriers:
//   1. rotation of each pair from the 2 x 2 block [[a, b], [conj b, d]]: omega = b/|b|, t = sign(d - a) 2|b| / (|d - a| +
//      hypot(d - a, 2|b|)) (|t| <= 1; t = 1 when a = d), c = 1/sqrt(1 + t^2), s = t c, new diagonal a - t|b|, d + t|b|;
//      b = 0 gives the identity (no 0/0 for a zero off-diagonal or a degenerate diagonal).
//      R = [[c, s omega], [-s conj(omega), c]] (unitary; R^dagger B R is diagonal).
//   2. A <- R^dagger A R for all pairs at once, as independent 2 x 2 blocks (rows of pair P) x (columns of pair Q), P <= Q,
//      each block written with its mirror (so A stays exactly Hermitian); the pair's own block gets the new diagonal and
//      exact zeros. The first row of the eigenvector matrix, v = e_0^T V, is updated as v <- v R (that is all P(t) needs:
//      p_a = |v_a|^2).
// Stop when the off-diagonal Frobenius norm <= tol ||A||_F (checked before each sweep), or after max_sweeps sweeps
// (then the sample is reported not converged; non-finite input is never "converged"). Finally eigenvalues (diagonal) and
// weights are sorted ascending (rank sort) and the weights renormalised to sum 1 (undoing the f32 drift of |v|); with
// `kramers` consecutive pairs are merged: e = mean, p = sum; the first n_out = m/2 entries hold the levels, the rest
// get weight 0.
//
// Binding contract (group 0):
//   @binding(0) params : uniform JacobiParams
//   @binding(1) a      : storage, rw  array<vec2<f32>> — [batch][m][m] complex Hermitian input (re, im), row-major;
//                                                        overwritten (ends ~diagonal)
//   @binding(2) v      : storage, rw  array<vec2<f32>> — [batch][m] scratch: first row of the eigenvector matrix
//   @binding(3) rot    : storage, rw  array<vec4<f32>> — [batch][M/2][2] scratch: (c, Re s omega, Im s omega, 0), (a', d', 0, 0)
//   @binding(4) eig    : storage, rw  array<f32>       — [batch][m] eigenvalues, ascending (Kramers: n_out levels, then 0)
//   @binding(5) wt     : storage, rw  array<f32>       — [batch][m] weights p_a on |0> in the same order (then 0)
//   @binding(6) info   : storage, rw  array<vec4<u32>> — [batch]: sweeps used, converged (1/0), bitcast f32 off/||A||_F at the
//                                                        end, bitcast f32 ||A||_F
// Workgroup (WG threads, WG a power of two) w handles sample w (w = workgroup_id.x + workgroup_id.y * num_workgroups.x);
// dispatch batch * WG invocations (split over x and y).

override WG: u32 = 64u;

struct JacobiParams {
  batch: u32,
  m: u32,           // matrix size
  n_out: u32,       // levels written: m, or m/2 with kramers
  kramers: u32,     // 1: merge consecutive sorted eigenvalues (Kramers pairs)
  max_sweeps: u32,
  tol: f32,         // relative off-diagonal norm to stop at
}

@group(0) @binding(0) var<uniform> params: JacobiParams;
@group(0) @binding(1) var<storage, read_write> a: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> v: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> rot: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> eig: array<f32>;
@group(0) @binding(5) var<storage, read_write> wt: array<f32>;
@group(0) @binding(6) var<storage, read_write> info: array<vec4<u32>>;

var<workgroup> red: array<f32, WG>;

fn cmul(x: vec2<f32>, y: vec2<f32>) -> vec2<f32> { return vec2<f32>(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x); }
fn conj(x: vec2<f32>) -> vec2<f32> { return vec2<f32>(x.x, -x.y); }

// Pair k (0 <= k < M/2) of round r (0 <= r < M - 1), as (min, max).
fn pair_of(r: u32, k: u32, M: u32) -> vec2<u32> {
  let L = M - 1u;
  var p = L;
  var q = r;
  if (k != 0u) {
    p = (r + k) % L;
    q = (r + L - k) % L;
  }
  return vec2<u32>(min(p, q), max(p, q));
}

// Workgroup sum of x (called in uniform control flow by every thread); the result is uniform.
fn wg_sum(lid: u32, x: f32) -> f32 {
  red[lid] = x;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { red[lid] = red[lid] + red[lid + stride]; }
    workgroupBarrier();
  }
  let total = workgroupUniformLoad(&red[0]);
  workgroupBarrier();
  return total;
}

// Sum of |A_ij|^2 over all entries (off = false) or over i != j (off = true), this thread's share.
fn sumsq(base: u32, m: u32, lid: u32, off: bool) -> f32 {
  var acc = 0.0;
  for (var i = lid; i < m * m; i = i + WG) {
    if (off && (i / m == i % m)) { continue; }
    let x = a[base + i];
    acc = acc + dot(x, x);
  }
  return acc;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lidv: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = wid.x + wid.y * nwg.x;
  if (s >= params.batch) { return; }
  let lid = lidv.x;
  let m = params.m;
  let M = m + (m & 1u);
  let K = M / 2u;
  let base = s * m * m;
  let vb = s * m;
  let rb = s * K * 2u;

  for (var i = lid; i < m; i = i + WG) { v[vb + i] = vec2<f32>(select(0.0, 1.0, i == 0u), 0.0); }
  let norm2 = wg_sum(lid, sumsq(base, m, lid, false));
  let tol2 = params.tol * params.tol;
  var sweeps = 0u;
  var conv = 0u;
  var off2 = 0.0;
  loop {
    off2 = wg_sum(lid, sumsq(base, m, lid, true));
    if (off2 <= tol2 * norm2) { conv = 1u; break; }
    if (sweeps >= params.max_sweeps || !(off2 <= 3.0e38) || !(norm2 <= 3.0e38)) { break; }
    for (var r = 0u; r < M - 1u; r = r + 1u) {
      // Phase 1: one rotation per pair.
      for (var k = lid; k < K; k = k + WG) {
        let pq = pair_of(r, k, M);
        let p = pq.x;
        let q = pq.y;
        var r0 = vec4<f32>(1.0, 0.0, 0.0, 0.0);
        var r1 = vec4<f32>(0.0);
        if (q < m) {
          let app = a[base + p * m + p].x;
          let aqq = a[base + q * m + q].x;
          let b = a[base + p * m + q];
          r1 = vec4<f32>(app, aqq, 0.0, 0.0);
          let bm = max(abs(b.x), abs(b.y));
          if (bm > 0.0) {
            let bs = b / bm;
            let rs = sqrt(dot(bs, bs));        // in [1, sqrt 2]
            let babs = bm * rs;
            let om = bs / rs;                  // b / |b|
            let diff = aqq - app;
            let tb = 2.0 * babs;
            let h = max(abs(diff), tb);
            let hyp = h * sqrt((diff / h) * (diff / h) + (tb / h) * (tb / h));
            let t = select(-1.0, 1.0, diff >= 0.0) * tb / (abs(diff) + hyp);
            let c = 1.0 / sqrt(1.0 + t * t);
            let sn = t * c;
            r0 = vec4<f32>(c, sn * om.x, sn * om.y, 0.0);
            r1 = vec4<f32>(app - t * babs, aqq + t * babs, 0.0, 0.0);
          }
        }
        rot[rb + 2u * k] = r0;
        rot[rb + 2u * k + 1u] = r1;
      }
      storageBarrier();
      // Phase 2: A <- R^dagger A R by 2 x 2 blocks (pair P rows) x (pair Q columns), P <= Q; v <- v R.
      for (var i = lid; i < K * K; i = i + WG) {
        let P = i / K;
        let Q = i % K;
        if (P > Q) { continue; }
        let pp = pair_of(r, P, M);
        let rp = rot[rb + 2u * P];
        let c1 = rp.x;
        let w1 = rp.yz;
        if (P == Q) {
          if (pp.y < m) {
            let d = rot[rb + 2u * P + 1u];
            a[base + pp.x * m + pp.x] = vec2<f32>(d.x, 0.0);
            a[base + pp.y * m + pp.y] = vec2<f32>(d.y, 0.0);
            a[base + pp.x * m + pp.y] = vec2<f32>(0.0);
            a[base + pp.y * m + pp.x] = vec2<f32>(0.0);
            let vp = v[vb + pp.x];
            let vq = v[vb + pp.y];
            v[vb + pp.x] = c1 * vp - cmul(conj(w1), vq);
            v[vb + pp.y] = cmul(w1, vp) + c1 * vq;
          }
          continue;
        }
        let qq = pair_of(r, Q, M);
        let rq = rot[rb + 2u * Q];
        let c2 = rq.x;
        let w2 = rq.yz;
        let hasq = pp.y < m;
        let hass = qq.y < m;
        let x00 = a[base + pp.x * m + qq.x];
        var x01 = vec2<f32>(0.0);
        var x10 = vec2<f32>(0.0);
        var x11 = vec2<f32>(0.0);
        if (hass) { x01 = a[base + pp.x * m + qq.y]; }
        if (hasq) { x10 = a[base + pp.y * m + qq.x]; }
        if (hasq && hass) { x11 = a[base + pp.y * m + qq.y]; }
        // left: rows (p, q) <- R_P^dagger (rows)
        let y00 = c1 * x00 - cmul(w1, x10);
        let y01 = c1 * x01 - cmul(w1, x11);
        let y10 = cmul(conj(w1), x00) + c1 * x10;
        let y11 = cmul(conj(w1), x01) + c1 * x11;
        // right: columns (r, s) <- (columns) R_Q
        let z00 = c2 * y00 - cmul(conj(w2), y01);
        let z01 = cmul(w2, y00) + c2 * y01;
        let z10 = c2 * y10 - cmul(conj(w2), y11);
        let z11 = cmul(w2, y10) + c2 * y11;
        a[base + pp.x * m + qq.x] = z00;
        a[base + qq.x * m + pp.x] = conj(z00);
        if (hass) {
          a[base + pp.x * m + qq.y] = z01;
          a[base + qq.y * m + pp.x] = conj(z01);
        }
        if (hasq) {
          a[base + pp.y * m + qq.x] = z10;
          a[base + qq.x * m + pp.y] = conj(z10);
        }
        if (hasq && hass) {
          a[base + pp.y * m + qq.y] = z11;
          a[base + qq.y * m + pp.y] = conj(z11);
        }
      }
      storageBarrier();
    }
    sweeps = sweeps + 1u;
  }

  // Eigenvalues and weights, ascending (rank sort; ties by index).
  var wsum = 0.0;
  for (var i = lid; i < m; i = i + WG) {
    let d = a[base + i * m + i].x;
    var rank = 0u;
    for (var j = 0u; j < m; j = j + 1u) {
      let dj = a[base + j * m + j].x;
      if (dj < d || (dj == d && j < i)) { rank = rank + 1u; }
    }
    let x = v[vb + i];
    eig[vb + rank] = d;
    wt[vb + rank] = dot(x, x);
    wsum = wsum + dot(x, x);
  }
  storageBarrier();
  // |v| = 1 exactly in exact arithmetic; f32 rotations let it drift by ~1e-6 over many sweeps: renormalise (sum p = 1).
  let total = wg_sum(lid, wsum);
  if (total > 0.0 && total <= 3.0e38) {
    for (var i = lid; i < m; i = i + WG) { wt[vb + i] = wt[vb + i] / total; }
  }
  storageBarrier();
  if (params.kramers != 0u) {
    for (var i = lid; i < params.n_out; i = i + WG) {
      v[vb + i] = vec2<f32>(0.5 * (eig[vb + 2u * i] + eig[vb + 2u * i + 1u]), wt[vb + 2u * i] + wt[vb + 2u * i + 1u]);
    }
    storageBarrier();
    for (var i = lid; i < m; i = i + WG) {
      if (i < params.n_out) {
        let x = v[vb + i];
        eig[vb + i] = x.x;
        wt[vb + i] = x.y;
      } else {
        eig[vb + i] = 0.0;
        wt[vb + i] = 0.0;
      }
    }
  }
  if (lid == 0u) {
    let rel = select(0.0, sqrt(off2 / norm2), norm2 > 0.0);
    info[s] = vec4<u32>(sweeps, conv, bitcast<u32>(rel), bitcast<u32>(sqrt(norm2)));
  }
}
