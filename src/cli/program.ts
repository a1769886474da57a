/**
 * The `fgr` program. `runCli(argv, io)` parses, runs and returns the exit code without calling process.exit, so tests
 * can run it in-process; src/cli/main.ts is the executable wrapper.
 *
 * Exit codes: 0 success, 1 unexpected failure, 2 bad input (one line `fgr: error: <message>` on stderr, before any
 * work), 130 interrupted (a checkpoint is kept; rerunning the same command resumes).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { InputError } from '../model/index.js';
import { simulateCommand } from './commands/simulate.js';
import { theoryCommand } from './commands/theory.js';
import { figureCommand } from './commands/figure.js';
import { CliExit, EXIT, type CliIo } from './io.js';
import type { CommandContext } from './context.js';

/** The package version, read from the nearest package.json named goldenrule above this file. */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'goldenrule' && pkg.version) return pkg.version;
    } catch {
      /* keep looking */
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

const PHYSICS_HELP = `
The model (Micklitz, Morningstar, Altland, Huse, PRL 129, 140402 (2022)):
  H_tot = [[eps0, W], [W^dagger, H]]: one level |0> coupled to a chaotic quantum dot H of N levels.
  H         Gaussian random matrix (GOE/GUE/GSE; Poisson: independent levels), E|H_kl|^2 = lambda^2/N,
            semicircle of radius 2 lambda, level density nu = N/(pi lambda) at the centre.
            GSE: N Kramers pairs (2N states); |0> is a Kramers pair; P is the return probability of one of its states.
  W         N Gaussian couplings with E|W_k|^2 = g lambda^2/N.
  gamma     = g N: how many dot levels the level mixes with. (GSE: the paper's gamma in Eq. 6 is 2gN; both printed.)
  Gamma_FGR = 2 pi E|W|^2 nu = 2 g lambda, the golden-rule rate (Eq. 3).
  t_H       = 2 pi nu = 2N/lambda, the Heisenberg time; tau = t/t_H, so exp(-Gamma_FGR t) = exp(-4 gamma tau).
  P(t)      = E|<0|exp(-i H_tot t)|0>|^2 (hbar = 1), averaged over H and W; P_res = P(t -> infinity) (Eq. 4).

Examples:
  fgr figure all                                   # the paper's Fig. 2 (N+1 = 1000, 10^4 samples) into figures/
  fgr simulate --gamma 0.46 --samples 2000 --out run.json --csv run.csv
  fgr simulate --ensemble GSE --N 500 --gamma 23 --tau 0:2.5:101 --out gse.json
  fgr theory --gamma 46 --tau 0.001:10:50:log

Exit codes: 0 ok, 1 failure, 2 bad input, 130 interrupted (rerun the same command to resume).
`;

function buildProgram(ctx: () => CommandContext, io: CliIo): Command {
  const program = new Command('fgr')
    .description("Decay of a level into a finite random-matrix bath: Monte Carlo and the closed forms of 'Emergence of Fermi's Golden Rule'")
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', PHYSICS_HELP)
    .showSuggestionAfterError(true)
    .configureHelp({ sortOptions: false, showGlobalOptions: false, helpWidth: 118 });
  program.addCommand(simulateCommand(ctx));
  program.addCommand(theoryCommand(ctx));
  program.addCommand(figureCommand(ctx));
  const output = {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`fgr: ${s.trim()}\n`),
    getErrHelpWidth: () => 118,
    getOutHelpWidth: () => 118,
  };
  for (const c of [program, ...program.commands]) {
    c.exitOverride();
    c.configureOutput(output);
    c.allowExcessArguments(false);
    if (c !== program) c.addHelpText('after', '\nSee `fgr --help` for the meaning of the parameters.');
  }
  return program;
}

/** Run the CLI with user arguments (no 'node', no script path); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const ac = new AbortController();
  const signals: AbortSignal[] = [ac.signal];
  if (io.signal) signals.push(io.signal);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : ac.signal;
  const context: CommandContext = {
    io,
    signal,
    out: (l) => void io.stdout.write(l + '\n'),
    err: (l) => void io.stderr.write(l + '\n'),
    exitCode: EXIT.ok,
  };
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) {
      io.stderr.write('\nfgr: interrupted again; quitting without a checkpoint\n');
      process.exit(EXIT.interrupted);
    }
    io.stderr.write(`\nfgr: ${sig}: stopping and writing a checkpoint of the finished samples (press Ctrl-C again to quit at once)\n`);
    ac.abort();
  };
  const handle = io.handleSignals !== false;
  if (handle) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    await buildProgram(() => context, io).parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every parse error has already been printed as one line.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof InputError) {
      io.stderr.write(`fgr: error: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof CliExit) return e.code;
    if (signal.aborted && (e as Error)?.name === 'AbortError') {
      io.stderr.write('fgr: interrupted\n');
      return EXIT.interrupted;
    }
    const err = e as Error;
    io.stderr.write(`fgr: failed: ${err?.message ?? String(e)}\n`);
    if (process.env.FGR_DEBUG && err?.stack) io.stderr.write(err.stack + '\n');
    return EXIT.failure;
  } finally {
    if (handle) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
