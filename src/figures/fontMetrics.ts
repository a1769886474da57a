/**
 * Text widths from a TrueType font's advance widths (cmap + hmtx), so that vega lays out titles and legends for the
 * font resvg will draw with. Without a canvas vega estimates 0.8 em per character, which makes legends and the SVG
 * much wider than the text. Kerning is ignored (a fraction of a percent).
 */
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width of a code point in font units. */
  advance(cp: number): number;
}

export function parseTtf(buf: Buffer): FontMetrics {
  const u16 = (o: number): number => buf.readUInt16BE(o);
  const u32 = (o: number): number => buf.readUInt32BE(o);
  const numTables = u16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), u32(rec + 8));
  }
  const need = (t: string): number => {
    const o = tables.get(t);
    if (o === undefined) throw new Error(`font has no '${t}' table`);
    return o;
  };
  const unitsPerEm = u16(need('head') + 18);
  const nH = u16(need('hhea') + 34);
  const hmtx = need('hmtx');
  const adv = (g: number): number => u16(hmtx + 4 * Math.min(g, nH - 1));

  const cmap = need('cmap');
  const n = u16(cmap + 2);
  let f4 = -1, f12 = -1;
  for (let i = 0; i < n; i++) {
    const p = u16(cmap + 4 + 8 * i), e = u16(cmap + 6 + 8 * i), off = cmap + u32(cmap + 8 + 8 * i);
    const fmt = u16(off);
    if (fmt === 12 && (p === 3 || p === 0)) f12 = off;
    if (fmt === 4 && ((p === 3 && e === 1) || p === 0) && f4 < 0) f4 = off;
  }
  let glyph: (cp: number) => number;
  if (f12 >= 0) {
    const groups = u32(f12 + 12);
    glyph = (cp) => {
      let lo = 0, hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1, g = f12 + 16 + 12 * mid;
        if (cp < u32(g)) hi = mid - 1;
        else if (cp > u32(g + 4)) lo = mid + 1;
        else return u32(g + 8) + (cp - u32(g));
      }
      return 0;
    };
  } else if (f4 >= 0) {
    const seg = u16(f4 + 6) / 2;
    const ends = f4 + 14, starts = ends + 2 * seg + 2, deltas = starts + 2 * seg, ranges = deltas + 2 * seg;
    glyph = (cp) => {
      if (cp > 0xffff) return 0;
      for (let i = 0; i < seg; i++) {
        if (u16(ends + 2 * i) < cp) continue;
        const start = u16(starts + 2 * i);
        if (start > cp) return 0;
        const delta = buf.readInt16BE(deltas + 2 * i), ro = u16(ranges + 2 * i);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = u16(ranges + 2 * i + ro + 2 * (cp - start));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
  } else {
    throw new Error('font has no usable cmap');
  }
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(cp: number): number {
      let a = cache.get(cp);
      if (a === undefined) {
        a = adv(glyph(cp));
        cache.set(cp, a);
      }
      return a;
    },
  };
}

export function loadFontMetrics(path: string): FontMetrics | null {
  try {
    return parseTtf(readFileSync(path));
  } catch {
    return null;
  }
}

/** Width in pixels of `text` at `fontSize` px. */
export function textWidth(m: FontMetrics, text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += m.advance(ch.codePointAt(0) as number);
  return (w * fontSize) / m.unitsPerEm;
}
