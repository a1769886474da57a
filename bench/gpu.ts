/**
 * GPU vs CPU per-sample time on the fast path, swept over N (names `fast-gpu:n=N`, `fast-cpu:n=N`), one core on the CPU.
 *   npx tsx bench/gpu.ts [--N 100,300,999] [--samples 64] [--tau-points 200] [--require-hardware]
 * Prints the adapter first, so a run that landed on SwiftShader is obvious. The dense (Jacobi) GPU path is not
 * implemented yet; its rows are absent.
 */
import { acquireGpu } from '../src/backends/webgpu/device.js';
import { runWebGpuEnsemble } from '../src/backends/webgpu/scheduler.js';
import { makeRunConfig } from '../src/model/validate.js';
import { makeSampler, allocSpectrum } from '../src/sampling/index.js';
import { pOfT, pRes } from '../src/observables/pt.js';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const Ns = arg('N', '100,300,999').split(',').map(Number);
const samples = Number(arg('samples', '64'));
const tauPoints = Number(arg('tau-points', '200'));
const gpu = await acquireGpu({ requireHardware: process.argv.includes('--require-hardware') });
console.log(`adapter: ${gpu.info.summary}`);
const rows: { name: string; msPerSample: number; samples: number }[] = [];
try {
  for (const N of Ns) {
    const cfg = makeRunConfig({ ensemble: 'GUE', N, gamma: 0.46, samples, seed: 1, tau: `0.001:10:${tauPoints}:log` });
    // warm-up (pipeline compilation) on a few samples, then the timed run
    await runWebGpuEnsemble(cfg, { start: 0, end: Math.min(4, samples) }, { gpu });
    let t0 = performance.now();
    const st = await runWebGpuEnsemble(cfg, { start: 0, end: samples }, { gpu });
    const gpuMs = (performance.now() - t0) / samples;
    rows.push({ name: `fast-gpu:n=${N}`, msPerSample: gpuMs, samples: st.count });
    const cpuSamples = Math.max(4, Math.min(samples, Math.round(4e7 / (N * N))));
    const smp = makeSampler(cfg, cfg.seed, 'fast');
    const specs = [allocSpectrum(smp.size)];
    const out = new Float64Array(cfg.t.length);
    t0 = performance.now();
    let sink = 0;
    for (let s = 0; s < cpuSamples; s++) {
      smp.sampleBatch(s, 1, specs);
      pOfT(specs[0], cfg.t, out);
      sink += pRes(specs[0]) + out[0];
    }
    const cpuMs = (performance.now() - t0) / cpuSamples;
    rows.push({ name: `fast-cpu:n=${N}`, msPerSample: cpuMs, samples: cpuSamples });
    console.log(`N=${N}: gpu ${gpuMs.toFixed(3)} ms/sample, cpu(1 core) ${cpuMs.toFixed(3)} ms/sample, ratio cpu/gpu ${(cpuMs / gpuMs).toFixed(2)} (${sink > 0 ? 'ok' : '?'})`);
  }
} finally {
  gpu.destroy();
}
console.log(JSON.stringify({ adapter: gpu.info, tauPoints, rows }, null, 1));
