/**
 * Base of every GPU pass: one WGSL kernel, an explicit bind-group layout (built once, entries documented by the
 * subclass), one compute pipeline per (device, kernel, workgroup size), cached. `encode` records one dispatch of
 * `invocations` threads (split over x and y) into a caller's encoder; the caller submits.
 */
import { shaderSource, type ShaderName } from './shaders.js';
import { cached, dispatchSize } from './util.js';

export type BindingKind = 'uniform' | 'read' | 'rw';

export interface BindingSpec {
  binding: number;
  kind: BindingKind;
  /** What the buffer holds (mirrors the binding contract comment in the .wgsl). */
  doc: string;
}

export interface CompiledKernel {
  readonly name: ShaderName;
  readonly layout: GPUBindGroupLayout;
  readonly pipeline: GPUComputePipeline;
  readonly wg: number;
}

/** Compile (once per device) the kernel `name` with the given layout. */
export function compileKernel(device: GPUDevice, name: ShaderName, bindings: readonly BindingSpec[], wg = 64): Promise<CompiledKernel> {
  return cached(device, `${name}:wg=${wg}`, async () => {
    const code = await shaderSource(name);
    const layout = device.createBindGroupLayout({
      label: `${name} layout`,
      entries: bindings.map((b) => ({
        binding: b.binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: b.kind === 'uniform' ? 'uniform' : b.kind === 'read' ? 'read-only-storage' : 'storage' } as GPUBufferBindingLayout,
      })),
    });
    const module = device.createShaderModule({ label: `${name}.wgsl`, code });
    const pipeline = await device.createComputePipelineAsync({
      label: `${name} pipeline`,
      layout: device.createPipelineLayout({ label: `${name} pipeline layout`, bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main', constants: { WG: wg } },
    });
    return { name, layout, pipeline, wg };
  });
}

export class KernelPass {
  constructor(readonly device: GPUDevice, readonly kernel: CompiledKernel, readonly bindings: readonly BindingSpec[]) {}

  /** Bind buffers by binding number (every binding of the contract must be given). */
  bind(label: string, buffers: Record<number, GPUBuffer>): GPUBindGroup {
    return this.device.createBindGroup({
      label: `${this.kernel.name} ${label}`,
      layout: this.kernel.layout,
      entries: this.bindings.map((b) => {
        const buf = buffers[b.binding];
        if (!buf) throw new Error(`${this.kernel.name}: binding ${b.binding} (${b.doc}) not given`);
        return { binding: b.binding, resource: { buffer: buf } };
      }),
    });
  }

  encode(encoder: GPUCommandEncoder, group: GPUBindGroup, invocations: number): void {
    const pass = encoder.beginComputePass({ label: `${this.kernel.name} pass` });
    pass.setPipeline(this.kernel.pipeline);
    pass.setBindGroup(0, group);
    const [x, y] = dispatchSize(invocations, this.kernel.wg, this.device.limits.maxComputeWorkgroupsPerDimension);
    pass.dispatchWorkgroups(x, y);
    pass.end();
  }
}

/** Bindings of each kernel: the TS side of the binding contracts written in shaders/*.wgsl. */
export const BINDINGS = {
  tridiag_gen: [
    { binding: 0, kind: 'uniform', doc: 'TridiagParams: key, sample base, batch, N, beta, scales, eps0' },
    { binding: 1, kind: 'rw', doc: 'diag [batch][n]: a_0..a_N' },
    { binding: 2, kind: 'rw', doc: 'offsq [batch][n]: b_0^2..b_{N-1}^2, 0' },
  ],
  sturm_bisect: [
    { binding: 0, kind: 'uniform', doc: 'SturmParams: batch, N' },
    { binding: 1, kind: 'read', doc: 'diag [batch][n]' },
    { binding: 2, kind: 'read', doc: 'offsq [batch][n]' },
    { binding: 3, kind: 'rw', doc: 'evals [batch][N]: dot eigenvalues E_mu' },
    { binding: 4, kind: 'rw', doc: 'q [batch][N]: first-component weights of the dot' },
  ],
  secular: [
    { binding: 0, kind: 'uniform', doc: 'SecularParams: batch, N, eps0' },
    { binding: 1, kind: 'read', doc: 'evals [batch][N]' },
    { binding: 2, kind: 'read', doc: 'q [batch][N]' },
    { binding: 3, kind: 'read', doc: 'offsq [batch][n]: b_0^2 at [s][0]' },
    { binding: 4, kind: 'rw', doc: 'eo [batch][n]: root origin pole (high part)' },
    { binding: 5, kind: 'rw', doc: 'dl [batch][n]: root offset from the pole (low part)' },
    { binding: 6, kind: 'rw', doc: 'pw [batch][n]: weights p_a' },
  ],
  pt_accumulate: [
    { binding: 0, kind: 'uniform', doc: 'PtParams: batch, n, T' },
    { binding: 1, kind: 'read', doc: 'eo [batch][n]: eigenvalue high part' },
    { binding: 2, kind: 'read', doc: 'dl [batch][n]: eigenvalue low part' },
    { binding: 3, kind: 'read', doc: 'pw [batch][n]: weights' },
    { binding: 4, kind: 'read', doc: 'turns [T]: (s_hi, s_lo), s = t/(2 pi)' },
    { binding: 5, kind: 'rw', doc: 'pt [batch][T+1]: P(t_i) then P_res' },
  ],
} as const satisfies Record<string, readonly BindingSpec[]>;
