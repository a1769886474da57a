import type { EnsembleStats } from '../../observables/moments.js';
import { acquireGpu, type GpuContext } from './device.js';
import { GpuDeviceLostError } from './errors.js';

/** A sample range the GPU can address: integers, start <= end < 2^32 (the Philox sample counter word). */
export function checkGpuRange(range: { start: number; end: number }): number {
  const total = range.end - range.start;
  if (!(total >= 0) || !Number.isInteger(range.start) || !Number.isInteger(range.end)) throw new RangeError(`bad sample range ${range.start}..${range.end}`);
  if (range.end > 2 ** 32) throw new RangeError('sample indices must stay below 2^32 on the GPU (Philox counter word)');
  return total;
}

/** A device for one scheduler run and what is known about its loss. */
export interface DeviceRun {
  readonly ctx: GpuContext;
  /** Resolves when the device is lost. */
  readonly lost: Promise<GPUDeviceLostInfo>;
  /** The loss, once it happened. */
  lostInfo(): GPUDeviceLostInfo | null;
}

/**
 * Run `body` on the caller's device, or on a fresh one that is destroyed afterwards (so Node can exit), with the
 * device-lost promise both schedulers race their read-backs against.
 */
export async function withDevice<T>(given: GpuContext | undefined, body: (run: DeviceRun) => Promise<T>): Promise<T> {
  const ctx = given ?? (await acquireGpu());
  let info: GPUDeviceLostInfo | null = null;
  const lost = ctx.lost.then((i) => {
    info = i;
    return i;
  });
  try {
    return await body({ ctx, lost, lostInfo: () => info });
  } finally {
    if (!given) ctx.destroy();
  }
}

/**
 * A failure during a scheduler run as a GpuDeviceLostError carrying the samples completed (so the engine finishes
 * the rest on the CPU); one already of that type passes through.
 */
export function wrapGpuFailure(e: unknown, run: DeviceRun, what: string, done: number, stats: EnsembleStats): GpuDeviceLostError {
  if (e instanceof GpuDeviceLostError) return e;
  const info = run.lostInfo();
  const why = info ? lostMessage(info) : (e as Error).message;
  return new GpuDeviceLostError(`${what} failed after ${done} samples: ${why}`, done, stats, run.ctx.info.summary);
}

/** How a lost device is reported. */
export function lostMessage(info: GPUDeviceLostInfo): string {
  return `WebGPU device lost (${info.reason}): ${info.message}`;
}

/** A GPU pass with several result slots: work is submitted into a slot and its results collected later. */
export interface SlottedPass<S, R> {
  readonly slots: readonly S[];
  /** Samples one submission can hold. */
  readonly capacity: number;
  submit(slot: S, base: number, count: number): void;
  collect(slot: S): Promise<R>;
}

/**
 * Drive a slotted pass over the samples [range.start, range.end), double-buffered: while the oldest slot is read
 * back, the others compute. Results reach `onCollected` in sample order. A submission never crosses a multiple of
 * `group` samples from range.start (so callers can report chunk-aligned groups). Stops submitting when `signal`
 * aborts (slots in flight are still collected); rejects with the device-loss message if the device is lost while a
 * read-back is pending. The fast and dense schedulers both run on it.
 */
export async function driveBatches<S, R>(
  pass: SlottedPass<S, R>,
  range: { start: number; end: number },
  opts: {
    group?: number;
    signal?: AbortSignal;
    /** Resolves when the device is lost. */
    lost: Promise<GPUDeviceLostInfo>;
    onCollected: (result: R, base: number, count: number) => void;
  },
): Promise<void> {
  const inflight: { slot: number; base: number; count: number }[] = [];
  const group = opts.group && opts.group >= 1 ? Math.floor(opts.group) : Infinity;
  let next = range.start;
  let k = 0;
  const lostError = opts.lost.then((i) => Promise.reject(new Error(lostMessage(i))));
  lostError.catch(() => undefined); // observed through the race below
  const collectOldest = async () => {
    const job = inflight.shift()!;
    const r = await Promise.race([pass.collect(pass.slots[job.slot]), lostError]);
    opts.onCollected(r, job.base, job.count);
  };
  while (next < range.end && !opts.signal?.aborted) {
    if (inflight.length === pass.slots.length) await collectOldest();
    const groupEnd = group === Infinity ? Infinity : range.start + (Math.floor((next - range.start) / group) + 1) * group;
    const count = Math.min(pass.capacity, range.end - next, groupEnd - next);
    const slot = k++ % pass.slots.length;
    pass.submit(pass.slots[slot], next, count);
    inflight.push({ slot, base: next, count });
    next += count;
  }
  while (inflight.length) await collectOldest();
}
