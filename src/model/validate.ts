import { InputError } from './errors.js';
import { GUE, betaEnsemble, parseEnsemble, POISSON, type Ensemble } from './ensemble.js';
import { parseGrid, validateGrid } from './grid.js';
import { conventions, type ModelParams } from './params.js';
import { MAX_SEED } from '../rng/philox.js';

export type Method = 'auto' | 'fast' | 'dense';
export type BackendChoice = 'auto' | 'cpu' | 'webgpu';

/** A fully validated simulation request. Times are kept in tau (units of t_H) and t. */
export interface RunConfig extends ModelParams {
  readonly samples: number;
  readonly seed: number;
  readonly tau: Float64Array;
  readonly t: Float64Array;
  readonly method: Method;
  readonly backend: BackendChoice;
  /** Worker threads for the CPU backend (>= 1). */
  readonly threads: number;
}

/** Raw options as they come from the CLI, the demo or a library caller. Strings are parsed. */
export interface RawRunOptions {
  ensemble?: string | Ensemble;
  N?: number | string;
  g?: number | string;
  gamma?: number | string;
  lambda?: number | string;
  eps0?: number | string;
  samples?: number | string;
  seed?: number | string;
  tau?: string | ArrayLike<number>;
  t?: string | ArrayLike<number>;
  method?: string;
  backend?: string;
  threads?: number | string;
}

/** Default tau grid: 200 log-spaced points over [1e-3, 10] (covers Fig. 2's panels). */
export const DEFAULT_TAU = '0.001:10:200:log';
/** Largest N accepted on the fast path (O(N) memory, O(N^2) time per sample). */
export const MAX_N_FAST = 2_000_000;

/**
 * Memory of this machine in bytes, without a top-level Node import (the module also runs in browsers):
 * Node's os.totalmem() through process.getBuiltinModule, else navigator.deviceMemory, else 4 GiB.
 */
export function systemMemoryBytes(): number {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => { totalmem(): number } | undefined }; navigator?: { deviceMemory?: number } };
  const os = g.process?.getBuiltinModule?.('node:os');
  if (os) return os.totalmem();
  const gib = g.navigator?.deviceMemory;
  return (typeof gib === 'number' && gib > 0 ? gib : 4) * 2 ** 30;
}

/** A decimal number as text: digits, optional fraction and exponent (no hex, binary or octal forms). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(v: unknown, name: string, def?: number): number {
  if (v === undefined || v === null) {
    if (def === undefined) throw new InputError(`${name} is required`);
    return def;
  }
  if (typeof v !== 'number' && typeof v !== 'string') throw new InputError(`${name} must be a number, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  if (typeof v === 'string' && v.trim() === '') throw new InputError(`${name}: empty value; give a number`);
  if (typeof v === 'string' && !DECIMAL.test(v.trim()) && !/^[+-]?(Infinity|NaN)$/.test(v.trim())) {
    throw new InputError(`${name} must be a decimal number, got '${v}'`);
  }
  const x = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(x)) throw new InputError(`${name} must be a finite number, got '${String(v)}'`);
  return x;
}

function int(v: unknown, name: string, lo: number, hi: number, def?: number): number {
  const x = num(v, name, def);
  if (!Number.isInteger(x) || x < lo || x > hi) {
    throw new InputError(`${name} must be an integer in [${lo}, ${hi}], got ${String(v)}`);
  }
  return x;
}

function grid(v: string | ArrayLike<number>, name: string): Float64Array {
  if (typeof v === 'string') return parseGrid(v, name);
  const g = Float64Array.from(Array.from(v as ArrayLike<number>, Number));
  validateGrid(g, name);
  return g;
}

/** Real dimension of the dense matrix handed to the eigen-solver (complex and quaternion are embedded). */
export function denseRealDim(ensemble: Ensemble, N: number): number {
  const n = N + 1;
  return ensemble.couplingBeta === 1 ? n : ensemble.couplingBeta === 2 ? 2 * n : 4 * n;
}

/** Bytes of memory the dense path needs for one sample (matrix, eigenvectors and work copies). */
export function denseBytes(ensemble: Ensemble, N: number): number {
  const d = denseRealDim(ensemble, N);
  return 4 * d * d * 8;
}

/** Validate and normalise a request; throws InputError naming the parameter and the allowed range. */
export function makeRunConfig(o: RawRunOptions, memoryBytes: number = systemMemoryBytes()): RunConfig {
  if (o === null || typeof o !== 'object') throw new InputError('run options must be an object');
  let ensemble: Ensemble;
  try {
    ensemble = ensembleOf(o.ensemble);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const N = int(o.N, '--N (dot levels)', 1, MAX_N_FAST, 999);
  const hasG = o.g !== undefined && o.g !== null;
  const hasGamma = o.gamma !== undefined && o.gamma !== null;
  if (hasG && hasGamma) throw new InputError('give exactly one of --g and --gamma (gamma = g N), not both');
  let g: number;
  if (hasGamma) {
    const gamma = num(o.gamma, '--gamma');
    if (gamma < 0) throw new InputError(`--gamma must be >= 0, got ${gamma}`);
    if (gamma > 1e6 * N) throw new InputError(`--gamma must be <= 1e6 N = ${1e6 * N}, got ${gamma}`);
    g = gamma / N;
  } else {
    g = num(o.g, '--g', hasG ? undefined : 46 / 999);
    if (g < 0) throw new InputError(`--g must be >= 0, got ${g}`);
  }
  if (g > 1e6) throw new InputError(`--g must be <= 1e6, got ${g}`);
  const lambda = num(o.lambda, '--lambda', 1);
  if (!(lambda >= 1e-100) || lambda > 1e100) throw new InputError(`--lambda must be in [1e-100, 1e100], got ${lambda}`);
  const eps0 = num(o.eps0, '--eps0', 0);
  if (Math.abs(eps0) > 1e6 * lambda) throw new InputError(`--eps0 must satisfy |eps0| <= 1e6 lambda, got ${eps0}`);
  const samples = int(o.samples, '--samples', 1, 1e9, 1000);
  const seed = int(o.seed, '--seed', 0, MAX_SEED, 1);
  const method = (o.method ?? 'auto') as Method;
  if (!['auto', 'fast', 'dense'].includes(method)) throw new InputError(`--method must be auto, fast or dense, got '${o.method}'`);
  const backend = (o.backend ?? 'auto') as BackendChoice;
  if (!['auto', 'cpu', 'webgpu'].includes(backend)) throw new InputError(`--backend must be auto, cpu or webgpu, got '${o.backend}'`);
  const threads = int(o.threads, '--threads', 1, 256, 1);

  const tH = conventions({ ensemble, N, g, lambda, eps0 }).tH;
  let tau: Float64Array;
  let t: Float64Array;
  const hasTau = o.tau !== undefined && o.tau !== null;
  const hasT = o.t !== undefined && o.t !== null;
  if (hasTau && hasT) throw new InputError('give at most one of --tau and --t');
  if (hasT) {
    t = grid(o.t as string | ArrayLike<number>, '--t');
    tau = t.map((x) => x / tH);
  } else {
    tau = grid(hasTau ? (o.tau as string | ArrayLike<number>) : DEFAULT_TAU, '--tau');
    t = tau.map((x) => x * tH);
  }
  if (tau.length > 100_000) throw new InputError(`time grid has ${tau.length} points; at most 100000 are allowed`);
  // Phases e_a t must stay where double precision resolves them: |e| <= 2 lambda sqrt(1 + g) + |eps0| (+ margin).
  const eMax = 2.5 * lambda * Math.sqrt(1 + g) + Math.abs(eps0);
  const tMax = t[t.length - 1];
  if (!Number.isFinite(tMax) || tMax * eMax > 1e9) {
    throw new InputError(
      `${hasT ? '--t' : '--tau'}: times up to ${hasT ? tMax : tau[tau.length - 1]} make the phases e t exceed 1e9 rad, beyond ` +
        `double-precision accuracy; the largest allowed is ${hasT ? 't' : 'tau'} = ${(hasT ? 1e9 / eMax : 1e9 / eMax / tH).toPrecision(3)}`,
    );
  }
  if (method === 'dense' && !(ensemble.beta === 0 || ensemble.beta === 1 || ensemble.beta === 2 || ensemble.beta === 4)) {
    throw new InputError(`--method dense supports GOE, GUE, GSE and poisson, not beta=${ensemble.beta}; use --method fast`);
  }

  if (method === 'dense') {
    const need = denseBytes(ensemble, N) * threads;
    if (need > 0.6 * memoryBytes) {
      throw new InputError(
        `--N ${N} with --method dense needs about ${(need / 2 ** 30).toFixed(1)} GiB (${threads} thread(s)), more than this ` +
          `machine's memory allows (${((0.6 * memoryBytes) / 2 ** 30).toFixed(1)} GiB); use --method fast or a smaller N`,
      );
    }
  } else {
    const need = threads * (24 * (N + 1) * 8 + 4 * tau.length * 8);
    if (need > 0.6 * memoryBytes) {
      throw new InputError(
        `--N ${N} with ${threads} thread(s) needs about ${(need / 2 ** 30).toFixed(1)} GiB on the fast path, more than this ` +
          `machine's memory allows (${((0.6 * memoryBytes) / 2 ** 30).toFixed(1)} GiB); use fewer --threads or a smaller N`,
      );
    }
  }
  return { ensemble, N, g, lambda, eps0, samples, seed, tau, t, method, backend, threads };
}

/** The ensemble of a raw option: a name (`GUE`, `beta=0.5`, ...) or an Ensemble object, normalised and checked. */
function ensembleOf(e: unknown): Ensemble {
  if (e === undefined) return GUE;
  if (typeof e === 'string') return parseEnsemble(e);
  if (e !== null && typeof e === 'object' && typeof (e as Ensemble).name === 'string') {
    const x = e as Ensemble;
    if (x.name === 'poisson') return POISSON;
    if (x.name === 'beta') return betaEnsemble(Number(x.beta));
    return parseEnsemble(x.name);
  }
  throw new RangeError(`--ensemble must be one of GUE, GOE, GSE, poisson, beta=<b> (b > 0), got ${JSON.stringify(e)}`);
}

/**
 * Check a RunConfig that did not come straight from makeRunConfig (a library caller may build or edit one): the
 * same checks and messages, by running it through makeRunConfig. Throws InputError.
 */
export function assertRunConfig(cfg: RunConfig): void {
  if (cfg === null || typeof cfg !== 'object') throw new InputError('simulate: the run configuration must be an object from makeRunConfig');
  if (!(cfg.tau instanceof Float64Array) || !(cfg.t instanceof Float64Array) || cfg.t.length !== cfg.tau.length) {
    throw new InputError('simulate: the run configuration has no consistent tau/t grids; build it with makeRunConfig');
  }
  makeRunConfig({
    ensemble: cfg.ensemble, N: cfg.N, g: cfg.g, lambda: cfg.lambda, eps0: cfg.eps0, samples: cfg.samples, seed: cfg.seed,
    tau: cfg.tau, method: cfg.method, backend: cfg.backend, threads: cfg.threads,
  });
}
