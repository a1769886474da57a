/**
 * The demo's backend ladder. No simulation logic lives here: the WebGPU tier is the library's scheduler
 * (`runWebGpuEnsemble`), the CPU tier is the library's `ChunkRunner` in Web Workers, merged chunk by chunk in chunk
 * order exactly as the Node engine does (src/simulate.ts + src/engine/checkpoint.ts), so a worker run equals
 * `fgr simulate` on the same seed to rounding (bitwise within one JS engine; Chromium's and Node's V8 differ in the last
 * ulp of Math.sin/cos/exp/log for some arguments).
 *
 *   auto:   WebGPU if navigator.gpu gives an adapter and the configuration runs there; otherwise Web Workers.
 *           A device lost mid-run finishes the remaining samples on the workers (and says so in the notes).
 *   webgpu: WebGPU only (an error if there is none).
 *   cpu:    Web Workers only.
 */
import type { RunConfig } from '../../src/model/validate.js';
import { CHUNK, emptyResult, type JobSpec, jobOf, fromWire } from '../../src/engine/job.js';
import { Moments } from '../../src/observables/moments.js';
import {
  acquireGpu,
  registerShaderSources,
  runWebGpuEnsemble,
  webGpuSupport,
  GpuDeviceLostError,
  NoAdapterError,
  type AdapterDescription,
} from '../../src/backends/webgpu/index.js';
import { fastLargestArrayPerSample } from '../../src/backends/webgpu/fast-path.js';

// WGSL sources for the browser (the library reads shaders/*.wgsl from disk under Node).
const wgsl = import.meta.glob('../../shaders/*.wgsl', { query: '?raw', eager: true, import: 'default' }) as Record<string, string>;
registerShaderSources(Object.fromEntries(Object.entries(wgsl).map(([p, s]) => [p.split('/').pop()!.replace(/\.wgsl$/, ''), s])));

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export interface LiveUpdate {
  /** Samples accumulated so far, out of total. */
  done: number;
  total: number;
  /** Running moments of P(t) and P_res (arrival order; for display only). */
  P: Moments;
  Pres: Moments;
}

export interface RunOutcome {
  /** [P(t), P_res] moments: chunk-ordered on the CPU tier (as the Node engine merges them). */
  moments: [Moments, Moments];
  done: number;
  /** What ran, in the result file's words: 'webgpu (<adapter>)' or 'cpu (k web workers)'. */
  backend: string;
  notes: string[];
}

export interface RunOptions {
  backend: BackendChoice;
  workers: number;
  signal: AbortSignal;
  /** Told which backend runs (may be called twice: WebGPU then the worker fallback). */
  onBackend: (label: string, kind: 'webgpu' | 'cpu') => void;
  onUpdate: (u: LiveUpdate) => void;
}

/** What the page learned about WebGPU at start-up (no device kept). */
export interface GpuProbe {
  ok: boolean;
  /** Adapter summary, or why there is none. */
  text: string;
  maxBinding?: number;
}

export async function probeWebGpu(): Promise<GpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { ok: false, text: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!a) return { ok: false, text: 'WebGPU present but requestAdapter() returned null (GPU blocked or disabled)' };
    const i = a.info;
    const sw = (a.info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter || /swiftshader|llvmpipe|warp/i.test(`${i.vendor} ${i.architecture}`);
    return {
      ok: true,
      text: `${[i.vendor, i.architecture].filter(Boolean).join(' ') || 'adapter'}${i.description ? ` (${i.description})` : ''}${sw ? ' [software]' : ''}`,
      maxBinding: Math.min(a.limits.maxStorageBufferBindingSize, a.limits.maxBufferSize),
    };
  } catch (e) {
    return { ok: false, text: `requestAdapter() failed: ${(e as Error).message}` };
  }
}

/** Why this configuration cannot run on the probed GPU (null when it can). */
export function gpuRefusal(cfg: RunConfig, probe: GpuProbe): string | null {
  const sup = webGpuSupport(cfg);
  if (!sup.ok) return sup.reason;
  if (probe.maxBinding !== undefined && fastLargestArrayPerSample(cfg.N, cfg.t.length) > probe.maxBinding) {
    return `N = ${cfg.N} needs per-sample GPU buffers larger than this adapter's ${probe.maxBinding} bytes`;
  }
  return null;
}

export async function runEnsemble(cfg: RunConfig, probe: GpuProbe, o: RunOptions): Promise<RunOutcome> {
  const notes: string[] = [];
  const total = cfg.samples;
  const liveP = new Moments(cfg.t.length);
  const liveR = new Moments(1);
  const push = () => o.onUpdate({ done: liveR.count, total, P: liveP, Pres: liveR });

  let useGpu = false;
  if (o.backend !== 'cpu') {
    const refusal = probe.ok ? gpuRefusal(cfg, probe) : probe.text;
    if (refusal === null) useGpu = true;
    else if (o.backend === 'webgpu') throw new Error(`WebGPU: ${refusal}`);
    else notes.push(`WebGPU not used: ${refusal}`);
  }

  if (useGpu) {
    let info: AdapterDescription | null = null;
    try {
      const ctx = await acquireGpu();
      info = ctx.info;
      const label = `webgpu (${ctx.info.summary})`;
      o.onBackend(label, 'webgpu');
      const P = new Moments(cfg.t.length);
      const R = new Moments(1);
      try {
        const stats = await runWebGpuEnsemble(cfg, { start: 0, end: total }, {
          gpu: ctx,
          signal: o.signal,
          // Small batches keep the plot live on fast GPUs too (a few dozen updates per run).
          maxBatch: Math.max(64, Math.ceil(total / 40)),
          onBatch: (_start, b) => {
            liveP.merge(b.P);
            liveR.merge(b.Pres);
            push();
          },
        });
        P.merge(stats.P);
        R.merge(stats.Pres);
        return { moments: [P, R], done: stats.count, backend: label, notes };
      } finally {
        ctx.destroy();
      }
    } catch (e) {
      if (e instanceof NoAdapterError && o.backend === 'auto') {
        notes.push(`WebGPU not used: ${e.reason}`);
      } else if (e instanceof GpuDeviceLostError && o.backend === 'auto') {
        // Keep the GPU's completed prefix; the workers do the rest.
        notes.push(`${e.message}; the remaining ${total - e.completed} samples ran on CPU web workers`);
        const rest = await runOnWorkers(cfg, e.completed, total, o, liveP, liveR, push, e.partial.P, e.partial.Pres);
        const label = `webgpu (${info?.summary ?? 'adapter'}) + cpu (${rest.workers} web workers)`;
        return { moments: rest.moments, done: rest.done, backend: label, notes };
      } else {
        throw e;
      }
    }
  }
  const r = await runOnWorkers(cfg, 0, total, o, liveP, liveR, push);
  return { moments: r.moments, done: r.done, backend: `cpu (${r.workers} web worker${r.workers === 1 ? '' : 's'})`, notes };
}

/**
 * Samples [from, total) on Web Workers in chunks of CHUNK (chunk c = samples from + c*CHUNK ...), merged in chunk
 * order after `prefixP/prefixR` (the GPU's part, if any). On abort: workers are terminated and what finished is kept.
 */
async function runOnWorkers(
  cfg: RunConfig,
  from: number,
  total: number,
  o: RunOptions,
  liveP: Moments,
  liveR: Moments,
  push: () => void,
  prefixP?: Moments,
  prefixR?: Moments,
): Promise<{ moments: [Moments, Moments]; done: number; workers: number }> {
  const job = jobOf(cfg);
  const n = total - from;
  const nChunks = Math.ceil(n / CHUNK);
  const W = Math.max(1, Math.min(o.workers, nChunks));
  o.onBackend(`cpu (${W} web worker${W === 1 ? '' : 's'})`, 'cpu');
  const prefix = emptyResult(job) as [Moments, Moments];
  if (prefixP && prefixR) {
    prefix[0].merge(prefixP);
    prefix[1].merge(prefixR);
  }
  const pending = new Map<number, Moments[]>();
  let nextToMerge = 0;
  let nextToSend = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let finished = false;
      const finish = (err?: Error) => {
        if (finished) return;
        finished = true;
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => finish();
      o.signal.addEventListener('abort', onAbort, { once: true });
      const feed = (w: Worker) => {
        if (nextToSend < nChunks && !o.signal.aborted) {
          const c = nextToSend++;
          const start = from + c * CHUNK;
          active++;
          w.postMessage({ type: 'chunk', index: c, start, count: Math.min(CHUNK, total - start) });
        } else if (active === 0) {
          finish();
        }
      };
      for (let i = 0; i < W; i++) {
        const w = new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module', name: `goldenrule cpu ${i}` });
        workers.push(w);
        w.onmessage = (ev: MessageEvent) => {
          const msg = ev.data as { type: string; index: number; message?: string; moments?: { count: number; sum: Float64Array; sumSq: Float64Array }[] };
          if (msg.type === 'error') return finish(new Error(`web worker: ${msg.message}`));
          active--;
          const ms = fromWire(msg.moments!);
          liveP.merge(ms[0]);
          liveR.merge(ms[1]);
          pending.set(msg.index, ms);
          while (pending.has(nextToMerge)) {
            const x = pending.get(nextToMerge)!;
            prefix[0].merge(x[0]);
            prefix[1].merge(x[1]);
            pending.delete(nextToMerge++);
          }
          push();
          feed(w);
        };
        w.onerror = (ev) => finish(new Error(`web worker failed: ${ev.message || 'could not start (module workers unsupported?)'}`));
        w.postMessage({ type: 'job', job });
      }
      for (const w of workers) feed(w);
    });
  } finally {
    for (const w of workers) w.terminate();
  }
  // Interrupted: keep out-of-order chunks too (as src/simulate.ts does).
  for (const ms of pending.values()) {
    prefix[0].merge(ms[0]);
    prefix[1].merge(ms[1]);
  }
  return { moments: prefix, done: prefix[1].count, workers: W };
}
