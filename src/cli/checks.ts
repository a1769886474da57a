/** Input checks the CLI adds on top of makeRunConfig: empty option values, output paths. */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/**
 * Can a new file be created in `dir`? Tried for real (a probe file created and removed), because permission bits
 * do not tell: root may write almost anywhere, but not into /proc, /sys or a read-only mount.
 */
function canCreateIn(dir: string): boolean {
  const probe = resolve(dir, `.fgr-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * An output file path that will be written atomically (a temporary file renamed into place): its directory must
 * exist and accept new files, and an existing target must be a regular file. A symbolic link is followed to its
 * target, which is then replaced; a device, FIFO or socket is refused (renaming over /dev/null as root would
 * replace it).
 */
export function checkOutFile(path: string | undefined, opt: string): string | undefined {
  if (path === undefined) return undefined;
  if (path.trim() === '') throw new InputError(`${opt}: empty file name`);
  let abs = resolve(path);
  if (existsSync(abs) && lstatSync(abs).isSymbolicLink()) abs = realpathSync(abs);
  if (existsSync(abs)) {
    const st = statSync(abs);
    if (st.isDirectory()) throw new InputError(`${opt}: '${path}' is a directory; give a file name`);
    if (!st.isFile()) throw new InputError(`${opt}: '${path}' exists and is not a regular file (device, pipe or socket); give a file name`);
  } else if (lstatSync(dirname(abs), { throwIfNoEntry: false }) === undefined) {
    throw new InputError(`${opt}: directory '${dirname(path)}' does not exist`);
  }
  const dir = dirname(abs);
  if (!statSync(dir).isDirectory()) throw new InputError(`${opt}: '${dirname(path)}' is not a directory`);
  try {
    if (existsSync(abs)) accessSync(abs, constants.W_OK);
  } catch {
    throw new InputError(`${opt}: cannot write '${path}' (permission denied)`);
  }
  if (!canCreateIn(dir)) throw new InputError(`${opt}: cannot create files in '${dirname(path)}' (permission denied or read-only)`);
  return abs;
}

/** Create (if needed) and check an output directory. */
export function ensureOutDir(dir: string, opt: string): string {
  if (dir.trim() === '') throw new InputError(`${opt}: empty directory name`);
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new InputError(`${opt}: '${dir}' exists and is not a directory`);
  try {
    // One level at a time, from the deepest existing ancestor down: each mkdir fails fast where it cannot work,
    // whereas Node's recursive mkdir never returns for a path under /proc.
    const missing: string[] = [];
    for (let p = abs; !existsSync(p); p = dirname(p)) {
      missing.push(p);
      if (dirname(p) === p) break;
    }
    for (const p of missing.reverse()) mkdirSync(p);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
      : err.code === 'ENOTDIR' ? 'a parent path is not a directory'
      : err.code === 'EROFS' ? 'read-only file system' : (err.code ?? err.message);
    throw new InputError(`${opt}: cannot create directory '${dir}' (${why})`);
  }
  if (!canCreateIn(abs)) throw new InputError(`${opt}: directory '${dir}' is not writable (permission denied or read-only)`);
  return abs;
}
