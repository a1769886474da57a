import { join } from 'node:path';
import type { PanelId, PanelRun } from '../figures/index.js';

/** Checkpoint file of one run of a figure panel, kept in the output directory until the panel is written. */
export function checkpointFor(outDir: string, id: PanelId, run: PanelRun): string {
  const tag = `${id}-${run.cfg.ensemble.name}`;
  return join(outDir, `.fgr-${tag}.partial.json`);
}
