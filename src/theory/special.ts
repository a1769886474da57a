/**
 * Special functions used by the closed forms (DESIGN.md section 2). None is hand-written:
 *
 * - `erfcx` is `@stdlib/math-base-special-erfcx` (S. G. Johnson's Faddeeva-package algorithm, relative error ~1e-16).
 * - `besselI0e`, `besselI1e` are Cephes `i0e`, `i1e` (Chebyshev expansions, relative error ~1e-16) from the `cephes`
 *   package (Cephes compiled to WebAssembly, the .wasm bytes inlined in the JS, so bundlers need no asset handling).
 *
 * Initialisation: `cephes`'s `exports` map sends every ESM `import` (Node, Vite, Rollup) to its ESM build, which
 * instantiates the WebAssembly asynchronously; its functions throw until the `compiled` promise resolves. (Only a
 * CommonJS `require` in Node gets the synchronous build.) This module therefore awaits `compiled` at top level: any
 * module that imports the theory module, directly or not, is evaluated only after Cephes is ready, in Node and in the
 * browser alike. Top-level await needs an ES2022 module target; Vite's default build targets support it (checked: a
 * Vite production bundle and the Vite dev server both run these functions in headless Chromium).
 *
 * @module
 */
import erfcxStdlib from '@stdlib/math-base-special-erfcx';
import { compiled as cephesCompiled, i0e as cephesI0e, i1e as cephesI1e } from 'cephes';

await cephesCompiled;

/**
 * Scaled complementary error function `erfcx(x) = exp(x^2) erfc(x)`, accurate where `erfc` underflows.
 *
 * @param x - real argument
 * @returns `exp(x^2) erfc(x)`; `+Infinity` for x below about -26.6; NaN for NaN
 *
 * @example
 * erfcx(0);     // 1
 * erfcx(1);     // 0.427583576155807
 * erfcx(30);    // 0.018795888861416754 (erfc(30) itself underflows)
 */
export function erfcx(x: number): number {
  return erfcxStdlib(x);
}

/**
 * Exponentially scaled modified Bessel function of the first kind, order 0: `I0(x) exp(-|x|)`.
 *
 * @param x - real argument (even function)
 * @returns `I0(x) e^{-|x|}`; tends to `1/sqrt(2 pi |x|)` for large |x|
 *
 * @example
 * besselI0e(0);    // 1
 * besselI0e(1);    // 0.46575960759364043
 * besselI0e(1e6);  // 0.00039894233026924577 (I0(1e6) itself overflows)
 */
export function besselI0e(x: number): number {
  return cephesI0e(x);
}

/**
 * Exponentially scaled modified Bessel function of the first kind, order 1: `I1(x) exp(-|x|)`.
 *
 * @param x - real argument (odd function)
 * @returns `I1(x) e^{-|x|}`
 *
 * @example
 * besselI1e(0);    // 0
 * besselI1e(1);    // 0.2079104153497085
 * besselI1e(-1);   // -0.2079104153497085
 */
export function besselI1e(x: number): number {
  return cephesI1e(x);
}
