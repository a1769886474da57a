/**
 * The panels of the paper's Fig. 2: what each one simulates, the theory it is compared with, the data file written
 * beside the picture, and a one-line data-vs-theory comparison.
 *
 *  (a)-(c)  GUE, gamma = 46, 0.46, 0.022: P(tau) on a log time axis with Eq. (5) and exp(-4 gamma tau).
 *  (d)      GUE, P_res against gamma (13 values, 1e-2..1e2, 3 per decade, containing 46, 0.46, 0.022) with Eq. (4)
 *           and 1/gamma, from one sweep whose dot spectra are shared across gammas.
 *  (e)      GOE, GUE, GSE at the paper's gamma = 46 on a linear tau axis 0..2.5 with Eq. (6). For GSE the run uses
 *           gN = 23 (N Kramers pairs), so that the paper's gamma 2gN is 46 like the other two.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError, makeRunConfig, type RunConfig } from '../model/index.js';
import type { PresSweepResult, SimulationResult } from '../result.js';
import { simulate, simulatePresSweep, VERSION } from '../simulate.js';
import { decaySpec } from './decay.js';
import { presSpec } from './pres.js';
import { classesSpec, type ClassCurve } from './classes.js';
import { eq4, eq5Column, eq6Column, fgrColumn } from './curves.js';
import { fmt } from './theme.js';
import { offsetsAndPlateaus } from '../theory/index.js';

export const PANEL_IDS = ['2a', '2b', '2c', '2d', '2e'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export function isPanelId(s: string): s is PanelId {
  return (PANEL_IDS as readonly string[]).includes(s);
}

/** gamma of panels (a)-(c). */
export const DECAY_GAMMA: Record<'2a' | '2b' | '2c', number> = { '2a': 46, '2b': 0.46, '2c': 0.022 };
/** tau grid of panels (a)-(c): the paper's log axis. */
export const DECAY_TAU = '0.001:10:200:log';
/** gamma of panel (e) in the paper's convention (2gN for GSE). */
export const CLASSES_GAMMA = 46;
export const CLASSES_TAU_MAX = 2.5;
/** 250 points: the step 2.5/249 keeps tau = 1 (the log singularity of K_S) off the grid. */
export const CLASSES_TAU = `0:${CLASSES_TAU_MAX}:250`;

/**
 * Panel (e)'s theory grid: 1001 points on [0, 2.5] without tau = 1, plus 1 ± 10^-k (k = 3..6), so the log
 * divergence of K_S at tau = 1 is drawn as a divergence and not cut off at the data grid's spacing.
 */
export function classesTheoryTau(): number[] {
  const t = Array.from({ length: 1001 }, (_, i) => (CLASSES_TAU_MAX * i) / 1000).filter((x) => x !== 1);
  for (let k = 3; k <= 6; k++) t.push(1 - 10 ** -k, 1 + 10 ** -k);
  return t.sort((a, b) => a - b);
}

/** Panel (d)'s gammas: 10^(-2 + k/3), k = 0..12, with the nearest ones replaced by 0.022, 0.46 and 46. */
export function sweepGammas(): number[] {
  const marks = Object.values(DECAY_GAMMA);
  const gs = Array.from({ length: 13 }, (_, k) => Number(Math.pow(10, -2 + k / 3).toPrecision(6)));
  for (const m of marks) {
    let best = 0;
    for (let i = 1; i < gs.length; i++) if (Math.abs(Math.log(gs[i] / m)) < Math.abs(Math.log(gs[best] / m))) best = i;
    gs[best] = m;
  }
  return gs;
}

/** Options shared by all panels (the CLI's `fgr figure` flags). */
export interface FigureOptions {
  N: number | string;
  samples: number | string;
  seed: number | string;
  backend?: string;
  method?: string;
  threads?: number | string;
}

export interface PanelRun {
  /** Short label for progress output, e.g. '2e GSE'. */
  label: string;
  cfg: RunConfig;
  /** Panel (d) only: the gammas of the sweep. */
  gammas?: number[];
}

const CLASS_OF = { GOE: 'O', GUE: 'U', GSE: 'S' } as const;

/** Validated run configurations of a panel; throws InputError on bad options (call before any work). */
export function panelRuns(id: PanelId, o: FigureOptions): PanelRun[] {
  const base = { N: o.N, samples: o.samples, seed: o.seed, backend: o.backend, method: o.method, threads: o.threads, lambda: 1, eps0: 0 };
  switch (id) {
    case '2a':
    case '2b':
    case '2c':
      return [{ label: `${id} GUE γ=${DECAY_GAMMA[id]}`, cfg: makeRunConfig({ ...base, ensemble: 'GUE', gamma: DECAY_GAMMA[id], tau: DECAY_TAU }) }];
    case '2d':
      if (o.method === 'dense') throw new InputError('--method dense: panel 2d (the gamma sweep) runs on the fast path; use --method fast or auto');
      return [{ label: `${id} P_res sweep (${sweepGammas().length} γ)`, cfg: makeRunConfig({ ...base, ensemble: 'GUE', gamma: 1, tau: '1' }), gammas: sweepGammas() }];
    case '2e':
      return (['GOE', 'GUE', 'GSE'] as const).map((e) => ({
        label: `${id} ${e} γ=${CLASSES_GAMMA}`,
        cfg: makeRunConfig({ ...base, ensemble: e, gamma: e === 'GSE' ? CLASSES_GAMMA / 2 : CLASSES_GAMMA, tau: CLASSES_TAU }),
      }));
  }
}

/** Hooks the caller (the CLI) gives a panel run: progress, cancellation, checkpoint files. */
export interface PanelHooks {
  onRunStart?: (run: PanelRun) => void;
  onProgress?: (done: number, total: number) => void;
  onRunEnd?: (run: PanelRun, samplesDone: number) => void;
  signal?: AbortSignal;
  /**
   * Checkpoint path for a run (resume if it exists), or undefined for none. Completed runs keep their checkpoint (it
   * then holds every sample), so an interrupted multi-panel job loses no finished run; the caller deletes them.
   */
  checkpoint?: (run: PanelRun) => string | undefined;
}

/** Written next to the picture as `fig<id>.json`. */
export interface PanelDataFile {
  figure: string;
  panel: PanelId;
  caption: string;
  /** What the shaded band / error bars show. */
  band: string;
  version: string;
  created: string;
  /** The simulation results plotted (panels a-c: one; e: GOE, GUE, GSE). */
  results?: SimulationResult[];
  /** Panel (d): the P_res sweep. */
  sweep?: PresSweepResult;
  /** The theory arrays plotted. */
  theory: Record<string, unknown>;
  comparison: Record<string, unknown>;
  /** One-line data-vs-theory comparison (what `fgr figure` prints). */
  summary: string;
}

export interface PanelOutcome {
  id: PanelId;
  /** True when a run was interrupted (samples_done < samples); nothing to draw then. */
  interrupted: boolean;
  samplesDone: number;
  data?: PanelDataFile;
  spec?: TopLevelSpec;
}

const BAND = 'mean ± 2 standard errors of the ensemble mean';

/** Run a panel's simulations and build its data file and vega-lite spec. */
export async function runPanel(id: PanelId, runs: PanelRun[], hooks: PanelHooks = {}): Promise<PanelOutcome> {
  if (id === '2d') {
    const run = runs[0];
    hooks.onRunStart?.(run);
    const sweep = await simulatePresSweep(run.cfg, run.gammas ?? sweepGammas(), {
      onProgress: hooks.onProgress,
      signal: hooks.signal,
      checkpoint: hooks.checkpoint?.(run),
      keepCheckpoint: true,
    });
    hooks.onRunEnd?.(run, sweep.samples_done);
    if (sweep.samples_done < run.cfg.samples) return { id, interrupted: true, samplesDone: sweep.samples_done };
    return { id, interrupted: false, samplesDone: sweep.samples_done, ...buildPres(sweep) };
  }
  const results: SimulationResult[] = [];
  for (const run of runs) {
    hooks.onRunStart?.(run);
    const r = await simulate(run.cfg, { onProgress: hooks.onProgress, signal: hooks.signal, checkpoint: hooks.checkpoint?.(run), keepCheckpoint: true });
    hooks.onRunEnd?.(run, r.samples_done);
    if (r.samples_done + r.not_converged < run.cfg.samples) return { id, interrupted: true, samplesDone: r.samples_done };
    results.push(r);
  }
  const built = id === '2e' ? buildClasses(results, runs[0].cfg.N) : buildDecay(id, results[0]);
  return { id, interrupted: false, samplesDone: Math.min(...results.map((r) => r.samples_done)), ...built };
}

// ---------------------------------------------------------------------------------------------------------------
// comparison helpers

/** Data against theory over an abscissa x: tau for the P(tau) panels, gamma for panel (d). */
export interface CurveComparison {
  /** Grid points compared. */
  points: number;
  x_min: number;
  x_max: number;
  /** max over the compared points of |data - theory| / se (NaN when se is unavailable, e.g. 1 sample). */
  max_abs_z: number;
  x_at_max_z: number;
  /** max |data - theory|. */
  max_abs_diff: number;
  /** Root mean square of (data - theory) / se. */
  rms_z: number;
}

/** Compare a data curve with theory on the grid points where `mask` holds. */
export function compareCurve(
  tau: ArrayLike<number>,
  P: ArrayLike<number>,
  se: ArrayLike<number>,
  theory: ArrayLike<number>,
  mask: (i: number) => boolean,
): CurveComparison {
  let n = 0, maxZ = -1, tauZ = NaN, maxD = 0, sumZ2 = 0, tmin = Infinity, tmax = -Infinity, zOk = true;
  for (let i = 0; i < tau.length; i++) {
    if (!mask(i) || !Number.isFinite(theory[i]) || !Number.isFinite(P[i])) continue;
    n++;
    tmin = Math.min(tmin, tau[i]);
    tmax = Math.max(tmax, tau[i]);
    const d = Math.abs(P[i] - theory[i]);
    maxD = Math.max(maxD, d);
    if (!(se[i] > 0)) { zOk = zOk && d === 0; continue; }
    const z = d / se[i];
    sumZ2 += z * z;
    if (z > maxZ) { maxZ = z; tauZ = tau[i]; }
  }
  return {
    points: n,
    x_min: n ? tmin : NaN,
    x_max: n ? tmax : NaN,
    max_abs_z: n && zOk && maxZ >= 0 ? maxZ : NaN,
    x_at_max_z: tauZ,
    max_abs_diff: maxD,
    rms_z: n && zOk ? Math.sqrt(sumZ2 / n) : NaN,
  };
}

/** tau from which finite-N ultraviolet corrections are small: lambda t >= 20, i.e. tau >= 10/N (DESIGN.md sec. 6). */
export function tauUvCut(N: number): number {
  return 10 / N;
}

const z = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const pm = (se: number, digits = 2): string => (Number.isFinite(se) ? `± ${fmt(se, digits)}` : '± n/a');
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;

// ---------------------------------------------------------------------------------------------------------------
// (a)-(c)

function buildDecay(id: '2a' | '2b' | '2c', r: SimulationResult): { data: PanelDataFile; spec: TopLevelSpec } {
  const gamma = r.conventions.gamma;
  const N = r.params.N;
  const eq5 = eq5Column(gamma, r.tau);
  const fgr = fgrColumn(gamma, r.tau);
  const pres4 = eq4(gamma);
  const cut = tauUvCut(N);
  const cmp = compareCurve(r.tau, r.P, r.P_se, eq5, (i) => r.tau[i] >= cut);
  const dRes = r.P_res - pres4;
  const zRes = r.P_res_se > 0 ? dRes / r.P_res_se : NaN;
  const letter = id.slice(1);
  const summary =
    `${id} GUE γ=${fmt(gamma)}: max|P−Eq5| = ${fmt(cmp.max_abs_diff, 2)}` + (Number.isFinite(cmp.max_abs_z) ? `, max ${z(cmp.max_abs_z)} se at τ = ${fmt(cmp.x_at_max_z, 3)}` : '') + ' ' +
    `(rms ${z(cmp.rms_z)} se) over τ ≥ ${fmt(cut, 3)} (λt ≥ 20, ${cmp.points} pts; finite-N scale g = γ/N = ${fmt(gamma / N, 2)}); ` +
    `P_res = ${fmt(r.P_res)} ${pm(r.P_res_se)} vs Eq.4 ${fmt(pres4)} (${pct(dRes / pres4)}, z = ${z(zRes)})`;
  const caption =
    `Fig. 2(${letter}): P(τ) for the GUE model at γ = gN = ${fmt(gamma)}, N + 1 = ${N + 1}, ${r.samples_done} samples ` +
    `(seed ${r.params.seed}, backend ${r.params.backend}). Black: numerics, shaded band ${BAND}. ` +
    `Red: Eq. (5). Dashed: golden rule exp(−4γτ) = exp(−Γ_FGR t). τ = t/t_H, t_H = 2N/λ.`;
  const data: PanelDataFile = {
    figure: `Fig. 2(${letter})`,
    panel: id,
    caption,
    band: BAND,
    version: VERSION,
    created: new Date().toISOString(),
    results: [r],
    theory: { tau: r.tau, eq5, fgr, P_res_eq4: pres4, gamma },
    comparison: { eq5: cmp, tau_cut: cut, P_res: r.P_res, P_res_se: r.P_res_se, P_res_eq4: pres4, P_res_z: zRes, P_res_rel: dRes / pres4 },
    summary,
  };
  const spec = decaySpec({
    letter,
    gamma,
    N,
    samples: r.samples_done,
    tau: r.tau,
    P: r.P,
    P_se: r.P_se,
    theory: { tau: r.tau, eq5, fgr },
    yScale: gamma > 2 ? 'log' : 'linear',
  });
  return { data, spec };
}

// ---------------------------------------------------------------------------------------------------------------
// (d)

function buildPres(sw: PresSweepResult): { data: PanelDataFile; spec: TopLevelSpec } {
  const N = sw.params.N;
  const lo = Math.min(...sw.gamma) / 1.25, hi = Math.max(...sw.gamma) * 1.25;
  const tg = Array.from({ length: 161 }, (_, i) => Math.exp(Math.log(lo) + (i / 160) * (Math.log(hi) - Math.log(lo))));
  const teq4 = tg.map(eq4);
  const tfgr = tg.map((g) => 1 / g);
  const atData = sw.gamma.map(eq4);
  const gCut = N / 100;
  const cmp = compareCurve(sw.gamma, sw.P_res, sw.P_res_se, atData, (i) => sw.gamma[i] <= gCut);
  let worst = 0, gWorst = NaN;
  sw.gamma.forEach((g, i) => {
    const rel = (sw.P_res[i] - atData[i]) / atData[i];
    if (Math.abs(rel) > Math.abs(worst)) { worst = rel; gWorst = g; }
  });
  const marks: [number, string][] = [[DECAY_GAMMA['2a'], '(a)'], [DECAY_GAMMA['2b'], '(b)'], [DECAY_GAMMA['2c'], '(c)']];
  const summary =
    `2d P_res sweep (${sw.gamma.length} γ in [${fmt(Math.min(...sw.gamma))}, ${fmt(Math.max(...sw.gamma))}]): ` +
    `max|P_res−Eq4|/se = ${z(cmp.max_abs_z)} (rms ${z(cmp.rms_z)}) over γ ≤ N/100 = ${fmt(gCut)} (${cmp.points} pts); ` +
    `largest relative deviation ${pct(worst)} at γ = ${fmt(gWorst)} (finite-N scale γ/N = ${fmt(gWorst / N, 2)})`;
  const caption =
    `Fig. 2(d): long-time limit P_res = Σ_a p_a² against γ = gN for the GUE model, N + 1 = ${N + 1}, ${sw.samples_done} samples per γ ` +
    `(dot spectra shared across γ; seed ${sw.params.seed}, backend ${sw.params.backend}). Blue dots: numerics, bars ${BAND}. ` +
    `Gray: Eq. (4). Purple: golden rule 1/γ. Arrows: γ = 46, 0.46, 0.022 of panels (a)–(c).`;
  const data: PanelDataFile = {
    figure: 'Fig. 2(d)',
    panel: '2d',
    caption,
    band: BAND,
    version: VERSION,
    created: new Date().toISOString(),
    sweep: sw,
    theory: { gamma: tg, eq4: teq4, fgr: tfgr, eq4_at_data: atData },
    comparison: { eq4: cmp, gamma_cut: gCut, worst_rel: worst, gamma_worst: gWorst, marked: marks.map((m) => m[0]) },
    summary,
  };
  const spec = presSpec({
    letter: 'd',
    N,
    samples: sw.samples_done,
    gamma: sw.gamma,
    P_res: sw.P_res,
    P_res_se: sw.P_res_se,
    theory: { gamma: tg, eq4: teq4, fgr: tfgr },
    marks,
  });
  return { data, spec };
}

// ---------------------------------------------------------------------------------------------------------------
// (e)

function buildClasses(results: SimulationResult[], N: number): { data: PanelDataFile; spec: TopLevelSpec } {
  const curves: ClassCurve[] = [];
  const comps: Record<string, unknown> = {};
  const parts: string[] = [];
  const fine = classesTheoryTau();
  const theory: Record<string, unknown> = { tau: results[0].tau, gamma_paper: CLASSES_GAMMA, tau_fine: fine };
  for (const r of results) {
    const ens = r.params.ensemble as 'GOE' | 'GUE' | 'GSE';
    const cls = CLASS_OF[ens];
    const gModel = r.conventions.gamma;
    const gPaper = r.conventions.gamma_paper;
    const eq6 = eq6Column(cls, gModel, r.tau);
    // Compare after the golden-rule decay has died out (e^{-4 gN tau} < 0.05/(2 gamma)) and past the UV scale; for
    // GSE away from the log singularity of K_S at tau = 1, which finite N and gamma round off.
    const tStart = Math.max(tauUvCut(N), Math.log(40 * gPaper) / (4 * gModel));
    const mask = (i: number): boolean => r.tau[i] >= tStart && (ens !== 'GSE' || Math.abs(r.tau[i] - 1) > 0.1);
    const cmp = compareCurve(r.tau, r.P, r.P_se, eq6, mask);
    const unit = 1 / (2 * gPaper);
    comps[ens] = { eq6: cmp, tau_start: tStart, max_abs_diff_units_1_over_2gamma: cmp.max_abs_diff / unit, summary: r.summary, ratio_theory: offsetsAndPlateaus(cls).ratio };
    theory[`eq6_${ens}`] = eq6;
    theory[`gamma_${ens}`] = { gN: gModel, paper: gPaper };
    const eq6Fine = eq6Column(cls, gModel, fine);
    theory[`eq6_fine_${ens}`] = eq6Fine;
    curves.push({ ensemble: ens, gamma: gModel, gammaPaper: gPaper, tau: r.tau, P: r.P, P_se: r.P_se, theoryTau: fine, eq6: eq6Fine });
    parts.push(
      `${ens}: P_pl/P_off = ${fmt(r.summary.ratio, 3)} ${pm(r.summary.ratio_se)} (Eq.6: ${offsetsAndPlateaus(cls).ratio}), ` +
        (cmp.points ? `max|P−Eq6| = ${(cmp.max_abs_diff / unit).toFixed(2)}/(2γ) over τ ≥ ${fmt(tStart, 2)}, max|Δ|/se = ${z(cmp.max_abs_z)}` : 'no grid points past the decay to compare'),
    );
  }
  const samples = Math.min(...results.map((r) => r.samples_done));
  const summary = `2e γ=${CLASSES_GAMMA} (GSE: gN=${fmt(CLASSES_GAMMA / 2)}): ${parts.join('; ')}`;
  const caption =
    `Fig. 2(e): P(τ) for the GOE, GUE and GSE models at the paper's γ = ${CLASSES_GAMMA}, N + 1 = ${N + 1}, ${samples} samples each ` +
    `(seed ${results[0].params.seed}, backend ${results[0].params.backend}). GSE: N Kramers pairs, coupling gN = ${fmt(CLASSES_GAMMA / 2)}, ` +
    `Eq. (6)'s γ read as 2gN = ${CLASSES_GAMMA}; its golden-rule decay is exp(−4gNτ). Black: numerics, shaded ${BAND}. ` +
    `Coloured: Eq. (6) with (a_X, b_X) = (1,1) U, (2,1) O, (1,2) S.`;
  const data: PanelDataFile = {
    figure: 'Fig. 2(e)',
    panel: '2e',
    caption,
    band: BAND,
    version: VERSION,
    created: new Date().toISOString(),
    results,
    theory,
    comparison: comps,
    summary,
  };
  const spec = classesSpec({ letter: 'e', N, samples, gammaPaper: CLASSES_GAMMA, curves, tauMax: CLASSES_TAU_MAX });
  return { data, spec };
}
