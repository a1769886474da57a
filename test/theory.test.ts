import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  besselI0e,
  besselI1e,
  EQ6_COEFFICIENTS,
  erfcx,
  fgrDecay,
  formFactor,
  gammaFGR,
  gaussKronrod21,
  integrate,
  offsetsAndPlateaus,
  P_RES_SWITCH,
  pEq5,
  pEq5Grid,
  pEq5WithError,
  pEq6,
  pLargeGamma,
  pResEq4,
  type SymmetryClass,
} from '../src/theory/index.js';
import { G10_WEIGHTS, GK21_NODES, GK21_WEIGHTS } from '../src/theory/quadrature.js';

interface Reference {
  eq4: { gamma: number; P_res: number }[];
  eq5: { gamma: number; tau: number; P: number }[];
  K: { class: 'GUE' | 'GOE' | 'GSE'; tau: number; K: number }[];
}

const here = dirname(fileURLToPath(import.meta.url));
// Independent reference values (scipy/mpmath), a copy of the project's shared/reference/theory.json kept with the tests.
const ref: Reference = JSON.parse(readFileSync(resolve(here, 'fixtures/theory-reference.json'), 'utf8'));

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const logGrid = (lo: number, hi: number, n: number) =>
  Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));

describe('special functions (library-backed)', () => {
  // 40-digit mpmath values.
  it('erfcx', () => {
    const cases: [number, number][] = [
      [-1, 5.0089800807622835],
      [0, 1],
      [0.5, 0.61569034419292587],
      [1, 0.427583576155807],
      [5, 0.11070463773306863],
      [30, 0.018795888861416751],
      [1e4, 5.6418958072680841e-5],
    ];
    for (const [x, want] of cases) expect(relErr(erfcx(x), want)).toBeLessThan(1e-14);
  });
  it('besselI0e, besselI1e (scaled: no overflow at large argument; parity)', () => {
    const cases: [number, number, number][] = [
      [0.5, 0.64503527044915007, 0.1564208031848717],
      [1, 0.46575960759364044, 0.20791041534970845],
      [10, 0.12783333716342861, 0.12126268138445552],
      [1e3, 0.012617240455891257, 0.012610930256928629],
      [1e6, 0.00039894233026924578, 0.00039894213079803078],
    ];
    for (const [x, i0, i1] of cases) {
      expect(relErr(besselI0e(x), i0)).toBeLessThan(1e-14);
      expect(relErr(besselI1e(x), i1)).toBeLessThan(1e-14);
      expect(besselI0e(-x)).toBe(besselI0e(x));
      expect(besselI1e(-x)).toBe(-besselI1e(x));
    }
    expect(besselI0e(0)).toBe(1);
    expect(besselI1e(0)).toBe(0);
  });
});

describe('adaptive Gauss–Kronrod quadrature', () => {
  it('rule constants: Gauss nodes are the zeros of P10; rules exact to degree 19 (G10) and 31 (K21)', () => {
    const legendre10 = (x: number) => {
      let p0 = 1;
      let p1 = x;
      for (let n = 1; n < 10; n++) [p0, p1] = [p1, ((2 * n + 1) * x * p1 - n * p0) / (n + 1)];
      return p1;
    };
    for (let j = 1; j < 10; j += 2) expect(Math.abs(legendre10(GK21_NODES[j]))).toBeLessThan(1e-14);
    for (let d = 0; d <= 31; d++) {
      const exact = d % 2 ? 0 : 2 / (d + 1);
      let k = d === 0 ? GK21_WEIGHTS[10] : 0;
      let g = 0;
      for (let j = 0; j < 10; j++) {
        const x = GK21_NODES[j];
        k += GK21_WEIGHTS[j] * (Math.pow(x, d) + Math.pow(-x, d));
        if (j & 1) g += G10_WEIGHTS[j >> 1] * (Math.pow(x, d) + Math.pow(-x, d));
      }
      expect(Math.abs(k - exact)).toBeLessThan(1e-15);
      if (d <= 19) expect(Math.abs(g - exact)).toBeLessThan(1e-15);
    }
  });
  it('integrates smooth, endpoint-singular and kinked functions', () => {
    expect(relErr(gaussKronrod21(Math.exp, 0, 1).value, Math.E - 1)).toBeLessThan(1e-15);
    const sing = integrate((x) => 1 / Math.sqrt(x), 0, 1, { epsRel: 1e-12 });
    expect(sing.converged).toBe(true);
    expect(Math.abs(sing.value - 2)).toBeLessThan(1e-10);
    const kink = integrate((x) => Math.abs(x - 0.3), 0, 1, { epsRel: 1e-12, breakpoints: [0.3] });
    expect(kink.evaluations).toBe(42);
    expect(kink.converged).toBe(true);
    // a target below the round-off floor stops at once, unconverged, instead of bisecting to the interval limit
    const tooTight = integrate(Math.exp, 0, 1, { epsRel: 1e-17 });
    expect(tooTight.converged).toBe(false);
    expect(tooTight.evaluations).toBe(21);
    expect(Math.abs(kink.value - (0.3 * 0.3 + 0.7 * 0.7) / 2)).toBeLessThan(1e-15);
    expect(integrate(Math.sin, Math.PI, 0).value).toBeCloseTo(-2, 14);
  });
});

describe('Eq. 3 and the FGR exponential', () => {
  it('gammaFGR = 2 g lambda; fgrDecay = exp(-4 gamma tau)', () => {
    expect(gammaFGR(0.046, 1)).toBeCloseTo(0.092, 15);
    expect(gammaFGR(0.5, 3)).toBe(3);
    expect(fgrDecay(46, 0.01)).toBe(Math.exp(-1.84));
    expect(fgrDecay(0, 10)).toBe(1);
  });
});

describe('Eq. 4: P_res(gamma)', () => {
  it('matches every reference entry (rel 1e-13)', () => {
    for (const e of ref.eq4) expect(relErr(pResEq4(e.gamma), e.P_res)).toBeLessThan(1e-13);
  });
  it('matches 40-digit mpmath around the branch switches and at 1e6 (rel 1e-14)', () => {
    const cases: [number, number][] = [
      [0.3, 0.58505217118812511],
      [0.999, 0.37910989523157127],
      [1, 0.37893607807065605],
      [1.001, 0.3787624476644218],
      [3, 0.2053298120672669],
      [7.5, 0.10489377959146215],
      [20, 0.045149715641458821],
      [49.99, 0.01915892650442853],
      [50, 0.019155253507301091],
      [50.01, 0.019151581919351812],
      [300, 0.0033086071315798111],
      [1e6, 9.9999775000749997e-7],
    ];
    for (const [g, want] of cases) expect(relErr(pResEq4(g), want)).toBeLessThan(1e-14);
  });
  it('is continuous across the switches direct | continued fraction | asymptotic series (rel 1e-12)', () => {
    for (const [g, lo, hi] of [
      [P_RES_SWITCH.directToCf, 'direct', 'cf'],
      [P_RES_SWITCH.cfToAsymptotic, 'cf', 'asymptotic'],
    ] as const) {
      for (const x of [g * (1 - 1e-12), g, g * (1 + 1e-12)]) {
        expect(relErr(pResEq4(x, lo), pResEq4(x, hi))).toBeLessThan(1e-12);
      }
      const below = pResEq4(g * (1 - 1e-13));
      const at = pResEq4(g);
      expect(relErr(below, at)).toBeLessThan(1e-12);
      expect(below).toBeGreaterThanOrEqual(at); // monotone across the switch
    }
  });
  it('limits: P_res(0) = 1, small gamma 1 - sqrt(pi gamma)/2 (the O(gamma) terms cancel), large gamma 1/gamma - 9/(4 gamma^2) + 15/(2 gamma^3)', () => {
    expect(pResEq4(0)).toBe(1);
    expect(pResEq4(Infinity)).toBe(0);
    expect(pResEq4(-1)).toBeNaN();
    for (const g of [1e-10, 1e-8]) {
      expect(Math.abs(pResEq4(g) - (1 - Math.sqrt(Math.PI * g) / 2))).toBeLessThan(5 * g ** 1.5 + 1e-16);
    }
    for (const g of [100, 1e3, 1e4, 1e5, 1e6]) {
      const series = 1 / g - 9 / (4 * g * g) + 15 / (2 * g ** 3);
      // next term: -5 * 105 / (16 g^4)
      expect(Math.abs(pResEq4(g) - series)).toBeLessThan(35 / g ** 4 + 1e-15 / g);
    }
  });
  it('decreases monotonically on [0, 1e6]', () => {
    const gs = [0, ...logGrid(1e-6, 1e6, 241)];
    for (let i = 1; i < gs.length; i++) expect(pResEq4(gs[i])).toBeLessThan(pResEq4(gs[i - 1]));
  });
});

describe('Eq. 5: crossover integral P(tau)', () => {
  it('matches every reference entry (abs 1e-13)', () => {
    let worst = 0;
    for (const e of ref.eq5) {
      const r = pEq5WithError(e.gamma, e.tau);
      expect(r.converged).toBe(true);
      worst = Math.max(worst, Math.abs(r.value - e.P));
    }
    expect(worst).toBeLessThan(1e-13);
  });
  it('matches a 2D evaluation of Eq. 5 as written (not the 1D reduction), at points outside the reference', () => {
    // Eq. 5 in variables rho = lb - lf, lb = 1 + rho t^2 (Jacobian 2 rho t), iterated adaptive GK, scaled Bessels.
    const eq5twoD = (gamma: number, tau: number) => {
      const E = (x: number, lb: number) => {
        const mb = Math.sqrt((lb - 1) * (lb + 1));
        const z = 2 * gamma * x * mb;
        return Math.exp((-2 * gamma * x) / (lb + mb)) * (lb * besselI0e(z) - mb * besselI1e(z));
      };
      const inner = (rho: number) => {
        const x = 2 * tau - rho;
        const tMin = rho > 2 ? Math.sqrt(1 - 2 / rho) : 0;
        return x * x * integrate((t) => 2 * t * E(x, 1 + rho * t * t), tMin, 1, { epsRel: 1e-13 }).value;
      };
      const I = integrate(inner, 0, 2 * tau, { epsRel: 1e-12, breakpoints: tau > 1 ? [2 * tau - 2] : [] });
      return Math.exp(-4 * gamma * tau) + 2 * gamma * gamma * I.value;
    };
    // Also checked against scipy dblquad of the same 2D form: 0.11678938119182333, 0.7618546050370474,
    // 0.003211289914034147, 0.0005088488456597132, 0.23890004039932633.
    for (const [g, t, scipy] of [
      [5, 0.7, 0.11678938119182333],
      [0.05, 2.5, 0.7618546050370474],
      [200, 0.3, 0.003211289914034147],
      [1000, 0.02, 0.0005088488456597132],
      [2, 1.0, 0.23890004039932633],
    ]) {
      const p = pEq5(g, t);
      expect(Math.abs(p - scipy)).toBeLessThan(1e-12);
      expect(Math.abs(p - eq5twoD(g, t))).toBeLessThan(1e-11);
    }
  });
  it('P(0) = 1 and, for small tau, P = e^{-4 gamma tau} + (16/3) gamma^2 tau^3 (1 + O(tau, gamma tau))', () => {
    for (const g of [1e-4, 0.46, 46, 1e5]) expect(pEq5(g, 0)).toBe(1);
    for (const [g, t] of [
      [0.46, 1e-3],
      [1, 1e-4],
      [0.01, 1e-3],
    ]) {
      const lead = (16 / 3) * g * g * t ** 3;
      expect(Math.abs((pEq5(g, t) - Math.exp(-4 * g * t)) / lead - 1)).toBeLessThan(5 * Math.max(t, g * t));
    }
    for (const g of [1e-4, 0.022, 0.46, 46]) expect(Math.abs(pEq5(g, 1e-6) - 1)).toBeLessThan(4 * g * 1e-6 + 1e-15);
  });
  it('P(tau -> infinity) = P_res (Eq. 4), approached from below, super-exponentially', () => {
    for (const g of [1e-4, 1e-3, 0.022, 0.46, 1, 46, 1e3, 1e5]) {
      expect(relErr(pEq5(g, 1e3), pResEq4(g))).toBeLessThan(1e-12);
      expect(pEq5(g, Infinity)).toBe(pResEq4(g));
    }
    // Not exactly P_res for tau >= 1 (the integrand depends on tau through x), but quickly indistinguishable.
    const pres = pResEq4(0.46);
    const gaps = [1, 1.5, 2, 2.5, 3, 3.5, 4].map((t) => pres - pEq5(0.46, t));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1] / 2.5);
    expect(gaps[0]).toBeGreaterThan(0.08); // 0.0890
    expect(gaps[4]).toBeCloseTo(2.7677e-6, 9); // tau = 3
    expect(Math.abs(gaps[6])).toBeLessThan(1e-10); // tau = 4: 4.9e-11
    expect(pResEq4(46) - pEq5(46, 1)).toBeCloseTo(1.59906e-4, 9);
    expect(Math.abs(pResEq4(46) - pEq5(46, 1.2))).toBeLessThan(1e-15);
  });
  it('non-monotonic approach at small gamma (DESIGN: gamma = 0.022, P(5) ~ 0.851 < P_res ~ 0.871)', () => {
    const p5 = pEq5(0.022, 5);
    expect(p5).toBeCloseTo(0.8512394497835043, 13);
    expect(p5).toBeLessThan(pResEq4(0.022));
    expect(pEq5(0.022, 3)).toBeLessThan(p5);
  });
  it('tends to the large-gamma form: gamma |P - P_largeGamma| <= 3/gamma away from tau = 0, 1', () => {
    for (const g of [1e3, 1e4]) {
      for (const t of [0.02, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 1.05, 1.1, 1.5, 2, 3, 10]) {
        expect(g * Math.abs(pEq5(g, t) - pLargeGamma(g, t))).toBeLessThan(3 / g);
      }
    }
  });
  it('finite, in (0, 1], converged on a log grid gamma 1e-4..1e5 x tau 1e-3..1e3', () => {
    for (const g of logGrid(1e-4, 1e5, 19)) {
      const taus = logGrid(1e-3, 1e3, 25);
      for (const t of taus) {
        const r = pEq5WithError(g, t);
        expect(Number.isFinite(r.value)).toBe(true);
        expect(r.value).toBeGreaterThan(0);
        expect(r.value).toBeLessThanOrEqual(1);
        expect(r.converged).toBe(true);
        expect(r.error).toBeLessThan(1e-12 * r.value + 1e-15);
      }
    }
  });
  it('invalid input gives NaN; pEq5Grid agrees with pEq5; a 200-point curve is fast', () => {
    expect(pEq5(-1, 1)).toBeNaN();
    expect(pEq5(1, -1)).toBeNaN();
    expect(pEq5(NaN, 1)).toBeNaN();
    const taus = logGrid(5e-3, 10, 200);
    for (const g of [46, 0.46, 0.022]) {
      const t0 = performance.now();
      const curve = pEq5Grid(g, taus);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(2000); // ~10-30 ms measured; the figure code's budget is 2 s
      for (const i of [0, 57, 123, 199]) expect(curve[i]).toBe(pEq5(g, taus[i]));
    }
  });
});

describe('form factors K_X(tau)', () => {
  const label = { GUE: 'U', GOE: 'O', GSE: 'S' } as const;
  it('matches every reference entry (abs 1e-12)', () => {
    for (const e of ref.K) expect(Math.abs(formFactor(label[e.class], e.tau) - e.K)).toBeLessThan(1e-12);
  });
  it('values, normalisation K(inf) = 1, continuity (GOE at 1, GSE at 2), GSE log divergence at 1', () => {
    expect(formFactor('O', 1)).toBeCloseTo(2 - Math.log(3), 15);
    expect(Math.abs(formFactor('O', 1 + 1e-9) - formFactor('O', 1 - 1e-9))).toBeLessThan(1e-8);
    expect(Math.abs(formFactor('O', 1 + 1e-12) - formFactor('O', 1))).toBeLessThan(1e-11);
    expect(formFactor('O', 0.5)).toBeCloseTo(1 - Math.log(2) / 2, 15);
    expect(Math.abs(formFactor('S', 2 - 1e-9) - 1)).toBeLessThan(1e-8);
    expect(formFactor('S', 1)).toBe(Infinity);
    const near = 1 - 1e-6;
    expect(formFactor('S', near)).toBeCloseTo(0.5 * near - 0.25 * near * Math.log(1 - near), 13); // 3.95: -(1/4) ln|1-tau|
    expect(formFactor('S', 1 + 1e-6)).toBeGreaterThan(3.9);
    expect(formFactor('U', 1 - 1e-12)).toBeCloseTo(1, 11);
    for (const c of ['U', 'O', 'S', 'P'] as const) {
      expect(formFactor(c, Infinity)).toBe(1);
      expect(Math.abs(formFactor(c, 1e6) - 1)).toBeLessThan(1e-12);
      expect(formFactor(c, -0.1)).toBeNaN();
      expect(formFactor(c, 0)).toBe(c === 'P' ? 1 : 0);
    }
    // small tau: K_O ~ 2 tau, K_S ~ tau/2, K_U = tau
    expect(formFactor('O', 1e-8) / 1e-8).toBeCloseTo(2, 7);
    expect(formFactor('S', 1e-8) / 1e-8).toBeCloseTo(0.5, 7);
    expect(formFactor('O', 100)).toBeCloseTo(1 - 1 / (12 * 100 * 100), 9); // 1 - 1/(12 tau^2) + ...
  });
});

describe('Eq. 6 and offsets/plateaus', () => {
  it('offsets (1,2,1), plateaus (2,3,3), ratios (2, 3/2, 3)', () => {
    const want = { U: [1, 2, 2], O: [2, 3, 1.5], S: [1, 3, 3] } as const;
    for (const c of ['U', 'O', 'S'] as const) {
      const r = offsetsAndPlateaus(c);
      expect([r.offset, r.plateau, r.ratio]).toEqual(want[c]);
      expect([r.a, r.b]).toEqual([EQ6_COEFFICIENTS[c].a, EQ6_COEFFICIENTS[c].b]);
    }
    const s = offsetsAndPlateaus('S', 23);
    expect(s.gammaPaper).toBe(46);
    expect(s.pOff).toBe(1 / 92);
    expect(s.pPl).toBe(3 / 92);
  });
  it('Eq. 6 offset and plateau match offsetsAndPlateaus; U row equals the large-gamma form', () => {
    const g = 40;
    for (const c of ['U', 'O', 'S'] as SymmetryClass[]) {
      const op = offsetsAndPlateaus(c, g);
      expect(pEq6(c, g, 0)).toBeCloseTo(1 + (op.pOff as number), 15);
      expect(relErr(pEq6(c, g, 1e7), op.pPl as number)).toBeLessThan(1e-12);
    }
    for (const t of [0, 0.01, 0.3, 0.99, 1, 1.5, 7]) expect(pEq6('U', 46, t)).toBeCloseTo(pLargeGamma(46, t), 15);
  });
  it('GSE convention: model gamma gN in the FGR exponent, 2 gN in the S row', () => {
    const gN = 23;
    for (const t of [0.01, 0.2, 0.5, 1.5, 3]) {
      const want = Math.exp(-4 * gN * t) + (1 + 2 * formFactor('S', t)) / (2 * (2 * gN));
      expect(pEq6('S', gN, t)).toBeCloseTo(want, 15);
      expect(pEq6('S', 2 * gN, t, { gamma: 'paper' })).toBeCloseTo(want, 15);
      // U and O: model and paper gamma coincide
      expect(pEq6('O', gN, t, { gamma: 'paper' })).toBe(pEq6('O', gN, t));
      expect(pEq6('U', gN, t, { gamma: 'paper' })).toBe(pEq6('U', gN, t));
    }
    expect(pEq6('S', 23, 3)).toBe(3 / 92);
    expect(pEq6('S', 1, 1)).toBe(Infinity); // K_S log divergence
    expect(() => pEq6('X' as SymmetryClass, 1, 1)).toThrow(RangeError);
  });
  it('pLargeGamma: branches meet at tau = 1', () => {
    expect(pLargeGamma(46, 1)).toBe(Math.exp(-184) + 1 / 46);
    expect(Math.abs(pLargeGamma(46, 1 - 1e-12) - pLargeGamma(46, 1))).toBeLessThan(1e-13);
    expect(pLargeGamma(46, 0.5)).toBeCloseTo(1.5 / 92, 15);
  });
});
