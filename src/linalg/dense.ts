import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Dense Hermitian eigen-solve with ml-matrix (DESIGN.md section 4): spectral measure of basis vector 0.
 * - real symmetric: direct;
 * - complex Hermitian A + iB: real embedding [[A, -B], [B, A]] (each eigenvalue twice; weights of a pair summed);
 * - quaternion self-dual: its 2n x 2n complex form, then the real embedding (each eigenvalue four times).
 * Input is checked for non-finite entries first (ml-matrix loops forever on NaN) and symmetrised before the call.
 */
export type DenseField = 'real' | 'complex' | 'quaternion';

export function assertFinite(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`${what}: non-finite entry at index ${i} (${a[i]}); refusing to diagonalise`);
  }
}

/**
 * Eigenvalues (ascending, multiplicity removed) and weights on basis vector 0 of a real symmetric matrix given in
 * real-embedded form, with each eigenvalue repeated `mult` times.
 * @param m row-major real symmetric matrix of size dim x dim
 */
export function embeddedSpectrum(m: Float64Array, dim: number, mult: number, outE: Float64Array, outP: Float64Array): void {
  if (!Number.isInteger(dim) || dim < 1 || m.length < dim * dim || dim % mult !== 0) {
    throw new RangeError(`dense eigen-solve: size ${dim} does not match a matrix of ${m.length} entries`);
  }
  assertFinite(m, 'dense eigen-solve');
  const rows: number[][] = new Array(dim);
  for (let i = 0; i < dim; i++) {
    const r = new Array<number>(dim);
    // Symmetrise as (a + b)/2 computed as a/2 + b/2, which cannot overflow for finite a and b.
    for (let j = 0; j < dim; j++) r[j] = 0.5 * m[i * dim + j] + 0.5 * m[j * dim + i];
    rows[i] = r;
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const ev = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = ev.map((_, i) => i).sort((i, j) => ev[i] - ev[j]);
  const n = dim / mult;
  for (let a = 0; a < n; a++) {
    let e = 0, p = 0;
    for (let r = 0; r < mult; r++) {
      const idx = order[a * mult + r];
      e += ev[idx];
      const v = V.get(0, idx);
      p += v * v;
    }
    outE[a] = e / mult;
    outP[a] = p;
  }
}

/** Real symmetric n x n (row-major). */
export function realSymmetricSpectrum(a: Float64Array, n: number, outE: Float64Array, outP: Float64Array): void {
  embeddedSpectrum(a, n, 1, outE, outP);
}

/** Complex Hermitian n x n given as real part `re` and imaginary part `im` (row-major). */
export function complexHermitianSpectrum(re: Float64Array, im: Float64Array, n: number, outE: Float64Array, outP: Float64Array): void {
  assertFinite(re, 'dense eigen-solve (real part)');
  assertFinite(im, 'dense eigen-solve (imaginary part)');
  const d = 2 * n;
  const m = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = re[i * n + j], y = im[i * n + j];
      m[i * d + j] = x;
      m[(i + n) * d + (j + n)] = x;
      m[i * d + (j + n)] = -y;
      m[(i + n) * d + j] = y;
    }
  }
  embeddedSpectrum(m, d, 2, outE, outP);
}

/**
 * Quaternion self-dual n x n: entry (i, j) = q0 + i q1 + j q2 + k q3 given as four row-major real arrays, as the
 * 2x2 complex block [[q0 + i q3, q2 + i q1], [-q2 + i q1, q0 - i q3]]. Kramers pairs: eigenvalues counted once;
 * weight = return probability of the first state of pair 0.
 */
export function quaternionSpectrum(q: [Float64Array, Float64Array, Float64Array, Float64Array], n: number, outE: Float64Array, outP: Float64Array): void {
  const [q0, q1, q2, q3] = q;
  const c = 2 * n;
  const re = new Float64Array(c * c), im = new Float64Array(c * c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const set = (r: number, s: number, x: number, y: number) => { re[r * c + s] = x; im[r * c + s] = y; };
      set(2 * i, 2 * j, q0[k], q3[k]);
      set(2 * i, 2 * j + 1, q2[k], q1[k]);
      set(2 * i + 1, 2 * j, -q2[k], q1[k]);
      set(2 * i + 1, 2 * j + 1, q0[k], -q3[k]);
    }
  }
  const E2 = new Float64Array(c), P2 = new Float64Array(c);
  complexHermitianSpectrum(re, im, c, E2, P2);
  for (let a = 0; a < n; a++) {
    outE[a] = 0.5 * (E2[2 * a] + E2[2 * a + 1]);
    outP[a] = P2[2 * a] + P2[2 * a + 1];
  }
}
