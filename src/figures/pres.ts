/**
 * Fig. 2(d): the t -> infinity residence probability P_res against gamma, log-log: numerics (blue dots with ± 2 s.e.
 * bars), Eq. (4) (gray) and the golden-rule estimate 1/gamma (purple). Arrows mark the gammas of panels (a)-(c).
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { COLORS, CONFIG, HEIGHT, LOG_TICKS, WIDTH, fmtCount } from './theme.js';
import { clipToWindow } from './clip.js';

export interface PresPanelInput {
  letter: string;
  N: number;
  samples: number;
  gamma: ArrayLike<number>;
  P_res: ArrayLike<number>;
  P_res_se: ArrayLike<number>;
  theory: { gamma: ArrayLike<number>; eq4: ArrayLike<number>; fgr: ArrayLike<number> };
  /** Gammas to mark with an arrow and their panel labels, e.g. [[46, '(a)'], ...]. */
  marks: [number, string][];
}

export const SERIES_DOTS = 'numerics (bars: ± 2 s.e.)';
export const SERIES_EQ4 = 'Eq. (4)';
export const SERIES_FGR_RES = 'FGR  1/γ';
export const Y_DOMAIN: [number, number] = [5e-3, 2];

/** Stack the two legends (curves, data) in the bottom-left corner (vega's legend layout; not in vega-lite's types). */
const PRES_CONFIG = { ...CONFIG, legend: { ...CONFIG.legend, layout: { 'bottom-left': { direction: 'vertical', margin: 2 } } } } as unknown as Config;

export function presSpec(inp: PresPanelInput): TopLevelSpec {
  const pts: { gamma: number; P: number; lo: number; hi: number; kind: string }[] = [];
  for (let i = 0; i < inp.gamma.length; i++) {
    const p = inp.P_res[i];
    const se = Number.isFinite(inp.P_res_se[i]) ? inp.P_res_se[i] : 0;
    pts.push({ gamma: inp.gamma[i], P: p, lo: Math.max(p - 2 * se, Y_DOMAIN[0]), hi: Math.min(p + 2 * se, Y_DOMAIN[1]), kind: SERIES_DOTS });
  }
  // Curves clipped to the axis window in log-log coordinates (no flat segments at the edge).
  const curves: { gamma: number; value: number; series: string }[] = [];
  const lg = Array.from(inp.theory.gamma, (g) => Math.log10(g));
  const wLo = Math.log10(Y_DOMAIN[0]) - 0.02, wHi = Math.log10(Y_DOMAIN[1]) + 0.02;
  for (const [series, v] of [[SERIES_EQ4, inp.theory.eq4], [SERIES_FGR_RES, inp.theory.fgr]] as const) {
    const c = clipToWindow(lg, [Array.from(v, (y) => Math.log10(y))], wLo, wHi);
    c.x.forEach((x, k) => curves.push({ gamma: Math.pow(10, x), value: Math.pow(10, c.ys[0][k]), series }));
  }
  const arrows = inp.marks
    .map(([g, label]) => {
      let best = -1;
      for (let i = 0; i < inp.gamma.length; i++) {
        if (best < 0 || Math.abs(Math.log(inp.gamma[i] / g)) < Math.abs(Math.log(inp.gamma[best] / g))) best = i;
      }
      return best >= 0 && Math.abs(Math.log(inp.gamma[best] / g)) < 1e-6 ? { gamma: inp.gamma[best], P: inp.P_res[best], label } : null;
    })
    .filter((a): a is { gamma: number; P: number; label: string } => a !== null && Number.isFinite(a.P));

  const allG = [...Array.from(inp.gamma), ...Array.from(inp.theory.gamma)];
  const xDomain: [number, number] = [Math.min(...allG) / 1.25, Math.max(...allG) * 1.25];
  const x = {
    field: 'gamma',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: xDomain, nice: false },
    axis: { title: 'γ = gN', format: '~g', values: LOG_TICKS.filter((v) => v >= xDomain[0] && v <= xDomain[1]) },
  };
  const yScale = { type: 'log' as const, domain: Y_DOMAIN, nice: false };
  // Two legends: line symbols for the curves, a filled circle for the data.
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: [SERIES_EQ4, SERIES_FGR_RES], range: [COLORS.eq4, COLORS.fgrLine] },
    legend: { title: null, orient: 'bottom-left' as const, symbolType: 'stroke', symbolStrokeWidth: 2.2 },
  };
  const shape = {
    field: 'kind',
    type: 'nominal' as const,
    scale: { domain: [SERIES_DOTS], range: ['circle'] },
    legend: { title: null, orient: 'bottom-left' as const, zindex: 1, symbolFillColor: COLORS.dots, symbolStrokeColor: COLORS.dots, symbolSize: 60 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: PRES_CONFIG,
    width: WIDTH,
    height: HEIGHT,
    title: {
      text: `(${inp.letter})  GUE,  long-time limit P_res = P(t → ∞)`,
      subtitle: `N + 1 = ${inp.N + 1},  ${fmtCount(inp.samples)} samples per γ (dot spectra shared across γ);  arrows: γ of panels (a)–(c)`,
    },
    layer: [
      {
        data: { values: curves },
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', scale: yScale, axis: { title: 'P_res', format: '~g', values: LOG_TICKS.filter((v) => v >= Y_DOMAIN[0] && v <= 1) } },
          color,
          detail: { field: 'series' },
        },
      },
      {
        data: { values: pts },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 1.4, color: COLORS.dots, clip: true },
            encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' } },
          },
          {
            mark: { type: 'point', filled: true, size: 42, opacity: 1, clip: true, color: COLORS.dots },
            encoding: { x, y: { field: 'P', type: 'quantitative', scale: yScale }, shape },
          },
        ],
      },
      {
        data: { values: arrows },
        layer: [
          {
            mark: { type: 'text', text: '↓', fontSize: 18, dy: -16, color: '#000' },
            encoding: { x, y: { field: 'P', type: 'quantitative', scale: yScale } },
          },
          {
            mark: { type: 'text', fontSize: 12, dy: -34, color: '#000' },
            encoding: { x, y: { field: 'P', type: 'quantitative', scale: yScale }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
