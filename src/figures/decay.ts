/**
 * Fig. 2(a)-(c): P(tau) of the GUE model on a log time axis, numerics (black line, shaded band = mean ± 2 standard
 * errors) against Eq. (5) (red) and the golden-rule exponential exp(-4 gamma tau) (dashed).
 */
import type { TopLevelSpec } from 'vega-lite';
import { COLORS, CONFIG, HEIGHT, LOG_TICKS, WIDTH, fmt, fmtCount } from './theme.js';
import { clipToWindow } from './clip.js';

export interface DecayPanelInput {
  /** Panel letter for the title, e.g. 'a'. */
  letter: string;
  gamma: number;
  N: number;
  /** Samples averaged (samples_done). */
  samples: number;
  tau: ArrayLike<number>;
  P: ArrayLike<number>;
  P_se: ArrayLike<number>;
  theory: { tau: ArrayLike<number>; eq5: ArrayLike<number>; fgr: ArrayLike<number> };
  /** Log P axis for large gamma (P spans decades), linear otherwise. */
  yScale: 'log' | 'linear';
}

export const BAND_Z = 2;
export const SERIES_DATA = 'numerics (band: ± 2 s.e.)';
export const SERIES_EQ5 = 'Eq. (5)';
export const SERIES_FGR = 'FGR  exp(−4γτ)';

interface Row { tau: number; value: number; series: string }

/**
 * y-axis domain. Log axes: from below the smallest data/Eq. 5 value to just above 1. Linear axes: from below the
 * lowest band/Eq. 5 value (rounded down to 0.05) to 1, so the golden-rule curve does not squeeze the data.
 */
export function yDomain(inp: DecayPanelInput): [number, number] {
  let lo = Infinity;
  const take = (v: number): void => {
    if (Number.isFinite(v) && (inp.yScale === 'linear' || v > 0)) lo = Math.min(lo, v);
  };
  for (let i = 0; i < inp.P.length; i++) {
    const se = Number.isFinite(inp.P_se[i]) ? inp.P_se[i] : 0;
    take(inp.yScale === 'log' ? inp.P[i] : inp.P[i] - BAND_Z * se);
  }
  for (let i = 0; i < inp.theory.eq5.length; i++) take(inp.theory.eq5[i]);
  if (inp.yScale === 'log') {
    if (!Number.isFinite(lo)) lo = 1e-3;
    return [Math.pow(10, Math.floor(Math.log10(lo * 0.6) * 2) / 2), 1.15];
  }
  if (!Number.isFinite(lo)) lo = 0;
  const pad = 0.08 * (1 - lo);
  return [Math.max(0, Math.floor((lo - pad) * 20) / 20), 1.0];
}

export function decaySpec(inp: DecayPanelInput): TopLevelSpec {
  const dom = yDomain(inp);
  const log = inp.yScale === 'log';
  // Clip every curve to a window just outside the axis, in plotted coordinates (log tau; log or linear P).
  const fy = (v: number): number => (log ? Math.log10(Math.max(v, dom[0] * 0.5)) : v);
  const iy = (v: number): number => (log ? Math.pow(10, v) : v);
  const span = fy(dom[1]) - fy(dom[0]);
  const wLo = fy(dom[0]) - 0.02 * span, wHi = fy(dom[1]) + 0.02 * span;
  const band: { tau: number; lo: number; hi: number }[] = [];
  const rows: Row[] = [];
  const idx = Array.from(inp.tau, (_, i) => i).filter((i) => inp.tau[i] > 0 && Number.isFinite(inp.P[i]));
  const lx = idx.map((i) => Math.log10(inp.tau[i]));
  const se = idx.map((i) => (Number.isFinite(inp.P_se[i]) ? inp.P_se[i] : 0));
  const b = clipToWindow(lx, [idx.map((i, k) => fy(inp.P[i] - BAND_Z * se[k])), idx.map((i, k) => fy(inp.P[i] + BAND_Z * se[k]))], wLo, wHi);
  b.x.forEach((x, k) => band.push({ tau: Math.pow(10, x), lo: iy(b.ys[0][k]), hi: iy(b.ys[1][k]) }));
  const addCurve = (tau: ArrayLike<number>, v: ArrayLike<number>, series: string): void => {
    const j = Array.from(tau, (_, i) => i).filter((i) => tau[i] > 0 && Number.isFinite(v[i]));
    const c = clipToWindow(j.map((i) => Math.log10(tau[i])), [j.map((i) => fy(v[i]))], wLo, wHi);
    c.x.forEach((x, k) => rows.push({ tau: Math.pow(10, x), value: iy(c.ys[0][k]), series }));
  };
  addCurve(idx.map((i) => inp.tau[i]), idx.map((i) => inp.P[i]), SERIES_DATA);
  addCurve(inp.theory.tau, inp.theory.eq5, SERIES_EQ5);
  addCurve(inp.theory.tau, inp.theory.fgr, SERIES_FGR);
  const taus = [...band.map((b) => b.tau), ...rows.map((r) => r.tau)];
  const xDomain: [number, number] = [Math.min(...taus), Math.max(...taus)];

  const domain = [SERIES_DATA, SERIES_EQ5, SERIES_FGR];
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain, range: [COLORS.data, COLORS.eq5, COLORS.fgr] },
    legend: { title: null, orient: inp.yScale === 'log' ? ('top-right' as const) : ('bottom-left' as const) },
  };
  const strokeDash = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain, range: [[1, 0], [1, 0], [6, 4]] },
    legend: color.legend,
  };
  const x = {
    field: 'tau',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: xDomain, nice: false },
    axis: { title: 'τ = t / t_H   (t_H = 2N/λ)', format: '~g', tickCount: 6 },
  };
  const yTitle = 'P(τ)';
  const yScale = { type: inp.yScale, domain: dom, nice: false };
  const line = (series: string, width: number) => ({
    transform: [{ filter: { field: 'series', equal: series } }],
    mark: { type: 'line' as const, strokeWidth: width, clip: true, interpolate: 'linear' as const },
    encoding: {
      x,
      y: { field: 'value', type: 'quantitative' as const, scale: yScale, axis: { title: yTitle, format: log ? '~g' : '.2f', ...(log ? { values: LOG_TICKS.filter((v) => v >= dom[0] && v <= dom[1]) } : {}) } },
      color,
      strokeDash,
    },
  });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    title: {
      text: `(${inp.letter})  GUE,  γ = gN = ${fmt(inp.gamma)}`,
      subtitle: `N + 1 = ${inp.N + 1},  ${fmtCount(inp.samples)} samples;  Eq. (5) red, golden rule dashed;  shaded: mean ± 2 standard errors`,
    },
    layer: [
      {
        data: { values: [{ tau: 1 }] },
        mark: { type: 'rule', color: '#999', strokeDash: [2, 3], strokeWidth: 1 },
        encoding: { x: { field: 'tau', type: 'quantitative' } },
      },
      {
        data: { values: band },
        mark: { type: 'area', color: COLORS.band, opacity: 0.45, clip: true },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', scale: yScale },
          y2: { field: 'hi' },
        },
      },
      {
        data: { values: rows },
        layer: [line(SERIES_DATA, 2.4), line(SERIES_FGR, 1.4), line(SERIES_EQ5, 1.5)],
      },
    ],
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
  } as TopLevelSpec;
}
