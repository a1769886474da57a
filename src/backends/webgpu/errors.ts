import type { EnsembleStats } from '../../observables/moments.js';

/** The device was lost (or failed) mid-run: `completed` samples from range.start are in `partial`. */
export class GpuDeviceLostError extends Error {
  constructor(message: string, readonly completed: number, readonly partial: EnsembleStats, readonly adapter?: string) {
    super(message);
    this.name = 'GpuDeviceLostError';
  }
}
