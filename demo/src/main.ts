/**
 * The demo page: controls -> makeRunConfig (the library's validation) -> the backend ladder (engine.ts) -> live plot
 * with the paper's closed forms (src/theory) -> readouts and a download of the same JSON as `fgr simulate --out`.
 */
import { makeRunConfig, InputError, type RunConfig } from '../../src/model/index.js';
import { conventions } from '../../src/model/params.js';
import { fgrDecay, pEq5Grid, pEq6, pResEq4, offsetsAndPlateaus } from '../../src/theory/index.js';
import type { SimulationResult } from '../../src/result.js';
import { LivePlot, type Curve } from './plot.js';
import { probeWebGpu, gpuRefusal, runEnsemble, type BackendChoice, type GpuProbe, type LiveUpdate } from './engine.js';
import { assembleResult } from '../../src/engine/result.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);

/** Fig. 2 presets (the paper: N + 1 = 1000, 10^4 samples; the page defaults to fewer samples so a panel builds in seconds). */
const PRESETS: Record<string, { label: string; ensemble: string; gamma: number; tau: [number, number, number, 'log' | 'lin']; yScale: 'log' | 'lin' }> = {
  '2a': { label: 'Fig. 2(a): GUE, γ = 46', ensemble: 'GUE', gamma: 46, tau: [0.001, 10, 200, 'log'], yScale: 'log' },
  '2b': { label: 'Fig. 2(b): GUE, γ = 0.46', ensemble: 'GUE', gamma: 0.46, tau: [0.001, 10, 200, 'log'], yScale: 'lin' },
  '2c': { label: 'Fig. 2(c): GUE, γ = 0.022', ensemble: 'GUE', gamma: 0.022, tau: [0.001, 10, 200, 'log'], yScale: 'lin' },
  '2e-GOE': { label: 'Fig. 2(e): GOE, γ = 46', ensemble: 'GOE', gamma: 46, tau: [0, 2.5, 250, 'lin'], yScale: 'log' },
  '2e-GUE': { label: 'Fig. 2(e): GUE, γ = 46', ensemble: 'GUE', gamma: 46, tau: [0, 2.5, 250, 'lin'], yScale: 'log' },
  // GSE: the run uses gN = 23 so that the paper's gamma (2gN, both states of each Kramers pair) is 46.
  '2e-GSE': { label: 'Fig. 2(e): GSE, γ_paper = 2gN = 46', ensemble: 'GSE', gamma: 23, tau: [0, 2.5, 250, 'lin'], yScale: 'log' },
};
const PRESET_N = 999;
const PRESET_SAMPLES = 4000;

const FIELDS = ['ensemble', 'N', 'gamma', 'samples', 'seed', 'tauMin', 'tauMax', 'tauPoints', 'tauScale', 'backend', 'workers', 'yScale'] as const;
type Field = (typeof FIELDS)[number];

const state: {
  probe: GpuProbe;
  running: AbortController | null;
  result: SimulationResult | null;
  cfg: RunConfig | null;
  theory: Curve[];
  status: 'idle' | 'running' | 'done' | 'error' | 'invalid';
  backend: string;
} = { probe: { ok: false, text: 'probing…' }, running: null, result: null, cfg: null, theory: [], status: 'idle', backend: '' };

// For the end-to-end test and the curious (window.goldenrule in the console).
(window as unknown as { goldenrule: typeof state }).goldenrule = state;

const plot = new LivePlot($('plot'));

function setStatus(s: typeof state.status, text: string): void {
  state.status = s;
  document.body.dataset.status = s;
  $('status').textContent = text;
}

// ---------- gamma: log slider <-> number field ----------
const gammaSlider = input('gammaLog');
const gammaField = input('gamma');
gammaSlider.addEventListener('input', () => {
  gammaField.value = String(Number(Math.pow(10, Number(gammaSlider.value)).toPrecision(3)));
  onParamsChanged();
});
gammaField.addEventListener('input', () => {
  const v = Number(gammaField.value);
  if (v > 0) gammaSlider.value = String(Math.log10(v));
});

// ---------- validation ----------
function clearErrors(): void {
  for (const e of document.querySelectorAll<HTMLElement>('.err')) e.textContent = '';
  for (const e of document.querySelectorAll('.invalid')) e.classList.remove('invalid');
}

function fieldError(field: Field | 'tau', msg: string): void {
  const box = $(`err-${field}`);
  box.textContent = msg;
  const ctl = field === 'tau' ? $('tau-group') : $(field);
  ctl.classList.add('invalid');
}

/** Which control an InputError of makeRunConfig is about (its message starts with the option name). */
function fieldOf(msg: string): Field | 'tau' {
  if (/^--N\b/.test(msg)) return 'N';
  if (/^(--gamma|--g\b|give exactly one)/.test(msg)) return 'gamma';
  if (/^--samples/.test(msg)) return 'samples';
  if (/^--seed/.test(msg)) return 'seed';
  if (/^--threads/.test(msg)) return 'workers';
  if (/^--ensemble/.test(msg)) return 'ensemble';
  return 'tau';
}

function workersWanted(): number {
  return Number(input('workers').value) || 1;
}

/** Seconds the CPU workers would need (rough model of the fast path: ~9 ms per sample at N = 999, 200 times, one core). */
function cpuSeconds(cfg: RunConfig, workers: number): number {
  const n = cfg.N + 1;
  return (cfg.samples * (7e-9 * n * n + 1e-8 * n * cfg.t.length)) / workers;
}
const CPU_LIMIT_S = 3600;

/** Validate the form; show messages next to the controls; returns a config or null. */
function validate(): RunConfig | null {
  clearErrors();
  let bad = false;
  const raw: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = ($(f) as HTMLInputElement | HTMLSelectElement).value.trim();
    raw[f] = v;
    if (v === '') {
      bad = true;
      if (f.startsWith('tau')) fieldError('tau', 'time range: every field is required');
      else fieldError(f, 'required: enter a value');
    }
  }
  if (bad) return null;
  const tauMin = Number(raw.tauMin);
  if (raw.tauScale === 'log' && !(tauMin > 0)) {
    fieldError('tau', 'a log time axis needs τ min > 0');
    return null;
  }
  const workers = workersWanted();
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    fieldError('workers', 'workers must be an integer in [1, 64]');
    return null;
  }
  let cfg: RunConfig;
  try {
    cfg = makeRunConfig(
      {
        ensemble: raw.ensemble,
        N: raw.N,
        gamma: raw.gamma,
        samples: raw.samples,
        seed: raw.seed,
        tau: `${raw.tauMin}:${raw.tauMax}:${raw.tauPoints}:${raw.tauScale}`,
        threads: workers,
      },
      ((navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? 4) * 2 ** 30,
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    fieldError(fieldOf(e.message), e.message.replace(/^--/, ''));
    return null;
  }
  if (cfg.tau.length > 5000) {
    fieldError('tau', `at most 5000 time points in the page (got ${cfg.tau.length})`);
    return null;
  }
  // Device limits: the GPU's buffers, or the CPU time in this browser.
  const backend = raw.backend as BackendChoice;
  const gpuWhy = state.probe.ok ? gpuRefusal(cfg, state.probe) : state.probe.text;
  if (backend === 'webgpu' && gpuWhy) {
    fieldError(/N = |N >|N =/.test(gpuWhy) ? 'N' : 'backend', `WebGPU: ${gpuWhy}`);
    return null;
  }
  const onCpu = backend === 'cpu' || gpuWhy !== null;
  if (onCpu) {
    const s = cpuSeconds(cfg, workers);
    if (s > CPU_LIMIT_S) {
      fieldError(
        'N',
        `too large for this device: N = ${cfg.N} with ${cfg.samples} samples needs about ${(s / 3600).toFixed(1)} h on ${workers} CPU worker(s)` +
          `${state.probe.ok ? '' : ' (no WebGPU here)'}; reduce N or samples, or use the fgr CLI`,
      );
      return null;
    }
  }
  return cfg;
}

// ---------- theory ----------
const COLORS = { eq5: '#d62728', eq6: '#9467bd', fgr: '#2ca02c', pres: '#7f7f7f', pl: '#8c564b' };

function theoryCurves(cfg: RunConfig): Curve[] {
  const tau = cfg.tau;
  const conv = conventions(cfg);
  const gamma = conv.gamma;
  const curves: Curve[] = [];
  const cls = cfg.ensemble.classLabel;
  if (cfg.ensemble.name === 'GUE') {
    curves.push({ name: 'Eq. 5 (GUE crossover)', color: COLORS.eq5, y: pEq5Grid(gamma, tau) });
  }
  // Eq. 6 is the paper's gamma >> 1 hypothesis: drawn when gamma_paper >= 2 (below, its 1/(2 gamma) terms exceed 1/4).
  if (cls && conv.gammaPaper >= 2) {
    curves.push({ name: `Eq. 6, class ${cls}${cls === 'S' ? ` (γ_paper = ${Number(conv.gammaPaper.toPrecision(4))})` : ''}`, color: COLORS.eq6, dash: cfg.ensemble.name === 'GUE' ? '6 3' : '', y: Array.from(tau, (t) => pEq6(cls, gamma, t)) });
  }
  curves.push({ name: 'FGR exp(−4γτ)', color: COLORS.fgr, dash: '5 4', noAxis: true, y: Array.from(tau, (t) => fgrDecay(gamma, t)) });
  if (cfg.ensemble.name === 'GUE') {
    const r = pResEq4(gamma);
    curves.push({ name: `P_res, Eq. 4 = ${r.toPrecision(4)}`, color: COLORS.pres, dash: '2 3', y: Array.from(tau, () => r) });
  } else if (cls && conv.gammaPaper >= 2) {
    const pl = offsetsAndPlateaus(cls, gamma).pPl!;
    curves.push({ name: `P_pl, Eq. 6 = ${pl.toPrecision(4)}`, color: COLORS.pl, dash: '2 3', y: Array.from(tau, () => pl) });
  }
  return curves;
}

function titleOf(cfg: RunConfig): string {
  const conv = conventions(cfg);
  return `${cfg.ensemble.name}, N + 1 = ${cfg.N + 1}, γ = gN = ${Number(conv.gamma.toPrecision(4))}${cfg.ensemble.name === 'GSE' ? ` (γ_paper = ${Number(conv.gammaPaper.toPrecision(4))})` : ''}`;
}

function redraw(cfg: RunConfig, mean?: ArrayLike<number>, se?: ArrayLike<number>): void {
  plot.draw({
    x: cfg.tau,
    xLog: input('tauScale').value === 'log',
    yLog: select('yScale').value === 'log',
    mean,
    se,
    theory: state.theory,
    title: titleOf(cfg),
  });
}

// ---------- readouts ----------
function fmtPm(v: number, se: number): string {
  if (!Number.isFinite(v)) return '—';
  if (!Number.isFinite(se) || se === 0) return v.toPrecision(5);
  const d = Math.max(1, 1 - Math.floor(Math.log10(se)));
  return `${v.toFixed(Math.min(d, 12))} ± ${se.toFixed(Math.min(d, 12))}`;
}

function setReadout(id: string, v: number, se: number, theory?: string): void {
  const e = $(id);
  e.dataset.value = String(v);
  e.dataset.se = String(se);
  e.querySelector('.v')!.textContent = fmtPm(v, se);
  e.querySelector('.t')!.textContent = theory ?? '';
}

function showReadouts(cfg: RunConfig, r: SimulationResult): void {
  const conv = conventions(cfg);
  const cls = cfg.ensemble.classLabel;
  const op = cls && conv.gammaPaper >= 2 ? offsetsAndPlateaus(cls, conv.gamma) : null;
  setReadout('ro-pres', r.P_res, r.P_res_se, cfg.ensemble.name === 'GUE' ? `Eq. 4: ${pResEq4(conv.gamma).toPrecision(5)}` : op ? `Eq. 6 plateau: ${op.pPl!.toPrecision(4)}` : '');
  setReadout('ro-poff', r.summary.P_off, r.summary.P_off_se, `${op ? `Eq. 6: ${op.pOff!.toPrecision(4)}, ` : ''}at τ = ${r.summary.tau_off.toPrecision(3)}`);
  setReadout('ro-ppl', r.summary.P_pl, r.summary.P_pl_se, op ? `Eq. 6: ${op.pPl!.toPrecision(4)}` : '');
  setReadout('ro-ratio', r.summary.ratio, r.summary.ratio_se, op ? `Eq. 6: ${op.ratio}` : '');
}

function liveResult(cfg: RunConfig, u: LiveUpdate, elapsed: number): SimulationResult {
  return assembleResult(cfg, [u.P, u.Pres], { done: u.done, backend: state.backend, elapsed_s: elapsed, notes: [] });
}

// ---------- run ----------
/** The validated configuration of the form, stored as the current one; null (and the status says why) if invalid. */
function acceptForm(): RunConfig | null {
  const cfg = validate();
  if (!cfg) {
    setStatus('invalid', 'fix the highlighted field');
    return null;
  }
  state.cfg = cfg;
  return cfg;
}

function onParamsChanged(): void {
  if (state.running) return;
  const cfg = acceptForm();
  if (!cfg) return;
  state.theory = theoryCurves(cfg);
  const same = state.result && state.result.params.N === cfg.N && state.result.tau.length === cfg.tau.length && state.result.params.gamma === conventions(cfg).gamma && state.result.params.ensemble === cfg.ensemble.name;
  redraw(cfg, same ? state.result!.P : undefined, same ? state.result!.P_se : undefined);
  if (state.status === 'invalid') setStatus('idle', 'ready');
}

async function run(): Promise<void> {
  if (state.running) return;
  const cfg = acceptForm();
  if (!cfg) return;
  state.result = null;
  state.backend = '';
  $<HTMLButtonElement>('download').disabled = true;
  for (const id of ['ro-pres', 'ro-poff', 'ro-ppl', 'ro-ratio']) setReadout(id, NaN, NaN, '');
  state.theory = theoryCurves(cfg);
  redraw(cfg);
  const ac = new AbortController();
  state.running = ac;
  $<HTMLButtonElement>('run').disabled = true;
  $<HTMLButtonElement>('stop').disabled = false;
  setStatus('running', `running 0 / ${cfg.samples}`);
  $('notes').textContent = '';
  const t0 = performance.now();
  let pendingFrame = 0;
  let last: LiveUpdate | null = null;
  try {
    const out = await runEnsemble(cfg, state.probe, {
      backend: select('backend').value as BackendChoice,
      workers: workersWanted(),
      signal: ac.signal,
      onBackend: (label, kind) => {
        state.backend = label;
        $('backend-used').textContent = label;
        $('backend-used').dataset.kind = kind;
      },
      onUpdate: (u) => {
        last = u;
        if (pendingFrame) return;
        pendingFrame = requestAnimationFrame(() => {
          pendingFrame = 0;
          if (!last || !state.running) return;
          const el = (performance.now() - t0) / 1000;
          const r = liveResult(cfg, last, el);
          redraw(cfg, r.P, r.P_se);
          showReadouts(cfg, r);
          $<HTMLProgressElement>('progress').value = last.done / last.total;
          setStatus('running', `running ${last.done} / ${last.total} samples, ${el.toFixed(1)} s`);
        });
      },
    });
    cancelAnimationFrame(pendingFrame);
    const elapsed = (performance.now() - t0) / 1000;
    const r = assembleResult(cfg, out.moments, { done: out.done, backend: out.backend, elapsed_s: elapsed, notes: out.notes });
    state.result = r;
    state.backend = out.backend;
    $('backend-used').textContent = out.backend;
    redraw(cfg, r.P, r.P_se);
    showReadouts(cfg, r);
    $<HTMLProgressElement>('progress').value = out.done / cfg.samples;
    $('notes').textContent = r.notes.join(' · ');
    $<HTMLButtonElement>('download').disabled = out.done === 0;
    setStatus('done', `${out.done === cfg.samples ? 'done' : 'stopped'}: ${out.done} samples in ${elapsed.toFixed(1)} s`);
  } catch (e) {
    cancelAnimationFrame(pendingFrame);
    setStatus('error', `error: ${(e as Error).message}`);
    $('notes').textContent = (e as Error).message;
  } finally {
    state.running = null;
    $<HTMLButtonElement>('run').disabled = false;
    $<HTMLButtonElement>('stop').disabled = true;
  }
}

function download(): void {
  const r = state.result;
  if (!r) return;
  const blob = new Blob([JSON.stringify(r, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `goldenrule-${r.params.ensemble}-N${r.params.N}-gamma${Number(r.params.gamma.toPrecision(4))}-seed${r.params.seed}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function applyPreset(id: string): void {
  const p = PRESETS[id];
  if (!p) return;
  select('ensemble').value = p.ensemble;
  input('N').value = String(PRESET_N);
  gammaField.value = String(p.gamma);
  gammaSlider.value = String(Math.log10(p.gamma));
  input('samples').value = String(PRESET_SAMPLES);
  input('tauMin').value = String(p.tau[0]);
  input('tauMax').value = String(p.tau[1]);
  input('tauPoints').value = String(p.tau[2]);
  select('tauScale').value = p.tau[3];
  select('yScale').value = p.yScale;
  onParamsChanged();
}

// ---------- wiring ----------
const presetSel = select('preset');
for (const [id, p] of Object.entries(PRESETS)) presetSel.add(new Option(p.label, id));
presetSel.addEventListener('change', () => applyPreset(presetSel.value));
for (const f of FIELDS) $(f).addEventListener('change', () => {
  if (f !== 'yScale' && f !== 'backend' && f !== 'workers') presetSel.value = 'custom';
  onParamsChanged();
});
$('run').addEventListener('click', () => void run());
$('stop').addEventListener('click', () => state.running?.abort());
$('download').addEventListener('click', download);
input('workers').value = String(Math.max(1, Math.min(8, (navigator.hardwareConcurrency || 2) - 0)));

// URL parameters: ?preset=2a&N=199&samples=300&seed=7&backend=cpu&run=1 (any control id).
const q = new URLSearchParams(location.search);
applyPreset(q.get('preset') ?? '2a');
if (q.has('preset')) presetSel.value = q.get('preset')!;
else presetSel.value = '2a';
for (const f of FIELDS) if (q.has(f)) ($(f) as HTMLInputElement).value = q.get(f)!;
if (q.has('gamma')) gammaSlider.value = String(Math.log10(Number(q.get('gamma')) || 1));

setStatus('idle', 'probing WebGPU…');
void probeWebGpu().then((p) => {
  state.probe = p;
  $('gpu-probe').textContent = p.ok ? `WebGPU available: ${p.text}` : `WebGPU unavailable: ${p.text} — runs use CPU web workers`;
  $('gpu-probe').dataset.ok = String(p.ok);
  document.body.dataset.gpu = p.ok ? 'yes' : 'no';
  setStatus('idle', 'ready');
  onParamsChanged();
  if (q.get('run') === '1' && state.status !== 'invalid') void run();
});
