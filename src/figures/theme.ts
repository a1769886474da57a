/** Shared look of the Fig. 2 panels: fonts, sizes, colours (the paper's colour roles). */
import type { Config } from 'vega-lite';

export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** Colour roles as in the paper's Fig. 2. */
export const COLORS = {
  data: '#000000',
  band: '#9e9e9e',
  eq5: '#d62728',
  fgr: '#555555',
  eq4: '#8c8c8c',
  fgrLine: '#7b3294',
  dots: '#1f5fbf',
  GOE: '#1f77b4',
  GUE: '#d62728',
  GSE: '#2ca02c',
} as const;

/** Tick values of log axes: 1-2-5 per decade. */
export const LOG_TICKS = [-4, -3, -2, -1, 0, 1, 2, 3, 4].flatMap((e) => [1, 2, 5].map((m) => Number((m * 10 ** e).toPrecision(2))));

export const WIDTH = 460;
export const HEIGHT = 300;

export const CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  view: { stroke: '#444', strokeWidth: 1 },
  title: { fontSize: 15, subtitleFontSize: 11.5, subtitleColor: '#333', anchor: 'start', offset: 10, subtitlePadding: 4 },
  axis: {
    labelFontSize: 12,
    titleFontSize: 14,
    titleFontWeight: 'normal',
    grid: true,
    gridColor: '#e6e6e6',
    tickColor: '#444',
    domainColor: '#444',
    labelFlush: false,
  },
  legend: {
    labelFontSize: 11.5,
    titleFontSize: 12,
    symbolStrokeWidth: 2.2,
    symbolSize: 160,
    orient: 'top-right',
    fillColor: 'rgba(255,255,255,0.92)',
    strokeColor: '#bbb',
    padding: 6,
    cornerRadius: 2,
    labelLimit: 320,
  },
};

/** Superscript digits for tick labels and captions, e.g. 10⁴. */
export function sup(n: number | string): string {
  const m: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
  return String(n).split('').map((c) => m[c] ?? c).join('');
}

/** Compact number for captions: 10000 -> '10⁴', 20 -> '20', 0.022 -> '0.022'. */
export function fmtCount(n: number): string {
  const l = Math.log10(n);
  if (n >= 1000 && Number.isInteger(l)) return `10${sup(l)}`;
  return String(n);
}

/** Short number: 4 significant digits, no trailing zeros. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}
