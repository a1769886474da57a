/**
 * A small hand-written SVG line plot for live updates: P(tau) with a mean ± 2 SE band and theory curves.
 * Redrawing sets a few path `d` attributes, so updating a few times per second costs next to nothing (a vega view
 * would re-run its dataflow and re-layout for every batch). Log or linear axes; points outside a log axis are dropped.
 */
const NS = 'http://www.w3.org/2000/svg';

export interface Curve {
  name: string;
  color: string;
  dash?: string;
  width?: number;
  y: ArrayLike<number>;
  /** Leave out of the y-axis range (the FGR exponential, which plunges by decades). */
  noAxis?: boolean;
}

export interface PlotData {
  x: ArrayLike<number>;
  xLog: boolean;
  yLog: boolean;
  /** Ensemble mean and its standard error (band = mean ± 2 SE); absent before the first batch. */
  mean?: ArrayLike<number>;
  se?: ArrayLike<number>;
  theory: Curve[];
  title: string;
}

const W = 820, H = 480, M = { l: 70, r: 20, t: 34, b: 52 };

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-2 && a < 1e4) return String(Number(v.toPrecision(3)));
  return v.toExponential(0).replace('e+', 'e');
}

function linTicks(lo: number, hi: number, n = 6): number[] {
  const span = hi - lo;
  const step0 = span / n;
  const mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= n) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12 * span; v += step) out.push(Math.abs(v) < 1e-14 * span ? 0 : v);
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(Math.pow(10, e));
  return out;
}

export class LivePlot {
  readonly svg: SVGSVGElement;
  private readonly gAxes: SVGGElement;
  private readonly band: SVGPathElement;
  private readonly dataLine: SVGPathElement;
  private readonly gTheory: SVGGElement;
  private readonly gLegend: SVGGElement;
  private readonly titleEl: SVGTextElement;
  private key = '';
  private sx: (v: number) => number = () => 0;
  private sy: (v: number) => number = () => 0;
  private yDomain: [number, number] = [0, 1];

  constructor(container: HTMLElement) {
    this.svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'P(tau) plot', id: 'plot-svg' });
    container.appendChild(this.svg);
    el('defs', {}, this.svg).innerHTML = `<clipPath id="plot-clip"><rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}"/></clipPath>`;
    this.gAxes = el('g', { class: 'axes' }, this.svg);
    const inner = el('g', { 'clip-path': 'url(#plot-clip)' }, this.svg);
    this.band = el('path', { class: 'band', fill: '#6b8fd6', 'fill-opacity': 0.35, stroke: 'none' }, inner);
    this.gTheory = el('g', { class: 'theory' }, inner);
    this.dataLine = el('path', { class: 'data', fill: 'none', stroke: '#111', 'stroke-width': 1.6 }, inner);
    this.gLegend = el('g', { class: 'legend' }, this.svg);
    this.titleEl = el('text', { x: M.l, y: 22, 'font-size': 15, 'font-weight': 600 }, this.svg);
  }

  /** Full redraw (axes, theory, legend) when the grid or the theory changes; then data. */
  draw(d: PlotData): void {
    const key = JSON.stringify([d.x.length, d.x[0], d.x[d.x.length - 1], d.xLog, d.yLog, d.title, d.theory.map((c) => [c.name, c.y[0], c.y[c.y.length - 1]])]);
    // Re-layout when the data leave the y range (e.g. Poisson, which has no Eq. 5/6 curve to size the axis by).
    const low = d.mean ? Math.min(...Array.from(d.mean).filter((v) => Number.isFinite(v) && (!d.yLog || v > 0))) : Infinity;
    if (key !== this.key || low < this.yDomain[0]) {
      this.key = key;
      this.layout(d);
    }
    this.drawData(d);
  }

  private layout(d: PlotData): void {
    const xs = Array.from(d.x).filter((v) => (d.xLog ? v > 0 : Number.isFinite(v)));
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    // y range from the theory curves other than the FGR exponential (which plunges), plus the data when present.
    const ys: number[] = [];
    for (const c of d.theory) if (!c.noAxis) for (let i = 0; i < c.y.length; i++) ys.push(c.y[i]);
    if (d.mean) for (let i = 0; i < d.mean.length; i++) ys.push(d.mean[i]);
    ys.push(1);
    const fin = ys.filter((v) => Number.isFinite(v) && (!d.yLog || v > 0));
    let y0 = Math.min(...fin), y1 = Math.max(...fin);
    if (d.yLog) {
      y0 = Math.pow(10, Math.floor(Math.log10(y0 * 0.8)));
      y1 = 1.2;
    } else {
      y0 = Math.min(0, y0);
      y1 = Math.max(1.02, y1);
    }
    this.yDomain = [y0, y1];
    const pw = W - M.l - M.r, ph = H - M.t - M.b;
    const fx = d.xLog ? (v: number) => Math.log10(v) : (v: number) => v;
    const fy = d.yLog ? (v: number) => Math.log10(v) : (v: number) => v;
    const a = fx(x0), b = fx(x1), c = fy(y0), e = fy(y1);
    this.sx = (v) => M.l + ((fx(v) - a) / (b - a || 1)) * pw;
    this.sy = (v) => M.t + ph - ((fy(v) - c) / (e - c || 1)) * ph;

    this.titleEl.textContent = d.title;
    const g = this.gAxes;
    g.replaceChildren();
    el('rect', { x: M.l, y: M.t, width: pw, height: ph, fill: '#fff', stroke: '#999' }, g);
    const xt = d.xLog ? logTicks(x0, x1) : linTicks(x0, x1);
    const yt = d.yLog ? logTicks(y0, y1) : linTicks(y0, y1);
    for (const v of xt) {
      const X = this.sx(v);
      el('line', { x1: X, x2: X, y1: M.t, y2: M.t + ph, stroke: '#eee' }, g);
      el('text', { x: X, y: M.t + ph + 18, 'text-anchor': 'middle', 'font-size': 12 }, g).textContent = fmtTick(v);
    }
    for (const v of yt) {
      const Y = this.sy(v);
      el('line', { x1: M.l, x2: M.l + pw, y1: Y, y2: Y, stroke: '#eee' }, g);
      el('text', { x: M.l - 6, y: Y + 4, 'text-anchor': 'end', 'font-size': 12 }, g).textContent = fmtTick(v);
    }
    el('text', { x: M.l + pw / 2, y: H - 12, 'text-anchor': 'middle', 'font-size': 13 }, g).textContent = 'τ = t / t_H';
    el('text', { x: 18, y: M.t + ph / 2, 'text-anchor': 'middle', 'font-size': 13, transform: `rotate(-90 18 ${M.t + ph / 2})` }, g).textContent = 'P(τ)';

    this.gTheory.replaceChildren();
    for (const cv of d.theory) {
      el('path', { d: this.pathOf(d.x, cv.y, d), fill: 'none', stroke: cv.color, 'stroke-width': cv.width ?? 1.6, 'stroke-dasharray': cv.dash ?? '', 'data-name': cv.name }, this.gTheory);
    }
    // Legend, top right.
    this.gLegend.replaceChildren();
    const entries: Curve[] = [{ name: 'simulation (mean ± 2 SE)', color: '#111', y: [] }, ...d.theory];
    // Top right on a log P axis (the curves sit low there); bottom left on a linear one (P stays high at late times).
    const lx = d.yLog ? M.l + pw - 250 : M.l + 14;
    const ly = d.yLog ? M.t + 6 : M.t + ph - entries.length * 18 - 16;
    el('rect', { x: lx - 8, y: ly, width: 250, height: entries.length * 18 + 8, fill: '#fff', 'fill-opacity': 0.85, stroke: '#ccc' }, this.gLegend);
    entries.forEach((cv, i) => {
      const y = ly + 14 + i * 18;
      el('line', { x1: lx, x2: lx + 26, y1: y - 4, y2: y - 4, stroke: cv.color, 'stroke-width': 2, 'stroke-dasharray': cv.dash ?? '' }, this.gLegend);
      el('text', { x: lx + 32, y, 'font-size': 12 }, this.gLegend).textContent = cv.name;
    });
  }

  private ok(d: PlotData, x: number, y: number): boolean {
    return Number.isFinite(x) && Number.isFinite(y) && (!d.xLog || x > 0) && (!d.yLog || y > 0);
  }

  private pathOf(x: ArrayLike<number>, y: ArrayLike<number>, d: PlotData): string {
    let s = '';
    let pen = false;
    const yMin = this.yDomain[0] / 1e3;
    for (let i = 0; i < x.length; i++) {
      let v = y[i];
      if (d.yLog && v > 0 && v < yMin) v = yMin; // keep steep curves drawn to the bottom edge
      if (!this.ok(d, x[i], v)) { pen = false; continue; }
      s += `${pen ? 'L' : 'M'}${this.sx(x[i]).toFixed(1)},${this.sy(v).toFixed(1)}`;
      pen = true;
    }
    return s;
  }

  private drawData(d: PlotData): void {
    if (!d.mean) {
      this.dataLine.setAttribute('d', '');
      this.band.setAttribute('d', '');
      return;
    }
    this.dataLine.setAttribute('d', this.pathOf(d.x, d.mean, d));
    const se = d.se;
    if (!se) return;
    const up: string[] = [], lo: string[] = [];
    const floor = d.yLog ? this.yDomain[0] / 10 : -Infinity;
    for (let i = 0; i < d.x.length; i++) {
      const m = d.mean[i], s = Number.isFinite(se[i]) ? se[i] : 0;
      if (!this.ok(d, d.x[i], m)) continue;
      const X = this.sx(d.x[i]).toFixed(1);
      up.push(`${X},${this.sy(m + 2 * s).toFixed(1)}`);
      lo.push(`${X},${this.sy(Math.max(m - 2 * s, floor)).toFixed(1)}`);
    }
    this.band.setAttribute('d', up.length ? `M${up.join('L')}L${lo.reverse().join('L')}Z` : '');
  }
}
