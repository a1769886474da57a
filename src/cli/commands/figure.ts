/** `fgr figure 2a|2b|2c|2d|2e|all`: the paper's Fig. 2 panels as SVG + PNG + JSON data, with a data-vs-theory line each. */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Argument, Command, Option } from 'commander';
import { PANEL_IDS, panelRuns, runPanel, writePanel, type PanelId, type PanelRun } from '../../figures/index.js';
import { checkpointFor } from '../figureCheckpoint.js';
import { defaultThreads } from '../options.js';
import { ensureOutDir, rejectEmpty } from '../checks.js';
import { Progress, progressMode } from '../progress.js';
import { fmtDuration } from '../format.js';
import { EXIT } from '../io.js';
import type { CommandContext } from '../context.js';

interface FigureCliOpts {
  samples: string;
  N: string;
  outDir: string;
  seed: string;
  backend: string;
  method: string;
  threads: string;
  progress?: boolean;
  quiet?: boolean;
}

export function figureCommand(ctx: () => CommandContext): Command {
  const cmd = new Command('figure')
    .summary("the paper's Fig. 2 panels (SVG, PNG, JSON data) with theory overlays")
    .description(
      "Reproduce Fig. 2 of Micklitz et al., PRL 129, 140402 (2022). Defaults are the paper's: N + 1 = 1000, 10^4 samples.\n" +
        '  2a, 2b, 2c  GUE, gamma = 46, 0.46, 0.022: P(tau) on a log time axis, numerics (band: mean ± 2 s.e.), Eq. 5, FGR\n' +
        '  2d          GUE, P_res against gamma (13 values in 1e-2..1e2), Eq. 4 and the FGR line 1/gamma\n' +
        "  2e          GOE, GUE, GSE at the paper's gamma = 46 (GSE: gN = 23, so that 2gN = 46), Eq. 6\n" +
        '  all         all five, then one data-vs-theory line per panel\n' +
        'Each panel writes fig<panel>.svg, fig<panel>.png and fig<panel>.json (results + theory arrays) into --out-dir.\n' +
        'Ctrl-C keeps a checkpoint per run in --out-dir; rerunning the same command resumes it.',
    )
    .addArgument(new Argument('<panel>', 'panel').choices([...PANEL_IDS, 'all']))
    .addOption(new Option('--samples <K>', 'realisations per ensemble (per gamma for 2d); integer >= 1').default('10000', '10000 = 10^4'))
    .addOption(new Option('--N <n>', 'dot levels (N + 1 = 1000 in the paper)').default('999', '999'))
    .addOption(new Option('--out-dir <dir>', 'output directory (created if missing)').default('figures', 'figures'))
    .addOption(new Option('--seed <s>', 'RNG seed (the same for every panel)').default('1', '1'))
    .addOption(new Option('--backend <b>', 'auto | cpu | webgpu').default('auto', 'auto'))
    .addOption(new Option('--method <m>', 'auto | fast | dense').default('auto', 'auto'))
    .addOption(new Option('--threads <n>', 'CPU worker threads').default(String(defaultThreads()), `${defaultThreads()} = available cores`))
    .addOption(new Option('--progress', 'show the progress bar even when stderr is not a terminal'))
    .addOption(new Option('--quiet', 'no progress output'))
    .action(async (panel: string, o: FigureCliOpts) => {
      const c = ctx();
      rejectEmpty(o as unknown as Record<string, unknown>, ['samples', 'N', 'seed', 'backend', 'method', 'threads']);
      const ids: PanelId[] = panel === 'all' ? [...PANEL_IDS] : [panel as PanelId];
      // Validate every panel's runs before any work.
      const plans = ids.map((id) => ({ id, runs: panelRuns(id, o) }));
      const outDir = ensureOutDir(o.outDir, '--out-dir');

      const progress = new Progress(c.io, progressMode(c.io, o), c.io.progressIntervalMs);
      const nRuns = plans.reduce((a, p) => a + p.runs.length, 0);
      const r0 = plans[0].runs[0].cfg;
      c.err(
        `fgr figure ${panel}: ${ids.length} panel(s), ${nRuns} run(s), N + 1 = ${r0.N + 1}, ${r0.samples} samples each, ` +
          `backend ${r0.backend}, ${r0.threads} thread(s) -> ${o.outDir}`,
      );
      const t0 = Date.now();
      const summaries: string[] = [];
      for (const { id, runs } of plans) {
        const ckpt = (run: PanelRun): string => checkpointFor(outDir, id, run);
        let outcome;
        try {
          outcome = await runPanel(id, runs, {
            onRunStart: (run) => progress.start(run.label, run.cfg.samples),
            onProgress: (d, t) => progress.update(d, t),
            onRunEnd: () => progress.stop(),
            signal: c.signal,
            checkpoint: ckpt,
          });
        } finally {
          progress.stop();
        }
        if (outcome.interrupted) {
          c.err(`fgr: interrupted after ${outcome.samplesDone} samples (panel ${id}); rerun the same command to resume`);
          c.exitCode = EXIT.interrupted;
          break;
        }
        const files = await writePanel(outcome, outDir);
        if (files.fontWarning) c.err(`fgr: warning: ${files.fontWarning}`);
        c.err(`fgr: wrote ${join(o.outDir, `fig${id}`)}.{svg,png,json}`);
        summaries.push(outcome.data!.summary);
      }
      // Every run's checkpoint is kept until the whole command has finished, so that rerunning an interrupted
      // `figure all` reloads the runs already done instead of recomputing them.
      if (c.exitCode !== EXIT.interrupted) {
        for (const { id, runs } of plans) for (const run of runs) rmSync(checkpointFor(outDir, id, run), { force: true });
      }
      if (summaries.length) {
        c.out(`data vs theory (${fmtDuration((Date.now() - t0) / 1000)} this session):`);
        for (const s of summaries) c.out(s);
      }
    });
  return cmd;
}
