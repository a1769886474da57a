/**
 * GPU dense path vs CPU on the same seeds: dense_gen vs DenseSampler.matrix (f32 rounding); Jacobi vs ml-matrix
 * (DenseSampler's own spectra) for GOE, GUE and GSE (Kramers pairs), n = 2..40; degenerate, zero and already-diagonal
 * input; convergence flags; per-sample P(t); the dense scheduler (batches, non-converged samples, N = 1); the engine.
 */
import { describe, expect, it } from 'vitest';
import { gpuForSuite, scoped } from './gpu-helper.js';
import { DensePathGpu } from '../../src/backends/webgpu/dense.js';
import { cpuDenseGen, complexForm, denseShape } from '../../src/backends/webgpu/dense-twin.js';
import { JacobiPass } from '../../src/backends/webgpu/jacobi.js';
import { cpuJacobi, jacobiRotation, roundRobinPair } from '../../src/backends/webgpu/jacobi-twin.js';
import { runWebGpuDenseEnsemble } from '../../src/backends/webgpu/dense-scheduler.js';
import { runWebGpuEnsemble, webGpuSupport } from '../../src/backends/webgpu/scheduler.js';
import { cpuPt } from '../../src/backends/webgpu/pt.js';
import { DenseSampler } from '../../src/sampling/dense.js';
import { allocSpectrum } from '../../src/sampling/types.js';
import { complexHermitianSpectrum } from '../../src/linalg/dense.js';
import { GOE, GSE, GUE, POISSON, betaEnsemble } from '../../src/model/ensemble.js';
import { makeRunConfig } from '../../src/model/validate.js';
import { simulate } from '../../src/simulate.js';
import type { SeededModel } from '../../src/model/params.js';

const gpu = await gpuForSuite('dense path');

/** DenseSampler's spectrum (ml-matrix) of sample s: the independent oracle. */
function oracle(model: SeededModel, s: number) {
  const sp = allocSpectrum(model.N + 1);
  new DenseSampler(model, model.seed).sampleBatch(s, 1, [sp]);
  return sp;
}

/** A random Hermitian matrix (re, im) of size m with prescribed eigenvalues: U diag(ev) U^dagger, U from Gram-Schmidt. */
function withSpectrum(ev: number[], complex: boolean, seed = 1): { re: Float64Array; im: Float64Array; m: number } {
  const m = ev.length;
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const ur: number[][] = [], ui: number[][] = [];
  for (let k = 0; k < m; k++) {
    const r = Array.from({ length: m }, rnd), i = Array.from({ length: m }, () => (complex ? rnd() : 0));
    for (let j = 0; j < k; j++) {
      let dr = 0, di = 0; // <u_j, w>
      for (let a = 0; a < m; a++) { dr += ur[j][a] * r[a] + ui[j][a] * i[a]; di += ur[j][a] * i[a] - ui[j][a] * r[a]; }
      for (let a = 0; a < m; a++) { r[a] -= dr * ur[j][a] - di * ui[j][a]; i[a] -= dr * ui[j][a] + di * ur[j][a]; }
    }
    const nrm = Math.sqrt(r.reduce((s, v) => s + v * v, 0) + i.reduce((s, v) => s + v * v, 0));
    ur.push(r.map((v) => v / nrm)); ui.push(i.map((v) => v / nrm));
  }
  const re = new Float64Array(m * m), im = new Float64Array(m * m);
  for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) {
    let sr = 0, si = 0;
    for (let k = 0; k < m; k++) { // u_k(p) ev_k conj(u_k(q))
      sr += ev[k] * (ur[k][p] * ur[k][q] + ui[k][p] * ui[k][q]);
      si += ev[k] * (ui[k][p] * ur[k][q] - ur[k][p] * ui[k][q]);
    }
    re[p * m + q] = sr; im[p * m + q] = si;
  }
  return { re, im, m };
}

/** Sum the weights over clusters of equal eigenvalues (|de| <= tol): invariant under the choice of eigenbasis. */
function clusters(e: ArrayLike<number>, p: ArrayLike<number>, n: number, tol: number): { e: number; p: number }[] {
  const out: { e: number; p: number }[] = [];
  for (let a = 0; a < n; a++) {
    const last = out.at(-1);
    if (last && Math.abs(e[a] - last.e) <= tol) last.p += p[a];
    else out.push({ e: e[a], p: p[a] });
  }
  return out;
}

describe('CPU twins (no GPU needed)', () => {
  it('round-robin schedule: every pair once per sweep, pairs of a round disjoint', () => {
    for (const M of [2, 4, 6, 10, 42]) {
      const seen = new Set<string>();
      for (let r = 0; r < M - 1; r++) {
        const used = new Set<number>();
        for (let k = 0; k < M / 2; k++) {
          const [p, q] = roundRobinPair(r, k, M);
          expect(p).toBeLessThan(q);
          expect(used.has(p) || used.has(q)).toBe(false);
          used.add(p); used.add(q);
          seen.add(`${p},${q}`);
        }
      }
      expect(seen.size).toBe((M * (M - 1)) / 2);
    }
  });

  it('2x2 rotation: identity for b = 0, 45 degrees for a degenerate diagonal, no NaN for tiny or huge ratios', () => {
    expect(jacobiRotation(1, 1, 0, 0)).toEqual({ c: 1, wre: 0, wim: 0, a1: 1, d1: 1 });
    const r = jacobiRotation(2, 2, 0, 1e-30);
    expect(r.c).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Math.hypot(r.wre, r.wim)).toBeCloseTo(Math.SQRT1_2, 15);
    for (const [a, d, br, bi] of [[0, 1e30, 1e-30, 1e-30], [1, -1, 1e-300, 0], [0, 0, 5e-324, 0], [3, 1, -2, 7]]) {
      const x = jacobiRotation(a, d, br, bi);
      for (const v of Object.values(x)) expect(Number.isFinite(v)).toBe(true);
      expect(x.c * x.c + x.wre * x.wre + x.wim * x.wim).toBeCloseTo(1, 14);
    }
  });

  it('cpuJacobi equals ml-matrix (DenseSampler spectra) for GOE, GUE, GSE to 1e-10', () => {
    for (const [ens, N] of [[GOE, 12], [GUE, 9], [GSE, 6]] as const) {
      const model: SeededModel = { ensemble: ens, N, g: 0.4, lambda: 1.7, eps0: 0.2, seed: 3 };
      const { kramers } = denseShape(ens, N);
      const a = cpuDenseGen(model, 5);
      const r = cpuJacobi(a, { tol: 1e-14, kramers });
      expect(r.converged).toBe(true);
      const o = oracle(model, 5);
      for (let k = 0; k <= N; k++) {
        expect(Math.abs(r.e[k] * model.lambda - o.e[k])).toBeLessThan(1e-10);
        expect(Math.abs(r.p[k] - o.p[k])).toBeLessThan(1e-10);
      }
    }
  });
});

describe.runIf(gpu)('GPU dense path vs CPU (same seeds)', () => {
  const ctx = gpu!;

  it('dense_gen equals DenseSampler.matrix (complex form, / lambda) to f32 rounding: GOE, GUE, GSE', () =>
    scoped(ctx, async () => {
      for (const [ens, N] of [[GOE, 9], [GUE, 13], [GSE, 7]] as const) {
        const model: SeededModel = { ensemble: ens, N, g: 0.7, lambda: 2.5, eps0: -0.3, seed: 2 ** 33 + 17 };
        const dp = await DensePathGpu.create(ctx.device, model, Float64Array.of(0), 4, 1);
        try {
          const base = 4_000_000_000;
          const got = await dp.generateOnly(base, 4);
          const m = dp.m;
          const sampler = new DenseSampler(model, model.seed);
          for (let s = 0; s < 4; s++) {
            const want = cpuDenseGen(model, base + s, sampler);
            let worst = 0;
            for (let i = 0; i < m * m; i++) {
              const tr = Math.abs(got[2 * (s * m * m + i)] - want.re[i]) / (Math.abs(want.re[i]) + 0.1);
              const ti = Math.abs(got[2 * (s * m * m + i) + 1] - want.im[i]) / (Math.abs(want.im[i]) + 0.1);
              worst = Math.max(worst, tr, ti);
            }
            expect(worst, `${ens.name} sample ${s}`).toBeLessThan(5e-6);
          }
        } finally {
          dp.destroy();
        }
      }
    }));

  const cases: [string, SeededModel, number][] = [
    ['GOE n=2', { ensemble: GOE, N: 1, g: 1, lambda: 1, eps0: 0, seed: 1 }, 4],
    ['GOE n=17', { ensemble: GOE, N: 16, g: 0.05, lambda: 1, eps0: 0, seed: 4 }, 4],
    ['GOE n=40', { ensemble: GOE, N: 39, g: 46 / 39, lambda: 1, eps0: 0, seed: 5 }, 3],
    ['GUE n=2', { ensemble: GUE, N: 1, g: 0.3, lambda: 1, eps0: 0.5, seed: 2 }, 4],
    ['GUE n=25 gamma=0.46', { ensemble: GUE, N: 24, g: 0.46 / 24, lambda: 1, eps0: 0, seed: 6 }, 4],
    ['GUE n=40 lambda=3 eps0=0.4', { ensemble: GUE, N: 39, g: 2 / 39, lambda: 3, eps0: 0.4, seed: 7 }, 3],
    ['GSE n=2 (m=4)', { ensemble: GSE, N: 1, g: 0.5, lambda: 1, eps0: 0, seed: 3 }, 4],
    ['GSE n=12 (m=24)', { ensemble: GSE, N: 11, g: 0.2, lambda: 1, eps0: 0, seed: 8 }, 3],
    ['GSE n=40 (m=80)', { ensemble: GSE, N: 39, g: 1 / 39, lambda: 1, eps0: 0, seed: 9 }, 1],
  ];
  for (const [name, model, B] of cases) {
    it(`Jacobi vs ml-matrix and P(t): ${name}`, () =>
      scoped(ctx, async () => {
        const tH = (2 * model.N) / model.lambda;
        const times = Float64Array.from([0, 0.01, 0.1, 0.5, 1, 3], (x) => x * tH);
        const dp = await DensePathGpu.create(ctx.device, model, times, B, 1);
        try {
          const base = 100;
          dp.submit(dp.slots[0], base, B);
          const res = await dp.collect(dp.slots[0]);
          const sp = await dp.readSpectra(dp.slots[0]);
          const n = model.N + 1;
          const m = dp.m;
          const T = times.length;
          for (let s = 0; s < B; s++) {
            expect(res.converged[s], `sample ${s} converged`).toBe(1);
            expect(res.sweeps[s]).toBeGreaterThan(0);
            expect(res.sweeps[s]).toBeLessThanOrEqual(12);
            expect(res.offRel[s]).toBeLessThanOrEqual(1e-6);
            const o = oracle(model, base + s);
            const norm = Math.max(...o.e.map(Math.abs));
            let sumP = 0;
            for (let a = 0; a < n; a++) {
              const e = sp.e[s * m + a], p = sp.p[s * m + a];
              expect(Number.isFinite(e) && Number.isFinite(p)).toBe(true);
              expect(Math.abs(e - o.e[a]), `e[${a}]`).toBeLessThanOrEqual(1e-5 * norm);
              expect(Math.abs(p - o.p[a]), `p[${a}]`).toBeLessThanOrEqual(2e-5);
              sumP += p;
            }
            for (let a = n; a < m; a++) expect(sp.p[s * m + a]).toBe(0); // Kramers: trailing entries carry no weight
            expect(Math.abs(sumP - 1)).toBeLessThan(1e-5);
            const ref = cpuPt(o.e, o.p, times);
            expect(res.rows[s * (T + 1)]).toBeCloseTo(1, 5);
            for (let i = 0; i < T; i++) expect(Math.abs(res.rows[s * (T + 1) + i] - ref[i])).toBeLessThanOrEqual(1e-3);
            expect(Math.abs(res.rows[s * (T + 1) + T] - ref[T])).toBeLessThanOrEqual(2e-4);
          }
        } finally {
          dp.destroy();
        }
      }));
  }

  it('degenerate, zero and already-diagonal input: no NaN, exact results, converged; GPU = CPU twin', () =>
    scoped(ctx, async () => {
      const m = 6;
      const eye = { re: Float64Array.from({ length: m * m }, (_, i) => (i % (m + 1) === 0 ? 1 : 0)), im: new Float64Array(m * m) };
      const zero = { re: new Float64Array(m * m), im: new Float64Array(m * m) };
      const diag = { re: new Float64Array(m * m), im: new Float64Array(m * m) };
      [3, -1, 3, 0.5, -1, 3].forEach((d, i) => { diag.re[i * m + i] = d; });
      const rep = withSpectrum([1, 1, 2, 2, 2, -0.5], true, 7);
      const repReal = withSpectrum([0.3, 0.3, 0.3, 0.3, -1, -1], false, 11);
      const mats = [eye, zero, diag, rep, repReal];
      const pass = await JacobiPass.create(ctx.device, m);
      const out = await pass.run(mats);
      const expectE = [[1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], [-1, -1, 0.5, 3, 3, 3], [-0.5, 1, 1, 2, 2, 2], [-1, -1, 0.3, 0.3, 0.3, 0.3]];
      out.forEach((o, k) => {
        const tw = cpuJacobi({ ...mats[k], m });
        expect(o.converged, `matrix ${k}`).toBe(true);
        expect(tw.converged).toBe(true);
        expect(Math.abs(o.sweeps - tw.sweeps)).toBeLessThanOrEqual(1);
        for (let a = 0; a < m; a++) {
          expect(Number.isFinite(o.e[a]) && Number.isFinite(o.p[a])).toBe(true);
          expect(Math.abs(o.e[a] - expectE[k][a])).toBeLessThan(2e-6);
        }
        // weights per degenerate cluster (the basis inside a cluster is arbitrary) vs ml-matrix and the twin
        const E = new Float64Array(m), P = new Float64Array(m);
        complexHermitianSpectrum(mats[k].re, mats[k].im, m, E, P);
        const g = clusters(o.e, o.p, m, 1e-4), w = clusters(E, P, m, 1e-9), t = clusters(tw.e, tw.p, m, 1e-9);
        expect(g.length).toBe(w.length);
        g.forEach((c, i) => { expect(Math.abs(c.p - w[i].p)).toBeLessThan(1e-5); expect(Math.abs(t[i].p - w[i].p)).toBeLessThan(1e-10); });
      });
      // identity, zero and diagonal input need no sweep at all; |0> stays put
      for (const k of [0, 1, 2]) { expect(out[k].sweeps).toBe(0); expect(out[k].offRel).toBe(0); }
      expect(Array.from(out[0].p)).toEqual([1, 0, 0, 0, 0, 0]);
      expect(out[2].p[3]).toBe(1); // diag[0] = 3 sorts to index 3 (ties by index)
      // Kramers merge of an identity-like complex form: 3 levels, weights summed
      const k4 = await (await JacobiPass.create(ctx.device, 6)).run([diag], { kramers: true });
      expect(Array.from(k4[0].e.slice(0, 3))).toEqual([-1, 1.75, 3]);
      expect(k4[0].p[0] + k4[0].p[1] + k4[0].p[2]).toBe(1);
    }));

  it('convergence flags: a sweep budget too small is reported per sample (GPU and twin alike)', () =>
    scoped(ctx, async () => {
      const model: SeededModel = { ensemble: GUE, N: 15, g: 0.3, lambda: 1, eps0: 0, seed: 12 };
      const mats = [0, 1, 2].map((s) => cpuDenseGen(model, s));
      const pass = await JacobiPass.create(ctx.device, 16);
      const one = await pass.run(mats, { maxSweeps: 1 });
      const full = await pass.run(mats);
      mats.forEach((mat, s) => {
        const tw = cpuJacobi(mat, { maxSweeps: 1 });
        expect(one[s].converged).toBe(false);
        expect(tw.converged).toBe(false);
        expect(one[s].sweeps).toBe(1);
        expect(one[s].offRel).toBeGreaterThan(1e-6);
        expect(full[s].converged).toBe(true);
        expect(full[s].offRel).toBeLessThanOrEqual(1e-6);
        // NaN input never converges and never hangs
      });
      const bad = { re: Float64Array.from(mats[0].re), im: mats[0].im };
      bad.re[17] = NaN;
      const nan = await pass.run([bad], { maxSweeps: 3 });
      expect(nan[0].converged).toBe(false);
      expect(nan[0].sweeps).toBe(0);
    }));

  it('scheduler: dense ensemble equals the per-sample CPU oracle; several batches; N = 1; non-convergence counted', () =>
    scoped(ctx, async () => {
      expect(webGpuSupport({ ensemble: GUE, method: 'dense', N: 50 })).toEqual({ ok: true });
      expect(webGpuSupport({ ensemble: POISSON, method: 'dense', N: 50 }).ok).toBe(false);
      expect(webGpuSupport({ ensemble: betaEnsemble(3), method: 'dense', N: 50 }).ok).toBe(false);
      for (const [ens, N] of [['GUE', 10], ['GOE', 1], ['GSE', 1], ['GSE', 5]] as const) {
        const cfg = makeRunConfig({ ensemble: ens, N, gamma: 1.5, samples: 30, seed: 21, tau: '0.02,0.3,1,4', method: 'dense' });
        const seen: number[] = [];
        const r = await runWebGpuDenseEnsemble(cfg, { start: 5, end: 25 }, { gpu: ctx, maxBatch: 6, onProgress: (d) => seen.push(d) });
        expect(r.notConverged).toBe(0);
        expect(r.stats.count).toBe(20);
        expect(seen).toEqual([6, 12, 18, 20]);
        const T = cfg.t.length;
        const sum = new Float64Array(T + 1);
        for (let s = 5; s < 25; s++) {
          const o = oracle(cfg, s);
          const row = cpuPt(o.e, o.p, cfg.t);
          for (let i = 0; i <= T; i++) sum[i] += row[i];
        }
        for (let i = 0; i < T; i++) expect(Math.abs(r.stats.P.sum[i] - sum[i]) / 20, `${ens} N=${N} P[${i}]`).toBeLessThan(1e-3);
        expect(Math.abs(r.stats.Pres.sum[0] - sum[T]) / 20).toBeLessThan(2e-4);
        const viaMain = await runWebGpuEnsemble(cfg, { start: 5, end: 25 }, { gpu: ctx });
        expect(viaMain.P.sum[0]).toBeCloseTo(r.stats.P.sum[0], 4);
      }
      // onBatch keeps the caller's maxBatch alignment (engine chunks) when the device takes fewer samples per submission
      const cfg8 = makeRunConfig({ ensemble: 'GOE', N: 6, gamma: 1, samples: 40, seed: 4, tau: '0.5', method: 'dense' });
      const reports: [number, number][] = [];
      const progress: number[] = [];
      const g = await runWebGpuDenseEnsemble(cfg8, { start: 3, end: 40 }, {
        gpu: ctx, maxBatch: 8, deviceBatch: 3, onBatch: (st, b) => reports.push([st, b.count]), onProgress: (d) => progress.push(d),
      });
      expect(reports).toEqual([[3, 8], [11, 8], [19, 8], [27, 8], [35, 5]]);
      expect(progress).toEqual([3, 6, 8, 11, 14, 16, 19, 22, 24, 27, 30, 32, 35, 37]);
      const one = await runWebGpuDenseEnsemble(cfg8, { start: 3, end: 40 }, { gpu: ctx });
      expect(g.stats.P.sum[0]).toBeCloseTo(one.stats.P.sum[0], 5);
      expect(g.stats.count).toBe(37);

      const cfg = makeRunConfig({ ensemble: 'GUE', N: 12, gamma: 1, samples: 10, seed: 2, tau: '0.1', method: 'dense' });
      const bad = await runWebGpuDenseEnsemble(cfg, { start: 0, end: 10 }, { gpu: ctx, jacobi: { maxSweeps: 1 } });
      expect(bad.notConverged).toBe(10);
      expect(bad.notConvergedSamples).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(bad.stats.count).toBe(0);
    }));

  it('engine: simulate --method dense --backend webgpu runs on the GPU and matches the CPU dense path (same seed)', async () => {
    for (const ensemble of ['GUE', 'GSE']) {
      const base = { ensemble, N: 8, gamma: 2, samples: 40, seed: 5, tau: '0.01:3:6:log', method: 'dense' };
      const g = await simulate(makeRunConfig({ ...base, backend: 'webgpu' }));
      const c = await simulate(makeRunConfig({ ...base, backend: 'cpu' }));
      expect(g.params.backend).toMatch(/^webgpu \(/);
      expect(g.params.backend).not.toMatch(/cpu/);
      expect(g.samples_done).toBe(40);
      for (let i = 0; i < g.P.length; i++) expect(Math.abs(g.P[i] - c.P[i])).toBeLessThan(2e-4);
      expect(Math.abs(g.P_res - c.P_res)).toBeLessThan(1e-4);
    }
  });
});
