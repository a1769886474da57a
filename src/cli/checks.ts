/** Input checks the CLI adds on top of makeRunConfig: empty option values, output paths. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../model/index.js';

/** An option given with an empty value ('--N ""') is an error, not "use the default". */
export function rejectEmpty(o: Record<string, unknown>, names: string[]): void {
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'string' && v.trim() === '') {
      throw new InputError(n === 'tau' || n === 't' ? `--${n}: empty time grid; give 'a,b,c' or 'start:stop:count[:log]'` : `--${n}: empty value`);
    }
  }
}

/** An output file path whose directory exists and is writable, and which is not a directory itself. */
export function checkOutFile(path: string | undefined, opt: string): string | undefined {
  if (path === undefined) return undefined;
  if (path.trim() === '') throw new InputError(`${opt}: empty file name`);
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new InputError(`${opt}: '${path}' is a directory; give a file name`);
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${opt}: directory '${dirname(path)}' does not exist`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(abs)) accessSync(abs, constants.W_OK);
  } catch {
    throw new InputError(`${opt}: cannot write '${path}' (permission denied)`);
  }
  return abs;
}

/** Create (if needed) and check an output directory. */
export function ensureOutDir(dir: string, opt: string): string {
  if (dir.trim() === '') throw new InputError(`${opt}: empty directory name`);
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new InputError(`${opt}: '${dir}' exists and is not a directory`);
  try {
    mkdirSync(abs, { recursive: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
      : err.code === 'ENOTDIR' ? 'a parent path is not a directory'
      : err.code === 'EROFS' ? 'read-only file system' : (err.code ?? err.message);
    throw new InputError(`${opt}: cannot create directory '${dir}' (${why})`);
  }
  try {
    accessSync(abs, constants.W_OK);
  } catch {
    throw new InputError(`${opt}: directory '${dir}' is not writable (permission denied)`);
  }
  return abs;
}
