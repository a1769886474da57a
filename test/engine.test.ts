import { describe, expect, it } from 'vitest';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulate.js';
import { makeRunConfig } from '../src/model/validate.js';
import { DenseSampler, TridiagonalSampler, ArrowheadSampler, allocSpectrum, type Sampler } from '../src/sampling/index.js';
import { GOE, GUE, GSE, POISSON } from '../src/model/ensemble.js';
import { Moments } from '../src/observables/moments.js';
import { pOfT, pRes } from '../src/observables/pt.js';
import { VERSION } from '../src/version.js';
import pkg from '../package.json' with { type: 'json' };

describe('engine', () => {
  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('results are bit-identical for 1 and 2 threads at a given seed', async () => {
    const base = { N: 40, gamma: 3, samples: 150, seed: 9, tau: '0.01:5:12:log' };
    const a = await simulate(makeRunConfig({ ...base, threads: 1 }));
    const b = await simulate(makeRunConfig({ ...base, threads: 2 }));
    expect(b.P).toEqual(a.P);
    expect(b.P_se).toEqual(a.P_se);
    expect(b.P_res).toBe(a.P_res);
    expect(a.samples_done).toBe(150);
  });

  it('an interrupted run resumes from its checkpoint to the same numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgr-ckpt-'));
    const ck = join(dir, 'run.partial.json');
    const cfg = makeRunConfig({ N: 30, gamma: 2, samples: 200, seed: 4, tau: '0.1,1,3', threads: 1 });
    const ac = new AbortController();
    const part = await simulate(cfg, {
      checkpoint: ck,
      signal: ac.signal,
      onProgress: (done) => { if (done >= 64) ac.abort(); },
    });
    expect(part.samples_done).toBeGreaterThanOrEqual(64);
    expect(part.samples_done).toBeLessThan(200);
    expect(existsSync(ck)).toBe(true);
    let resumedFrom = -1;
    const full = await simulate(cfg, { checkpoint: ck, onProgress: (d) => { if (resumedFrom < 0) resumedFrom = d; } });
    expect(resumedFrom).toBe(part.samples_done);
    expect(existsSync(ck)).toBe(false);
    const ref = await simulate(cfg);
    expect(full.P).toEqual(ref.P);
    expect(full.P_res).toBe(ref.P_res);
  });

  it('keepCheckpoint: a completed run keeps its checkpoint; rerunning reloads it (no sample recomputed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgr-keep-'));
    const ck = join(dir, 'k.partial.json');
    const cfg = makeRunConfig({ N: 30, gamma: 2, samples: 96, seed: 8, tau: '0.1,1', threads: 1 });
    const a = await simulate(cfg, { checkpoint: ck, keepCheckpoint: true });
    expect(existsSync(ck)).toBe(true);
    const seen: number[] = [];
    const b = await simulate(cfg, { checkpoint: ck, keepCheckpoint: true, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([96]); // everything came from the checkpoint
    expect(b.P).toEqual(a.P);
    expect(b.notes.join(' ')).toMatch(/resumed from checkpoint/);
  });

  it('extreme couplings and small beta stay physical: 0 <= P <= 1, P_res <= 1 (fast path)', async () => {
    const cases = [
      { N: 9, g: 1e-40 }, { N: 199, gamma: 1e-15 }, { N: 199, gamma: 1e-6 }, { N: 49, gamma: 1e-100, ensemble: 'poisson' },
      { N: 199, ensemble: 'beta=0.1' }, { N: 199, ensemble: 'beta=0.002' }, { N: 9, ensemble: 'beta=0.1' }, { N: 99, g: 1e5 },
    ];
    for (const c of cases) {
      const r = await simulate(makeRunConfig({ ...c, samples: 8, tau: '0.5,3', threads: 1 }));
      const label = JSON.stringify(c);
      expect(r.P_res, label).toBeLessThanOrEqual(1 + 1e-12);
      expect(r.P_res, label).toBeGreaterThan(0);
      for (const x of r.P) { expect(x, label).toBeLessThanOrEqual(1 + 1e-12); expect(x, label).toBeGreaterThanOrEqual(0); }
    }
  });

  it('N = 1 and samples = 1 work', async () => {
    const r = await simulate(makeRunConfig({ N: 1, g: 0.5, samples: 1, tau: '0,1' }));
    expect(r.P[0]).toBeCloseTo(1, 14);
    expect(r.samples_done).toBe(1);
    expect(Number.isNaN(r.P_se[0])).toBe(true);
  });
});

/** Moments of per-sample statistics of a sampler. */
function stats(s: Sampler, samples: number, t: Float64Array) {
  const spec = Array.from({ length: s.batch }, () => allocSpectrum(s.size));
  const P = new Moments(t.length), R = new Moments(1), tr = new Moments(1), top = new Moments(1);
  const buf = new Float64Array(t.length);
  let maxSumErr = 0;
  for (let i = 0; i < samples; i += s.batch) {
    const m = Math.min(s.batch, samples - i);
    s.sampleBatch(i, m, spec);
    for (let k = 0; k < m; k++) {
      const sp = spec[k];
      pOfT(sp, t, buf);
      P.add(buf);
      R.addScalar(pRes(sp));
      let e2 = 0, sum = 0;
      for (let a = 0; a < sp.e.length; a++) { e2 += sp.e[a] ** 2; sum += sp.p[a]; }
      maxSumErr = Math.max(maxSumErr, Math.abs(sum - 1));
      tr.addScalar(e2);
      top.addScalar(sp.e[sp.e.length - 1]);
    }
  }
  return { P, R, tr, top, maxSumErr };
}

// Two independent ensembles (fast and dense draw different matrices) agree when |a - b| <= z sqrt(se_a^2 + se_b^2).
// z = 4.5 over ~10 comparisons per case keeps the false-alarm rate below 1e-4 per case; seeds are fixed.
const Z = 4.5;
function agree(a: Moments, b: Moments) {
  const ma = a.mean(), mb = b.mean(), sa = a.se(), sb = b.se();
  for (let i = 0; i < a.length; i++) {
    expect(Math.abs(ma[i] - mb[i]), `channel ${i}: ${ma[i]} vs ${mb[i]}`).toBeLessThan(Z * Math.hypot(sa[i], sb[i]));
  }
}

describe('fast path and dense path: same ensemble statistics (small N)', () => {
  const t = Float64Array.from([0.5, 2, 8, 20, 60]);
  for (const [ens, N, samples] of [[GUE, 8, 3000], [GOE, 8, 3000], [GSE, 6, 1500], [POISSON, 8, 3000]] as const) {
    it(`${ens.name} N=${N}`, () => {
      const p = { ensemble: ens, N, g: 0.3, lambda: 1.3, eps0: 0.1 };
      const fast = ens.beta === 0 ? new ArrowheadSampler(p, 1) : new TridiagonalSampler(p, 1);
      const dense = new DenseSampler(p, 2);
      const F = stats(fast, samples, t), D = stats(dense, samples, t);
      expect(F.maxSumErr).toBeLessThan(1e-12);
      expect(D.maxSumErr).toBeLessThan(1e-12);
      agree(F.P, D.P);
      agree(F.R, D.R);
      agree(F.tr, D.tr);
      // E tr H_tot^2 = eps0^2 + sigma^2 (N(N-1) + 2N/beta + 2gN) for the Gaussian dots (Kramers pairs once).
      if (ens.beta > 0) {
        const sigma2 = p.lambda ** 2 / N;
        const want = p.eps0 ** 2 + sigma2 * (N * (N - 1) + (2 * N) / ens.beta + 2 * p.g * N);
        expect(Math.abs(F.tr.mean()[0] - want)).toBeLessThan(Z * F.tr.se()[0]);
        expect(Math.abs(D.tr.mean()[0] - want)).toBeLessThan(Z * D.tr.se()[0]);
      }
    });
  }
  it('semicircle edge: the largest dot eigenvalue approaches 2 lambda on both paths (N = 120)', () => {
    const p = { ensemble: GUE, N: 120, g: 0, lambda: 1, eps0: 0 };
    const F = stats(new TridiagonalSampler(p, 3), 200, Float64Array.of(1));
    const D = stats(new DenseSampler(p, 4), 16, Float64Array.of(1));
    // Tracy-Widom: E[e_max] = 2 lambda (1 - 1.77 N^{-2/3}/2...) ~ 2 - 0.074 at N = 120 for GUE (mean of TW2 = -1.77).
    const want = 2 - 1.7711 * 120 ** (-2 / 3);
    expect(Math.abs(F.top.mean()[0] - want)).toBeLessThan(0.02);
    expect(Math.abs(D.top.mean()[0] - want)).toBeLessThan(0.05); // 16 samples: SE ~ 0.009
  });
});
