/**
 * GPU pass: batched parallel cyclic Jacobi for complex Hermitian matrices (shaders/jacobi.wgsl), one workgroup per
 * sample. The CPU twin with the same interface is `cpuJacobi` (jacobi-twin.ts).
 *
 * @example
 * const pass = await JacobiPass.create(device, m);
 * const out = await pass.run([{ re, im }], { kramers: false });   // tests and one-off use
 * // out[0] = { e, p, nOut, sweeps, converged, offRel, norm }   (e, p as Float32Array)
 * // batched use: JacobiBuffers + pass.encode(encoder, buffers, count, opts), as in dense.ts.
 */
import { KernelPass, compileKernel, type BindingSpec } from './kernel.js';
import { JACOBI_DEFAULT_MAX_SWEEPS, JACOBI_DEFAULT_TOL, type JacobiOptions } from './jacobi-twin.js';
import { UniformLayout, createBuffer, readBuffer, STORAGE, UNIFORM } from './util.js';

/** TS side of the binding contract in shaders/jacobi.wgsl. */
export const JACOBI_BINDINGS = [
  { binding: 0, kind: 'uniform', doc: 'JacobiParams: batch, m, n_out, kramers, max_sweeps, tol' },
  { binding: 1, kind: 'rw', doc: 'a [batch][m][m] vec2: complex Hermitian input, overwritten' },
  { binding: 2, kind: 'rw', doc: 'v [batch][m] vec2: scratch, first row of the eigenvector matrix' },
  { binding: 3, kind: 'rw', doc: 'rot [batch][M/2][2] vec4: scratch, rotations of a round' },
  { binding: 4, kind: 'rw', doc: 'eig [batch][m]: eigenvalues ascending (Kramers: n_out levels, then 0)' },
  { binding: 5, kind: 'rw', doc: 'wt [batch][m]: weights on |0>, same order' },
  { binding: 6, kind: 'rw', doc: 'info [batch] vec4<u32>: sweeps, converged, off/||A|| (f32 bits), ||A|| (f32 bits)' },
] as const satisfies readonly BindingSpec[];

export const JACOBI_PARAMS = new UniformLayout([
  ['batch', 'u32'], ['m', 'u32'], ['n_out', 'u32'], ['kramers', 'u32'], ['max_sweeps', 'u32'], ['tol', 'f32'],
] as const);

/** Workgroup size for matrices of size m: a power of two within the device limits (more threads for bigger blocks). */
export function jacobiWorkgroupSize(m: number, limits: GPUSupportedLimits): number {
  const want = m <= 16 ? 32 : m <= 64 ? 64 : m <= 128 ? 128 : 256;
  const cap = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  let wg = 1;
  while (wg * 2 <= Math.min(want, cap)) wg *= 2;
  return wg;
}

/** Per-sample device memory of the Jacobi buffers, bytes. */
export function jacobiBytesPerSample(m: number): number {
  const M = m + (m & 1);
  return 8 * m * m + 8 * m + 32 * (M / 2) + 4 * m + 4 * m + 16;
}

/** Storage for `capacity` matrices of size m; `a` is filled by the caller (dense_gen or a write). */
export class JacobiBuffers {
  readonly params: GPUBuffer;
  readonly a: GPUBuffer;
  readonly v: GPUBuffer;
  readonly rot: GPUBuffer;
  readonly eig: GPUBuffer;
  readonly wt: GPUBuffer;
  readonly info: GPUBuffer;
  readonly group: GPUBindGroup;

  constructor(readonly pass: JacobiPass, readonly capacity: number, label: string) {
    const d = pass.device;
    const m = pass.m;
    const M = m + (m & 1);
    const B = capacity;
    this.params = createBuffer(d, `${label} jacobi params`, JACOBI_PARAMS.size, UNIFORM);
    this.a = createBuffer(d, `${label} matrices`, 8 * B * m * m, STORAGE);
    this.v = createBuffer(d, `${label} first row`, 8 * B * m, STORAGE);
    this.rot = createBuffer(d, `${label} rotations`, 32 * B * (M / 2), STORAGE);
    this.eig = createBuffer(d, `${label} eigenvalues`, 4 * B * m, STORAGE);
    this.wt = createBuffer(d, `${label} weights`, 4 * B * m, STORAGE);
    this.info = createBuffer(d, `${label} jacobi info`, 16 * B, STORAGE);
    this.group = pass.kernel.bind(label, { 0: this.params, 1: this.a, 2: this.v, 3: this.rot, 4: this.eig, 5: this.wt, 6: this.info });
  }

  destroy(): void {
    for (const b of [this.params, this.a, this.v, this.rot, this.eig, this.wt, this.info]) b.destroy();
  }
}

export interface JacobiGpuResult {
  e: Float32Array;
  p: Float32Array;
  nOut: number;
  sweeps: number;
  converged: boolean;
  offRel: number;
  norm: number;
}

export class JacobiPass {
  private constructor(readonly device: GPUDevice, readonly m: number, readonly kernel: KernelPass) {}

  /** Pipeline for matrices of size m (compiled once per device and workgroup size). */
  static async create(device: GPUDevice, m: number): Promise<JacobiPass> {
    if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`JacobiPass: bad size m = ${m}`);
    const wg = jacobiWorkgroupSize(m, device.limits);
    const k = await compileKernel(device, 'jacobi', JACOBI_BINDINGS, wg);
    return new JacobiPass(device, m, new KernelPass(device, k, JACOBI_BINDINGS));
  }

  /** Record the diagonalisation of the first `count` matrices of `buf` (caller submits). */
  encode(encoder: GPUCommandEncoder, buf: JacobiBuffers, count: number, opts: JacobiOptions = {}): void {
    if (count < 1 || count > buf.capacity) throw new RangeError(`jacobi batch of ${count}, capacity ${buf.capacity}`);
    const kramers = !!opts.kramers;
    if (kramers && this.m % 2 !== 0) throw new RangeError('jacobi: kramers needs an even size');
    this.device.queue.writeBuffer(buf.params, 0, JACOBI_PARAMS.pack({
      batch: count, m: this.m, n_out: kramers ? this.m / 2 : this.m, kramers: kramers ? 1 : 0,
      max_sweeps: opts.maxSweeps ?? JACOBI_DEFAULT_MAX_SWEEPS, tol: opts.tol ?? JACOBI_DEFAULT_TOL,
    }));
    this.kernel.encode(encoder, buf.group, count * this.kernel.kernel.wg);
  }

  /** Read back the results of the last `count` matrices. */
  async read(buf: JacobiBuffers, count: number, kramers = false): Promise<JacobiGpuResult[]> {
    const m = this.m;
    const e = new Float32Array(await readBuffer(this.device, buf.eig, 4 * count * m));
    const p = new Float32Array(await readBuffer(this.device, buf.wt, 4 * count * m));
    const info = await readBuffer(this.device, buf.info, 16 * count);
    return decodeInfo(info, count).map((inf, s) => ({
      e: e.slice(s * m, (s + 1) * m), p: p.slice(s * m, (s + 1) * m), nOut: kramers ? m / 2 : m, ...inf,
    }));
  }

  /** Upload matrices (complex, size m), diagonalise, read back: for tests and small one-off problems. */
  async run(mats: ReadonlyArray<{ re: ArrayLike<number>; im: ArrayLike<number> }>, opts: JacobiOptions = {}): Promise<JacobiGpuResult[]> {
    const m = this.m;
    const buf = new JacobiBuffers(this, mats.length, 'jacobi run');
    try {
      const data = new Float32Array(2 * m * m * mats.length);
      mats.forEach((x, s) => {
        for (let i = 0; i < m * m; i++) { data[2 * (s * m * m + i)] = x.re[i]; data[2 * (s * m * m + i) + 1] = x.im[i]; }
      });
      this.device.queue.writeBuffer(buf.a, 0, data);
      const enc = this.device.createCommandEncoder({ label: 'jacobi run' });
      this.encode(enc, buf, mats.length, opts);
      this.device.queue.submit([enc.finish()]);
      return await this.read(buf, mats.length, !!opts.kramers);
    } finally {
      buf.destroy();
    }
  }
}

/** Decode the info words of `count` samples. */
export function decodeInfo(info: ArrayBuffer, count: number): { sweeps: number; converged: boolean; offRel: number; norm: number }[] {
  const u = new Uint32Array(info, 0, 4 * count);
  const f = new Float32Array(info, 0, 4 * count);
  return Array.from({ length: count }, (_, s) => ({ sweeps: u[4 * s], converged: u[4 * s + 1] === 1, offRel: f[4 * s + 2], norm: f[4 * s + 3] }));
}
