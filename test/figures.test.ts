/**
 * Figure specs (theory layers, log axes), headless rendering (SVG + PNG with a real font), the clipping helper, and
 * `fgr figure` end to end at a tiny size.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { decaySpec, SERIES_EQ5, SERIES_FGR } from '../src/figures/decay.js';
import { presSpec, SERIES_EQ4, SERIES_FGR_RES } from '../src/figures/pres.js';
import { classesSpec, eq6Series } from '../src/figures/classes.js';
import { clipToWindow } from '../src/figures/clip.js';
import { fontFiles, render } from '../src/figures/render.js';
import { loadFontMetrics, textWidth } from '../src/figures/fontMetrics.js';
import { sweepGammas, compareCurve } from '../src/figures/panels.js';
import { fgr, tempDir } from './cli-helpers.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** All (layer) units of a vega-lite spec, flattened. */
function units(spec: any): any[] {
  return spec.layer ? spec.layer.flatMap((l: any) => units(l)) : [spec];
}
/** Series names that line layers filter for, plus colour-scale domains. */
function seriesOf(spec: any): string[] {
  const s = new Set<string>();
  const walk = (n: any): void => {
    for (const t of n.transform ?? []) {
      if (t.filter?.equal) s.add(t.filter.equal);
      for (const v of t.filter?.oneOf ?? []) s.add(v);
    }
    for (const v of n.encoding?.color?.scale?.domain ?? []) s.add(v);
    for (const l of n.layer ?? []) walk(l);
  };
  walk(spec);
  return [...s];
}
function scaleTypes(spec: any, ch: 'x' | 'y'): string[] {
  return units(spec).map((u) => u.encoding?.[ch]?.scale?.type).filter(Boolean);
}

const tau = Array.from({ length: 40 }, (_, i) => 10 ** (-3 + (4 * i) / 39));
const decayInput = (gamma: number) => ({
  letter: 'a',
  gamma,
  N: 999,
  samples: 10000,
  tau,
  P: tau.map((t) => Math.exp(-4 * gamma * t) + 0.02),
  P_se: tau.map(() => 1e-3),
  theory: { tau, eq5: tau.map((t) => Math.exp(-4 * gamma * t) + 0.021), fgr: tau.map((t) => Math.exp(-4 * gamma * t)) },
  yScale: (gamma > 2 ? 'log' : 'linear') as 'log' | 'linear',
});

describe('figure specs', () => {
  it('(a)-(c): log time axis, Eq. 5 and FGR layers, a band, compiles', () => {
    const spec = decaySpec(decayInput(46));
    expect(scaleTypes(spec, 'x').every((t) => t === 'log')).toBe(true);
    expect(scaleTypes(spec, 'y')).toContain('log');
    expect(seriesOf(spec)).toEqual(expect.arrayContaining([SERIES_EQ5, SERIES_FGR]));
    expect(units(spec).some((u) => u.mark?.type === 'area')).toBe(true);
    expect(JSON.stringify(spec)).toMatch(/τ = t \/ t_H/);
    expect(JSON.stringify(spec.title)).toMatch(/γ = gN = 46.*|N \+ 1 = 1000/);
    expect(() => compile(spec)).not.toThrow();
    expect(scaleTypes(decaySpec(decayInput(0.46)), 'y')).toContain('linear');
  });
  it('(d): log-log, Eq. 4 and 1/gamma curves, arrows at the three gammas', () => {
    const g = sweepGammas();
    expect(g.length).toBeGreaterThanOrEqual(13);
    expect(g).toEqual(expect.arrayContaining([46, 0.46, 0.022]));
    expect(Math.min(...g)).toBeLessThanOrEqual(0.011);
    expect(Math.max(...g)).toBeGreaterThanOrEqual(99);
    const spec = presSpec({
      letter: 'd', N: 999, samples: 10000, gamma: g, P_res: g.map((x) => 1 / (1 + x)), P_res_se: g.map(() => 1e-3),
      theory: { gamma: g, eq4: g.map((x) => 1 / (1 + x)), fgr: g.map((x) => 1 / x) }, marks: [[46, '(a)'], [0.46, '(b)'], [0.022, '(c)']],
    });
    expect(scaleTypes(spec, 'x').every((t) => t === 'log')).toBe(true);
    expect(scaleTypes(spec, 'y').every((t) => t === 'log')).toBe(true);
    expect(seriesOf(spec)).toEqual(expect.arrayContaining([SERIES_EQ4, SERIES_FGR_RES]));
    const arrows = (spec as any).layer[2].data.values;
    expect(arrows.map((a: any) => a.label)).toEqual(['(a)', '(b)', '(c)']);
    expect(() => compile(spec)).not.toThrow();
  });
  it('(e): Eq. 6 curve per class, GSE convention stated', () => {
    const t = [0, 0.5, 1.5, 2.5];
    const curves = (['GOE', 'GUE', 'GSE'] as const).map((e) => ({
      ensemble: e, gamma: e === 'GSE' ? 23 : 46, gammaPaper: 46, tau: t, P: t.map(() => 0.02), P_se: t.map(() => 1e-3), theoryTau: t, eq6: t.map(() => 0.021),
    }));
    const spec = classesSpec({ letter: 'e', N: 999, samples: 10000, gammaPaper: 46, curves, tauMax: 2.5 });
    expect(seriesOf(spec)).toEqual(expect.arrayContaining(['GOE', 'GUE', 'GSE'].map(eq6Series)));
    expect(JSON.stringify(spec.title)).toMatch(/GSE: N Kramers pairs, gN = 23, Eq\. \(6\) at γ = 2gN = 46/);
    expect(() => compile(spec)).not.toThrow();
  });
});

describe('rendering', () => {
  it('SVG and PNG, text drawn with a real font', async () => {
    const fonts = fontFiles();
    expect(fonts.length, 'no font: install fonts-dejavu-core').toBeGreaterThan(0);
    const r = await render(decaySpec(decayInput(46)));
    expect(r.svg.startsWith('<svg')).toBe(true);
    expect(r.svg).toContain('Eq. (5)');
    expect(r.png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(r.fontWarning).toBeUndefined();
    // 2x zoom of the SVG's size
    const w = Number(/width="(\d+(\.\d+)?)"/.exec(r.svg)![1]);
    expect(r.png.readUInt32BE(16)).toBe(Math.round(2 * w));
  });
  it('font metrics are those of the font (DejaVu Sans: "0" is 0.636 em)', () => {
    const m = loadFontMetrics(fontFiles()[0])!;
    expect(m).not.toBeNull();
    const w = textWidth(m, '0000000000', 10);
    expect(w).toBeGreaterThan(50);
    expect(w).toBeLessThan(70);
  });
  it('clipToWindow inserts the crossings and keeps values in the window', () => {
    const c = clipToWindow([0, 1, 2], [[1, 0.2, 0.3]], 0, 0.5);
    expect(c.x).toEqual([0, 0.625, 1, 2]);
    expect(c.ys[0]).toEqual([0.5, 0.5, 0.2, 0.3]);
    const b = clipToWindow([0, 1], [[0, 1], [1, 2]], 0, 1.5);
    expect(b.x).toEqual([0, 0.5, 1]);
    expect(b.ys).toEqual([[0, 0.5, 1], [1, 1.5, 1.5]]);
  });
  it('compareCurve: max |z| over the masked points', () => {
    const c = compareCurve([1, 2, 3], [1, 2, 3], [0.1, 0.1, 0.1], [1, 2.5, 3], (i) => i > 0);
    expect(c.points).toBe(2);
    expect(c.max_abs_z).toBeCloseTo(5, 12);
    expect(c.x_at_max_z).toBe(2);
  });
});

describe('fgr figure (tiny sizes)', () => {
  it('2a --samples 20 --N 49 writes svg, png and json with results and theory', async () => {
    const dir = tempDir();
    const r = await fgr(['figure', '2a', '--samples', '20', '--N', '49', '--threads', '1', '--backend', 'cpu', '--out-dir', join(dir, 'out')]);
    expect(r.code, r.err).toBe(0);
    for (const ext of ['svg', 'png', 'json']) expect(existsSync(join(dir, 'out', `fig2a.${ext}`))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'fig2a.png')).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    const d = JSON.parse(readFileSync(join(dir, 'out', 'fig2a.json'), 'utf8'));
    expect(d.panel).toBe('2a');
    expect(d.results).toHaveLength(1);
    expect(d.results[0].params).toMatchObject({ ensemble: 'GUE', N: 49, samples: 20, gamma: 46 });
    expect(d.results[0].samples_done).toBe(20);
    expect(d.theory.eq5).toHaveLength(d.results[0].tau.length);
    expect(d.theory.fgr).toHaveLength(d.results[0].tau.length);
    expect(d.theory.P_res_eq4).toBeGreaterThan(0);
    expect(d.band).toMatch(/2 standard errors/);
    expect(d.vega_lite_spec).toBeDefined();
    expect(r.out).toMatch(/^2a GUE γ=46: max\|P−Eq5\| = .* se at τ = .*P_res = .* vs Eq\.4/m);
    expect(r.err).not.toMatch(/warning/);
  });
  it('2d and 2e at N=19: sweep and three classes', async () => {
    const dir = tempDir();
    const r = await fgr(['figure', '2d', '--samples', '8', '--N', '19', '--threads', '1', '--backend', 'cpu', '--out-dir', dir]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(readFileSync(join(dir, 'fig2d.json'), 'utf8'));
    expect(d.sweep.gamma).toEqual(sweepGammas());
    expect(d.sweep.P_res).toHaveLength(sweepGammas().length);
    expect(d.theory.eq4.length).toBe(d.theory.gamma.length);
    const e = await fgr(['figure', '2e', '--samples', '8', '--N', '19', '--threads', '1', '--backend', 'cpu', '--out-dir', dir]);
    expect(e.code, e.err).toBe(0);
    const de = JSON.parse(readFileSync(join(dir, 'fig2e.json'), 'utf8'));
    expect(de.results.map((x: any) => x.params.ensemble)).toEqual(['GOE', 'GUE', 'GSE']);
    expect(de.results[2].conventions.gamma_paper).toBe(46);
    expect(de.theory.eq6_GSE).toHaveLength(de.results[2].tau.length);
    expect(de.theory.eq6_fine_GSE).toHaveLength(de.theory.tau_fine.length);
    expect(de.theory.tau_fine).not.toContain(1);
    expect(existsSync(join(dir, 'fig2e.png'))).toBe(true);
  });
});
