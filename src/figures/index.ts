/** Fig. 2 of the paper: panel definitions, vega-lite specs, headless SVG/PNG rendering. */
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { render } from './render.js';
import type { PanelOutcome } from './panels.js';

export * from './panels.js';
export { decaySpec } from './decay.js';
export { presSpec } from './pres.js';
export { classesSpec } from './classes.js';
export { render, toSvg, svgToPng, fontFiles } from './render.js';
export { theoryColumns } from './curves.js';

export interface PanelFiles {
  svg: string;
  png: string;
  json: string;
  fontWarning?: string;
}

/** Atomic write: a temporary file renamed into place, so an interrupted run never leaves half a file. */
function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Render a finished panel and write `fig<id>.svg`, `fig<id>.png` and `fig<id>.json` into `outDir`. */
export async function writePanel(outcome: PanelOutcome, outDir: string): Promise<PanelFiles> {
  if (!outcome.data || !outcome.spec) throw new Error(`panel ${outcome.id} has no data (interrupted run)`);
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `fig${outcome.id}`);
  const { svg, png, fontWarning } = await render(outcome.spec);
  const files: PanelFiles = { svg: `${base}.svg`, png: `${base}.png`, json: `${base}.json`, fontWarning };
  writeAtomic(files.json, JSON.stringify({ ...outcome.data, vega_lite_spec: outcome.spec }, null, 1) + '\n');
  writeAtomic(files.svg, svg);
  writeAtomic(files.png, png);
  return files;
}
