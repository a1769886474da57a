/**
 * The literal dense path on the GPU (DESIGN.md section 4) for batches of samples:
 *   dense_gen      H_tot / lambda of each sample, entry by entry from the CPU dense sampler's Philox streams
 *                  (complex Hermitian; GSE in its 2n complex form)
 *   jacobi         parallel cyclic Jacobi, first row of the eigenvectors only: e_a, p_a, converged flag, sweeps
 *   pt_accumulate  per-sample P(t_i) and P_res (the fast path's kernel; times scaled by lambda, eigenvalue low part 0)
 * Same sample as the CPU DenseSampler for the same (seed, sample): the matrix agrees to f32 rounding (dense-twin.ts is
 * the oracle); its spectrum to the f32 Jacobi accuracy (~1e-6 ||H||).
 *
 * Buffers live in `DenseBatchSlot`s (two for double-buffered readback, see dense-scheduler.ts); pipelines are cached per
 * device.
 */
import { seedKey } from '../../rng/philox.js';
import { BINDINGS, KernelPass, compileKernel, type BindingSpec } from './kernel.js';
import { JacobiBuffers, JacobiPass, decodeInfo, jacobiBytesPerSample } from './jacobi.js';
import { JACOBI_DEFAULT_MAX_SWEEPS, JACOBI_DEFAULT_TOL, type JacobiOptions } from './jacobi-twin.js';
import { denseShape } from './dense-twin.js';
import { PT_PARAMS } from './fast-path.js';
import { splitTurns } from './pt.js';
import { UniformLayout, createBuffer, readBuffer, READBACK, STORAGE, UNIFORM, MAP_READ_MODE } from './util.js';
import type { SeededModel } from '../../model/params.js';


/** TS side of the binding contract in shaders/dense_gen.wgsl. */
export const DENSE_GEN_BINDINGS = [
  { binding: 0, kind: 'uniform', doc: 'DenseGenParams: key, sample base, batch, N, components, scales / lambda, eps0 / lambda' },
  { binding: 1, kind: 'rw', doc: 'a [batch][m][m] vec2: H_tot / lambda, complex Hermitian (GSE: 2n complex form)' },
] as const satisfies readonly BindingSpec[];

export const DENSE_GEN_PARAMS = new UniformLayout([
  ['key_lo', 'u32'], ['key_hi', 'u32'], ['sample_base', 'u32'], ['batch', 'u32'], ['n_dot', 'u32'], ['components', 'u32'],
  ['w_scale', 'f32'], ['diag_scale', 'f32'], ['off_scale', 'f32'], ['eps0', 'f32'],
] as const);

/** The dense_gen pass: fills JacobiBuffers.a with the matrices of samples [base, base + count). */
export class DenseGenPass {
  readonly n: number;
  readonly m: number;
  private constructor(readonly device: GPUDevice, readonly model: SeededModel, readonly kernel: KernelPass) {
    const sh = denseShape(model.ensemble, model.N);
    this.n = sh.n;
    this.m = sh.m;
  }

  static async create(device: GPUDevice, model: SeededModel): Promise<DenseGenPass> {
    denseShape(model.ensemble, model.N); // validates the ensemble
    const k = await compileKernel(device, 'dense_gen', DENSE_GEN_BINDINGS);
    return new DenseGenPass(device, model, new KernelPass(device, k, DENSE_GEN_BINDINGS));
  }

  /** Uniform values for samples [base, base + count): scales computed in f64, divided by lambda. */
  params(base: number, count: number): ArrayBuffer {
    const { ensemble, N, g, lambda, eps0, seed } = this.model;
    const c = ensemble.couplingBeta;
    const sigma2 = (lambda * lambda) / N;
    const [key_lo, key_hi] = seedKey(seed);
    return DENSE_GEN_PARAMS.pack({
      key_lo, key_hi, sample_base: base, batch: count, n_dot: N, components: c,
      w_scale: Math.sqrt((g * sigma2) / c) / lambda, diag_scale: Math.sqrt((2 * sigma2) / ensemble.beta) / lambda,
      off_scale: Math.sqrt(sigma2 / c) / lambda, eps0: eps0 / lambda,
    });
  }

  /** Record generation into `group` (bound to a params buffer and a matrix buffer of at least `count` matrices). */
  encode(encoder: GPUCommandEncoder, group: GPUBindGroup, paramsBuf: GPUBuffer, base: number, count: number): void {
    if (base + count > 2 ** 32) throw new RangeError('sample index beyond 2^32 (Philox counter word)');
    if (this.model.N * this.model.N >= 2 ** 32) throw new RangeError('N^2 beyond 2^32 (Philox element word)');
    this.device.queue.writeBuffer(paramsBuf, 0, this.params(base, count));
    this.kernel.encode(encoder, group, count * this.n * this.n);
  }
}

/** Bytes of device memory per sample of a batch (for batch sizing). */
export function denseBytesPerSample(m: number, T: number): number {
  return jacobiBytesPerSample(m) + 4 * m + 4 * (T + 1) * 2;
}
/** Largest per-sample array, bytes (each must fit maxStorageBufferBindingSize). */
export function denseLargestArrayPerSample(m: number, T: number): number {
  return Math.max(8 * m * m, 4 * (T + 1));
}

export class DenseBatchSlot {
  readonly genParams: GPUBuffer;
  readonly ptParams: GPUBuffer;
  readonly jac: JacobiBuffers;
  readonly zero: GPUBuffer;
  readonly pt: GPUBuffer;
  readonly readback: GPUBuffer;
  readonly infoReadback: GPUBuffer;
  readonly genGroup: GPUBindGroup;
  readonly ptGroup: GPUBindGroup;
  base = 0;
  count = 0;

  constructor(readonly path: DensePathGpu, readonly index: number) {
    const d = path.device;
    const B = path.capacity;
    const m = path.m;
    const T = path.T;
    const L = `dense slot ${index}`;
    this.genParams = createBuffer(d, `${L} gen params`, DENSE_GEN_PARAMS.size, UNIFORM);
    this.ptParams = createBuffer(d, `${L} pt params`, PT_PARAMS.size, UNIFORM);
    this.jac = new JacobiBuffers(path.jacobi, B, L);
    this.zero = createBuffer(d, `${L} eigenvalue low part (zero)`, 4 * B * m, STORAGE);
    this.pt = createBuffer(d, `${L} pt`, 4 * B * (T + 1), STORAGE);
    this.readback = createBuffer(d, `${L} pt readback`, 4 * B * (T + 1), READBACK);
    this.infoReadback = createBuffer(d, `${L} info readback`, 16 * B, READBACK);
    this.genGroup = path.gen.kernel.bind(L, { 0: this.genParams, 1: this.jac.a });
    this.ptGroup = path.ptPass.bind(L, { 0: this.ptParams, 1: this.jac.eig, 2: this.zero, 3: this.jac.wt, 4: path.turns, 5: this.pt });
  }

  destroy(): void {
    this.jac.destroy();
    for (const b of [this.genParams, this.ptParams, this.zero, this.pt, this.readback, this.infoReadback]) b.destroy();
  }
}

/** Per-sample results of a collected batch: P(t_0..t_{T-1}), P_res rows and the Jacobi status. */
export interface DenseBatchResult {
  rows: Float32Array;
  sweeps: Uint32Array;
  converged: Uint8Array;
  offRel: Float32Array;
}

export class DensePathGpu {
  readonly T: number;
  readonly n: number;
  readonly m: number;
  readonly kramers: boolean;
  readonly turns: GPUBuffer;
  readonly slots: DenseBatchSlot[];
  readonly jacobiOptions: Required<Omit<JacobiOptions, 'kramers'>>;

  private constructor(
    readonly device: GPUDevice,
    readonly model: SeededModel,
    times: Float64Array,
    readonly capacity: number,
    readonly gen: DenseGenPass,
    readonly jacobi: JacobiPass,
    readonly ptPass: KernelPass,
    nSlots: number,
    opts: JacobiOptions,
  ) {
    const sh = denseShape(model.ensemble, model.N);
    this.n = sh.n;
    this.m = sh.m;
    this.kramers = sh.kramers;
    this.T = times.length;
    this.jacobiOptions = { tol: opts.tol ?? JACOBI_DEFAULT_TOL, maxSweeps: opts.maxSweeps ?? JACOBI_DEFAULT_MAX_SWEEPS };
    // eigenvalues are in units of lambda on the GPU: phases e t = (e / lambda) (lambda t)
    this.turns = createBuffer(device, 'dense turns', 8 * Math.max(1, this.T), STORAGE);
    device.queue.writeBuffer(this.turns, 0, splitTurns(times.map((t) => t * model.lambda)));
    this.slots = Array.from({ length: nSlots }, (_, i) => new DenseBatchSlot(this, i));
  }

  static async create(device: GPUDevice, model: SeededModel, times: Float64Array, capacity: number, nSlots = 2, opts: JacobiOptions = {}): Promise<DensePathGpu> {
    const sh = denseShape(model.ensemble, model.N);
    const [gen, jacobi, pt] = await Promise.all([
      DenseGenPass.create(device, model),
      JacobiPass.create(device, sh.m),
      compileKernel(device, 'pt_accumulate', BINDINGS.pt_accumulate).then((k) => new KernelPass(device, k, BINDINGS.pt_accumulate)),
    ]);
    return new DensePathGpu(device, model, times, capacity, gen, jacobi, pt, nSlots, opts);
  }

  /** Record generation, diagonalisation and P(t) for samples [base, base + count) into `encoder`. */
  encode(encoder: GPUCommandEncoder, slot: DenseBatchSlot, base: number, count: number): void {
    if (count < 1 || count > this.capacity) throw new RangeError(`batch of ${count} samples, capacity ${this.capacity}`);
    this.gen.encode(encoder, slot.genGroup, slot.genParams, base, count);
    this.jacobi.encode(encoder, slot.jac, count, { ...this.jacobiOptions, kramers: this.kramers });
    this.device.queue.writeBuffer(slot.ptParams, 0, PT_PARAMS.pack({ batch: count, n: this.m, n_times: this.T }));
    this.ptPass.encode(encoder, slot.ptGroup, count * (this.T + 1));
    encoder.copyBufferToBuffer(slot.pt, 0, slot.readback, 0, 4 * count * (this.T + 1));
    encoder.copyBufferToBuffer(slot.jac.info, 0, slot.infoReadback, 0, 16 * count);
    slot.base = base;
    slot.count = count;
  }

  /** Submit one batch in `slot` (returns immediately; `collect` waits). */
  submit(slot: DenseBatchSlot, base: number, count: number): void {
    const enc = this.device.createCommandEncoder({ label: `dense batch ${base}+${count}` });
    this.encode(enc, slot, base, count);
    this.device.queue.submit([enc.finish()]);
  }

  /** Wait for the slot's batch: [count][T + 1] values (P(t_0..t_{T-1}), P_res) and the Jacobi status per sample. */
  async collect(slot: DenseBatchSlot): Promise<DenseBatchResult> {
    const c = slot.count;
    const bytes = 4 * c * (this.T + 1);
    await Promise.all([slot.readback.mapAsync(MAP_READ_MODE, 0, bytes), slot.infoReadback.mapAsync(MAP_READ_MODE, 0, 16 * c)]);
    const rows = new Float32Array(slot.readback.getMappedRange(0, bytes).slice(0));
    const info = decodeInfo(slot.infoReadback.getMappedRange(0, 16 * c).slice(0), c);
    slot.readback.unmap();
    slot.infoReadback.unmap();
    return {
      rows,
      sweeps: Uint32Array.from(info, (x) => x.sweeps),
      converged: Uint8Array.from(info, (x) => (x.converged ? 1 : 0)),
      offRel: Float32Array.from(info, (x) => x.offRel),
    };
  }

  /**
   * Debug/test access: the slot's last spectra, [count][m] each: eigenvalues in physical units (the f32 values, which are
   * in units of lambda, times lambda), weights; the first nOut entries of a sample are its levels (Kramers: then weight 0).
   */
  async readSpectra(slot: DenseBatchSlot): Promise<{ e: Float64Array; p: Float32Array; nOut: number }> {
    const c = slot.count;
    const m = this.m;
    const e = new Float32Array(await readBuffer(this.device, slot.jac.eig, 4 * c * m));
    const p = new Float32Array(await readBuffer(this.device, slot.jac.wt, 4 * c * m));
    return { e: Float64Array.from(e, (x) => x * this.model.lambda), p, nOut: this.kramers ? this.n : m };
  }

  /** Debug/test access: run only dense_gen for samples [base, base + count) and read the matrices back ([count][m][m] (re, im)). */
  async generateOnly(base: number, count: number, slot = this.slots[0]): Promise<Float32Array> {
    const enc = this.device.createCommandEncoder({ label: `dense gen ${base}+${count}` });
    this.gen.encode(enc, slot.genGroup, slot.genParams, base, count);
    this.device.queue.submit([enc.finish()]);
    return new Float32Array(await readBuffer(this.device, slot.jac.a, 8 * count * this.m * this.m));
  }

  destroy(): void {
    for (const s of this.slots) s.destroy();
    this.turns.destroy();
  }
}
