import { Worker } from 'node:worker_threads';
import { ChunkRunner, fromWire, type JobSpec, type WireMoments } from '../../engine/job.js';
import { Moments } from '../../observables/moments.js';

/** One chunk of samples: index in the job, first sample, count. */
export interface ChunkTask {
  index: number;
  start: number;
  count: number;
}

/** A finished chunk; `excluded` counts its samples left out of the moments (not converged). */
export type ChunkDone = (index: number, moments: Moments[], excluded?: number) => void;

/**
 * Runs chunk tasks on `threads` worker threads (or in this thread when threads = 1), calling `onDone` as each
 * finishes. When `signal` aborts it resolves at once, dropping chunks in flight (no finished sample is in them);
 * in this thread (threads = 1) the abort takes effect between chunks. Workers are always terminated, so the process
 * can exit.
 */
export async function runChunksOnCpu(
  job: JobSpec,
  tasks: ChunkTask[],
  threads: number,
  onDone: ChunkDone,
  signal?: AbortSignal,
): Promise<void> {
  if (tasks.length === 0) return;
  if (threads <= 1) {
    const runner = new ChunkRunner(job);
    for (const t of tasks) {
      if (signal?.aborted) return;
      onDone(t.index, runner.run(t.start, t.count));
      // Yield so signals (SIGINT) and progress rendering get a turn.
      await new Promise<void>((r) => setImmediate(r));
    }
    return;
  }
  const n = Math.min(threads, tasks.length);
  const workers: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let failed = false;
      const feed = (w: Worker) => {
        if (failed) return;
        if (next < tasks.length && !signal?.aborted) {
          const t = tasks[next++];
          active++;
          w.postMessage({ type: 'chunk', index: t.index, start: t.start, count: t.count });
        } else if (active === 0) {
          resolve();
        }
      };
      for (let i = 0; i < n; i++) {
        const w = spawnWorker(job);
        workers.push(w);
        w.on('message', (msg: { type: string; index: number; message?: string; moments?: WireMoments[] }) => {
          if (msg.type === 'error') {
            failed = true;
            reject(new Error(`worker: ${msg.message}`));
            return;
          }
          active--;
          onDone(msg.index, fromWire(msg.moments!));
          feed(w);
        });
        w.on('error', (e) => { failed = true; reject(e); });
        w.on('exit', (code) => {
          if (code !== 0 && !failed) { failed = true; reject(new Error(`worker exited with code ${code}`)); }
        });
      }
      for (const w of workers) feed(w);
      // On abort, stop at once: chunks still in flight hold no finished sample (they are dropped and the workers
      // terminated below), so a run at huge N never makes Ctrl-C wait for a chunk that takes hours.
      signal?.addEventListener('abort', () => { failed = true; resolve(); }, { once: true });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The built package runs worker.js directly. From TypeScript sources (vitest, tsx) the worker first registers tsx's
 * ESM hooks in its own thread, then imports worker.ts (Node 20 ignores --import in a worker's execArgv).
 */
function spawnWorker(job: JobSpec): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData: job });
  const target = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}
