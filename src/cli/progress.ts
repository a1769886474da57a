/**
 * Progress on stderr for long runs: a cli-progress bar (samples, samples/s, ETA) when stderr is a terminal or
 * `--progress` is given; otherwise one plain line about every 5 s; nothing with `--quiet`.
 * The rate counts only samples done in this process (a resumed checkpoint's samples are excluded).
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';
import { fmtDuration, fmtRate } from './format.js';

export type ProgressMode = 'bar' | 'lines' | 'off';

export function progressMode(io: CliIo, opts: { progress?: boolean; quiet?: boolean }): ProgressMode {
  if (opts.quiet) return 'off';
  if (opts.progress || io.stderr.isTTY) return 'bar';
  return 'lines';
}

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private label = '';
  private total = 0;
  private t0 = 0;
  private done0 = -1;
  private last = 0;
  private lastPrint = 0;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly mode: ProgressMode,
    private readonly intervalMs = 5000,
  ) {}

  /** Begin a run; nothing is shown until the first update (so an input error raised by the engine stays one line). */
  start(label: string, total: number): void {
    this.stop();
    this.label = label;
    this.total = total;
    this.t0 = Date.now();
    this.done0 = -1;
    this.last = 0;
    this.lastPrint = Date.now();
    this.shown = false;
  }

  private show(): void {
    this.shown = true;
    if (this.mode === 'bar') {
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.io.stderr as NodeJS.WritableStream,
          format: '{label} |{bar}| {percentage}% | {value}/{total} samples | {rate} samples/s | ETA {etaStr}',
          barsize: 24,
          hideCursor: false,
          clearOnComplete: false,
          stopOnComplete: false,
          noTTYOutput: !this.io.stderr.isTTY,
          notTTYSchedule: this.intervalMs,
          etaBuffer: 50,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.total, this.last, { label: this.label, rate: '—', etaStr: '…' });
    } else if (this.mode === 'lines') {
      this.io.stderr.write(`fgr: ${this.label}: ${this.total} samples${this.last > 0 ? ` (${this.last} from checkpoint)` : ''}\n`);
    }
  }

  /** Samples per second since the first update (excludes samples restored from a checkpoint). */
  rate(done: number): number {
    const dt = (Date.now() - this.t0) / 1000;
    const d = done - Math.max(this.done0, 0);
    return dt > 0 && d > 0 ? d / dt : NaN;
  }

  update(done: number, total: number): void {
    if (this.done0 < 0) {
      this.done0 = done;
      this.t0 = Date.now();
    }
    this.last = done;
    this.total = total;
    if (!this.shown) this.show();
    const r = this.rate(done);
    const eta = r > 0 ? (total - done) / r : NaN;
    if (this.bar) {
      this.bar.setTotal(total);
      this.bar.update(done, { label: this.label, rate: fmtRate(r), etaStr: Number.isFinite(eta) ? fmtDuration(eta) : '…' });
    } else if (this.mode === 'lines' && Date.now() - this.lastPrint >= this.intervalMs && done < total) {
      this.lastPrint = Date.now();
      const pct = total > 0 ? ((100 * done) / total).toFixed(1) : '0';
      this.io.stderr.write(
        `fgr: ${this.label}: ${done}/${total} samples (${pct}%), ${fmtRate(r)} samples/s, ETA ${Number.isFinite(eta) ? fmtDuration(eta) : '?'}\n`,
      );
    }
  }

  /** Finish the current bar/line (leaves the final bar on screen). */
  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    } else if (this.mode === 'lines' && this.label && this.shown) {
      const dt = (Date.now() - this.t0) / 1000;
      this.io.stderr.write(`fgr: ${this.label}: ${this.last}/${this.total} samples in ${fmtDuration(dt)} (${fmtRate(this.rate(this.last))} samples/s)\n`);
    }
    this.label = '';
  }
}
