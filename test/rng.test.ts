import { describe, expect, it } from 'vitest';
import { philox4x32, PhiloxStream, mulhi32, uniformFromWords, seedKey } from '../src/rng/index.js';

const hex = (a: ArrayLike<number>) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

describe('Philox4x32-10 known-answer vectors (Random123)', () => {
  const cases: [number[], number[], string][] = [
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
  ];
  for (const [ctr, key, want] of cases) {
    it(`ctr ${hex(ctr)} key ${hex(key)}`, () => {
      const out = new Uint32Array(4);
      philox4x32(ctr, key, out);
      expect(hex(out)).toBe(want);
    });
  }
  it('mulhi32 matches BigInt on edge and random values', () => {
    const vals = [0, 1, 0xffff, 0x10000, 0xffffffff, 0xd2511f53, 0xcd9e8d57, 0x80000000, 123456789];
    for (const a of vals) for (const b of vals) {
      expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });
});

describe('uniforms, normals, chi-square', () => {
  it('uniforms are strictly inside (0,1) at the extreme words', () => {
    expect(uniformFromWords(0, 0)).toBeGreaterThan(0);
    expect(uniformFromWords(0xffffffff, 0xffffffff)).toBeLessThan(1);
  });
  it('seeds map to two key words and reject non-integers', () => {
    expect(seedKey(2 ** 32 + 5)).toEqual([5, 1]);
    expect(() => seedKey(-1)).toThrow(/seed/);
    expect(() => seedKey(1.5)).toThrow(/seed/);
  });
  it('the same (seed, sample, stream, element) gives the same draws; different ones differ', () => {
    const a = new PhiloxStream(7).reset(3, 1, 11);
    const b = new PhiloxStream(7).reset(3, 1, 11);
    const c = new PhiloxStream(7).reset(3, 1, 12);
    const xa = [a.normal(), a.chi2(2.5), a.uniform()];
    expect([b.normal(), b.chi2(2.5), b.uniform()]).toEqual(xa);
    expect(c.normal()).not.toBe(xa[0]);
  });
  // Moments over n draws; allowance 5 standard errors of the estimator (fixed seed, deterministic).
  const n = 200_000;
  it('normal mean 0, variance 1', () => {
    const s = new PhiloxStream(1).reset(0, 0, 0);
    let m = 0, v = 0;
    for (let i = 0; i < n; i++) { const x = s.normal(); m += x; v += x * x; }
    m /= n; v /= n;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
  for (const k of [0.3, 1, 2, 4, 7.5, 3996]) {
    it(`chi2(${k}) mean k, variance 2k`, () => {
      const s = new PhiloxStream(2).reset(0, 0, Math.round(k * 10));
      const m2 = Math.min(n, 50_000);
      let m = 0, v = 0;
      for (let i = 0; i < m2; i++) { const x = s.chi2(k); m += x; v += x * x; }
      m /= m2; v = v / m2 - m * m;
      expect(Math.abs(m - k)).toBeLessThan(5 * Math.sqrt((2 * k) / m2));
      // Var of the sample variance of chi2: (mu4 - sigma^4)/n with mu4 = 12k(k+4)... use 4th moment bound.
      const mu4 = 12 * k * (k + 4);
      expect(Math.abs(v - 2 * k)).toBeLessThan(5 * Math.sqrt((mu4 - 4 * k * k) / m2));
    });
  }
});
