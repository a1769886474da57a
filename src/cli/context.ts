import type { CliIo } from './io.js';

/** What a command action gets from the program runner. */
export interface CommandContext {
  io: CliIo;
  /** Aborted on SIGINT/SIGTERM (or by io.signal in tests). */
  signal: AbortSignal;
  /** Lines printed to stdout. */
  out: (line: string) => void;
  /** Lines printed to stderr (notes, warnings). */
  err: (line: string) => void;
  /** Exit code to return (set by the action; default 0). */
  exitCode: number;
}
