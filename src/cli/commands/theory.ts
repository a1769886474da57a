/** `fgr theory`: the paper's closed forms on a time grid, as CSV to stdout or a file. */
import { renameSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { makeRunConfig } from '../../model/index.js';
import { theoryColumns } from '../../figures/curves.js';
import { addModelOptions, rawRunOptions, type ModelOpts } from '../options.js';
import { checkOutFile, rejectEmpty } from '../checks.js';
import { toCsv } from '../format.js';
import type { CommandContext } from '../context.js';

interface TheoryOpts extends ModelOpts {
  out?: string;
}

const DEFAULT_GAMMA = '46';

export function theoryCommand(ctx: () => CommandContext): Command {
  const cmd = new Command('theory')
    .summary('closed forms (Eqs. 3-6) on a time grid, as CSV')
    .description(
      'Evaluate the paper\'s closed forms on a tau grid and print CSV (or write it with --out). Columns:\n' +
        '  tau, t            tau = t/t_H, t in units of hbar/lambda\n' +
        '  fgr               golden-rule decay exp(-Gamma_FGR t) = exp(-4 gamma tau)\n' +
        '  eq5               Eq. 5, the exact crossover integral (GUE only)\n' +
        '  large_gamma       the gamma >> 1 form of Eq. 5 (GUE only)\n' +
        '  eq6               Eq. 6 with the form factor K_X (GUE, GOE, GSE; for GSE gamma is read as 2gN)\n' +
        '  P_res_eq4         Eq. 4, the t -> infinity limit (GUE only; constant column)',
    );
  addModelOptions(cmd, { gamma: DEFAULT_GAMMA, N: '999' });
  cmd.addOption(new Option('--out <file>', 'write the CSV to a file instead of stdout')).action((o: TheoryOpts) => {
    const c = ctx();
    rejectEmpty(o as unknown as Record<string, unknown>, ['ensemble', 'N', 'g', 'gamma', 'lambda', 'eps0', 'tau', 't']);
    const cfg = makeRunConfig({ ...rawRunOptions(o, DEFAULT_GAMMA), samples: 1, threads: 1 });
    const out = checkOutFile(o.out, '--out');
    const gamma = cfg.g * cfg.N;
    // The paper's closed forms hold for a level at the band centre and gamma >> 1 where stated: say so, on stderr.
    if (cfg.eps0 !== 0) c.err('fgr: note: the closed forms are for eps0 = 0 (the band centre); --eps0 does not enter them');
    if (gamma < 2 && cfg.ensemble.classLabel) {
      c.err(`fgr: note: large_gamma and eq6 are gamma >> 1 forms; at gamma = ${gamma} use eq5 (GUE) instead`);
    }
    const csv = toCsv([{ name: 'tau', values: cfg.tau }, { name: 't', values: cfg.t }, ...theoryColumns(cfg.ensemble, gamma, cfg.tau)]);
    if (out) {
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, csv);
      renameSync(tmp, out);
      c.err(`fgr: wrote ${o.out} (${cfg.tau.length} rows)`);
    } else {
      c.io.stdout.write(csv);
    }
  });
  return cmd;
}
