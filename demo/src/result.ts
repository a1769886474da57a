/**
 * Assemble the `fgr simulate` JSON (src/result.ts's SimulationResult) from the merged moments. This mirrors the tail of
 * src/simulate.ts's simulate() field for field (summary: P_off = minimum of the mean curve, P_pl = P_res); it belongs
 * in the library as a shared `assembleSimulationResult` (simulate.ts cannot be imported in a browser: it pulls in
 * node:os and node:worker_threads).
 */
import type { RunConfig } from '../../src/model/validate.js';
import { conventions } from '../../src/model/params.js';
import type { Moments } from '../../src/observables/moments.js';
import { samplerPath } from '../../src/sampling/index.js';
import type { SimulationResult } from '../../src/result.js';
import { VERSION } from '../../src/version.js';
import { jobOf } from './engine.js';

export function assembleResult(
  cfg: RunConfig,
  moments: [Moments, Moments],
  done: number,
  backend: string,
  elapsed_s: number,
  notes: string[],
): SimulationResult {
  const [Pm, Rm] = moments;
  const P = Array.from(Pm.mean());
  const P_se = Array.from(Pm.se());
  const P_res = Rm.mean()[0];
  const P_res_se = Rm.se()[0];
  const conv = conventions(cfg);
  let iMin = 0;
  for (let i = 1; i < P.length; i++) if (P[i] < P[iMin]) iMin = i;
  const P_off = P[iMin];
  const P_off_se = P_se[iMin];
  const ratio = P_res / P_off;
  const ratio_se = ratio * Math.sqrt((P_res_se / P_res) ** 2 + (P_off_se / P_off) ** 2);
  const allNotes = notes.slice();
  if (done < cfg.samples) allNotes.push(`interrupted after ${done} of ${cfg.samples} samples`);
  return {
    version: VERSION,
    params: {
      ensemble: cfg.ensemble.name,
      beta: cfg.ensemble.beta,
      N: cfg.N,
      g: cfg.g,
      gamma: conv.gamma,
      lambda: cfg.lambda,
      eps0: cfg.eps0,
      seed: cfg.seed,
      samples: cfg.samples,
      method: samplerPath(cfg, jobOf(cfg).method),
      backend,
    },
    conventions: { t_H: conv.tH, Gamma_FGR: conv.GammaFGR, gamma: conv.gamma, gamma_paper: conv.gammaPaper, nu: conv.nu },
    tau: Array.from(cfg.tau),
    t: Array.from(cfg.t),
    P,
    P_se,
    P_res,
    P_res_se,
    summary: { P_off, P_off_se, tau_off: cfg.tau[iMin], P_pl: P_res, P_pl_se: P_res_se, ratio, ratio_se },
    samples_done: done,
    not_converged: 0,
    elapsed_s,
    notes: allNotes,
  };
}
