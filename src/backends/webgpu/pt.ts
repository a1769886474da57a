/**
 * Host help for GPU phases (DESIGN.md section 5): each time t becomes turns s = t / (2 pi) split into an f32 pair
 * (s_hi with 12 significant bits, s_lo = s - s_hi rounded to f32); see shaders/pt_accumulate.wgsl for why.
 * `cpuPt` is the CPU twin of pt_accumulate (same inputs, f64).
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** f32 value of x with only its 12 leading significant bits. */
export function hi12(x: number): number {
  f32[0] = x;
  u32[0] &= 0xfffff000;
  return f32[0];
}

export function splitTurns(times: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const out = new Float32Array(2 * Math.max(1, times.length));
  for (let i = 0; i < times.length; i++) {
    const s = times[i] / (2 * Math.PI);
    const h = hi12(s);
    out[2 * i] = h;
    out[2 * i + 1] = Math.fround(s - h);
  }
  return out;
}

/** CPU twin of pt_accumulate for one sample: eigenvalues e (f64), weights p, times t -> [P(t_0..), P_res]. */
export function cpuPt(e: ArrayLike<number>, p: ArrayLike<number>, times: ArrayLike<number>): Float64Array {
  const T = times.length;
  const out = new Float64Array(T + 1);
  for (let i = 0; i < T; i++) {
    let re = 0;
    let im = 0;
    for (let a = 0; a < e.length; a++) {
      const ph = e[a] * times[i];
      re += p[a] * Math.cos(ph);
      im -= p[a] * Math.sin(ph);
    }
    out[i] = re * re + im * im;
  }
  let pres = 0;
  for (let a = 0; a < p.length; a++) pres += p[a] * p[a];
  out[T] = pres;
  return out;
}
