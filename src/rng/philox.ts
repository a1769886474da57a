/**
 * Philox4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11),
 * the generator of Random123. Pure function of (counter, key): any draw can be regenerated anywhere, on any
 * backend, in any shard. The WGSL twin is `shaders/philox.wgsl`; both are tested on the Random123 known-answer vectors.
 *
 * Counter layout used throughout goldenrule (see `streams.ts`):
 *   counter = [element index k, sample index, stream id, block index j],  key = [seed mod 2^32, floor(seed / 2^32)]
 * so every matrix element of every sample owns an independent sequence of 4-word blocks.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32 values (16-bit pieces, exact in doubles). */
export function mulhi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a1 * b0 + ((a0 * b0) >>> 16);
  const w1 = (t & 0xffff) + a0 * b1;
  return (a1 * b1 + (t >>> 16) + (w1 >>> 16)) >>> 0;
}

/**
 * One Philox4x32-10 block: writes 4 uint32 into `out` (may alias nothing else).
 * @example philox4x32([0,0,0,0], [0,0], out) // out = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32(
  ctr: ArrayLike<number>,
  key: ArrayLike<number>,
  out: Uint32Array | number[],
): void {
  let c0 = ctr[0] >>> 0;
  let c1 = ctr[1] >>> 0;
  let c2 = ctr[2] >>> 0;
  let c3 = ctr[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi32(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** Largest seed accepted: seeds are integers in [0, 2^53 - 1] split into the two key words. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Key words of a seed. */
export function seedKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be an integer in [0, 2^53-1], got ${seed}`);
  }
  return [seed % 4294967296 >>> 0, Math.floor(seed / 4294967296) >>> 0];
}

/** 2^-52 */
const INV_2_52 = 1 / 4503599627370496;

/** Uniform in the open interval (0, 1) from two uint32 words: 52 random bits, centred in their cell. */
export function uniformFromWords(x: number, y: number): number {
  return ((x >>> 6) * 67108864 + (y >>> 6) + 0.5) * INV_2_52;
}

/**
 * A draw sequence for one (sample, stream, element): blocks j = 0, 1, 2, ... of Philox with
 * counter [element, sample, stream, j]. Reusable via `reset` so hot loops allocate nothing.
 *
 * Consumption rules (the GPU twin follows them exactly): `uniform` takes two words; `normal` takes one block
 * (two uniforms, Box-Muller) and returns its cosine branch, caching the sine branch for the next call;
 * `gamma` (Marsaglia-Tsang) draws normal then uniform per attempt.
 */
export class PhiloxStream {
  private readonly key: [number, number];
  private readonly ctr = new Uint32Array(4);
  private readonly buf = new Uint32Array(4);
  private pos = 4;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.key = seedKey(seed);
  }

  /** Start the sequence of (sample, stream, element) from block 0. */
  reset(sample: number, stream: number, element: number): this {
    this.ctr[0] = element >>> 0;
    this.ctr[1] = sample >>> 0;
    this.ctr[2] = stream >>> 0;
    this.ctr[3] = 0;
    this.pos = 4;
    this.hasSpare = false;
    return this;
  }

  /** Next uint32 of the sequence. */
  nextU32(): number {
    if (this.pos === 4) {
      philox4x32(this.ctr, this.key, this.buf);
      this.ctr[3] = (this.ctr[3] + 1) >>> 0;
      this.pos = 0;
    }
    return this.buf[this.pos++];
  }

  /** Uniform strictly inside (0, 1). */
  uniform(): number {
    const x = this.nextU32();
    return uniformFromWords(x, this.nextU32());
  }

  /** Standard normal (Box-Muller on two uniforms). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * u2;
    this.spare = r * Math.sin(th);
    this.hasSpare = true;
    return r * Math.cos(th);
  }

  /** Gamma(shape, 1) for real shape > 0 (Marsaglia-Tsang; shape < 1 by the U^(1/a) boost). */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be finite and > 0, got ${shape}`);
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      return g * Math.exp(Math.log(this.uniform()) / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const t = 1 + c * x;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = this.uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Chi-square with k > 0 (real) degrees of freedom: 2 Gamma(k/2). */
  chi2(k: number): number {
    return 2 * this.gamma(0.5 * k);
  }
}
