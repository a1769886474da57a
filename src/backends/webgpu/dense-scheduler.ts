/**
 * WebGPU scheduler of the literal dense path (`--method dense`, DESIGN.md section 4): batches sized from the device
 * limits, two batches in flight, per-sample P(t_i) and P_res accumulated in f64 on the host (EnsembleStats). A sample whose
 * Jacobi did not converge is flagged: left out of the statistics, counted in `notConverged` and listed (first 1000) in
 * `notConvergedSamples` — never averaged silently. Same samples (seed, index) as the CPU DenseSampler.
 *
 * @example
 * const { stats, notConverged } = await runWebGpuDenseEnsemble(cfg, { start: 0, end: cfg.samples }, { onProgress });
 * // stats.count + notConverged === cfg.samples
 */
import type { RunConfig } from '../../model/validate.js';
import { EnsembleStats } from '../../observables/moments.js';
import { checkGpuRange, driveBatches, withDevice, wrapGpuFailure } from './batches.js';
import { DensePathGpu, denseBytesPerSample, denseLargestArrayPerSample } from './dense.js';
import { denseShape } from './dense-twin.js';
import type { JacobiOptions } from './jacobi-twin.js';
import { GpuDeviceLostError, MAX_DENSE_GPU_DIM, type WebGpuRunOptions } from './scheduler.js';

export interface WebGpuDenseRunOptions extends WebGpuRunOptions {
  /** Jacobi stopping rule (default tol 1e-6, 30 sweeps). */
  jacobi?: Omit<JacobiOptions, 'kramers'>;
  /**
   * Upper bound on samples per GPU submission (tests; default from the device limits). `maxBatch` keeps its meaning for
   * `onBatch`: each report covers range.start + k maxBatch .. (k + 1) maxBatch (the engine's chunk alignment), even when
   * the device takes fewer samples per submission (dense matrices are large).
   */
  deviceBatch?: number;
}

export interface WebGpuDenseResult {
  /** Statistics over the converged samples. */
  stats: EnsembleStats;
  /** Samples whose Jacobi did not converge (not in `stats`). */
  notConverged: number;
  /** Their indices (at most the first 1000). */
  notConvergedSamples: number[];
  /** Most sweeps any sample needed. */
  maxSweeps: number;
}


/** Samples per batch from the device limits (binding size, memory budget) and a work target per submission. */
export function denseBatchCapacity(limits: GPUSupportedLimits, m: number, T: number, software: boolean, maxBatch = Infinity): number {
  const byBinding = Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) / denseLargestArrayPerSample(m, T));
  const budget = software ? 64 * 2 ** 20 : 1024 * 2 ** 20; // bytes for both slots together
  const byMemory = Math.floor(budget / 2 / denseBytesPerSample(m, T));
  // One workgroup per sample: a hardware GPU needs many samples in flight to fill its cores (memory still bounds it);
  // a software adapter gets batches of about 2^24 m^-3 (a few seconds each).
  const byWork = software ? Math.floor(2 ** 24 / (m * m * m)) : Math.max(1024, Math.floor(2 ** 32 / (m * m * m)));
  const byDispatch = limits.maxComputeWorkgroupsPerDimension; // jacobi: one workgroup per sample
  return Math.max(1, Math.min(byBinding, byMemory, Math.max(byWork, 1), byDispatch, maxBatch));
}

export async function runWebGpuDenseEnsemble(
  cfg: RunConfig,
  range: { start: number; end: number },
  opts: WebGpuDenseRunOptions = {},
): Promise<WebGpuDenseResult> {
  const { m } = denseShape(cfg.ensemble, cfg.N);
  if (m > MAX_DENSE_GPU_DIM) throw new RangeError(`webgpu dense path: matrix size ${m} beyond ${MAX_DENSE_GPU_DIM}`);
  const total = checkGpuRange(range);
  const T = cfg.t.length;
  const stats = new EnsembleStats(T);
  const result: WebGpuDenseResult = { stats, notConverged: 0, notConvergedSamples: [], maxSweeps: 0 };
  return withDevice(opts.gpu, async (run) => {
    const ctx = run.ctx;
    opts.onAdapter?.(ctx.info);
    if (total === 0) return result;
    const lim = ctx.device.limits;
    const need = denseLargestArrayPerSample(m, T);
    if (need > Math.min(lim.maxStorageBufferBindingSize, lim.maxBufferSize)) {
      throw new RangeError(`webgpu dense path: one ${m} x ${m} complex matrix needs ${need} bytes, beyond this adapter's buffer binding limit (${Math.min(lim.maxStorageBufferBindingSize, lim.maxBufferSize)})`);
    }
    const B = denseBatchCapacity(ctx.device.limits, m, T, ctx.info.software, Math.min(opts.maxBatch ?? Infinity, opts.deviceBatch ?? Infinity));
    // onBatch reports: groups of `group` samples from range.start (several submissions each when group > B)
    const group = opts.maxBatch !== undefined && opts.maxBatch >= 1 ? Math.floor(opts.maxBatch) : Math.min(B, total);
    let groupStats = new EnsembleStats(T);
    let groupStart = range.start;
    const path = await DensePathGpu.create(
      ctx.device,
      { ensemble: cfg.ensemble, N: cfg.N, g: cfg.g, lambda: cfg.lambda, eps0: cfg.eps0, seed: cfg.seed },
      cfg.t,
      Math.min(B, total),
      2,
      opts.jacobi ?? {},
    );
    const dp = path;
    let done = 0;
    const accumulate = (r: Awaited<ReturnType<DensePathGpu['collect']>>, base: number, count: number) => {
      const batch = new EnsembleStats(T);
      const row = new Float64Array(T);
      for (let s = 0; s < count; s++) {
        result.maxSweeps = Math.max(result.maxSweeps, r.sweeps[s]);
        if (!r.converged[s]) {
          result.notConverged++;
          if (result.notConvergedSamples.length < 1000) result.notConvergedSamples.push(base + s);
          continue;
        }
        const off = s * (T + 1);
        for (let i = 0; i < T; i++) row[i] = r.rows[off + i];
        const pres = r.rows[off + T];
        if (!Number.isFinite(pres) || row.some((v) => !Number.isFinite(v))) {
          throw new GpuDeviceLostError(`non-finite GPU result for sample ${base + s} (not averaged)`, done, stats, ctx.info.summary);
        }
        batch.P.add(row);
        batch.Pres.addScalar(pres);
      }
      stats.merge(batch);
      groupStats.merge(batch);
      const end = base + count;
      if (end === range.end || (end - range.start) % group === 0) {
        opts.onBatch?.(groupStart, groupStats);
        groupStats = new EnsembleStats(T);
        groupStart = end;
      }
    };
    try {
      await driveBatches(dp, range, {
        group,
        signal: opts.signal,
        lost: run.lost,
        onCollected: (r, base, count) => {
          accumulate(r, base, count);
          done += count;
          opts.onProgress?.(done, total);
        },
      });
    } catch (e) {
      throw wrapGpuFailure(e, run, 'WebGPU dense run', done, stats);
    } finally {
      try {
        path.destroy();
      } catch {
        /* device already gone */
      }
    }
    return result;
  });
}
