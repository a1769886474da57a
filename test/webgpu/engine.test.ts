/**
 * The engine on the WebGPU backend (Dawn + SwiftShader in CI): `simulate` with --backend webgpu must really run on
 * the GPU (params.backend names the adapter), reproduce the CPU on the same seed within f32 tolerance, resume from a
 * checkpoint, and `auto` must not pick a software adapter.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../src/simulate.js';
import { makeRunConfig } from '../../src/model/validate.js';
import { gpuForSuite } from './gpu-helper.js';

const gpu = await gpuForSuite('engine-webgpu');

describe.skipIf(!gpu)('simulate --backend webgpu', () => {
  const base = { N: 60, gamma: 4, samples: 96, seed: 3, tau: '0.01:5:10:log' };

  it('runs on the GPU and matches the CPU on the same seed (f32 tolerance)', async () => {
    const g = await simulate(makeRunConfig({ ...base, backend: 'webgpu' }));
    const c = await simulate(makeRunConfig({ ...base, backend: 'cpu' }));
    expect(g.params.backend).toMatch(/^webgpu \(/);
    expect(g.params.backend).not.toMatch(/cpu/);
    expect(c.params.backend).toMatch(/^cpu/);
    expect(g.samples_done).toBe(96);
    // Same samples (same Philox streams); differences are f32 rounding in eigenvalues, weights and phases:
    // per-sample P(t) agrees to ~1e-3 (test/webgpu/fast-path.test.ts), ensemble means far better.
    for (let i = 0; i < g.P.length; i++) expect(Math.abs(g.P[i] - c.P[i])).toBeLessThan(2e-4);
    expect(Math.abs(g.P_res - c.P_res)).toBeLessThan(1e-4);
  });

  it('resumes a GPU run from its checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgr-gpu-ckpt-'));
    const ck = join(dir, 'g.partial.json');
    const cfg = makeRunConfig({ ...base, samples: 160, backend: 'webgpu' });
    const ac = new AbortController();
    const part = await simulate(cfg, { checkpoint: ck, signal: ac.signal, gpuMaxBatch: 32, onProgress: (d) => { if (d >= 32) ac.abort(); } });
    expect(part.samples_done).toBeLessThan(160);
    expect(existsSync(ck)).toBe(true);
    const full = await simulate(cfg, { checkpoint: ck });
    expect(full.samples_done).toBe(160);
    const cpu = await simulate(makeRunConfig({ ...base, samples: 160, backend: 'cpu' }));
    expect(Math.abs(full.P_res - cpu.P_res)).toBeLessThan(1e-4);
  });

  it('auto does not choose a software adapter; it says why it used the CPU', async () => {
    const r = await simulate(makeRunConfig({ ...base, samples: 8, backend: 'auto' }));
    if (gpu!.info.software) {
      expect(r.params.backend).toMatch(/^cpu/);
      expect(r.notes.join(' ')).toMatch(/no hardware GPU/);
    } else {
      expect(r.params.backend).toMatch(/^webgpu/);
    }
  });

  it('dense path on the GPU: matches the CPU dense path; non-converged samples are counted, not averaged', async () => {
    const d = { ...base, N: 12, samples: 64, method: 'dense' };
    const g = await simulate(makeRunConfig({ ...d, backend: 'webgpu' }));
    const c = await simulate(makeRunConfig({ ...d, backend: 'cpu' }));
    expect(g.params.backend).toMatch(/^webgpu/);
    expect(g.params.method).toBe('dense');
    expect(g.not_converged).toBe(0);
    for (let i = 0; i < g.P.length; i++) expect(Math.abs(g.P[i] - c.P[i])).toBeLessThan(2e-4);
    // One Jacobi sweep cannot converge: every sample is reported and excluded, and the run is complete, not interrupted.
    const bad = await simulate(makeRunConfig({ ...d, samples: 40, backend: 'webgpu' }), { gpuJacobi: { maxSweeps: 1 } });
    expect(bad.not_converged).toBe(40);
    expect(bad.samples_done).toBe(0);
    expect(bad.notes.join(' ')).toMatch(/did not converge/);
    expect(bad.notes.join(' ')).not.toMatch(/interrupted/);
  });

  it('Poisson with --backend webgpu runs on the CPU and says so', async () => {
    const r = await simulate(makeRunConfig({ ...base, ensemble: 'poisson', samples: 8, backend: 'webgpu' }));
    expect(r.params.backend).toMatch(/^cpu/);
    expect(r.notes.join(' ')).toMatch(/CPU/);
  });
});
