/**
 * The result schema written by `fgr simulate --out run.json` (documented in the README) and produced by the demo's
 * download button. Arrays are plain numbers so JSON.stringify gives the file directly.
 */
export interface SimulationResult {
  /** goldenrule package version that produced the file. */
  version: string;
  params: {
    ensemble: string;
    beta: number;
    N: number;
    g: number;
    gamma: number;
    lambda: number;
    eps0: number;
    seed: number;
    samples: number;
    method: string;
    /** What actually ran: 'cpu (2 threads)', or 'webgpu (<adapter description>)'. */
    backend: string;
  };
  conventions: {
    t_H: number;
    Gamma_FGR: number;
    /** g N */
    gamma: number;
    /** The gamma of the paper's Eq. 6 for this class (2 g N for GSE, g N otherwise). */
    gamma_paper: number;
    nu: number;
  };
  tau: number[];
  t: number[];
  P: number[];
  P_se: number[];
  P_res: number;
  P_res_se: number;
  /** Large-gamma summary: minimum of the mean curve (offset), plateau and their ratio (see README). */
  summary: {
    P_off: number;
    P_off_se: number;
    tau_off: number;
    P_pl: number;
    P_pl_se: number;
    ratio: number;
    ratio_se: number;
  };
  /** Samples actually accumulated (equals params.samples unless interrupted). */
  samples_done: number;
  /** Samples a path reported as not converged and excluded (dense GPU Jacobi); 0 otherwise. */
  not_converged: number;
  elapsed_s: number;
  /** Free-text notes, e.g. a GPU device loss and CPU fallback. */
  notes: string[];
}

/** Result of a P_res sweep over gamma sharing the dot spectra (Fig. 2(d)). */
export interface PresSweepResult {
  version: string;
  params: Omit<SimulationResult['params'], 'g' | 'gamma'>;
  gamma: number[];
  P_res: number[];
  P_res_se: number[];
  samples_done: number;
  elapsed_s: number;
  notes: string[];
}
