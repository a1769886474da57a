/**
 * GPU fast path vs CPU on the same seeds: the tridiagonal (same Philox streams), eigenvalues and weights (f32 tolerance
 * scaled by ||H||), per-sample P(t) and P_res; N = 1; a batch larger than one dispatch; ensemble statistics vs theory.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, EigenvalueDecomposition } from 'ml-matrix';
import { gpuForSuite, scoped } from './gpu-helper.js';
import { FastPathGpu } from '../../src/backends/webgpu/fast-path.js';
import { betaHermiteTridiagonal, cpuSecular, cpuSturm } from '../../src/backends/webgpu/fast-twin.js';
import { cpuPt } from '../../src/backends/webgpu/pt.js';
import { runWebGpuEnsemble, batchCapacity } from '../../src/backends/webgpu/scheduler.js';
import { GOE, GSE, GUE } from '../../src/model/ensemble.js';
import { makeRunConfig } from '../../src/model/validate.js';
import { PhiloxStream } from '../../src/rng/philox.js';
import type { SeededModel } from '../../src/model/params.js';

const gpu = await gpuForSuite('fast path');

/** Oracle independent of the GPU algorithm: dense ml-matrix on the f64 tridiagonal. */
function oracle(diag: Float64Array, offsq: Float64Array) {
  const n = diag.length;
  const M = Matrix.zeros(n, n);
  for (let k = 0; k < n; k++) {
    M.set(k, k, diag[k]);
    if (k < n - 1) { const b = Math.sqrt(offsq[k]); M.set(k, k + 1, b); M.set(k + 1, k, b); }
  }
  const evd = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const ev = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const idx = ev.map((_, i) => i).sort((a, b) => ev[a] - ev[b]);
  return { e: Float64Array.from(idx, (i) => ev[i]), p: Float64Array.from(idx, (i) => V.get(0, i) ** 2) };
}

describe('CPU twins (no GPU needed)', () => {
  it('twin stream recipe equals the CPU sampler (src/sampling/betaHermite.ts)', async () => {
    const mod = await import('../../src/sampling/betaHermite.js');
    for (const ens of [GOE, GUE, GSE]) {
      const m: SeededModel = { ensemble: ens, N: 17, g: 0.3, lambda: 1.3, eps0: 0.1, seed: 5 };
      const { diag, offsq } = betaHermiteTridiagonal(m, 11);
      const d = new Float64Array(18), b = new Float64Array(17);
      mod.betaHermiteTotal({ ...m }, new PhiloxStream(5), 11, d, b);
      for (let k = 0; k <= 17; k++) expect(d[k]).toBeCloseTo(diag[k], 14);
      for (let k = 0; k < 17; k++) expect(b[k] * b[k]).toBeCloseTo(offsq[k], 12);
    }
  });
  it('Sturm + secular twins reproduce the dense oracle to 1e-12', () => {
    const m: SeededModel = { ensemble: GUE, N: 40, g: 0.022 / 40, lambda: 1, eps0: 0, seed: 3 };
    const { diag, offsq } = betaHermiteTridiagonal(m, 0);
    const { evals, q } = cpuSturm(diag, offsq);
    const r = cpuSecular(evals, q, offsq[0], diag[0]);
    const o = oracle(diag, offsq);
    const idx = Array.from(r.e.keys()).sort((a, b) => r.e[a] - r.e[b]);
    idx.forEach((i, a) => { expect(Math.abs(r.e[i] - o.e[a])).toBeLessThan(1e-12); expect(Math.abs(r.p[i] - o.p[a])).toBeLessThan(1e-12); });
  });
});

describe.runIf(gpu)('GPU fast path vs CPU (same seeds)', () => {
  const ctx = gpu!;
  const cases: [string, SeededModel][] = [
    ['GUE N=40 gamma=0.022', { ensemble: GUE, N: 40, g: 0.022 / 40, lambda: 1, eps0: 0, seed: 42 }],
    ['GUE N=40 gamma=46', { ensemble: GUE, N: 40, g: 46 / 40, lambda: 1, eps0: 0, seed: 42 }],
    ['GOE N=25 gamma=0.46', { ensemble: GOE, N: 25, g: 0.46 / 25, lambda: 1, eps0: 0, seed: 7 }],
    ['GSE N=20 gamma=2 lambda=2 eps0=0.3', { ensemble: GSE, N: 20, g: 2 / 20, lambda: 2, eps0: 0.3, seed: 9 }],
    ['GUE N=1', { ensemble: GUE, N: 1, g: 1, lambda: 1, eps0: 0, seed: 1 }],
    ['GUE N=5 g=0 (uncoupled)', { ensemble: GUE, N: 5, g: 0, lambda: 1, eps0: 0, seed: 1 }],
  ];
  for (const [name, m] of cases) {
    it(name, () =>
      scoped(ctx, async () => {
        const tH = (2 * m.N) / m.lambda;
        const times = Float64Array.from([0, 0.003, 0.05, 0.3, 1, 3, 10], (x) => x * tH);
        const B = 6;
        const base = 1000;
        const fp = await FastPathGpu.create(ctx.device, m, times, B);
        try {
          fp.submit(fp.slots[0], base, B);
          const rows = await fp.collect(fp.slots[0]);
          const sp = await fp.readSpectra(fp.slots[0]);
          const n = m.N + 1;
          const T = times.length;
          for (let s = 0; s < B; s++) {
            const { diag, offsq } = betaHermiteTridiagonal(m, base + s);
            for (let k = 0; k < n; k++) {
              expect(Math.abs(sp.diag[s * n + k] - diag[k])).toBeLessThanOrEqual(2e-6 * Math.abs(diag[k]) + 1e-7 * m.lambda);
              expect(Math.abs(sp.offsq[s * n + k] - offsq[k])).toBeLessThanOrEqual(3e-6 * offsq[k] + 1e-30);
            }
            const o = oracle(diag, offsq);
            const norm = Math.max(...o.e.map(Math.abs));
            const gi = Array.from({ length: n }, (_, a) => a).sort((a, b) => sp.eo[s * n + a] + sp.dl[s * n + a] - (sp.eo[s * n + b] + sp.dl[s * n + b]));
            let sumP = 0;
            gi.forEach((g, a) => {
              const e = sp.eo[s * n + g] + sp.dl[s * n + g];
              const p = sp.p[s * n + g];
              sumP += p;
              expect(Number.isFinite(e) && Number.isFinite(p)).toBe(true);
              expect(Math.abs(e - o.e[a])).toBeLessThanOrEqual(2e-6 * norm);
              // f32 weights: tiny first components of the dot eigenvectors carry absolute errors ~1e-5 (see report)
              expect(Math.abs(p - o.p[a])).toBeLessThanOrEqual(2e-4);
            });
            expect(Math.abs(sumP - 1)).toBeLessThan(1e-5);
            const ref = cpuPt(o.e, o.p, times);
            expect(rows[s * (T + 1)]).toBeCloseTo(1, 5); // P(0) = 1
            for (let i = 0; i < T; i++) expect(Math.abs(rows[s * (T + 1) + i] - ref[i])).toBeLessThanOrEqual(1e-3);
            expect(Math.abs(rows[s * (T + 1) + T] - ref[T])).toBeLessThanOrEqual(2e-4);
          }
        } finally {
          fp.destroy();
        }
      }));
  }

  it('scheduler: several batches (double-buffered) equal one big batch; progress reported', () =>
    scoped(ctx, async () => {
      const cfg = makeRunConfig({ ensemble: 'GUE', N: 12, gamma: 2, samples: 50, seed: 3, tau: '0.01,0.5,2' });
      const seen: number[] = [];
      const a = await runWebGpuEnsemble(cfg, { start: 10, end: 47 }, { gpu: ctx, maxBatch: 5, onProgress: (d) => seen.push(d) });
      const b = await runWebGpuEnsemble(cfg, { start: 10, end: 47 }, { gpu: ctx });
      expect(a.count).toBe(37);
      expect(seen.at(-1)).toBe(37);
      expect(seen.length).toBe(8);
      for (let i = 0; i < 3; i++) expect(a.P.sum[i]).toBeCloseTo(b.P.sum[i], 4);
      expect(a.Pres.sum[0]).toBeCloseTo(b.Pres.sum[0], 4);
    }));

  it('a batch larger than one dispatch dimension (> 65535 workgroups split over x and y)', () =>
    scoped(ctx, async () => {
      // N = 1: n = 2 invocations per sample; 70000 samples -> 140000 invocations / 64 = 2188 groups per kernel; force a
      // tiny max-per-dimension via the limits seen by batchCapacity and dispatchSize's own split (unit-tested below).
      const { dispatchSize } = await import('../../src/backends/webgpu/util.js');
      expect(dispatchSize(64 * 70000, 64)).toEqual([65535, 2]);
      const cfg = makeRunConfig({ ensemble: 'GUE', N: 1, gamma: 0.5, samples: 70000, seed: 1, tau: '0.1,1' });
      const m: SeededModel = { ensemble: GUE, N: 1, g: 0.5, lambda: 1, eps0: 0, seed: 1 };
      const fp = await FastPathGpu.create(ctx.device, m, cfg.t, 70000, 1);
      try {
        // pt kernel: 70000 * 3 invocations; tridiag: 140000. Check the last sample against the CPU oracle.
        fp.submit(fp.slots[0], 0, 70000);
        const rows = await fp.collect(fp.slots[0]);
        const s = 69999;
        const { diag, offsq } = betaHermiteTridiagonal(m, s);
        const o = oracle(diag, offsq);
        const ref = cpuPt(o.e, o.p, cfg.t);
        for (let i = 0; i < 3; i++) expect(Math.abs(rows[s * 3 + i] - ref[i])).toBeLessThan(1e-4);
      } finally {
        fp.destroy();
      }
      expect(batchCapacity(ctx.device.limits, 999, 200, true)).toBeGreaterThanOrEqual(1);
    }));

  it('ensemble statistics from the GPU vs theory: sum rule P(0) = 1 and P_res against Eq. 4 (N >> gamma)', () =>
    scoped(ctx, async () => {
      // GUE, N = 100, gamma = 0.46: Eq. 4 P_res = 1 - g - sqrt(pi g)(1/2 - g) erfcx(sqrt g) ~ 0.4355; finite-N bias
      // of order gamma/N = 0.005 allowed (DESIGN.md section 6).
      const gamma = 0.46;
      const cfg = makeRunConfig({ ensemble: 'GUE', N: 100, gamma, samples: 400, seed: 11, tau: '0,10' });
      const st = await runWebGpuEnsemble(cfg, { start: 0, end: 400 }, { gpu: ctx });
      const m = st.P.mean();
      expect(m[0]).toBeCloseTo(1, 5);
      const erfcx = (x: number) => { // continued fraction / series adequate at x ~ 0.68
        let s = 0, t = x, k = 0; const pts = 20000; const h = 8 / pts; // integral 2/sqrt(pi) int_0^inf e^{-u^2 - 2 x u} du
        for (let i = 0; i <= pts; i++) { const u = i * h; const w = i === 0 || i === pts ? 0.5 : 1; s += w * Math.exp(-u * u - 2 * x * u); } k = t; void k;
        return (2 / Math.sqrt(Math.PI)) * s * h;
      };
      const theory = 1 - gamma - Math.sqrt(Math.PI * gamma) * (0.5 - gamma) * erfcx(Math.sqrt(gamma));
      const mean = st.Pres.mean()[0];
      const se = st.Pres.se()[0];
      expect(Math.abs(mean - theory)).toBeLessThanOrEqual(4 * se + gamma / 100);
    }));
});
