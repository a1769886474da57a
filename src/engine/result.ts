import { conventions } from '../model/params.js';
import type { RunConfig } from '../model/validate.js';
import type { Moments } from '../observables/moments.js';
import { samplerPath } from '../sampling/index.js';
import type { SimulationResult } from '../result.js';
import { VERSION } from '../version.js';
import { jobOf } from './job.js';

/**
 * The result file of one ensemble (`fgr simulate --out`, the demo's download) from the merged moments [P, P_res].
 * Summary: P_off = minimum of the mean curve (with its standard error and tau), P_pl = P_res (the exact infinite-time
 * average), ratio with first-order error propagation treating the two as independent (conservative: they are
 * positively correlated). Browser-safe: no Node imports.
 */
export function assembleResult(
  cfg: RunConfig,
  moments: Moments[],
  run: { done: number; backend: string; elapsed_s: number; notes: string[]; notConverged?: number },
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
  const notes = run.notes.slice();
  if (run.done + (run.notConverged ?? 0) < cfg.samples) notes.push(`interrupted after ${run.done + (run.notConverged ?? 0)} of ${cfg.samples} samples`);
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
      backend: run.backend,
    },
    conventions: { t_H: conv.tH, Gamma_FGR: conv.GammaFGR, gamma: conv.gamma, gamma_paper: conv.gammaPaper, nu: conv.nu },
    tau: Array.from(cfg.tau),
    t: Array.from(cfg.t),
    P,
    P_se,
    P_res,
    P_res_se,
    summary: { P_off, P_off_se, tau_off: cfg.tau[iMin], P_pl: P_res, P_pl_se: P_res_se, ratio, ratio_se },
    samples_done: run.done,
    not_converged: run.notConverged ?? 0,
    elapsed_s: run.elapsed_s,
    notes,
  };
}
