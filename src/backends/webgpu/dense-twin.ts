/**
 * CPU twin of shaders/dense_gen.wgsl: the matrix of sample s as the GPU writes it — complex Hermitian (re, im) of size m
 * (m = N + 1, or 2(N + 1) in the complex form for GSE), divided by `unit` (= lambda) — built from the CPU dense sampler's
 * own `DenseSampler.matrix` (src/sampling/dense.ts), so the GPU generator is held to the CPU stream recipe directly.
 */
import type { Ensemble } from '../../model/ensemble.js';
import { DenseSampler } from '../../sampling/dense.js';
import type { SeededModel } from '../../model/params.js';


/** Sizes of the dense problem: n = N + 1 levels, m = complex matrix size, kramers for the GSE complex form. */
export function denseShape(ensemble: Ensemble, N: number): { n: number; m: number; kramers: boolean; components: number } {
  const c = ensemble.couplingBeta;
  if (!(ensemble.beta === 1 || ensemble.beta === 2 || ensemble.beta === 4)) {
    throw new RangeError(`the GPU dense path supports GOE, GUE and GSE, not ${ensemble.name} (beta=${ensemble.beta})`);
  }
  const n = N + 1;
  return { n, m: c === 4 ? 2 * n : n, kramers: c === 4, components: c };
}

/** Complex form (re, im; size m) of the c real component arrays of DenseSampler.matrix (n x n each). */
export function complexForm(comps: Float64Array[], n: number, scale = 1): { re: Float64Array; im: Float64Array; m: number } {
  const c = comps.length;
  if (c !== 4) {
    const re = comps[0].map((x) => x * scale);
    const im = c === 2 ? comps[1].map((x) => x * scale) : new Float64Array(n * n);
    return { re, im, m: n };
  }
  const m = 2 * n;
  const re = new Float64Array(m * m), im = new Float64Array(m * m);
  const [q0, q1, q2, q3] = comps;
  const set = (r: number, s: number, x: number, y: number) => { re[r * m + s] = x * scale; im[r * m + s] = y * scale; };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      set(2 * i, 2 * j, q0[k], q3[k]);
      set(2 * i, 2 * j + 1, q2[k], q1[k]);
      set(2 * i + 1, 2 * j, -q2[k], q1[k]);
      set(2 * i + 1, 2 * j + 1, q0[k], -q3[k]);
    }
  }
  return { re, im, m };
}

/** Twin of dense_gen for sample s: H_tot / lambda in complex form (f64). */
export function cpuDenseGen(model: SeededModel, s: number, sampler = new DenseSampler(model, model.seed)): { re: Float64Array; im: Float64Array; m: number } {
  return complexForm(sampler.matrix(s), model.N + 1, 1 / model.lambda);
}
