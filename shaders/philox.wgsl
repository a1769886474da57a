// philox.wgsl — Philox4x32-10 and the draws built on it (library: no bindings, no entry points).
// Prepended to every kernel that draws random numbers (see src/backends/webgpu/shaders.ts).
// Twin of src/rng/philox.ts; the consumption rules are identical so CPU and GPU draw the same numbers:
//   counter = [element k, sample s, stream id, block j], key = [seed lo, seed hi];
//   uniform: two u32 words (x, y) -> ((x>>6) 2^26 + (y>>6) + 1/2) 2^-52, here rounded to f32 and kept inside (0, 1);
//   normal: Box-Muller on two uniforms, cosine branch first, sine branch cached for the next normal of the stream;
//   gamma(shape): Marsaglia-Tsang, normal then uniform per attempt; shape < 1 by gamma(shape+1) * U^(1/shape);
//   chi2(k) = 2 gamma(k/2).
// WGSL has no 64-bit integers: the high word of the 32x32 product is built from 16-bit pieces.

const PHILOX_M0: u32 = 0xd2511f53u;
const PHILOX_M1: u32 = 0xcd9e8d57u;
const PHILOX_W0: u32 = 0x9e3779b9u;
const PHILOX_W1: u32 = 0xbb67ae85u;
const TWO_PI_F: f32 = 6.283185307179586;

// ---- Accurate f32 elementary functions --------------------------------------------------------------------------
// Built-in log/sin/cos only promise ~2^-11 absolute error on Vulkan (SwiftShader measures 1.9e-4 for sin/cos and
// 7e-3 relative for log near 1), which would desynchronise the rejection sampler from the CPU and spoil phases.
// These use only +, *, frexp/ldexp and fixed polynomials (Cephes sinf/cosf/logf), so they agree across GPUs.

// Natural log for x > 0 (normal). Relative error ~1e-7.
fn log_f(xin: f32) -> f32 {
  let fr = frexp(xin);
  var m = fr.fract;            // [0.5, 1)
  var e = f32(fr.exp);
  if (m < 0.70710678118654752) {
    e = e - 1.0;
    m = m + m - 1.0;
  } else {
    m = m - 1.0;
  }
  let z = m * m;
  var y = ((((((((7.0376836292e-2 * m - 1.1514610310e-1) * m + 1.1676998740e-1) * m - 1.2420140846e-1) * m
          + 1.4249322787e-1) * m - 1.6668057665e-1) * m + 2.0000714765e-1) * m - 2.4999993993e-1) * m
          + 3.3333331174e-1) * m * z;
  y = y - 2.12194440e-4 * e;
  y = y - 0.5 * z;
  return (m + y) + 0.693359375 * e;
}

// (sin, cos) of 2 pi u for any f32 u (turns). The turn count is dropped exactly (u - round(u)), the quadrant
// exactly (r = v - q/4), so only |x| <= pi/4 reaches the polynomials. Absolute error ~1e-7.
fn sincos_turns(u: f32) -> vec2<f32> {
  let v = u - round(u);              // [-0.5, 0.5]
  let q = round(4.0 * v);            // -2..2
  let r = v - 0.25 * q;              // [-1/8, 1/8], exact
  let x = TWO_PI_F * r;
  let z = x * x;
  let s = x + x * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let qi = (i32(q) + 4) & 3;
  switch qi {
    case 0: { return vec2<f32>(s, c); }
    case 1: { return vec2<f32>(c, -s); }
    case 2: { return vec2<f32>(-s, -c); }
    default: { return vec2<f32>(-c, s); }
  }
}

// High 32 bits of a * b (exact; each partial product fits in 32 bits).
fn mulhi32(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let t = a1 * b0 + ((a0 * b0) >> 16u);
  let w1 = (t & 0xffffu) + a0 * b1;
  return a1 * b1 + (t >> 16u) + (w1 >> 16u);
}

fn philox4x32(ctr_in: vec4<u32>, key_in: vec2<u32>) -> vec4<u32> {
  var c = ctr_in;
  var k = key_in;
  for (var r = 0u; r < 10u; r = r + 1u) {
    let hi0 = mulhi32(PHILOX_M0, c.x);
    let lo0 = PHILOX_M0 * c.x;
    let hi1 = mulhi32(PHILOX_M1, c.z);
    let lo1 = PHILOX_M1 * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
  }
  return c;
}

// One draw sequence (sample, stream, element): the state of src/rng/philox.ts PhiloxStream.
struct Rng {
  ctr: vec4<u32>,
  key: vec2<u32>,
  buf: vec4<u32>,
  pos: u32,
  spare: f32,
  has_spare: u32,
}

fn rng_new(key: vec2<u32>, sample: u32, stream: u32, element: u32) -> Rng {
  return Rng(vec4<u32>(element, sample, stream, 0u), key, vec4<u32>(0u), 4u, 0.0, 0u);
}

fn rng_u32(r: ptr<function, Rng>) -> u32 {
  if ((*r).pos == 4u) {
    (*r).buf = philox4x32((*r).ctr, (*r).key);
    (*r).ctr.w = (*r).ctr.w + 1u;
    (*r).pos = 0u;
  }
  let v = (*r).buf[(*r).pos];
  (*r).pos = (*r).pos + 1u;
  return v;
}

// The f64 uniform of the CPU rounded to f32: 24 high bits exact, the rest as a small correction; clamped below 1.
fn uniform_from_words(x: u32, y: u32) -> f32 {
  let hi = f32(x >> 8u) * 5.9604644775390625e-8;                       // 2^-24
  let lo = f32((x >> 6u) & 3u) * 1.4901161193847656e-8                  // 2^-26
         + (f32(y >> 6u) + 0.5) * 2.220446049250313e-16;                // 2^-52
  return min(hi + lo, 0.99999994039535522);                             // 1 - 2^-24
}

fn rng_uniform(r: ptr<function, Rng>) -> f32 {
  let x = rng_u32(r);
  let y = rng_u32(r);
  return uniform_from_words(x, y);
}

fn rng_normal(r: ptr<function, Rng>) -> f32 {
  if ((*r).has_spare != 0u) {
    (*r).has_spare = 0u;
    return (*r).spare;
  }
  let u1 = rng_uniform(r);
  let u2 = rng_uniform(r);
  let rad = sqrt(-2.0 * log_f(u1));
  let sc = sincos_turns(u2);          // (sin, cos)(2 pi u2)
  (*r).spare = rad * sc.x;
  (*r).has_spare = 1u;
  return rad * sc.y;
}

// log(1 + y) - y for |y| < 0.125 without cancellation (alternating series, 13 terms: error < 1e-13 |y|^2).
fn log1p_minus_x_small(y: f32) -> f32 {
  var s = 0.0;
  for (var n = 14; n >= 2; n = n - 1) {
    let c = select(1.0, -1.0, (n & 1) == 0) / f32(n);
    s = c + y * s;
  }
  return y * y * s;
}

// Marsaglia-Tsang for shape >= 1. The acceptance test log u < x^2/2 + d - d v + d log v is evaluated as
// x^2/2 + d (log(v) - (v - 1)), with v - 1 = z (3 + z (3 + z)) and a series when v is near 1 (no cancellation even for
// shape ~ 1e6, the chi2(beta N) draws), and log(v) directly otherwise (v = (1 + z)^3 keeps full relative precision
// when 1 + z is tiny).
fn rng_gamma_ge1(r: ptr<function, Rng>, shape: f32) -> f32 {
  let d = shape - 1.0 / 3.0;
  let c = 1.0 / sqrt(9.0 * d);
  for (var it = 0u; it < 100000u; it = it + 1u) {
    let x = rng_normal(r);
    let z = c * x;
    let t = 1.0 + z;
    if (t <= 0.0) { continue; }
    let u = rng_uniform(r);
    var s: f32;
    var v: f32;
    if (abs(z) < 0.04) {
      let y = z * (3.0 + z * (3.0 + z));
      s = log1p_minus_x_small(y);
      v = 1.0 + y;
      if (log_f(u) < 0.5 * x * x + d * s) { return d + d * y; }
    } else {
      v = t * t * t;
      if (v <= 0.0) { continue; }   // 1 + z < 1e-13: the CPU's log v makes this a certain rejection too
      s = log_f(v) - (v - 1.0);
      if (log_f(u) < 0.5 * x * x + d * s) { return d * v; }
    }
  }
  return d;
}

fn rng_gamma(r: ptr<function, Rng>, shape: f32) -> f32 {
  if (shape < 1.0) {
    let g = rng_gamma_ge1(r, shape + 1.0);
    return g * exp(log_f(rng_uniform(r)) / shape);
  }
  return rng_gamma_ge1(r, shape);
}

fn rng_chi2(r: ptr<function, Rng>, k: f32) -> f32 {
  return 2.0 * rng_gamma(r, 0.5 * k);
}
