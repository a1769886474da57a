/**
 * CPU benchmarks, side by side in one run, reported as ratios (DESIGN.md section 9; issue 2).
 *   npm run bench              full run (about 4 minutes on 2 cores)
 *   npm run bench -- --quick   smaller sizes, no 10^4 ensemble
 * Sections: per-sample cost of the fast path at N = 999 and 200 log-spaced tau (one core) split into eigenvalues,
 * weights and P(t); the same job in Python (scipy eigh_tridiagonal + numpy P(t); numpy dense eigh) measured now on
 * this machine; the dense ml-matrix path; scaling of the fast path over N with its memory; a 10^4-sample ensemble
 * on all cores. Names follow `kernel:n=N`.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ChunkRunner, type JobSpec } from '../src/engine/job.js';
import { GUE, GOE } from '../src/model/ensemble.js';
import { makeRunConfig } from '../src/model/validate.js';
import { simulate } from '../src/simulate.js';
import { TridiagEigen4 } from '../src/linalg/tridiagonal4.js';
import { tridiagEigenvalues, firstComponentWeights } from '../src/linalg/tridiagonal.js';
import { betaHermiteTotal } from '../src/sampling/betaHermite.js';
import { DenseSampler, allocSpectrum } from '../src/sampling/index.js';
import { pOfT } from '../src/observables/pt.js';
import { PhiloxStream } from '../src/rng/philox.js';

const quick = process.argv.includes('--quick');
const rows: [string, string][] = [];
const say = (name: string, value: string) => { rows.push([name, value]); console.log(`${name.padEnd(44)} ${value}`); };
const tau = makeRunConfig({ N: 999, tau: '0.001:10:200:log' }).tau;

function job(N: number, gamma: number, ensemble = GUE, method: 'fast' | 'dense' = 'fast'): JobSpec {
  return { kind: 'pt', ensemble, N, g: gamma / N, lambda: 1, eps0: 0, seed: 1, method, t: Array.from(tau, (x) => x * 2 * N), gs: [] };
}

/** ms per sample of the whole per-sample pipeline (generation, eigen-solve, weights, P(t), accumulation), one core. */
function perSample(j: JobSpec, samples: number): number {
  const r = new ChunkRunner(j);
  r.run(0, Math.min(8, samples)); // warm-up (JIT)
  const t0 = performance.now();
  r.run(1000, samples);
  return (performance.now() - t0) / samples;
}

console.log(`goldenrule CPU benchmark — ${availableParallelism()} cores, node ${process.version}${quick ? ' (quick)' : ''}\n`);

// 1. Breakdown at N = 999.
{
  const N = 999, n = N + 1, S = quick ? 16 : 64;
  const p = { ensemble: GUE, N, g: 46 / N, lambda: 1, eps0: 0 };
  const rng = new PhiloxStream(1);
  const d = [0, 1, 2, 3].map(() => new Float64Array(n)), b = [0, 1, 2, 3].map(() => new Float64Array(N));
  const e = [0, 1, 2, 3].map(() => new Float64Array(n)), bsq = new Float64Array(N), w = new Float64Array(n);
  const P = new Float64Array(tau.length), t = Float64Array.from(tau, (x) => x * 2 * N);
  const q = new TridiagEigen4(n);
  let tGen = 0, tQl4 = 0, tQl1 = 0, tW = 0, tP = 0;
  for (let s = -4; s < S; s += 4) {
    let c = performance.now();
    for (let k = 0; k < 4; k++) betaHermiteTotal(p, rng, 100 + s + k, d[k], b[k]);
    const g0 = performance.now() - c;
    c = performance.now(); q.solve(d, b, e, 4); const q4 = performance.now() - c;
    c = performance.now(); tridiagEigenvalues(d[0], b[0], w); const q1 = performance.now() - c;
    c = performance.now();
    for (let k = 0; k < 4; k++) { for (let i = 0; i < N; i++) bsq[i] = b[k][i] ** 2; firstComponentWeights(d[k], bsq, e[k], w); }
    const wt = performance.now() - c;
    c = performance.now();
    for (let k = 0; k < 4; k++) pOfT({ e: e[k], p: w }, t, P);
    const pt = performance.now() - c;
    if (s >= 0) { tGen += g0; tQl4 += q4; tQl1 += q1 * 4; tW += wt; tP += pt; }
  }
  say('generate:n=999 (ms/sample)', (tGen / S).toFixed(3));
  say('eigenvalues QL, 4 fused:n=999 (ms/sample)', (tQl4 / S).toFixed(3));
  say('eigenvalues QL, single:n=999 (ms/sample)', `${(tQl1 / S).toFixed(3)}  (fused is ${(tQl1 / tQl4).toFixed(2)}x faster)`);
  say('weights, continued fraction:n=999 (ms/sample)', (tW / S).toFixed(3));
  say('P(t), 200 times:n=999 (ms/sample)', (tP / S).toFixed(3));
}

// 2. Whole per-sample pipeline vs Python, same machine, one core.
const fastMs = perSample(job(999, 46), quick ? 24 : 96);
say('fast path, whole sample:n=999 (ms/sample)', fastMs.toFixed(2));
let py: { tridiagonal_ms: number; dense_ms: number } | null = null;
try {
  const script = fileURLToPath(new URL('./python_baseline.py', import.meta.url));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  py = JSON.parse(execFileSync('python3', [script, '999', quick ? '5' : '20', quick ? '1' : '2'], { env, encoding: 'utf8', timeout: 300_000 }));
} catch (e) {
  say('python baseline', `not run (${(e as Error).message.split('\n')[0]}); issue's figures: 45 ms and 960 ms`);
}
const pyTri = py?.tridiagonal_ms ?? 45, pyDense = py?.dense_ms ?? 960;
say('python scipy eigh_tridiagonal + numpy P(t):n=999 (ms/sample)', `${pyTri.toFixed(1)}${py ? '' : ' (quoted)'}`);
say('python numpy dense eigh + P(t):n=999 (ms/sample)', `${pyDense.toFixed(0)}${py ? '' : ' (quoted)'}`);
say('ratio fast / scipy tridiagonal', `${(pyTri / fastMs).toFixed(1)}x faster (target >= 5x)`);
say('ratio fast / numpy dense', `${(pyDense / fastMs).toFixed(0)}x faster (target >= 100x)`);

// 2b. The P_res sweep of Fig. 2(d): one dot spectrum and 13 secular solves per sample (N = 999).
{
  const gs = [0.01, 0.022, 0.0464, 0.1, 0.215, 0.46, 1, 2.15, 4.64, 10, 21.5, 46, 100].map((x) => x / 999);
  const j: JobSpec = { ...job(999, 46), kind: 'sweep', t: [], gs };
  const ms = perSample(j, quick ? 8 : 32);
  say('P_res sweep, 13 gammas:n=999 (ms/sample)', `${ms.toFixed(1)}  (${(ms / gs.length).toFixed(2)} ms per gamma)`);
}

// 3. Dense ml-matrix path.
for (const N of quick ? [63, 127] : [63, 127, 255]) {
  for (const ens of [GOE, GUE]) {
    const s = new DenseSampler({ ensemble: ens, N, g: 5 / N, lambda: 1, eps0: 0 }, 1);
    const out = [allocSpectrum(N + 1)];
    s.sampleBatch(0, 1, out);
    const reps = N < 100 ? 6 : 2;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) s.sampleBatch(i + 1, 1, out);
    const ms = (performance.now() - t0) / reps;
    const f = perSample(job(N, 5, ens), 16);
    say(`dense ml-matrix ${ens.name}:n=${N} (ms/sample)`, `${ms.toFixed(1)}  (fast path ${f.toFixed(3)} ms: ${(ms / f).toFixed(0)}x)`);
  }
}
if (!quick) {
  const N = 999;
  const s = new DenseSampler({ ensemble: GOE, N, g: 46 / N, lambda: 1, eps0: 0 }, 1);
  const t0 = performance.now();
  s.sampleBatch(0, 1, [allocSpectrum(N + 1)]);
  const ms = performance.now() - t0;
  say('dense ml-matrix GOE:n=999 (ms/sample)', `${ms.toFixed(0)}  (GUE embeds to 2000x2000: about 8x that, by N^3)`);
}

// 4. Scaling of the fast path with N (time ~ N^2, memory ~ N).
{
  let prev = 0, prevN = 0;
  for (const N of quick ? [125, 250, 500, 1000, 2000] : [125, 250, 500, 1000, 2000, 4000, 8000]) {
    const S = Math.max(4, Math.round(64 * (500 / N) ** 2));
    const before = process.memoryUsage().arrayBuffers;
    const r = new ChunkRunner(job(N, 46));
    const mem = process.memoryUsage().arrayBuffers - before;
    r.run(0, 4);
    const t0 = performance.now();
    r.run(100, S);
    const ms = (performance.now() - t0) / S;
    const slope = prev ? ` exponent ${(Math.log(ms / prev) / Math.log(N / prevN)).toFixed(2)}` : '';
    say(`fast path:n=${N} (ms/sample)`, `${ms.toFixed(3)}  buffers ${(mem / 1024).toFixed(0)} KiB (${(mem / (N + 1)).toFixed(0)} B per level)${slope}`);
    prev = ms; prevN = N;
  }
}

// 5. A 10^4-sample ensemble at N + 1 = 1000 on all cores (the Fig. 2 unit of work).
if (!quick) {
  const threads = availableParallelism();
  const cfg = makeRunConfig({ N: 999, gamma: 46, samples: 10_000, threads, tau: '0.001:10:200:log' });
  const r = await simulate(cfg);
  say(`ensemble 10^4 samples:n=999 on ${threads} threads (s wall)`, `${r.elapsed_s.toFixed(1)}  (target <= 60 s; P_res = ${r.P_res.toFixed(5)} +- ${r.P_res_se.toFixed(5)})`);
}
