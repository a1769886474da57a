/**
 * Fig. 2(e): P(tau) for the three Wigner-Dyson classes at large gamma on a linear time axis: numerics (black, shaded
 * band = mean ± 2 s.e.) against Eq. (6) with a_X = (1,2,1), b_X = (1,1,2) (coloured). Dotted guides at 1/(2 gamma),
 * 2/(2 gamma), 3/(2 gamma): offsets (1,2,1)/(2 gamma) and plateaus (2,3,3)/(2 gamma).
 */
import type { TopLevelSpec } from 'vega-lite';
import { COLORS, CONFIG, HEIGHT, WIDTH, fmt, fmtCount } from './theme.js';
import { clipToWindow } from './clip.js';

export interface ClassCurve {
  ensemble: 'GOE' | 'GUE' | 'GSE';
  /** gamma = g N of the run. */
  gamma: number;
  /** gamma in the paper's Eq. 6 (2 g N for GSE). */
  gammaPaper: number;
  tau: ArrayLike<number>;
  P: ArrayLike<number>;
  P_se: ArrayLike<number>;
  /** Eq. 6 on its own (finer) grid. */
  theoryTau: ArrayLike<number>;
  eq6: ArrayLike<number>;
}

export interface ClassesPanelInput {
  letter: string;
  N: number;
  samples: number;
  /** The paper's gamma shared by the three classes (used for the guides). */
  gammaPaper: number;
  curves: ClassCurve[];
  tauMax: number;
}

export const SERIES_NUM = 'numerics (band: ± 2 s.e.)';
export const eq6Series = (e: string): string => `Eq. (6), ${e === 'GOE' ? 'O' : e === 'GUE' ? 'U' : 'S'}: ${e}`;

export function classesSpec(inp: ClassesPanelInput): TopLevelSpec {
  const g = inp.gammaPaper;
  // Up to 4/(2 gamma), or higher if the data (after the golden-rule decay) go higher (the GSE peak at tau = 1).
  let dataMax = 0;
  for (const c of inp.curves) {
    const tDecay = Math.log(8 * c.gammaPaper) / (4 * c.gamma);
    for (let i = 0; i < c.tau.length; i++) {
      const se = Number.isFinite(c.P_se[i]) ? c.P_se[i] : 0;
      if (c.tau[i] >= tDecay && Number.isFinite(c.P[i])) dataMax = Math.max(dataMax, c.P[i] + 2 * se);
    }
  }
  const yMax = Math.max(4 / (2 * g), Math.ceil((1.05 * dataMax * 2 * g) / 0.5) * 0.5 / (2 * g));
  const band: { tau: number; lo: number; hi: number; ens: string }[] = [];
  const rows: { tau: number; value: number; series: string; ens: string }[] = [];
  // Window slightly larger than the axis, so clipped curves leave the plot at its edge.
  const wLo = -0.02 * yMax, wHi = 1.02 * yMax;
  for (const c of inp.curves) {
    const keep = Array.from(c.tau, (_, i) => i).filter((i) => Number.isFinite(c.P[i]));
    const tau = keep.map((i) => c.tau[i]);
    const se = keep.map((i) => (Number.isFinite(c.P_se[i]) ? c.P_se[i] : 0));
    const P = keep.map((i) => c.P[i]);
    const b = clipToWindow(tau, [P.map((p, k) => p - 2 * se[k]), P.map((p, k) => p + 2 * se[k])], wLo, wHi);
    b.x.forEach((t, k) => band.push({ tau: t, lo: b.ys[0][k], hi: b.ys[1][k], ens: c.ensemble }));
    const d = clipToWindow(tau, [P], wLo, wHi);
    d.x.forEach((t, k) => rows.push({ tau: t, value: d.ys[0][k], series: SERIES_NUM, ens: c.ensemble }));
    const ti = Array.from(c.theoryTau, (_, i) => i).filter((i) => Number.isFinite(c.eq6[i]));
    const th = clipToWindow(ti.map((i) => c.theoryTau[i]), [ti.map((i) => c.eq6[i])], wLo, wHi);
    th.x.forEach((t, k) => rows.push({ tau: t, value: th.ys[0][k], series: eq6Series(c.ensemble), ens: c.ensemble }));
  }
  const guides = [1, 2, 3].map((k) => ({ y: k / (2 * g), label: k === 2 ? '1/γ' : `${k}/(2γ)` }));
  const domain = [SERIES_NUM, eq6Series('GOE'), eq6Series('GUE'), eq6Series('GSE')];
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain, range: [COLORS.data, COLORS.GOE, COLORS.GUE, COLORS.GSE] },
    legend: { title: null, orient: 'bottom-right' as const, columns: 2, columnPadding: 14 },
  };
  const x = {
    field: 'tau',
    type: 'quantitative' as const,
    scale: { domain: [0, inp.tauMax], nice: false },
    axis: { title: 'τ = t / t_H   (t_H = 2N/λ)' },
  };
  const yScale = { domain: [0, yMax], nice: false, clamp: false };
  const gse = inp.curves.find((c) => c.ensemble === 'GSE');
  const gseNote = gse ? `;  GSE: N Kramers pairs, gN = ${fmt(gse.gamma)}, Eq. (6) at γ = 2gN = ${fmt(gse.gammaPaper)}` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    title: {
      text: `(${inp.letter})  GOE, GUE, GSE at γ = ${fmt(g)}:  P(τ) and the spectral form factor`,
      subtitle: [
        `N + 1 = ${inp.N + 1},  ${fmtCount(inp.samples)} samples each${gseNote}`,
        'Eq. (6): e^(−4γτ) + [a_X + b_X K_X(τ)]/(2γ);  dotted: 1/(2γ), 1/γ, 3/(2γ)',
      ],
    },
    layer: [
      {
        data: { values: guides },
        layer: [
          { mark: { type: 'rule', color: '#999', strokeDash: [2, 3], strokeWidth: 1 }, encoding: { y: { field: 'y', type: 'quantitative', scale: yScale } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11.5, color: '#444' },
            encoding: {
              x: { datum: inp.tauMax, type: 'quantitative', scale: { domain: [0, inp.tauMax], nice: false } },
              y: { field: 'y', type: 'quantitative', scale: yScale },
              text: { field: 'label' },
            },
          },
        ],
      },
      {
        data: { values: band },
        mark: { type: 'area', color: COLORS.band, opacity: 0.5, clip: true },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', scale: yScale },
          y2: { field: 'hi' },
          detail: { field: 'ens' },
        },
      },
      {
        data: { values: rows },
        layer: [
          {
            transform: [{ filter: { field: 'series', equal: SERIES_NUM } }],
            mark: { type: 'line', strokeWidth: 2.2, clip: true },
            encoding: {
              x,
              y: { field: 'value', type: 'quantitative', scale: yScale, axis: { title: 'P(τ)', format: '.3f' } },
              color,
              detail: { field: 'ens' },
            },
          },
          {
            transform: [{ filter: { field: 'series', oneOf: domain.slice(1) } }],
            mark: { type: 'line', strokeWidth: 1.6, clip: true },
            encoding: { x, y: { field: 'value', type: 'quantitative', scale: yScale }, color, detail: { field: 'ens' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
