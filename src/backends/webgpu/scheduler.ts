/**
 * WebGPU ensemble scheduler: sizes batches from the device's limits, keeps two batches in flight (one computing while
 * the other is read back), accumulates per-sample P(t_i) and P_res in f64 on the host (EnsembleStats), reports progress,
 * honours an AbortSignal, and turns a lost device into a `GpuDeviceLostError` carrying the completed prefix so the
 * engine can finish the rest on the CPU.
 *
 * Engine entry point:
 *   const support = webGpuSupport(cfg);                 // { ok } or { ok: false, reason } (Poisson: CPU)
 *   const stats = await runWebGpuEnsemble(cfg, { start, end }, { onProgress, signal, onAdapter });
 *   // --method dense: runWebGpuDenseEnsemble (dense-scheduler.ts) also returns the non-converged samples
 * Samples [start, end) are the same samples (seed, index) as on the CPU; results agree to f32 accuracy.
 */
import type { RunConfig } from '../../model/validate.js';
import { checkGpuRange, driveBatches, withDevice, wrapGpuFailure } from './batches.js';
import { GpuDeviceLostError } from './errors.js';
import { EnsembleStats } from '../../observables/moments.js';
import type { AdapterDescription, GpuContext } from './device.js';
import { FastPathGpu, fastBytesPerSample, fastLargestArrayPerSample } from './fast-path.js';

/** Largest complex matrix size of the GPU dense path (one workgroup per sample; see dense-scheduler.ts). */
export const MAX_DENSE_GPU_DIM = 8192;

export interface WebGpuRunOptions {
  /** Samples done (from range.start) and total in the range, after each batch. */
  onProgress?: (done: number, total: number) => void;
  /** Stop submitting; in-flight batches finish; resolves with the samples completed so far. */
  signal?: AbortSignal;
  /** Told which adapter runs the work, before the first batch. */
  onAdapter?: (info: AdapterDescription) => void;
  /** Use this device (not destroyed here); default: acquire one and destroy it at the end. */
  gpu?: GpuContext;
  /** Upper bound on samples per batch (tests use it to force several dispatches). */
  maxBatch?: number;
  /** Called after each completed batch with its first sample and its statistics (for checkpoint ledgers). */
  onBatch?: (start: number, stats: EnsembleStats) => void;
}

export { GpuDeviceLostError } from './errors.js';

/** Whether this configuration runs on the WebGPU backend, or why not (the engine then uses the CPU and says so). */
export function webGpuSupport(cfg: Pick<RunConfig, 'ensemble' | 'method' | 'N'>): { ok: true } | { ok: false; reason: string } {
  if (cfg.method === 'dense') {
    const b = cfg.ensemble.beta;
    if (b <= 0) return { ok: false, reason: 'the Poisson dense path (--method dense) runs on the CPU in this build' };
    if (!(b === 1 || b === 2 || b === 4)) return { ok: false, reason: `the dense path supports GOE, GUE and GSE, not beta=${b}` };
    const m = b === 4 ? 2 * (cfg.N + 1) : cfg.N + 1;
    if (m > MAX_DENSE_GPU_DIM) return { ok: false, reason: `N = ${cfg.N} is beyond the GPU dense path (complex matrix size ${m} > ${MAX_DENSE_GPU_DIM})` };
    return { ok: true };
  }
  if (cfg.ensemble.beta <= 0) return { ok: false, reason: 'Poisson dots (arrowhead with iid levels) run on the CPU in this build' };
  if (cfg.N > 1_000_000) return { ok: false, reason: `N = ${cfg.N} is beyond the GPU fast path's batch sizing` };
  return { ok: true };
}

/** Samples per batch from the device limits (buffer binding size, memory budget) and a work target per dispatch. */
export function batchCapacity(limits: GPUSupportedLimits, N: number, T: number, software: boolean, maxBatch = Infinity): number {
  const perArray = fastLargestArrayPerSample(N, T);
  const byBinding = Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) / perArray);
  const budget = software ? 64 * 2 ** 20 : 1024 * 2 ** 20; // bytes for both slots together
  const byMemory = Math.floor(budget / 2 / fastBytesPerSample(N, T));
  const targetInvocations = software ? 2 ** 14 : 2 ** 21;
  const byWork = Math.floor(targetInvocations / (N + 1));
  const byDispatch = Math.floor((limits.maxComputeWorkgroupsPerDimension ** 2 * 64) / Math.max(N + 1, T + 1));
  return Math.max(1, Math.min(byBinding, byMemory, Math.max(byWork, 1), byDispatch, maxBatch));
}

export async function runWebGpuEnsemble(
  cfg: RunConfig,
  range: { start: number; end: number },
  opts: WebGpuRunOptions = {},
): Promise<EnsembleStats> {
  const sup = webGpuSupport(cfg);
  if (!sup.ok) throw new Error(`webgpu backend: ${sup.reason}`);
  if (cfg.method === 'dense') {
    // The dense path reports non-converged samples; callers that want them use runWebGpuDenseEnsemble directly.
    const { runWebGpuDenseEnsemble } = await import('./dense-scheduler.js');
    const r = await runWebGpuDenseEnsemble(cfg, range, opts);
    if (r.notConverged > 0) {
      throw new Error(`webgpu dense path: ${r.notConverged} sample(s) did not converge (first: ${r.notConvergedSamples.slice(0, 10).join(', ')}); use runWebGpuDenseEnsemble to get the converged rest`);
    }
    return r.stats;
  }
  const total = checkGpuRange(range);
  const T = cfg.t.length;
  const stats = new EnsembleStats(T);
  return withDevice(opts.gpu, async (run) => {
    const ctx = run.ctx;
    opts.onAdapter?.(ctx.info);
    if (total === 0) return stats;
    const B = batchCapacity(ctx.device.limits, cfg.N, T, ctx.info.software, opts.maxBatch);
    const path = await FastPathGpu.create(
      ctx.device,
      { ensemble: cfg.ensemble, N: cfg.N, g: cfg.g, lambda: cfg.lambda, eps0: cfg.eps0, seed: cfg.seed },
      cfg.t,
      Math.min(B, total),
    );
    const fp = path;
    let done = 0;
    const accumulate = (rows: Float32Array, base: number, count: number) => {
      const batch = new EnsembleStats(T);
      const row = new Float64Array(T);
      for (let s = 0; s < count; s++) {
        const off = s * (T + 1);
        for (let i = 0; i < T; i++) row[i] = rows[off + i];
        const pres = rows[off + T];
        if (!Number.isFinite(pres) || row.some((v) => !Number.isFinite(v))) {
          throw new GpuDeviceLostError(`non-finite GPU result for sample ${base + s} (not averaged)`, done, stats, ctx.info.summary);
        }
        batch.P.add(row);
        batch.Pres.addScalar(pres);
      }
      stats.merge(batch);
      opts.onBatch?.(base, batch);
    };
    try {
      await driveBatches(fp, range, {
        signal: opts.signal,
        lost: run.lost,
        onCollected: (rows, base, count) => {
          accumulate(rows, base, count);
          done += count;
          opts.onProgress?.(done, total);
        },
      });
    } catch (e) {
      throw wrapGpuFailure(e, run, 'WebGPU run', done, stats);
    } finally {
      try {
        path.destroy();
      } catch {
        /* device already gone */
      }
    }
    return stats;
  });
}
