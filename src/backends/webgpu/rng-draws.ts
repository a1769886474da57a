/**
 * GPU pass: raw Philox draws (shaders/rng_draws.wgsl). Used by tests (bit-identity with src/rng/philox.ts) and benches.
 * The CPU twin with the same interface is `cpuRngDraws` below (a thin loop over PhiloxStream).
 */
import { PhiloxStream, philox4x32, seedKey } from '../../rng/philox.js';
import { shaderSource } from './shaders.js';
import { UniformLayout, cached, createBuffer, dispatchSize, readBuffer, STORAGE, UNIFORM } from './util.js';

export type RngDrawMode = 'block' | 'u32' | 'uniform' | 'normal' | 'chi2';
const MODE: Record<RngDrawMode, number> = { block: 0, u32: 1, uniform: 2, normal: 3, chi2: 4 };

export interface RngDrawRequest {
  mode: Exclude<RngDrawMode, 'block'>;
  seed: number;
  sample: number;
  stream: number;
  elementBase: number;
  /** Elements (one invocation each). */
  elements: number;
  /** Draws per element. */
  count: number;
  /** Degrees of freedom for 'chi2'. */
  dof?: number;
}

const PARAMS = new UniformLayout([
  ['key_lo', 'u32'], ['key_hi', 'u32'], ['sample', 'u32'], ['stream', 'u32'], ['element_base', 'u32'],
  ['invocations', 'u32'], ['count', 'u32'], ['mode', 'u32'], ['dof', 'f32'],
] as const);

const WG = 64;

export class RngDrawsPass {
  private constructor(readonly device: GPUDevice, readonly layout: GPUBindGroupLayout, readonly pipeline: GPUComputePipeline) {}

  static async create(device: GPUDevice): Promise<RngDrawsPass> {
    const code = await shaderSource('rng_draws');
    return cached(device, 'rng_draws', async () => {
      const layout = device.createBindGroupLayout({
        label: 'rng_draws layout',
        entries: [
          // params: RngDrawParams (which stream, which draws)
          { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
          // ctrs: (counter, key) pairs for mode 'block'
          { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
          // out: count u32 words per invocation
          { binding: 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        ],
      });
      const module = device.createShaderModule({ label: 'rng_draws.wgsl', code });
      const pipeline = await device.createComputePipelineAsync({
        label: 'rng_draws pipeline',
        layout: device.createPipelineLayout({ label: 'rng_draws pipeline layout', bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main', constants: { WG } },
      });
      return new RngDrawsPass(device, layout, pipeline);
    });
  }

  private async run(mode: number, p: Record<string, number>, ctrWords: Uint32Array | null, outWords: number, invocations: number): Promise<Uint32Array> {
    const d = this.device;
    const params = createBuffer(d, 'rng_draws params', PARAMS.size, UNIFORM);
    d.queue.writeBuffer(params, 0, PARAMS.pack({ ...(p as Record<string, number>), mode, invocations } as never));
    const ctrs = createBuffer(d, 'rng_draws ctrs', Math.max(32, ctrWords?.byteLength ?? 0), STORAGE);
    if (ctrWords) d.queue.writeBuffer(ctrs, 0, ctrWords as Uint32Array<ArrayBuffer>);
    const out = createBuffer(d, 'rng_draws out', outWords * 4, STORAGE);
    const bind = d.createBindGroup({
      label: 'rng_draws bind group',
      layout: this.layout,
      entries: [{ binding: 0, resource: { buffer: params } }, { binding: 1, resource: { buffer: ctrs } }, { binding: 2, resource: { buffer: out } }],
    });
    const enc = d.createCommandEncoder({ label: 'rng_draws' });
    const pass = enc.beginComputePass({ label: 'rng_draws pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bind);
    const [x, y] = dispatchSize(invocations, WG, d.limits.maxComputeWorkgroupsPerDimension);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    d.queue.submit([enc.finish()]);
    const res = new Uint32Array(await readBuffer(d, out, outWords * 4));
    params.destroy(); ctrs.destroy(); out.destroy();
    return res;
  }

  /** Philox blocks for (counter, key) pairs: 4 words each. */
  async blocks(items: ReadonlyArray<{ ctr: number[]; key: number[] }>): Promise<Uint32Array> {
    const w = new Uint32Array(items.length * 8);
    items.forEach((it, i) => { w.set(it.ctr, 8 * i); w.set(it.key, 8 * i + 4); });
    const zero = { key_lo: 0, key_hi: 0, sample: 0, stream: 0, element_base: 0, count: 4, dof: 0 };
    return this.run(MODE.block, zero, w, items.length * 4, items.length);
  }

  /** Draws per element: u32 words, or f32 values (uniform/normal/chi2) as a Float32Array view. */
  async draws(r: RngDrawRequest): Promise<Uint32Array | Float32Array> {
    const [lo, hi] = seedKey(r.seed);
    const words = await this.run(MODE[r.mode], {
      key_lo: lo, key_hi: hi, sample: r.sample, stream: r.stream, element_base: r.elementBase, count: r.count, dof: r.dof ?? 1,
    }, null, r.elements * r.count, r.elements);
    return r.mode === 'u32' ? words : new Float32Array(words.buffer, 0, words.length);
  }
}

/** CPU twin of RngDrawsPass (same requests; f64 values). */
export const cpuRngDraws = {
  blocks(items: ReadonlyArray<{ ctr: number[]; key: number[] }>): Uint32Array {
    const out = new Uint32Array(items.length * 4);
    const b = new Uint32Array(4);
    items.forEach((it, i) => { philox4x32(it.ctr, it.key, b); out.set(b, 4 * i); });
    return out;
  },
  draws(r: RngDrawRequest): Uint32Array | Float64Array {
    const st = new PhiloxStream(r.seed);
    const out = r.mode === 'u32' ? new Uint32Array(r.elements * r.count) : new Float64Array(r.elements * r.count);
    for (let i = 0; i < r.elements; i++) {
      st.reset(r.sample, r.stream, r.elementBase + i);
      for (let j = 0; j < r.count; j++) {
        out[i * r.count + j] = r.mode === 'u32' ? st.nextU32() : r.mode === 'uniform' ? st.uniform() : r.mode === 'normal' ? st.normal() : st.chi2(r.dof ?? 1);
      }
    }
    return out;
  },
};
