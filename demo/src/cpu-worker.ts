/**
 * Web Worker of the demo's CPU tier: the library's ChunkRunner (the same code the Node engine runs in worker_threads),
 * so a chunk's moments equal the CLI's for the same seed and chunking (to the last ulp of V8's Math functions).
 * In:  { type: 'job', job: JobSpec } once, then { type: 'chunk', index, start, count }.
 * Out: { type: 'result', index, moments: [{ count, sum, sumSq }] } | { type: 'error', message }.
 */
import { ChunkRunner, toWire, wireTransfers, type JobSpec } from '../../src/engine/job.js';

let runner: ChunkRunner | null = null;

self.onmessage = (ev: MessageEvent) => {
  const msg = ev.data as { type: 'job'; job: JobSpec } | { type: 'chunk'; index: number; start: number; count: number };
  try {
    if (msg.type === 'job') {
      runner = new ChunkRunner(msg.job);
      return;
    }
    if (!runner) throw new Error('chunk before job');
    const res = runner.run(msg.start, msg.count);
    const moments = toWire(res);
    (self as unknown as Worker).postMessage({ type: 'result', index: msg.index, moments }, wireTransfers(moments));
  } catch (e) {
    (self as unknown as Worker).postMessage({ type: 'error', message: (e as Error).message });
  }
};
