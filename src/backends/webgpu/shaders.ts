/**
 * WGSL sources. In Node they are read from the package's `shaders/` folder (found upward from this module, so it works
 * from `src/` under tsx and from `dist/src/` after tsc); a bundle or a browser build registers them up front with
 * `registerShaderSources` (bench/gpu-bundle.ts does so through esbuild's text loader).
 *
 * WGSL has no #include: a kernel that draws random numbers is compiled as philox.wgsl + kernel.wgsl (`requires`),
 * preceded by the Philox stream ids generated from src/rng/streams.ts (`const STREAM_DOT_DIAG: u32 = 0u;` ...), so the
 * CPU and the GPU cannot disagree on which stream a quantity is drawn from.
 */
import { Stream } from '../../rng/streams.js';

export type ShaderName = 'philox' | 'rng_draws' | 'tridiag_gen' | 'sturm_bisect' | 'secular' | 'pt_accumulate' | 'dense_gen' | 'jacobi';

/** Which library files each kernel is compiled with, in order. */
const REQUIRES: Partial<Record<ShaderName, ShaderName[]>> = {
  rng_draws: ['philox'],
  tridiag_gen: ['philox'],
  dense_gen: ['philox'],
  pt_accumulate: ['philox'],
};

const registered = new Map<string, string>();
const cache = new Map<string, Promise<string>>();

/** Provide sources without a file system (bundles, browsers). Keys are names without `.wgsl`. */
export function registerShaderSources(src: Record<string, string>): void {
  for (const [k, v] of Object.entries(src)) registered.set(k.replace(/\.wgsl$/, ''), v);
}

async function readOne(name: string): Promise<string> {
  const g = (globalThis as { __GOLDENRULE_SHADERS__?: Record<string, string> }).__GOLDENRULE_SHADERS__;
  if (g) registerShaderSources(g);
  const r = registered.get(name);
  if (r !== undefined) return r;
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const f = path.join(dir, 'shaders', `${name}.wgsl`);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`WGSL source '${name}.wgsl' not found (looked for a shaders/ folder above ${fileURLToPath(import.meta.url)})`);
}

/** WGSL constants for the Philox stream ids (the single source is src/rng/streams.ts). */
export const STREAM_CONSTANTS_WGSL = Object.entries(Stream)
  .map(([k, v]) => `const STREAM_${k}: u32 = ${v}u;`)
  .join('\n');

/** The complete module source for a kernel: stream ids (for Philox users), its library files, then the kernel. */
export function shaderSource(name: ShaderName): Promise<string> {
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      const libs = REQUIRES[name] ?? [];
      const parts = await Promise.all([...libs, name].map((n) => readOne(n)));
      return (libs.includes('philox') ? [STREAM_CONSTANTS_WGSL, ...parts] : parts).join('\n');
    })();
    cache.set(name, p);
  }
  return p;
}
