import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { Moments } from '../observables/moments.js';
import type { JobSpec } from './job.js';
import { CHUNK } from './job.js';

/**
 * Ordered merging of chunk results plus an on-disk checkpoint of them. Chunks merge into `prefix` strictly in
 * chunk order (results are then bit-identical for any thread count and across interruptions); chunks that finish
 * early wait in `pending`. A checkpoint holds both, so a resumed run loses no finished sample.
 */
export class ChunkLedger {
  prefix: Moments[];
  nextToMerge = 0;
  /** Samples processed but excluded from the averages (a dense GPU sample whose Jacobi did not converge). */
  excluded = 0;
  readonly pending = new Map<number, Moments[]>();

  constructor(readonly key: string, readonly nChunks: number, empty: () => Moments[]) {
    this.prefix = empty();
  }

  add(index: number, m: Moments[], excluded = 0): void {
    this.excluded += excluded;
    this.pending.set(index, m);
    while (this.pending.has(this.nextToMerge)) {
      const x = this.pending.get(this.nextToMerge)!;
      for (let i = 0; i < x.length; i++) this.prefix[i].merge(x[i]);
      this.pending.delete(this.nextToMerge);
      this.nextToMerge++;
    }
  }

  isDone(index: number): boolean {
    return index < this.nextToMerge || this.pending.has(index);
  }

  /** Samples accumulated so far (prefix and pending). */
  samplesDone(): number {
    let n = this.prefix[0].count;
    for (const m of this.pending.values()) n += m[0].count;
    return n;
  }

  /** Samples processed: accumulated plus excluded. */
  processed(): number {
    return this.samplesDone() + this.excluded;
  }

  save(path: string): void {
    const data = {
      format: 'goldenrule-checkpoint/1',
      key: this.key,
      chunk: CHUNK,
      nChunks: this.nChunks,
      nextToMerge: this.nextToMerge,
      excluded: this.excluded,
      prefix: this.prefix.map((m) => m.toJSON()),
      pending: [...this.pending.entries()].map(([i, ms]) => [i, ms.map((m) => m.toJSON())]),
    };
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, path);
  }

  /** Load a checkpoint if it exists and belongs to the same job; returns whether it was used. */
  load(path: string): boolean {
    if (!existsSync(path)) return false;
    let data: {
      format: string; key: string; chunk: number; nChunks: number; nextToMerge: number; excluded?: number;
      prefix: ReturnType<Moments['toJSON']>[]; pending: [number, ReturnType<Moments['toJSON']>[]][];
    };
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new Error(`checkpoint ${path} is unreadable; delete it to start afresh`);
    }
    if (data.format !== 'goldenrule-checkpoint/1' || data.key !== this.key || data.chunk !== CHUNK) {
      throw new Error(`checkpoint ${path} belongs to a different run (other parameters); delete it or choose another output`);
    }
    this.prefix = data.prefix.map((m) => Moments.fromJSON(m));
    this.nextToMerge = data.nextToMerge;
    this.excluded = data.excluded ?? 0;
    for (const [i, ms] of data.pending) this.pending.set(i, ms.map((m) => Moments.fromJSON(m)));
    return true;
  }

  static remove(path: string): void {
    try { unlinkSync(path); } catch { /* absent */ }
  }
}

/** Identity of a job for checkpoint matching: everything that changes the numbers, including the sample count. */
export function jobKey(job: JobSpec, samples: number): string {
  return JSON.stringify({ ...job, samples });
}
