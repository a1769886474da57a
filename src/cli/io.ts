/** What a CLI invocation talks to; `runCli` takes it so tests can run the program in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Aborts the running simulation as SIGINT does (tests); SIGINT itself is also handled. */
  signal?: AbortSignal;
  /** Install process signal handlers (SIGINT, SIGTERM); false in tests. Default true. */
  handleSignals?: boolean;
  /** Interval of the plain progress lines when stderr is not a terminal, ms (default 5000). */
  progressIntervalMs?: number;
}

/** Exit codes. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Thrown inside the CLI to stop with a given exit code after a message has been printed. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'CliExit';
  }
}
