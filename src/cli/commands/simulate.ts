/** `fgr simulate`: one ensemble, written as the SimulationResult JSON (and optionally CSV). */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { InputError, makeRunConfig, type RunConfig } from '../../model/index.js';
import type { SimulationResult } from '../../result.js';
import { simulate } from '../../simulate.js';
import { eq4, theoryColumns } from '../../figures/curves.js';
import { fmt } from '../../figures/theme.js';
import { offsetsAndPlateaus } from '../../theory/index.js';
import { addSimOptions, rawRunOptions, type SimOpts } from '../options.js';
import { checkOutFile, rejectEmpty } from '../checks.js';
import { Progress, progressMode } from '../progress.js';
import { fmtDuration, fmtRate, toCsv } from '../format.js';
import { EXIT } from '../io.js';
import type { CommandContext } from '../context.js';

interface SimulateOpts extends SimOpts {
  out: string;
  csv?: string;
}

const DEFAULT_GAMMA = '46';

export function checkpointPath(out: string): string {
  return out.replace(/\.json$/i, '') + '.partial.json';
}

function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** CSV of a result: tau, t, P, P_se and the theory columns that apply to its ensemble. */
export function resultCsv(cfg: RunConfig, r: SimulationResult): string {
  const cols = [
    { name: 'tau', values: r.tau },
    { name: 't', values: r.t },
    { name: 'P', values: r.P },
    { name: 'P_se', values: r.P_se },
    ...theoryColumns(cfg.ensemble, r.conventions.gamma, r.tau),
  ];
  return toCsv(cols);
}

/** The few lines printed after a run. */
export function summaryLines(cfg: RunConfig, r: SimulationResult): string[] {
  const c = r.conventions;
  const lines = [
    `fgr simulate: ${r.params.ensemble} N=${r.params.N} (N+1 = ${r.params.N + 1} states), gamma = gN = ${fmt(c.gamma)}` +
      (cfg.ensemble.name === 'GSE' ? ` (paper's gamma for GSE: 2gN = ${fmt(c.gamma_paper)})` : '') +
      `, ${r.samples_done} samples, seed ${r.params.seed}`,
    `backend: ${r.params.backend}; method: ${r.params.method}`,
  ];
  let res = `P_res = ${fmt(r.P_res)} ${Number.isFinite(r.P_res_se) ? `± ${fmt(r.P_res_se, 2)}` : '(no standard error from 1 sample)'}`;
  if (cfg.ensemble.name === 'GUE') {
    const e = eq4(c.gamma);
    const zz = r.P_res_se > 0 ? ((r.P_res - e) / r.P_res_se).toFixed(1) : 'n/a';
    res += ` vs Eq. 4: ${fmt(e)} (z = ${zz}; Eq. 4 holds for N >> gamma, finite-N corrections ~ gamma/N = ${fmt(c.gamma / r.params.N, 2)})`;
  } else if (cfg.ensemble.classLabel) {
    const op = offsetsAndPlateaus(cfg.ensemble.classLabel, c.gamma);
    res += ` vs Eq. 6 plateau ${op.plateau}/(2 gamma) = ${fmt(op.pPl as number)} (gamma >> 1 limit, gamma = ${fmt(op.gammaPaper as number)})`;
  }
  lines.push(res);
  const rate = r.elapsed_s > 0 ? r.samples_done / r.elapsed_s : NaN;
  lines.push(`elapsed ${fmtDuration(r.elapsed_s)}, ${fmtRate(rate)} samples/s`);
  for (const n of r.notes ?? []) lines.push(`note: ${n}`);
  return lines;
}

export function simulateCommand(ctx: () => CommandContext): Command {
  const cmd = new Command('simulate')
    .summary('simulate one ensemble and write P(t), P_res to JSON (and CSV)')
    .description(
      'Simulate P(t) = E|<0|exp(-i H_tot t)|0>|^2 for one ensemble and write the result (schema: README.md, "Result file").\n' +
        'Interrupt with Ctrl-C: a checkpoint <out>.partial.json is kept and rerunning the same command resumes it.',
    );
  addSimOptions(cmd, { gamma: DEFAULT_GAMMA, N: '999', samples: '1000' });
  cmd
    .addOption(new Option('--out <file>', 'result JSON file').makeOptionMandatory())
    .addOption(new Option('--csv <file>', 'also write tau,t,P,P_se and the applicable theory columns as CSV'))
    .action(async (o: SimulateOpts) => {
      const c = ctx();
      rejectEmpty(o as unknown as Record<string, unknown>, ['ensemble', 'N', 'g', 'gamma', 'lambda', 'eps0', 'tau', 't', 'samples', 'seed', 'method', 'backend', 'threads']);
      const cfg = makeRunConfig(rawRunOptions(o, DEFAULT_GAMMA));
      const out = checkOutFile(o.out, '--out') as string;
      const csv = checkOutFile(o.csv, '--csv');
      if (csv !== undefined && csv === out) throw new InputError('--csv: must differ from --out');
      if (csv !== undefined && csv === checkpointPath(out)) throw new InputError(`--csv: '${o.csv}' is the checkpoint file of --out; choose another name`);

      const progress = new Progress(c.io, progressMode(c.io, o), c.io.progressIntervalMs);
      const ckpt = checkpointPath(out);
      const resuming = existsSync(ckpt);
      if (resuming) c.err(`fgr: resuming from checkpoint ${ckpt}`);
      progress.start(`${cfg.ensemble.name} N=${cfg.N} gamma=${fmt(cfg.g * cfg.N)}`, cfg.samples);
      let r: SimulationResult;
      try {
        r = await simulate(cfg, { onProgress: (d, t) => progress.update(d, t), signal: c.signal, checkpoint: ckpt });
      } finally {
        progress.stop();
      }
      if (r.samples_done + r.not_converged < cfg.samples) {
        c.err(`fgr: interrupted after ${r.samples_done + r.not_converged} samples; rerun the same command to resume`);
        c.exitCode = EXIT.interrupted;
        return;
      }
      writeAtomic(out, JSON.stringify(r, null, 1) + '\n');
      if (csv) writeAtomic(csv, resultCsv(cfg, r));
      rmSync(ckpt, { force: true });
      for (const l of summaryLines(cfg, r)) c.out(l);
      c.out(`wrote ${o.out}${o.csv ? ` and ${o.csv}` : ''}`);
    });
  return cmd;
}
