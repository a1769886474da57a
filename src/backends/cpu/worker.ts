/**
 * Worker thread of the CPU backend: receives a JobSpec, then chunk requests; answers with the chunk's moments.
 * Messages in:  { type: 'chunk', index, start, count }   (the JobSpec arrives as workerData)
 * Messages out: { type: 'result', index, moments: [{count, sum, sumSq}] } | { type: 'error', message }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkRunner, toWire, wireTransfers, type JobSpec } from '../../engine/job.js';

const port = parentPort!;
let runner: ChunkRunner;
try {
  runner = new ChunkRunner(workerData as JobSpec);
} catch (e) {
  port.postMessage({ type: 'error', message: (e as Error).message });
  throw e;
}

port.on('message', (msg: { type: string; index: number; start: number; count: number }) => {
  if (msg.type !== 'chunk') return;
  try {
    const res = runner.run(msg.start, msg.count);
    const moments = toWire(res);
    port.postMessage({ type: 'result', index: msg.index, moments }, wireTransfers(moments));
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message });
  }
});
