/** The options every simulating command shares, and their translation to the model's RawRunOptions. */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { DEFAULT_TAU, type RawRunOptions } from '../model/index.js';

/** Default worker threads: all available cores (at most 256). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(256, availableParallelism()));
}

export interface ModelOpts {
  ensemble?: string;
  N?: string;
  g?: string;
  gamma?: string;
  lambda?: string;
  eps0?: string;
  tau?: string;
  t?: string;
}

export interface SimOpts extends ModelOpts {
  samples?: string;
  seed?: string;
  method?: string;
  backend?: string;
  threads?: string;
  progress?: boolean;
  quiet?: boolean;
}

/** Options that define the model and the time grid (also used by `fgr theory`). */
export function addModelOptions(cmd: Command, d: { gamma: string; N: string }): Command {
  return cmd
    .addOption(new Option('--ensemble <name>', 'dot symmetry class: GUE (no time reversal), GOE (time reversal), GSE (time reversal with spin-orbit; N Kramers pairs), poisson (uncorrelated levels), beta=<b> (beta-Hermite, b > 0)').default('GUE', 'GUE'))
    .addOption(new Option('--N <n>', 'dot levels (Kramers pairs for GSE); the total Hilbert space has N+1 states; integer >= 1').default(d.N, d.N))
    .addOption(new Option('--g <g>', 'level-dot coupling: E|W_k|^2 = g lambda^2/N; g >= 0 (give --g or --gamma, not both)'))
    .addOption(new Option('--gamma <gamma>', `gamma = g N, the number of dot levels the level mixes with; >= 0 (default: ${d.gamma})`))
    .addOption(new Option('--lambda <lambda>', 'energy scale of the dot: semicircle radius 2 lambda, level density nu = N/(pi lambda) at the centre; > 0').default('1', '1'))
    .addOption(new Option('--eps0 <e>', 'energy of the level |0> (0 = band centre)').default('0', '0'))
    .addOption(new Option('--tau <grid>', `times tau = t/t_H, t_H = 2 pi nu = 2N/lambda (Heisenberg time): 'a,b,c' (increasing, >= 0) or 'start:stop:count[:log]' (default: ${DEFAULT_TAU})`))
    .addOption(new Option('--t <grid>', "times t in units of hbar/lambda, same syntax as --tau (give one of --tau, --t)"));
}

/** Options of every simulating command. */
export function addSimOptions(cmd: Command, d: { gamma: string; N: string; samples: string }): Command {
  return addModelOptions(cmd, d)
    .addOption(new Option('--samples <K>', 'independent realisations of (H, W) averaged; integer >= 1').default(d.samples, d.samples))
    .addOption(new Option('--seed <s>', 'RNG seed (Philox4x32, keyed by seed and sample index: results do not depend on threads or backend)').default('1', '1'))
    .addOption(new Option('--method <m>', 'auto | fast (exact O(N^2) tridiagonal/secular reduction) | dense (diagonalise Eq. 1 as written, O(N^3))').default('auto', 'auto'))
    .addOption(new Option('--backend <b>', 'auto | cpu | webgpu (auto: a WebGPU adapter when one is found, else the CPU)').default('auto', 'auto'))
    .addOption(new Option('--threads <n>', 'CPU worker threads').default(String(defaultThreads()), `${defaultThreads()} = available cores`))
    .addOption(new Option('--progress', 'show the progress bar even when stderr is not a terminal'))
    .addOption(new Option('--quiet', 'no progress output'));
}

/** Commander options -> RawRunOptions (strings; makeRunConfig parses and validates them). */
export function rawRunOptions(o: SimOpts & ModelOpts, defGamma: string): RawRunOptions {
  const hasG = o.g !== undefined;
  const hasGamma = o.gamma !== undefined;
  return {
    ensemble: o.ensemble,
    N: o.N,
    g: o.g,
    gamma: hasG || hasGamma ? o.gamma : defGamma,
    lambda: o.lambda,
    eps0: o.eps0,
    samples: o.samples,
    seed: o.seed,
    tau: o.tau,
    t: o.t,
    method: o.method,
    backend: o.backend,
    threads: o.threads,
  };
}
