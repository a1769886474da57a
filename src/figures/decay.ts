/**
 * Fig. 2(a)-(c): P(tau) of the GUE model on a log time axis, numerics (black line, shaded band = mean ± 2 standard
 * errors) against Eq. (5) (red) and the golden-rule exponential exp(-4 gamma tau) (dashed).
 */
import type { TopLevelSpec } from 'vega-lite';
import { COLORS, CONFIG, HEIGHT, WIDTH, fmt, fmtCount } from './theme.js';

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

/** y-axis domain: log axes span from below the smallest value to 1; linear axes are left to vega (nice, no zero). */
function yDomain(inp: DecayPanelInput): [number, number] | undefined {
  if (inp.yScale !== 'log') return undefined;
  let lo = Infinity;
  for (let i = 0; i < inp.P.length; i++) if (inp.P[i] > 0) lo = Math.min(lo, inp.P[i]);
  for (let i = 0; i < inp.theory.eq5.length; i++) if (inp.theory.eq5[i] > 0) lo = Math.min(lo, inp.theory.eq5[i]);
  if (!Number.isFinite(lo)) lo = 1e-3;
  return [Math.pow(10, Math.floor(Math.log10(lo * 0.6) * 2) / 2), 1.15];
}

export function decaySpec(inp: DecayPanelInput): TopLevelSpec {
  const dom = yDomain(inp);
  const floor = dom ? dom[0] : -Infinity;
  const band: { tau: number; lo: number; hi: number }[] = [];
  const rows: Row[] = [];
  for (let i = 0; i < inp.tau.length; i++) {
    const p = inp.P[i];
    const se = Number.isFinite(inp.P_se[i]) ? inp.P_se[i] : 0;
    if (!(inp.tau[i] > 0) || !Number.isFinite(p)) continue;
    band.push({ tau: inp.tau[i], lo: Math.max(p - BAND_Z * se, floor), hi: p + BAND_Z * se });
    rows.push({ tau: inp.tau[i], value: Math.max(p, floor), series: SERIES_DATA });
  }
  for (let i = 0; i < inp.theory.tau.length; i++) {
    const tau = inp.theory.tau[i];
    if (!(tau > 0)) continue;
    if (Number.isFinite(inp.theory.eq5[i])) rows.push({ tau, value: inp.theory.eq5[i], series: SERIES_EQ5 });
    const f = inp.theory.fgr[i];
    if (Number.isFinite(f) && f >= (dom ? dom[0] * 0.5 : 0)) rows.push({ tau, value: f, series: SERIES_FGR });
  }
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
  const yScale = dom
    ? { type: 'log' as const, domain: dom, nice: false, clamp: true }
    : { type: 'linear' as const, zero: false, nice: true };
  const line = (series: string, width: number) => ({
    transform: [{ filter: { field: 'series', equal: series } }],
    mark: { type: 'line' as const, strokeWidth: width, clip: true, interpolate: 'linear' as const },
    encoding: {
      x,
      y: { field: 'value', type: 'quantitative' as const, scale: yScale, axis: { title: yTitle, format: dom ? '~g' : '.2f' } },
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
