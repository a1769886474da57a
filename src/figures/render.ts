/**
 * Headless rendering of vega-lite specs: vega-lite -> vega -> SVG (vega View.toSVG, no canvas needed) -> PNG
 * (@resvg/resvg-js). resvg draws text only with a real font: system fonts are loaded, and the first of a list of common
 * font files that exists is passed explicitly (Debian: `fonts-dejavu-core`).
 */
import { existsSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './theme.js';
import { loadFontMetrics, textWidth, type FontMetrics } from './fontMetrics.js';

/** Font files tried, in order (Debian/Ubuntu, Fedora, Alpine, macOS). */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
];
const BOLD_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
];

/** The font files found on this machine (regular, bold); empty when none of the known ones exist. */
export function fontFiles(): string[] {
  const env = process.env.FGR_FONT_FILE;
  const out: string[] = [];
  if (env && existsSync(env)) out.push(env);
  const r = FONT_CANDIDATES.find((f) => existsSync(f));
  const b = BOLD_CANDIDATES.find((f) => existsSync(f));
  if (r) out.push(r);
  if (b) out.push(b);
  return out;
}

export interface Rendered {
  svg: string;
  png: Buffer;
  /** Set when no known font file was found: PNG text may be missing. */
  fontWarning?: string;
}

let metricsInstalled = false;

/**
 * Make vega measure text with the advance widths of the font resvg will use (regular and bold), instead of its
 * no-canvas estimate of 0.8 em per character. Done once; a no-op when no font file is found.
 */
export function installTextMetrics(): boolean {
  if (metricsInstalled) return true;
  const files = fontFiles();
  const regular = files[0] ? loadFontMetrics(files[0]) : null;
  if (!regular) return false;
  const bold: FontMetrics = (files[1] && loadFontMetrics(files[1])) || regular;
  type Item = { fontSize?: number; fontWeight?: string | number; limit?: number };
  const tm = (vega as unknown as { textMetrics: { width: (item: Item, text: unknown) => number } }).textMetrics;
  tm.width = (item: Item, text: unknown): number => {
    const s = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    if (!s || size <= 0) return 0;
    const w = item.fontWeight === 'bold' || +(item.fontWeight ?? 400) >= 600 ? bold : regular;
    const width = textWidth(w, s, size);
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  metricsInstalled = true;
  return true;
}

/** vega-lite spec -> SVG string (vega, headless). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const vg = compile(spec).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG -> PNG at `scale` times the SVG's pixel size, white background. */
export function svgToPng(svg: string, scale = 2): { png: Buffer; fontWarning?: string } {
  const files = fontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: true,
      fontFiles: files,
      defaultFontFamily: FONT_FAMILY.split(',')[0].trim(),
      sansSerifFamily: FONT_FAMILY.split(',')[0].trim(),
    },
  });
  const png = resvg.render().asPng();
  const fontWarning =
    files.length === 0
      ? 'no font file found (looked for DejaVu Sans / Liberation Sans): PNG text may not render; install fonts-dejavu-core or set FGR_FONT_FILE'
      : undefined;
  return { png, fontWarning };
}

export async function render(spec: TopLevelSpec, scale = 2): Promise<Rendered> {
  const svg = await toSvg(spec);
  const { png, fontWarning } = svgToPng(svg, scale);
  return { svg, png, fontWarning };
}
