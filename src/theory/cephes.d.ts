/**
 * Types for the part of `cephes` this module uses. The package's `exports` map sends `import` to `index.mjs`, for which it
 * ships no `.d.mts`, so under NodeNext resolution TypeScript finds no declarations (TS7016). Signatures from its index.d.ts.
 */
declare module 'cephes' {
  /** Resolves when the WebAssembly module is instantiated (the ESM build compiles asynchronously). */
  export const compiled: Promise<void>;
  /** Exponentially scaled modified Bessel function I0(x) e^{-|x|}. */
  export function i0e(x: number): number;
  /** Exponentially scaled modified Bessel function I1(x) e^{-|x|}. */
  export function i1e(x: number): number;
}
