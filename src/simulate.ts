import { availableParallelism } from 'node:os';
import { assertRunConfig, type RunConfig } from './model/validate.js';
import { InputError } from './model/errors.js';
import { Moments } from './observables/moments.js';
import { CHUNK, emptyResult, jobOf, type JobSpec } from './engine/job.js';
import { assembleResult } from './engine/result.js';
import { ChunkLedger, jobKey } from './engine/checkpoint.js';
import { runChunksOnCpu, type ChunkTask } from './backends/cpu/pool.js';
import type { PresSweepResult, SimulationResult } from './result.js';
import type { GpuContext } from './backends/webgpu/device.js';
import type { EnsembleStats } from './observables/moments.js';
import { VERSION } from './version.js';

export { VERSION };

export interface SimulateOptions {
  /** Called after each finished chunk with samples done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Abort: stop after in-flight chunks, save the checkpoint, resolve with samples_done < samples. */
  signal?: AbortSignal;
  /** Checkpoint file: resumed from if it exists and matches, written every few seconds and on abort, removed at the end. */
  checkpoint?: string;
  /**
   * Keep the checkpoint when the run completes (it then holds every chunk, so rerunning returns at once). For jobs made
   * of several runs, like `fgr figure all`, which delete the checkpoints only when the whole job is done.
   */
  keepCheckpoint?: boolean;
  /** Seconds between checkpoint writes (default 5). */
  checkpointEvery?: number;
  /** Upper bound on samples per GPU batch (default: what the device's limits allow). */
  gpuMaxBatch?: number;
  /** Dense GPU Jacobi settings (tolerance relative to ||H||_F, sweep budget); defaults in src/backends/webgpu. */
  gpuJacobi?: { tol?: number; maxSweeps?: number };
}

function threadsOf(cfg: RunConfig): number {
  return Math.max(1, Math.min(cfg.threads, availableParallelism() * 4));
}

/** Where a job runs: the CPU pool, or a WebGPU device (with the config the GPU scheduler needs). */
type Placement = { kind: 'cpu' } | { kind: 'webgpu'; gpu: GpuContext; cfg: RunConfig };

/** Run all chunks of a job with ordered merging and checkpointing; returns the merged moments and samples done. */
async function runJob(job: JobSpec, samples: number, threads: number, opts: SimulateOptions, place: Placement = { kind: 'cpu' }): Promise<{ moments: Moments[]; done: number; excluded: number; notes: string[] }> {
  const nChunks = Math.ceil(samples / CHUNK);
  const ledger = new ChunkLedger(jobKey(job, samples), nChunks, () => emptyResult(job));
  const notes: string[] = [];
  if (opts.checkpoint && ledger.load(opts.checkpoint)) notes.push(`resumed from checkpoint ${opts.checkpoint} with ${ledger.samplesDone()} samples`);
  const tasks: ChunkTask[] = [];
  for (let c = 0; c < nChunks; c++) {
    if (!ledger.isDone(c)) tasks.push({ index: c, start: c * CHUNK, count: Math.min(CHUNK, samples - c * CHUNK) });
  }
  let lastSave = Date.now();
  const every = (opts.checkpointEvery ?? 5) * 1000;
  opts.onProgress?.(ledger.processed(), samples);
  const onDone = (index: number, m: Moments[], excluded = 0) => {
    ledger.add(index, m, excluded);
    opts.onProgress?.(ledger.processed(), samples);
    if (opts.checkpoint && Date.now() - lastSave > every) {
      ledger.save(opts.checkpoint);
      lastSave = Date.now();
    }
  };
  let cpuTasks = tasks;
  if (place.kind === 'webgpu') {
    const lost = await runChunksOnGpu(place, job, tasks, samples, onDone, opts.signal, opts.gpuMaxBatch, opts.gpuJacobi);
    if (lost) notes.push(lost);
    cpuTasks = lost && !opts.signal?.aborted ? tasks.filter((t) => !ledger.isDone(t.index)) : [];
  }
  await runChunksOnCpu(job, cpuTasks, threads, onDone, opts.signal);
  const done = ledger.samplesDone();
  const excluded = ledger.excluded;
  if (excluded > 0) notes.push(`${excluded} sample(s) did not converge (dense GPU Jacobi) and are excluded from the averages`);
  if (done + excluded < samples) {
    if (opts.checkpoint) ledger.save(opts.checkpoint);
    // Interrupted: report what is complete (prefix and any out-of-order chunks).
    const all = emptyResult(job);
    for (let i = 0; i < all.length; i++) all[i].merge(ledger.prefix[i]);
    for (const ms of ledger.pending.values()) for (let i = 0; i < all.length; i++) all[i].merge(ms[i]);
    return { moments: all, done, excluded, notes };
  }
  if (opts.checkpoint) {
    if (opts.keepCheckpoint) ledger.save(opts.checkpoint);
    else ChunkLedger.remove(opts.checkpoint);
  }
  return { moments: ledger.prefix, done, excluded, notes };
}

function cpuLabel(threads: number): string {
  return `cpu (${threads} thread${threads === 1 ? '' : 's'})`;
}

/** Moments of a GPU batch in the engine's channel layout [P, P_res]. */
function statsToMoments(st: EnsembleStats): Moments[] {
  return [st.P, st.Pres];
}

/**
 * Run chunk tasks on the GPU in chunk-aligned batches (so the ledger, checkpoints and resume work unchanged).
 * Returns a note if the device was lost; the caller finishes the remaining chunks on the CPU.
 */
async function runChunksOnGpu(place: Extract<Placement, { kind: 'webgpu' }>, job: JobSpec, tasks: ChunkTask[], samples: number, onDone: (i: number, m: Moments[], excluded?: number) => void, signal?: AbortSignal, maxBatch?: number, jacobi?: SimulateOptions['gpuJacobi']): Promise<string | null> {
  const wg = await import('./backends/webgpu/index.js');
  const T = job.t.length;
  const dense = job.method === 'dense';
  // Batches reported to the ledger: chunk-aligned. The dense scheduler keeps its reports aligned to maxBatch even
  // when it submits fewer matrices at a time, so the fast path's capacity bounds the report size for both.
  const cap = wg.batchCapacity(place.gpu.device.limits, job.N, T, place.gpu.info.software, maxBatch);
  const aligned = cap >= CHUNK ? Math.floor(cap / CHUNK) * CHUNK : 0;
  // Consecutive runs of pending chunks become one GPU range each.
  const groups: { first: number; last: number }[] = [];
  for (const t of tasks) {
    const g = groups[groups.length - 1];
    if (g && g.last === t.index - 1) g.last = t.index;
    else groups.push({ first: t.index, last: t.index });
  }
  const empty = () => emptyResult(job);
  let rangeEnd = 0;
  // A report covers [start, start + aligned) clipped to the range; samples missing from its stats did not converge.
  const record = (start: number, st: EnsembleStats) => {
    const first = start / CHUNK;
    const count = Math.min(aligned, rangeEnd - start);
    onDone(first, statsToMoments(st), count - st.count);
    for (let c = first + 1; c * CHUNK < start + count; c++) onDone(c, empty());
  };
  const run = async (range: { start: number; end: number }, o: { maxBatch?: number; onBatch?: typeof record }) => {
    const common = { gpu: place.gpu, signal, ...o };
    if (!dense) return { stats: await wg.runWebGpuEnsemble(place.cfg, range, common), notConverged: 0 };
    return wg.runWebGpuDenseEnsemble(place.cfg, range, { ...common, jacobi });
  };
  try {
    for (const g of groups) {
      if (signal?.aborted) break;
      const range = { start: g.first * CHUNK, end: Math.min((g.last + 1) * CHUNK, samples) };
      rangeEnd = range.end;
      if (aligned > 0) {
        await run(range, { maxBatch: aligned, onBatch: record });
      } else {
        // Very large N: fewer samples than a chunk fit in one batch; run chunk by chunk.
        for (let c = g.first; c <= g.last && !signal?.aborted; c++) {
          const r = { start: c * CHUNK, end: Math.min((c + 1) * CHUNK, samples) };
          const res = await run(r, {});
          if (signal?.aborted && res.stats.count + res.notConverged < r.end - r.start) break;
          onDone(c, statsToMoments(res.stats), res.notConverged);
        }
      }
    }
  } catch (e) {
    if (e instanceof wg.GpuDeviceLostError) return `GPU device lost (${e.message}); finished the remaining samples on the CPU`;
    throw e;
  }
  return null;
}

/**
 * Decide where a job runs. 'cpu': the worker pool. 'webgpu': the GPU, or an InputError when no adapter exists; paths
 * the GPU does not implement run on the CPU with a note. 'auto': a hardware adapter if one exists (never a software
 * one such as SwiftShader, which is slower than the CPU pool), else the CPU.
 */
async function place(cfg: RunConfig, kind: 'pt' | 'sweep', notes: string[]): Promise<Placement> {
  if (cfg.backend === 'cpu') return { kind: 'cpu' };
  if (kind === 'sweep') {
    if (cfg.backend === 'webgpu') notes.push('the gamma sweep (P_res only) runs on the CPU');
    return { kind: 'cpu' };
  }
  const wg = await import('./backends/webgpu/index.js');
  const support = wg.webGpuSupport(cfg);
  if (!support.ok) {
    if (cfg.backend === 'webgpu') notes.push(`${support.reason}; ran on the CPU`);
    return { kind: 'cpu' };
  }
  try {
    const gpu = await wg.acquireGpu({ requireHardware: cfg.backend === 'auto' });
    return { kind: 'webgpu', gpu, cfg };
  } catch (e) {
    const reason = e instanceof wg.NoAdapterError ? e.reason : (e as Error).message;
    if (cfg.backend === 'webgpu') throw new InputError(`--backend webgpu: no WebGPU adapter (${reason}); use --backend cpu or auto`);
    notes.push(`backend auto: no hardware GPU (${reason}); ran on the CPU`);
    return { kind: 'cpu' };
  }
}

function release(p: Placement): void {
  if (p.kind === 'webgpu') p.gpu.destroy();
}

/**
 * Simulate one ensemble: mean and standard error of P(t) on the grid and of P_res.
 * @example const r = await simulate(makeRunConfig({ N: 99, gamma: 5, samples: 200 })); r.P_res // ~0.17
 */
export async function simulate(cfg: RunConfig, opts: SimulateOptions = {}): Promise<SimulationResult> {
  assertRunConfig(cfg);
  const t0 = performance.now();
  const threads = threadsOf(cfg);
  const job = jobOf(cfg, 'pt');
  const placeNotes: string[] = [];
  const where = await place(cfg, 'pt', placeNotes);
  let run: Awaited<ReturnType<typeof runJob>>;
  try {
    run = await runJob(job, cfg.samples, threads, opts, where);
  } finally {
    release(where);
  }
  const { moments, done } = run;
  const notes = [...placeNotes, ...run.notes];
  const cpuUsed = where.kind === 'cpu' || run.notes.some((n) => n.startsWith('GPU device lost'));
  const backend = where.kind === 'webgpu'
    ? `webgpu (${where.gpu.info.summary})${cpuUsed ? ` + ${cpuLabel(threads)}` : ''}`
    : cpuLabel(threads);
  return assembleResult(cfg, moments, { done, backend, elapsed_s: (performance.now() - t0) / 1000, notes, notConverged: run.excluded });
}

/**
 * P_res for each gamma in `gammas` (gamma = g N), sharing the dot spectra and unit couplings of each sample across
 * all gammas (they do not depend on g). Fig. 2(d).
 */
export async function simulatePresSweep(cfg: RunConfig, gammas: number[], opts: SimulateOptions = {}): Promise<PresSweepResult> {
  assertRunConfig(cfg);
  if (gammas.length === 0) throw new InputError('gamma sweep: give at least one gamma');
  for (const g of gammas) if (!Number.isFinite(g) || g < 0) throw new InputError(`gamma sweep: gammas must be finite and >= 0, got ${g}`);
  if (cfg.method === 'dense') throw new InputError('the gamma sweep runs on the fast (arrowhead) path; use --method fast or auto');
  const t0 = performance.now();
  const threads = threadsOf(cfg);
  const job = jobOf(cfg, 'sweep', gammas.map((x) => x / cfg.N));
  const placeNotes: string[] = [];
  await place(cfg, 'sweep', placeNotes);
  const run = await runJob(job, cfg.samples, threads, opts);
  const { moments, done } = run;
  const notes = [...placeNotes, ...run.notes];
  const [R] = moments;
  if (done < cfg.samples) notes.push(`interrupted after ${done} of ${cfg.samples} samples`);
  return {
    version: VERSION,
    params: {
      ensemble: cfg.ensemble.name,
      beta: cfg.ensemble.beta,
      N: cfg.N,
      lambda: cfg.lambda,
      eps0: cfg.eps0,
      seed: cfg.seed,
      samples: cfg.samples,
      method: 'fast-arrowhead',
      backend: cpuLabel(threads),
    },
    gamma: gammas.slice(),
    P_res: Array.from(R.mean()),
    P_res_se: Array.from(R.se()),
    samples_done: done,
    elapsed_s: (performance.now() - t0) / 1000,
    notes,
  };
}
