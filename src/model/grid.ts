import { InputError } from './errors.js';

/**
 * Parse a time grid: a comma list `a,b,c` (strictly increasing) or a range `start:stop:count[:log|:lin]`.
 * @param name the option name, for error messages (e.g. '--tau').
 * @example parseGrid('0.01:10:4:log', '--tau') // Float64Array [0.01, 0.1, 1, 10]
 */
export function parseGrid(spec: string, name: string): Float64Array {
  const s = String(spec).trim();
  if (s === '') throw new InputError(`${name}: empty time grid; give 'a,b,c' or 'start:stop:count[:log]'`);
  let out: Float64Array;
  if (s.includes(':')) {
    const parts = s.split(':');
    if (parts.length < 3 || parts.length > 4) {
      throw new InputError(`${name}: range must be 'start:stop:count' or 'start:stop:count:log', got '${s}'`);
    }
    if (parts.slice(0, 3).some((x) => x.trim() === '')) throw new InputError(`${name}: empty field in range '${s}'`);
    const [a, b, c] = parts.slice(0, 3).map(Number);
    const mode = (parts[3] ?? 'lin').toLowerCase();
    if (mode !== 'lin' && mode !== 'log') throw new InputError(`${name}: range spacing must be 'lin' or 'log', got '${parts[3]}'`);
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new InputError(`${name}: start and stop must be finite numbers, got '${s}'`);
    if (!Number.isInteger(c) || c < 1 || c > 100_000) throw new InputError(`${name}: count must be an integer in [1, 100000], got '${parts[2]}'`);
    if (c > 1 && !(b > a)) throw new InputError(`${name}: stop must be greater than start, got '${s}'`);
    if (mode === 'log' && !(a > 0)) throw new InputError(`${name}: a log range needs start > 0, got '${s}'`);
    out = new Float64Array(c);
    for (let i = 0; i < c; i++) {
      const f = c === 1 ? 0 : i / (c - 1);
      out[i] = mode === 'log' ? Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) : a + f * (b - a);
    }
    if (c > 1) { out[0] = a; out[c - 1] = b; }
  } else {
    const parts = s.split(',').map((x) => x.trim());
    if (parts.some((x) => x === '')) throw new InputError(`${name}: empty entry in list '${s}'`);
    const bad = parts.findIndex((x) => !Number.isFinite(Number(x)));
    if (bad >= 0) throw new InputError(`${name}: entry ${bad} ('${parts[bad]}') is not a finite number`);
    out = Float64Array.from(parts.map(Number));
  }
  validateGrid(out, name);
  return out;
}

/** Finite, >= 0, strictly increasing, non-empty. */
export function validateGrid(g: ArrayLike<number>, name: string): void {
  if (g.length === 0) throw new InputError(`${name}: empty time grid`);
  for (let i = 0; i < g.length; i++) {
    if (!Number.isFinite(g[i])) throw new InputError(`${name}: times must be finite numbers, entry ${i} is ${g[i]}`);
    if (g[i] < 0) throw new InputError(`${name}: times must be >= 0, entry ${i} is ${g[i]}`);
    if (i > 0 && !(g[i] > g[i - 1])) throw new InputError(`${name}: times must be strictly increasing (entry ${i}: ${g[i]} after ${g[i - 1]})`);
  }
}
