/**
 * The `fgr` CLI: bad input (exit 2, one line naming the parameter, nothing written), `fgr theory` columns,
 * `fgr simulate` at a tiny size, interrupt and resume, and the real executable (exit codes, process exits).
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fgr, listFiles, tempDir } from './cli-helpers.js';
import { pResEq4 } from '../src/theory/index.js';
import { checkpointPath } from '../src/cli/commands/simulate.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('fgr: bad input -> exit 2, one line naming the parameter, before any work', () => {
  const dir = tempDir();
  const out = join(dir, 'run.json');
  const notADir = join(dir, 'plain-file');
  writeFileSync(notADir, 'x');
  const sim = (...a: string[]): string[] => ['simulate', '--out', out, '--quiet', ...a];
  const cases: [string, string[], RegExp][] = [
    ['N not a number', sim('--N', 'abc'), /--N/],
    ['N < 1', sim('--N', '0'), /--N.*\[1, /],
    ['N non-finite', sim('--N', 'Infinity'), /--N/],
    ['N not an integer', sim('--N', '9.5'), /--N/],
    ['N empty', sim('--N', ''), /--N: empty/],
    ['negative g', sim('--g', '-0.1'), /--g must be >= 0/],
    ['negative gamma', sim('--gamma', '-1'), /--gamma must be >= 0/],
    ['gamma NaN', sim('--gamma', 'NaN'), /--gamma must be a finite number/],
    ['both g and gamma', sim('--g', '0.1', '--gamma', '2'), /--g and --gamma/],
    ['samples < 1', sim('--samples', '0'), /--samples.*\[1, /],
    ['samples not an integer', sim('--samples', '2.5'), /--samples/],
    ['seed negative', sim('--seed', '-3'), /--seed/],
    ['lambda zero', sim('--lambda', '0'), /--lambda/],
    ['eps0 non-finite', sim('--eps0', 'inf'), /--eps0/],
    ['empty tau grid', sim('--tau', ''), /--tau: empty time grid/],
    ['unsorted tau grid', sim('--tau', '0.5,0.1,1'), /--tau: times must be strictly increasing/],
    ['negative tau', sim('--tau', '-1,1'), /--tau: times must be >= 0/],
    ['bad tau range', sim('--tau', '1:0.1:10'), /--tau: stop must be greater than start/],
    ['log range from 0', sim('--tau', '0:1:5:log'), /--tau: a log range needs start > 0/],
    ['both tau and t', sim('--tau', '1,2', '--t', '1,2'), /--tau and --t/],
    ['unsorted t grid', sim('--t', '3,2'), /--t: times must be strictly increasing/],
    ['unknown ensemble', sim('--ensemble', 'GXE'), /--ensemble must be one of/],
    ['bad beta', sim('--ensemble', 'beta=-2'), /--ensemble beta=<b>/],
    ['unknown method', sim('--method', 'magic'), /--method must be auto, fast or dense/],
    ['unknown backend', sim('--backend', 'cuda'), /--backend must be auto, cpu or webgpu/],
    ['threads 0', sim('--threads', '0'), /--threads/],
    ['dense too large for memory', sim('--N', '1000000', '--method', 'dense'), /--N 1000000 with --method dense needs about .* GiB/],
    ['missing --out', ['simulate', '--N', '5'], /required option '--out <file>'/],
    ['--out in a missing directory', ['simulate', '--out', join(dir, 'nope', 'r.json')], /--out: directory .* does not exist/],
    ['--out is a directory', ['simulate', '--out', dir], /--out: .* is a directory/],
    ['unknown option', sim('--bogus', '1'), /unknown option '--bogus'/],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['theory: negative gamma', ['theory', '--gamma', '-2'], /--gamma must be >= 0/],
    ['theory: unsorted grid', ['theory', '--tau', '2,1'], /--tau/],
    ['figure: unknown panel', ['figure', '2z', '--out-dir', join(dir, 'figs')], /argument 'panel'.*2a, 2b, 2c, 2d, 2e, all/],
    ['figure: samples 0', ['figure', '2a', '--samples', '0', '--out-dir', join(dir, 'figs')], /--samples/],
    ['figure: N not a number', ['figure', 'all', '--N', 'x', '--out-dir', join(dir, 'figs')], /--N/],
    ['figure: dense sweep', ['figure', '2d', '--method', 'dense', '--N', '20', '--out-dir', join(dir, 'figs')], /--method dense: panel 2d/],
    ['figure: out-dir cannot be created', ['figure', '2a', '--out-dir', join(notADir, 'sub')], /--out-dir: cannot create directory .*not a directory/],
    ['figure: excess argument', ['figure', '2a', '2b'], /too many arguments/],
  ];
  for (const [name, args, re] of cases) {
    it(name, async () => {
      const before = listFiles(dir);
      const r = await fgr(args);
      expect(r.code).toBe(2);
      const lines = r.err.split('\n').filter((l) => l !== '');
      expect(lines, r.err).toHaveLength(1);
      expect(lines[0]).toMatch(/^fgr: error: /);
      expect(lines[0]).toMatch(re);
      expect(r.out).toBe('');
      expect(listFiles(dir)).toEqual(before);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'figs'))).toBe(false);
    });
  }
});

describe('fgr --version, --help', () => {
  it('--version prints the package version', async () => {
    const r = await fgr(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });
  it('--help explains the parameters in physics terms', async () => {
    const r = await fgr(['--help']);
    expect(r.code).toBe(0);
    for (const s of ['simulate', 'theory', 'figure', 'gamma     = g N', 't_H       = 2 pi nu = 2N/lambda', 'Gamma_FGR = 2 pi E|W|^2 nu = 2 g lambda', 'Kramers']) {
      expect(r.out).toContain(s);
    }
  });
  it('simulate --help lists the shared options', async () => {
    const r = await fgr(['simulate', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--ensemble', '--N', '--g', '--gamma', '--lambda', '--eps0', '--samples', '--seed', '--tau', '--t ', '--method', '--backend', '--threads', '--out', '--csv']) {
      expect(r.out).toContain(o);
    }
  });
});

function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

describe('fgr theory', () => {
  it('GUE: tau, t, fgr, eq5, large_gamma, eq6, P_res_eq4 on the grid', async () => {
    const r = await fgr(['theory', '--gamma', '0.46', '--N', '999', '--tau', '0.01,0.1,1,10']);
    expect(r.code).toBe(0);
    const { header, rows } = parseCsv(r.out);
    expect(header).toEqual(['tau', 't', 'fgr', 'eq5', 'large_gamma', 'eq6', 'P_res_eq4']);
    expect(rows.map((x) => x[0])).toEqual([0.01, 0.1, 1, 10]);
    for (const row of rows) {
      expect(row[1]).toBeCloseTo(row[0] * 2 * 999, 9); // t = tau t_H, t_H = 2N/lambda
      expect(row[2]).toBeCloseTo(Math.exp(-4 * 0.46 * row[0]), 14);
      expect(row[6]).toBe(pResEq4(0.46));
      for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }
    // Eq. 5 tends to Eq. 4 at late times (gamma = 0.46: within 1e-2 by tau = 10).
    expect(Math.abs(rows[3][3] - rows[3][6])).toBeLessThan(1e-2);
  });
  it('GOE and GSE: eq6 only; poisson: fgr only', async () => {
    expect(parseCsv((await fgr(['theory', '--ensemble', 'GOE', '--tau', '0.5'])).out).header).toEqual(['tau', 't', 'fgr', 'eq6']);
    const gse = parseCsv((await fgr(['theory', '--ensemble', 'GSE', '--gamma', '23', '--tau', '3'])).out);
    expect(gse.header).toEqual(['tau', 't', 'fgr', 'eq6']);
    expect(gse.rows[0][3]).toBeCloseTo(3 / (2 * 46), 12); // GSE plateau at the paper's gamma 2gN = 46
    expect(parseCsv((await fgr(['theory', '--ensemble', 'poisson', '--tau', '0.5'])).out).header).toEqual(['tau', 't', 'fgr']);
  });
  it('--t gives times in units of 1/lambda; --out writes a file', async () => {
    const dir = tempDir();
    const f = join(dir, 'th.csv');
    const r = await fgr(['theory', '--N', '100', '--lambda', '2', '--gamma', '5', '--t', '10,100', '--out', f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const { rows } = parseCsv(readFileSync(f, 'utf8'));
    expect(rows[0][0]).toBeCloseTo(10 / (2 * 100 / 2), 14); // tau = t / t_H, t_H = 2N/lambda = 100
    expect(rows[1][1]).toBe(100);
  });
});

const RESULT_KEYS = ['version', 'params', 'conventions', 'tau', 't', 'P', 'P_se', 'P_res', 'P_res_se', 'elapsed_s', 'samples_done'];
const PARAM_KEYS = ['ensemble', 'beta', 'N', 'g', 'gamma', 'lambda', 'eps0', 'seed', 'samples', 'method', 'backend'];

describe('fgr simulate', () => {
  it('N=20, 50 samples: writes the documented JSON and CSV and a summary', async () => {
    const dir = tempDir();
    const json = join(dir, 'run.json');
    const csv = join(dir, 'run.csv');
    const r = await fgr(['simulate', '--N', '20', '--gamma', '2', '--samples', '50', '--seed', '7', '--tau', '0:2:11', '--threads', '1', '--backend', 'cpu', '--out', json, '--csv', csv]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(readFileSync(json, 'utf8'));
    for (const k of RESULT_KEYS) expect(d).toHaveProperty(k);
    for (const k of PARAM_KEYS) expect(d.params).toHaveProperty(k);
    for (const k of ['t_H', 'Gamma_FGR', 'gamma', 'gamma_paper']) expect(d.conventions).toHaveProperty(k);
    expect(d.version).toBe(pkg.version);
    expect(d.params).toMatchObject({ ensemble: 'GUE', beta: 2, N: 20, gamma: 2, lambda: 1, eps0: 0, seed: 7, samples: 50 });
    expect(d.params.g).toBeCloseTo(0.1, 15);
    expect(d.params.backend).toMatch(/cpu/);
    expect(d.conventions.t_H).toBe(40);
    expect(d.conventions.Gamma_FGR).toBeCloseTo(0.2, 15);
    expect(d.samples_done).toBe(50);
    expect(d.tau).toHaveLength(11);
    expect(d.t[10]).toBeCloseTo(80, 12);
    expect(d.P[0]).toBeCloseTo(1, 12); // P(0) = 1 exactly
    expect(d.P_res).toBeGreaterThan(0);
    expect(d.P_res).toBeLessThan(1);
    expect(d.P_res_se).toBeGreaterThan(0);
    const { header, rows } = parseCsv(readFileSync(csv, 'utf8'));
    expect(header).toEqual(['tau', 't', 'P', 'P_se', 'fgr', 'eq5', 'large_gamma', 'eq6', 'P_res_eq4']);
    expect(rows).toHaveLength(11);
    expect(rows[5][2]).toBe(d.P[5]);
    expect(r.out).toMatch(/backend: cpu \(1 thread\)/);
    expect(r.out).toMatch(/P_res = .* ± .* vs Eq\. 4/);
    expect(r.out).toMatch(/samples\/s/);
    expect(existsSync(checkpointPath(json))).toBe(false);
  });
  it('N = 1 and samples = 1 work', async () => {
    const dir = tempDir();
    const json = join(dir, 'one.json');
    const r = await fgr(['simulate', '--N', '1', '--samples', '1', '--gamma', '0.5', '--tau', '0,1', '--threads', '1', '--out', json]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(readFileSync(json, 'utf8'));
    expect(d.samples_done).toBe(1);
    expect(d.P[0]).toBeCloseTo(1, 12);
  });
  it('GSE prints both gamma conventions', async () => {
    const dir = tempDir();
    const r = await fgr(['simulate', '--ensemble', 'GSE', '--N', '10', '--gamma', '2', '--samples', '8', '--tau', '0,1', '--threads', '1', '--out', join(dir, 'g.json')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/gamma = gN = 2 \(paper's gamma for GSE: 2gN = 4\)/);
  });
  it('interrupt: exit 130, checkpoint kept, no result; rerun resumes and completes', async () => {
    const dir = tempDir();
    const json = join(dir, 'i.json');
    const args = ['simulate', '--N', '10', '--gamma', '1', '--samples', '64', '--tau', '0,1', '--threads', '1', '--out', json];
    const ac = new AbortController();
    ac.abort();
    const r1 = await fgr(args, ac.signal);
    expect(r1.code).toBe(130);
    expect(r1.err).toMatch(/interrupted after \d+ samples; rerun the same command to resume/);
    expect(existsSync(json)).toBe(false);
    expect(existsSync(checkpointPath(json))).toBe(true);
    const r2 = await fgr(args);
    expect(r2.code, r2.err).toBe(0);
    expect(r2.err).toMatch(/resuming from checkpoint/);
    expect(JSON.parse(readFileSync(json, 'utf8')).samples_done).toBe(64);
    expect(existsSync(checkpointPath(json))).toBe(false);
  });
});

describe('the fgr executable', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  it('exits 2 with one error line on bad input', () => {
    const p = run(['simulate', '--N', '0', '--out', '/tmp/never-written.json']);
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fgr: error: --N \(dot levels\) must be an integer in \[1, /)]);
    expect(existsSync('/tmp/never-written.json')).toBe(false);
  });
  it('--version; a multi-threaded run exits by itself', () => {
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
    const dir = tempDir();
    const p = run(['simulate', '--N', '8', '--samples', '70', '--threads', '2', '--tau', '0,1', '--out', join(dir, 'r.json')]);
    expect(p.status, p.stderr).toBe(0);
    expect(p.error).toBeUndefined(); // not killed by the timeout
  });
  it('SIGINT: exit 130 with the resume message, checkpoint written, no result file', async () => {
    const dir = tempDir();
    const out = join(dir, 'big.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--N', '200', '--samples', '1000000', '--threads', '1', '--backend', 'cpu', '--tau', '0,1', '--out', out]);
    let err = '';
    const started = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/1000000 samples/.test(err)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await started;
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const code = await exited;
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrupted after \d+ samples; rerun the same command to resume/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(checkpointPath(out))).toBe(true);
  });
});
