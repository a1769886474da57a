#!/usr/bin/env node
/** The `fgr` executable (package bin). See `fgr --help`. */
import { runCli } from './program.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `fgr theory | head`: the reader went away; that is not an error.
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Let stdout/stderr drain, then exit even if a worker or GPU handle would keep the event loop alive.
process.exitCode = code;
let pending = 2;
const done = (): void => {
  if (--pending === 0) process.exit(code);
};
process.stdout.write('', done);
process.stderr.write('', done);
