/**
 * Small shared pieces of the WebGPU backend: uniform packing by named fields (no magic byte offsets), 2-D dispatch
 * sizing (x and y when more than 65535 workgroups are needed), buffers, and the per-device pipeline cache.
 */

/** A uniform struct of 4-byte scalars, in declaration order (matches the WGSL struct of the same fields). */
export type FieldType = 'u32' | 'f32' | 'i32';
export class UniformLayout<K extends string> {
  readonly size: number;
  private readonly index = new Map<string, [number, FieldType]>();
  constructor(readonly fields: ReadonlyArray<readonly [K, FieldType]>) {
    fields.forEach(([n, t], i) => this.index.set(n, [i * 4, t]));
    this.size = Math.max(16, Math.ceil((fields.length * 4) / 16) * 16);
  }
  pack(values: Record<K, number>): ArrayBuffer {
    const buf = new ArrayBuffer(this.size);
    const dv = new DataView(buf);
    for (const [n, [off, t]] of this.index) {
      const v = values[n as K];
      if (v === undefined || !Number.isFinite(v)) throw new Error(`uniform field ${n}: bad value ${v}`);
      if (t === 'u32') dv.setUint32(off, v >>> 0, true);
      else if (t === 'i32') dv.setInt32(off, v | 0, true);
      else dv.setFloat32(off, v, true);
    }
    return buf;
  }
}

/** Workgroup counts for `invocations` threads in groups of `wg`: x up to maxPerDim, the rest over y. */
export function dispatchSize(invocations: number, wg: number, maxPerDim = 65535): [number, number] {
  const groups = Math.max(1, Math.ceil(invocations / wg));
  if (groups <= maxPerDim) return [groups, 1];
  const y = Math.ceil(groups / maxPerDim);
  if (y > maxPerDim) throw new RangeError(`dispatch of ${invocations} invocations exceeds ${maxPerDim}^2 workgroups`);
  return [maxPerDim, y];
}

export function createBuffer(device: GPUDevice, label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
  return device.createBuffer({ label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
}

export const STORAGE = 0x0080 | 0x0008 | 0x0004; // STORAGE | COPY_DST | COPY_SRC (GPUBufferUsage values; globals may be absent at import)
export const UNIFORM = 0x0040 | 0x0008; // UNIFORM | COPY_DST
export const READBACK = 0x0001 | 0x0008; // MAP_READ | COPY_DST
export const MAP_READ_MODE = 0x0001; // GPUMapMode.READ

/** Pipelines and layouts cached per device, keyed by everything that changes the shader (name + overrides). */
const caches = new WeakMap<GPUDevice, Map<string, unknown>>();
export function cached<T>(device: GPUDevice, key: string, make: () => T): T {
  let m = caches.get(device);
  if (!m) caches.set(device, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** Run `f` inside validation and out-of-memory error scopes; throws the first GPU error. */
export async function withErrorScopes<T>(device: GPUDevice, f: () => Promise<T> | T): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T;
  try {
    result = await f();
  } finally {
    const v = await device.popErrorScope();
    const o = await device.popErrorScope();
    if (v) throw new Error(`WebGPU validation error: ${v.message}`);
    if (o) throw new Error(`WebGPU out-of-memory error: ${o.message}`);
  }
  return result;
}

/** Copy a storage buffer's first `size` bytes to the host. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, size: number): Promise<ArrayBuffer> {
  const rb = createBuffer(device, `${src.label}:readback`, size, READBACK);
  const enc = device.createCommandEncoder({ label: 'readBuffer' });
  enc.copyBufferToBuffer(src, 0, rb, 0, Math.ceil(size / 4) * 4);
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(MAP_READ_MODE);
  const out = rb.getMappedRange(0, Math.ceil(size / 4) * 4).slice(0, size);
  rb.unmap();
  rb.destroy();
  return out;
}
