/**
 * Shared by the WebGPU suites: one adapter/device per test file (vitest runs files in separate forks).
 * No adapter: with CI=true the suite fails (CI must really exercise the GPU code); elsewhere it is skipped with the reason.
 */
import { afterAll } from 'vitest';
import { acquireGpu, NoAdapterError, type GpuContext } from '../../src/backends/webgpu/device.js';
import { withErrorScopes } from '../../src/backends/webgpu/util.js';

export async function gpuForSuite(suite: string): Promise<GpuContext | null> {
  let ctx: GpuContext | null = null;
  try {
    ctx = await acquireGpu();
  } catch (e) {
    const reason = e instanceof NoAdapterError ? e.reason : String(e);
    if (process.env.CI === 'true') throw new Error(`[${suite}] CI=true but no WebGPU adapter: ${reason}`);
    console.warn(`[${suite}] skipping WebGPU tests: ${reason}`);
    return null;
  }
  console.info(`[${suite}] WebGPU adapter: ${ctx.info.summary}`);
  afterAll(() => ctx?.destroy());
  return ctx;
}

/** Run a test body inside validation / out-of-memory error scopes. */
export function scoped<T>(ctx: GpuContext, f: () => Promise<T>): Promise<T> {
  return withErrorScopes(ctx.device, f);
}
