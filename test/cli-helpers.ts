import { Writable } from 'node:stream';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/program.js';

export class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run `fgr <args>` in-process; no signal handlers, progress lines (stderr is not a TTY). */
export async function fgr(args: string[], signal?: AbortSignal): Promise<CliRun> {
  const out = new Capture();
  const err = new Capture();
  const code = await runCli(args, { stdout: out, stderr: err, handleSignals: false, signal });
  return { code, out: out.text, err: err.text };
}

export function tempDir(prefix = 'fgr-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}
