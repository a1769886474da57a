import { describe, expect, it } from 'vitest';
import { gpuForSuite, scoped } from './gpu-helper.js';
import { RngDrawsPass, cpuRngDraws } from '../../src/backends/webgpu/rng-draws.js';
import { Stream } from '../../src/rng/streams.js';

const gpu = await gpuForSuite('philox.wgsl');

describe.runIf(gpu)('Philox WGSL vs TS', () => {
  const ctx = gpu!;
  it('Random123 known-answer vectors, bit-identical', () =>
    scoped(ctx, async () => {
      const pass = await RngDrawsPass.create(ctx.device);
      const kat = [
        { ctr: [0, 0, 0, 0], key: [0, 0], out: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { ctr: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], out: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { ctr: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], key: [0xa4093822, 0x299f31d0], out: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
      ];
      const got = await pass.blocks(kat);
      expect(Array.from(got)).toEqual(kat.flatMap((k) => k.out));
      expect(Array.from(got)).toEqual(Array.from(cpuRngDraws.blocks(kat)));
    }));

  it('a stream of 1.2e5 u32 draws is bit-identical (seed > 2^32, element/sample/stream/block counters)', () =>
    scoped(ctx, async () => {
      const pass = await RngDrawsPass.create(ctx.device);
      const req = { mode: 'u32' as const, seed: 2 ** 40 + 12345, sample: 4_000_000_000, stream: Stream.DOT_OFFDIAG, elementBase: 17, elements: 1000, count: 120 };
      const got = await pass.draws(req);
      const want = cpuRngDraws.draws(req);
      expect(got.length).toBe(120_000);
      let mism = 0;
      for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) mism++;
      expect(mism).toBe(0);
    }));

  it('uniform, normal and chi2 draws follow the CPU consumption rules (f32 values, same sequence)', () =>
    scoped(ctx, async () => {
      const pass = await RngDrawsPass.create(ctx.device);
      const cases = [
        { mode: 'uniform' as const, tol: 1e-7 },
        { mode: 'normal' as const, tol: 2e-5 },
        { mode: 'chi2' as const, dof: 1, tol: 2e-5 },
        { mode: 'chi2' as const, dof: 0.5, tol: 2e-5 },
        { mode: 'chi2' as const, dof: 4, tol: 2e-5 },
        { mode: 'chi2' as const, dof: 2e6, tol: 2e-5 },
      ];
      for (const c of cases) {
        const req = { ...c, seed: 99, sample: 3, stream: Stream.DOT_DIAG, elementBase: 1, elements: 500, count: 40 };
        const got = await pass.draws(req);
        const want = cpuRngDraws.draws(req);
        let worst = 0;
        for (let i = 0; i < got.length; i++) {
          worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
          if (c.mode === 'uniform') expect(got[i] > 0 && got[i] < 1).toBe(true);
        }
        expect(worst, `${c.mode} ${c.dof ?? ''}`).toBeLessThan(c.tol);
      }
    }));
});
