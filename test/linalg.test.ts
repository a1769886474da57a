import { describe, expect, it } from 'vitest';
import { tridiagEigenvalues, firstComponentWeights } from '../src/linalg/tridiagonal.js';
import { TridiagEigen4 } from '../src/linalg/tridiagonal4.js';
import { solveArrowhead } from '../src/linalg/secular.js';
import { realSymmetricSpectrum, complexHermitianSpectrum, quaternionSpectrum } from '../src/linalg/dense.js';
import { betaHermiteTotal, arrowheadWeights, poissonLevels } from '../src/sampling/betaHermite.js';
import { PhiloxStream } from '../src/rng/philox.js';
import { GOE, GUE, GSE, POISSON, betaEnsemble, type Ensemble } from '../src/model/ensemble.js';
import { sincos, pOfT, pRes } from '../src/observables/pt.js';

const params = (ensemble: Ensemble, N: number, gamma: number) => ({ ensemble, N, g: gamma / N, lambda: 1, eps0: 0 });

function denseTridiag(d: Float64Array, b: Float64Array): Float64Array {
  const n = d.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = d[i];
  for (let i = 0; i < n - 1; i++) { m[i * n + i + 1] = b[i]; m[(i + 1) * n + i] = b[i]; }
  return m;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('tridiagonal QL + continued-fraction weights = ml-matrix on the same matrix', () => {
  for (const [ens, gamma] of [[GUE, 46], [GOE, 0.46], [GSE, 0.022], [betaEnsemble(0.7), 5], [GUE, 0.022]] as const) {
    it(`${ens.name} beta=${ens.beta} N=60 gamma=${gamma}`, () => {
      const p = params(ens, 60, gamma);
      const n = p.N + 1;
      const d = new Float64Array(n), b = new Float64Array(n - 1);
      betaHermiteTotal(p, new PhiloxStream(11), 3, d, b);
      const e = new Float64Array(n), w = new Float64Array(n);
      tridiagEigenvalues(d, b, e);
      firstComponentWeights(d, b.map((x) => x * x), e, w);
      const eR = new Float64Array(n), wR = new Float64Array(n);
      realSymmetricSpectrum(denseTridiag(d, b), n, eR, wR);
      const norm = Math.max(...Array.from(e, Math.abs));
      // Both are backward stable: eigenvalues agree to a few ulp of ||T||; weights to ~1e-12 absolute.
      expect(maxAbsDiff(e, eR)).toBeLessThan(1e-13 * norm * n);
      expect(maxAbsDiff(w, wR)).toBeLessThan(1e-11);
      expect(Math.abs(w.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
      // Fused four-lane QL gives the same eigenvalues as the single-problem QL, bit for bit.
      const q = new TridiagEigen4(n);
      const outs = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      q.solve([d, d, d, d], [b, b, b, b], outs, 3);
      expect(maxAbsDiff(outs[2], e)).toBe(0);
    });
  }
  it('1x1 and 2x2 cases', () => {
    const e = new Float64Array(2), w = new Float64Array(2);
    tridiagEigenvalues([0, 0], [1], e);
    expect(e[0]).toBeCloseTo(-1, 15);
    expect(e[1]).toBeCloseTo(1, 15);
    firstComponentWeights([0, 0], [1], e, w);
    expect(w[0]).toBeCloseTo(0.5, 15);
    expect(w[1]).toBeCloseTo(0.5, 15);
    const e1 = new Float64Array(1), w1 = new Float64Array(1);
    tridiagEigenvalues([0.3], [], e1);
    firstComponentWeights([0.3], [], e1, w1);
    expect([e1[0], w1[0]]).toEqual([0.3, 1]);
  });
  it('a chain split in the middle: eigenvalues of the block cut off from row 0 get weight 0, not 1/f\'', () => {
    const n = 8;
    const d = Float64Array.from([0.1, -0.4, 0.7, 0.2, -1.1, 0.5, 0.9, -0.3]);
    const b = Float64Array.from([0.3, 0.2, 0.25, 0, 0.4, 0.1, 0.35]); // rows 0-3 and 4-7 decoupled
    const e = new Float64Array(n), w = new Float64Array(n);
    tridiagEigenvalues(d, b, e);
    firstComponentWeights(d, b.map((x) => x * x), e, w);
    const eR = new Float64Array(n), wR = new Float64Array(n);
    realSymmetricSpectrum(denseTridiag(d, b), n, eR, wR);
    expect(maxAbsDiff(w, wR)).toBeLessThan(1e-13);
    expect(w.filter((x) => x === 0).length).toBe(4);
    expect(Math.abs(w.reduce((s2, x) => s2 + x, 0) - 1)).toBeLessThan(1e-13);
  });

  it('already-diagonal and degenerate input', () => {
    const n = 7;
    const d = Float64Array.from([1, 1, 1, 2, 2, -3, 0]);
    const b = new Float64Array(n - 1);
    const e = new Float64Array(n);
    tridiagEigenvalues(d, b, e);
    expect(Array.from(e)).toEqual([-3, 0, 1, 1, 1, 2, 2]);
  });
});

describe('arrowhead secular solver = ml-matrix on the same arrowhead matrix', () => {
  for (const [ens, gamma] of [[POISSON, 46], [POISSON, 0.022], [GUE, 0.46], [GOE, 5]] as const) {
    it(`${ens.name} N=50 gamma=${gamma}`, () => {
      const p = params(ens, 50, gamma);
      const N = p.N, n = N + 1;
      const rng = new PhiloxStream(5);
      const E = new Float64Array(N), w = new Float64Array(N);
      if (ens.beta === 0) poissonLevels(p, rng, 2, E);
      else {
        // any sorted distinct levels will do for an exact identity
        for (let i = 0; i < N; i++) E[i] = 2 * Math.cos((Math.PI * (N - i - 0.3 * Math.sin(i))) / (N + 1));
        E.sort();
      }
      arrowheadWeights(p, rng, 2, w);
      const eS = new Float64Array(n), pS = new Float64Array(n);
      solveArrowhead(E, w, p.eps0, eS, pS);
      const m = new Float64Array(n * n);
      m[0] = p.eps0;
      for (let k = 0; k < N; k++) {
        const c = Math.sqrt(w[k]);
        m[k + 1] = c; m[(k + 1) * n] = c; m[(k + 1) * n + k + 1] = E[k];
      }
      const eR = new Float64Array(n), pR = new Float64Array(n);
      realSymmetricSpectrum(m, n, eR, pR);
      expect(maxAbsDiff(eS, eR)).toBeLessThan(1e-13);
      expect(maxAbsDiff(pS, pR)).toBeLessThan(1e-12);
      expect(Math.abs(pS.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
      // interlacing: one root per gap
      for (let k = 0; k < N - 1; k++) {
        expect(eS[k + 1]).toBeGreaterThan(E[k]);
        expect(eS[k + 1]).toBeLessThan(E[k + 1]);
      }
    });
  }
  it('tiny weights (1e-14): roots within 1e-12 of a pole keep full relative accuracy in their weights', () => {
    const N = 20, n = N + 1;
    const E = Float64Array.from({ length: N }, (_, i) => -1 + (2 * i + 0.5) / N);
    const w = new Float64Array(N).fill(1e-14);
    const eS = new Float64Array(n), pS = new Float64Array(n);
    solveArrowhead(E, w, 0.013, eS, pS);
    // Perturbation theory: the root near E_k sits at E_k + delta with delta = w_k / (E_k - eps0 + sum_j w_j/(E_j - E_k))
    // (relative corrections ~ delta/(E_k - eps0) < 1e-10), and its weight is p = 1/f'(e) = delta^2/w_k (1 + O(w)).
    // The stored root E_k + delta cannot show delta to full precision, but p is computed from delta and must.
    for (let k = 0; k < N; k++) {
      const a = eS.findIndex((x) => Math.abs(x - E[k]) < 1e-9);
      let sum = 0;
      for (let j = 0; j < N; j++) if (j !== k) sum += w[j] / (E[j] - E[k]);
      const delta = w[k] / (E[k] - 0.013 + sum);
      expect(Math.abs(pS[a] / ((delta * delta) / w[k]) - 1)).toBeLessThan(1e-8);
    }
    expect(Math.abs(pS.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
  });
  it('weights far below resolution (w ~ 1e-52): every root converges, sum p = 1', () => {
    const N = 60, n = N + 1;
    const E = Float64Array.from({ length: N }, (_, i) => -1.9 + (3.8 * i) / N + 0.01 * Math.sin(7 * i));
    for (const scale of [1e-20, 1e-52, 1e-200]) {
      const w = Float64Array.from({ length: N }, (_, i) => scale * (0.5 + (i % 7) / 7));
      const eS = new Float64Array(n), pS = new Float64Array(n);
      solveArrowhead(E, w, 0.0123, eS, pS);
      expect(Math.abs(pS.reduce((s2, x) => s2 + x, 0) - 1)).toBeLessThan(1e-13);
      expect(Math.max(...pS)).toBeLessThanOrEqual(1);
    }
  });
  it('w = 0: decoupled level', () => {
    const eS = new Float64Array(4), pS = new Float64Array(4);
    solveArrowhead(Float64Array.from([-1, 0.5, 2]), new Float64Array(3), 0, eS, pS);
    expect(Array.from(eS)).toEqual([-1, 0, 0.5, 2]);
    expect(Array.from(pS)).toEqual([0, 1, 0, 0]);
  });
});

describe('dense embeddings', () => {
  it('complex Hermitian 2x2 [[0, i],[-i, 0]] has eigenvalues -1, 1 with weights 1/2', () => {
    const e = new Float64Array(2), p = new Float64Array(2);
    complexHermitianSpectrum(Float64Array.from([0, 0, 0, 0]), Float64Array.from([0, 1, -1, 0]), 2, e, p);
    expect(e[0]).toBeCloseTo(-1, 14); expect(e[1]).toBeCloseTo(1, 14);
    expect(p[0]).toBeCloseTo(0.5, 14); expect(p[1]).toBeCloseTo(0.5, 14);
  });
  it('quaternion 2x2 with coupling j: Kramers pairs counted once, weights 1/2', () => {
    const z = () => new Float64Array(4);
    const q2 = Float64Array.from([0, 1, -1, 0]); // H_01 = j, H_10 = conj(j) = -j
    const e = new Float64Array(2), p = new Float64Array(2);
    quaternionSpectrum([z(), z(), q2, z()], 2, e, p);
    expect(e[0]).toBeCloseTo(-1, 14); expect(e[1]).toBeCloseTo(1, 14);
    expect(p[0]).toBeCloseTo(0.5, 14); expect(p[1]).toBeCloseTo(0.5, 14);
  });
  it('non-finite input is rejected before ml-matrix sees it', () => {
    const e = new Float64Array(2), p = new Float64Array(2);
    expect(() => realSymmetricSpectrum(Float64Array.from([0, NaN, NaN, 0]), 2, e, p)).toThrow(/non-finite/);
  });
});

describe('P(t) kernel', () => {
  it('sincos matches Math.sin/cos to 2e-16 relative to |x| over phases up to 1e5', () => {
    const out = [0, 0];
    const rng = new PhiloxStream(3).reset(0, 0, 0);
    for (let i = 0; i < 200_000; i++) {
      const x = (rng.uniform() - 0.5) * 2 * 10 ** (rng.uniform() * 5);
      sincos(x, out);
      const tol = 4e-16 * Math.max(1, Math.abs(x));
      expect(Math.abs(out[0] - Math.sin(x))).toBeLessThan(tol);
      expect(Math.abs(out[1] - Math.cos(x))).toBeLessThan(tol);
    }
  });
  it('P(0) = 1, P = |sum p e^{-iet}|^2 against a direct evaluation, P_res = sum p^2', () => {
    const e = Float64Array.from([-1.3, -0.2, 0.05, 0.7, 1.9]);
    const p = Float64Array.from([0.1, 0.3, 0.25, 0.15, 0.2]);
    const t = Float64Array.from([0, 0.5, 3, 1e3, 2.1e4]);
    const out = new Float64Array(t.length);
    pOfT({ e, p }, t, out);
    expect(out[0]).toBeCloseTo(1, 14);
    for (let i = 0; i < t.length; i++) {
      let re = 0, im = 0;
      for (let a = 0; a < e.length; a++) { re += p[a] * Math.cos(e[a] * t[i]); im -= p[a] * Math.sin(e[a] * t[i]); }
      expect(Math.abs(out[i] - (re * re + im * im))).toBeLessThan(1e-13);
    }
    expect(pRes({ e, p })).toBeCloseTo(0.01 + 0.09 + 0.0625 + 0.0225 + 0.04, 15);
  });
});
