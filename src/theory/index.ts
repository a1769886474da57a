/**
 * The paper's closed forms (DESIGN.md section 2): Eq. 3 (FGR rate), Eq. 4 (P_res), Eq. 5 (crossover integral),
 * the large-gamma form, Eq. 6 with the form factors, and the special functions they need.
 *
 * Importing this module awaits the WebAssembly initialisation of Cephes (top-level await; see `special.ts`).
 *
 * @module
 */
export { erfcx, besselI0e, besselI1e } from './special.js';
export { gammaFGR, fgrDecay, pLargeGamma } from './fgr.js';
export { pResEq4, P_RES_SWITCH, type PResMethod } from './eq4.js';
export { pEq5, pEq5Grid, pEq5WithError, type Eq5Options, type Eq5Result } from './eq5.js';
export {
  formFactor,
  pEq6,
  offsetsAndPlateaus,
  EQ6_COEFFICIENTS,
  type SymmetryClass,
  type FormFactorClass,
  type Eq6Options,
  type OffsetsAndPlateaus,
} from './eq6.js';
export {
  integrate,
  gaussKronrod21,
  type QuadratureOptions,
  type QuadratureResult,
  type RuleResult,
} from './quadrature.js';
