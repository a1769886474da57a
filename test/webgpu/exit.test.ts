/** The process exits after GPU work (Dawn keeps Node alive unless the device is destroyed), also after an error. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gpuForSuite } from './gpu-helper.js';

const gpu = await gpuForSuite('process exit');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

function runChild(code: string) {
  return spawnSync(process.execPath, [tsx, '--eval', code], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe.runIf(gpu)('process exit after GPU work', () => {
  it('exits with code 0 after a GPU ensemble run', () => {
    const r = runChild(`
      import { runWebGpuEnsemble } from './src/backends/webgpu/scheduler.ts';
      import { makeRunConfig } from './src/model/validate.ts';
      const cfg = makeRunConfig({ N: 8, gamma: 1, samples: 20, seed: 1, tau: '0.1,1' });
      runWebGpuEnsemble(cfg, { start: 0, end: 20 }, { onAdapter: (i) => console.log('adapter', i.summary) })
        .then((s) => console.log('samples', s.count));
    `);
    expect(r.error, String(r.error)).toBeUndefined(); // a hang shows up as ETIMEDOUT here
    expect(r.stdout).toContain('samples 20');
    expect(r.status).toBe(0);
  });
  it('exits after an error thrown during a GPU run', () => {
    const r = runChild(`
      import { runWebGpuEnsemble } from './src/backends/webgpu/scheduler.ts';
      import { makeRunConfig } from './src/model/validate.ts';
      const cfg = makeRunConfig({ N: 8, gamma: 1, samples: 20, seed: 1, tau: '0.1,1' });
      runWebGpuEnsemble(cfg, { start: 0, end: 20 }, { onAdapter: () => { throw new Error('boom'); } })
        .catch((e) => { console.log('caught', e.message); process.exitCode = 3; });
    `);
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r.stdout).toContain('caught boom');
    expect(r.status).toBe(3);
  });
});
