/**
 * The exact fast path on the GPU (DESIGN.md section 3) for batches of samples:
 *   tridiag_gen   Lanczos tridiagonal of each sample from the CPU's Philox streams
 *   sturm_bisect  dot eigenvalues E_mu (bisection on Sturm counts, one invocation each) and weights q_mu = |v_mu(1)|^2
 *   secular       coupled roots e_a = E_o + delta relative to the nearest pole, p_a = 1/f'(e_a)
 *   pt_accumulate per-sample P(t_i) and P_res (phases reduced with host-split times)
 * Same sample as the CPU tridiagonal sampler for the same (seed, sample): the tridiagonal is identical up to f32
 * rounding; its spectral measure is computed by a different, f32-friendly route.
 *
 * Buffers live in `FastBatchSlot`s (two for double-buffered readback, see scheduler.ts); pipelines are cached per device.
 */
import { seedKey } from '../../rng/philox.js';
import { BINDINGS, KernelPass, compileKernel } from './kernel.js';
import { UniformLayout, createBuffer, READBACK, STORAGE, UNIFORM, MAP_READ_MODE } from './util.js';
import { splitTurns } from './pt.js';
import type { SeededModel } from '../../model/params.js';


const TRIDIAG = new UniformLayout([
  ['key_lo', 'u32'], ['key_hi', 'u32'], ['sample_base', 'u32'], ['batch', 'u32'], ['n_dot', 'u32'],
  ['beta', 'f32'], ['coupling_beta', 'f32'], ['diag_scale', 'f32'], ['off_scale', 'f32'], ['b0_scale', 'f32'], ['eps0', 'f32'],
] as const);
const STURM = new UniformLayout([['batch', 'u32'], ['n_dot', 'u32']] as const);
const SECULAR = new UniformLayout([['batch', 'u32'], ['n_dot', 'u32'], ['eps0', 'f32']] as const);
export const PT_PARAMS = new UniformLayout([['batch', 'u32'], ['n', 'u32'], ['n_times', 'u32']] as const);

/** Bytes of device memory per sample of a batch (for batch sizing). */
export function fastBytesPerSample(N: number, T: number): number {
  const n = N + 1;
  return 4 * (2 * n + 2 * N + 3 * n + 2 * (T + 1));
}
/** Largest per-sample array, bytes (each must fit maxStorageBufferBindingSize). */
export function fastLargestArrayPerSample(N: number, T: number): number {
  return 4 * Math.max(N + 1, T + 1);
}

export class FastBatchSlot {
  readonly params: GPUBuffer[];
  readonly diag: GPUBuffer;
  readonly offsq: GPUBuffer;
  readonly evals: GPUBuffer;
  readonly q: GPUBuffer;
  readonly eo: GPUBuffer;
  readonly dl: GPUBuffer;
  readonly pw: GPUBuffer;
  readonly pt: GPUBuffer;
  readonly readback: GPUBuffer;
  readonly groups: GPUBindGroup[];
  /** Samples [base, base + count) in flight in this slot. */
  base = 0;
  count = 0;

  constructor(readonly path: FastPathGpu, readonly index: number) {
    const d = path.device;
    const B = path.capacity;
    const N = path.model.N;
    const n = N + 1;
    const T = path.T;
    const L = `fast slot ${index}`;
    this.params = [TRIDIAG, STURM, SECULAR, PT_PARAMS].map((u, k) => createBuffer(d, `${L} params ${k}`, u.size, UNIFORM));
    this.diag = createBuffer(d, `${L} diag`, 4 * B * n, STORAGE);
    this.offsq = createBuffer(d, `${L} offsq`, 4 * B * n, STORAGE);
    this.evals = createBuffer(d, `${L} evals`, 4 * B * N, STORAGE);
    this.q = createBuffer(d, `${L} q`, 4 * B * N, STORAGE);
    this.eo = createBuffer(d, `${L} eo`, 4 * B * n, STORAGE);
    this.dl = createBuffer(d, `${L} dl`, 4 * B * n, STORAGE);
    this.pw = createBuffer(d, `${L} pw`, 4 * B * n, STORAGE);
    this.pt = createBuffer(d, `${L} pt`, 4 * B * (T + 1), STORAGE);
    this.readback = createBuffer(d, `${L} readback`, 4 * B * (T + 1), READBACK);
    const [gen, sturm, sec, pt] = path.passes;
    this.groups = [
      gen.bind(L, { 0: this.params[0], 1: this.diag, 2: this.offsq }),
      sturm.bind(L, { 0: this.params[1], 1: this.diag, 2: this.offsq, 3: this.evals, 4: this.q }),
      sec.bind(L, { 0: this.params[2], 1: this.evals, 2: this.q, 3: this.offsq, 4: this.eo, 5: this.dl, 6: this.pw }),
      pt.bind(L, { 0: this.params[3], 1: this.eo, 2: this.dl, 3: this.pw, 4: path.turns, 5: this.pt }),
    ];
  }

  destroy(): void {
    for (const b of [...this.params, this.diag, this.offsq, this.evals, this.q, this.eo, this.dl, this.pw, this.pt, this.readback]) b.destroy();
  }
}

export class FastPathGpu {
  readonly T: number;
  readonly turns: GPUBuffer;
  readonly slots: FastBatchSlot[];

  private constructor(
    readonly device: GPUDevice,
    readonly model: SeededModel,
    times: Float64Array,
    readonly capacity: number,
    readonly passes: KernelPass[],
    nSlots: number,
  ) {
    this.T = times.length;
    this.turns = createBuffer(device, 'fast turns', 8 * Math.max(1, this.T), STORAGE);
    device.queue.writeBuffer(this.turns, 0, splitTurns(times));
    this.slots = Array.from({ length: nSlots }, (_, i) => new FastBatchSlot(this, i));
  }

  static async create(device: GPUDevice, model: SeededModel, times: Float64Array, capacity: number, nSlots = 2): Promise<FastPathGpu> {
    if (model.ensemble.beta <= 0) throw new Error('FastPathGpu: Poisson dots are not on the GPU tridiagonal path (route them to the CPU)');
    const names = ['tridiag_gen', 'sturm_bisect', 'secular', 'pt_accumulate'] as const;
    const passes = await Promise.all(names.map(async (nm) => new KernelPass(device, await compileKernel(device, nm, BINDINGS[nm]), BINDINGS[nm])));
    return new FastPathGpu(device, model, times, capacity, passes, nSlots);
  }

  /** Record generation, spectra and P(t) for samples [base, base + count) into `encoder`, results into the slot. */
  encode(encoder: GPUCommandEncoder, slot: FastBatchSlot, base: number, count: number): void {
    if (count < 1 || count > this.capacity) throw new RangeError(`batch of ${count} samples, capacity ${this.capacity}`);
    if (base + count > 2 ** 32) throw new RangeError('sample index beyond 2^32 (Philox counter word)');
    const m = this.model;
    const N = m.N;
    const n = N + 1;
    const beta = m.ensemble.beta;
    const cb = m.ensemble.couplingBeta;
    const sigma2 = (m.lambda * m.lambda) / N;
    const [key_lo, key_hi] = seedKey(m.seed);
    const q = this.device.queue;
    q.writeBuffer(slot.params[0], 0, TRIDIAG.pack({
      key_lo, key_hi, sample_base: base, batch: count, n_dot: N, beta, coupling_beta: cb,
      diag_scale: Math.sqrt((2 * sigma2) / beta), off_scale: sigma2 / beta, b0_scale: (m.g * sigma2) / cb, eps0: m.eps0,
    }));
    q.writeBuffer(slot.params[1], 0, STURM.pack({ batch: count, n_dot: N }));
    q.writeBuffer(slot.params[2], 0, SECULAR.pack({ batch: count, n_dot: N, eps0: m.eps0 }));
    q.writeBuffer(slot.params[3], 0, PT_PARAMS.pack({ batch: count, n, n_times: this.T }));
    const [gen, sturm, sec, pt] = this.passes;
    gen.encode(encoder, slot.groups[0], count * n);
    sturm.encode(encoder, slot.groups[1], count * N);
    sec.encode(encoder, slot.groups[2], count * n);
    pt.encode(encoder, slot.groups[3], count * (this.T + 1));
    encoder.copyBufferToBuffer(slot.pt, 0, slot.readback, 0, 4 * count * (this.T + 1));
    slot.base = base;
    slot.count = count;
  }

  /** Submit one batch in `slot` (returns immediately; `collect` waits). */
  submit(slot: FastBatchSlot, base: number, count: number): void {
    const enc = this.device.createCommandEncoder({ label: `fast batch ${base}+${count}` });
    this.encode(enc, slot, base, count);
    this.device.queue.submit([enc.finish()]);
  }

  /** Wait for the slot's batch and copy out [count][T + 1] values: P(t_0..t_{T-1}), P_res per sample. */
  async collect(slot: FastBatchSlot): Promise<Float32Array> {
    const bytes = 4 * slot.count * (this.T + 1);
    await slot.readback.mapAsync(MAP_READ_MODE, 0, bytes);
    const out = new Float32Array(slot.readback.getMappedRange(0, bytes).slice(0));
    slot.readback.unmap();
    return out;
  }

  /** Debug/test access: the spectra of the slot's last batch (e = eo + dl in f64, p), plus dot eigenvalues. */
  async readSpectra(slot: FastBatchSlot): Promise<{ eo: Float32Array; dl: Float32Array; p: Float32Array; diag: Float32Array; offsq: Float32Array; evals: Float32Array; q: Float32Array }> {
    const { readBuffer } = await import('./util.js');
    const n = this.model.N + 1;
    const c = slot.count;
    const rd = async (b: GPUBuffer, len: number) => new Float32Array(await readBuffer(this.device, b, 4 * len));
    return {
      eo: await rd(slot.eo, c * n), dl: await rd(slot.dl, c * n), p: await rd(slot.pw, c * n),
      diag: await rd(slot.diag, c * n), offsq: await rd(slot.offsq, c * n),
      evals: await rd(slot.evals, c * this.model.N), q: await rd(slot.q, c * this.model.N),
    };
  }

  destroy(): void {
    for (const s of this.slots) s.destroy();
    this.turns.destroy();
  }
}
