/**
 * End-to-end test of the browser demo in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core;
 * no browser download). Builds demo/dist when missing or older than its sources, serves it on 127.0.0.1, and:
 *  1. with --enable-unsafe-webgpu (SwiftShader adapter): runs a small ensemble on backend 'auto', asserts the WebGPU
 *     tier ran, and compares the plotted P_res and P(tau) with simulate() (the CLI's engine) on the same seed, to f32
 *     accuracy (the same samples on both sides: Philox keyed by (seed, sample index));
 *  2. with the GPU disabled: the ladder falls back to CPU Web Workers, finishes, and equals simulate() to 1e-12
 *     (bitwise equality is impossible across JS engines: V8 versions differ in the last ulp of Math.sin/exp/log);
 *     the downloaded JSON has the SimulationResult schema;
 *  3. bad input (empty N, N too large for the device, negative gamma) shows messages next to the controls.
 * Screenshots go to test-artifacts/. Under CI=true a missing chromium or WebGPU adapter fails the test; elsewhere the
 * affected tests are skipped with the reason printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeRunConfig } from '../../src/model/index.js';
import { simulate } from '../../src/simulate.js';
import type { SimulationResult } from '../../src/result.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'demo/dist');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';

const COMMON = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
const NO_GPU_FLAGS = ['--disable-gpu'];

/** The small ensemble both runs use (GUE, gamma = 46, as Fig. 2(a), but N + 1 = 100 and 96 samples = 3 chunks). */
const RUN = { ensemble: 'GUE', N: 99, gamma: 46, samples: 96, seed: 11, tau: '0.001:10:120:log' };
const QUERY = `preset=2a&N=${RUN.N}&gamma=${RUN.gamma}&samples=${RUN.samples}&seed=${RUN.seed}&tauMin=0.001&tauMax=10&tauPoints=120&tauScale=log`;

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const e of readdirSync(p)) if (e !== 'dist' && e !== 'node_modules') m = Math.max(m, newestMtime(join(p, e)));
  return m;
}

function ensureBuilt(): void {
  const index = join(DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'demo')), newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'shaders')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

function serve(dir: string): Promise<Server> {
  const srv = createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const f = resolve(dir, `.${p}`);
    if (!f.startsWith(dir) || !existsSync(f) || statSync(f).isDirectory()) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', TYPES[extname(f)] ?? 'application/octet-stream');
    createReadStream(f).pipe(res);
  });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
}

/** Skip (printing why) or, under CI, fail. */
function unavailable(reason: string, ctx: { skip: (note?: string) => void }): void {
  if (CI) throw new Error(`e2e: ${reason} (CI=true: this must not be skipped)`);
  console.warn(`[e2e skipped] ${reason}`);
  ctx.skip(reason);
}

interface PageState {
  status: string;
  statusText: string;
  backend: string;
  backendKind: string;
  probe: string;
  gpu: string;
  presValue: number;
  notes: string;
  result: SimulationResult | null;
}

async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const g = (window as unknown as { goldenrule: { result: unknown } }).goldenrule;
    const $ = (id: string) => document.getElementById(id)!;
    return {
      status: document.body.dataset.status ?? '',
      statusText: $('status').textContent ?? '',
      backend: $('backend-used').textContent ?? '',
      backendKind: $('backend-used').dataset.kind ?? '',
      probe: $('gpu-probe').textContent ?? '',
      gpu: document.body.dataset.gpu ?? '',
      presValue: Number($('ro-pres').dataset.value),
      notes: $('notes').textContent ?? '',
      result: JSON.parse(JSON.stringify(g.result)) as never,
    };
  });
}

async function openAndRun(browser: Browser, query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${base}?${query}`);
  await page.waitForFunction(() => document.body.dataset.gpu === 'yes' || document.body.dataset.gpu === 'no', null, { timeout: 30_000 });
  return { page, errors };
}

let server: Server | null = null;
let base = '';
let cli: SimulationResult | null = null;
const haveChromium = existsSync(CHROMIUM);

describe('browser demo (headless Chromium)', () => {
  beforeAll(async () => {
    if (!haveChromium) return;
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(DIST);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // The CLI's engine on the same seed: one thread, chunks merged in order (as the page's workers do).
    cli = await simulate(makeRunConfig({ ...RUN, threads: 1, backend: 'cpu' }));
  }, 180_000);

  afterAll(() => {
    server?.close();
  });

  it('runs on WebGPU (SwiftShader) and agrees with the CLI on the same seed', async (ctx) => {
    if (!haveChromium) return unavailable(`no chromium at ${CHROMIUM}`, ctx);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...COMMON, ...WEBGPU_FLAGS] });
    try {
      const { page, errors } = await openAndRun(browser, `${QUERY}&backend=auto`);
      const probe = await pageState(page);
      if (probe.gpu !== 'yes') return unavailable(`headless Chromium gave no WebGPU adapter: ${probe.probe}`, ctx);
      await page.click('#run');
      await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status ?? ''), null, { timeout: 150_000 });
      const s = await pageState(page);
      await page.screenshot({ path: join(ARTIFACTS, 'demo-webgpu.png'), fullPage: true });
      expect(s.status, s.statusText + ' ' + s.notes).toBe('done');
      expect(s.backendKind).toBe('webgpu');
      expect(s.backend).toMatch(/^webgpu \(/);
      expect(s.result!.params.backend).toBe(s.backend);
      expect(s.result!.samples_done).toBe(RUN.samples);
      const r = s.result!;
      const c = cli!;
      // The plotted P_res (the readout) is the result's; the GPU computes the same samples in f32.
      expect(s.presValue).toBe(r.P_res);
      const dRes = Math.abs(r.P_res - c.P_res);
      const combinedSe = Math.hypot(r.P_res_se, c.P_res_se);
      console.log(`[e2e webgpu] ${s.backend}: P_res page ${r.P_res} vs CLI ${c.P_res} (|diff| ${dRes.toExponential(2)}, combined SE ${combinedSe.toExponential(2)}); ${s.statusText}`);
      expect(dRes).toBeLessThanOrEqual(1e-4 * c.P_res); // f32 accuracy: same samples, single-precision arithmetic
      expect(dRes).toBeLessThanOrEqual(combinedSe);
      let maxDP = 0;
      for (let i = 0; i < c.P.length; i++) maxDP = Math.max(maxDP, Math.abs(r.P[i] - c.P[i]));
      expect(maxDP).toBeLessThanOrEqual(1e-4);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 200_000);

  it('falls back to CPU web workers without WebGPU and equals the CLI to rounding; downloads the same JSON', async (ctx) => {
    if (!haveChromium) return unavailable(`no chromium at ${CHROMIUM}`, ctx);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...COMMON, ...NO_GPU_FLAGS] });
    try {
      const { page, errors } = await openAndRun(browser, `${QUERY}&backend=auto&workers=2`);
      await page.click('#run');
      await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status ?? ''), null, { timeout: 120_000 });
      const s = await pageState(page);
      await page.screenshot({ path: join(ARTIFACTS, 'demo-workers.png'), fullPage: true });
      expect(s.status, s.statusText + ' ' + s.notes).toBe('done');
      expect(s.gpu).toBe('no');
      expect(s.backendKind).toBe('cpu');
      expect(s.backend).toMatch(/^cpu \(\d+ web workers?\)$/);
      expect(s.notes).toMatch(/WebGPU not used/);
      const r = s.result!;
      const c = cli!;
      console.log(`[e2e workers] ${s.backend}: P_res page ${r.P_res} vs CLI ${c.P_res}; ${s.statusText}`);
      expect(s.presValue).toBe(r.P_res);
      // Same ChunkRunner, same chunks, merged in the same order. Not bitwise: Chromium's V8 and Node's V8 differ in the
      // last ulp of Math.sin/cos/exp/log for some arguments, so the two agree to rounding (measured ~1e-15 relative).
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
      expect(rel(r.P_res, c.P_res)).toBeLessThanOrEqual(1e-12);
      expect(rel(r.P_res_se, c.P_res_se)).toBeLessThanOrEqual(1e-9);
      let maxRelP = 0;
      for (let i = 0; i < c.P.length; i++) maxRelP = Math.max(maxRelP, rel(r.P[i], c.P[i]));
      expect(maxRelP).toBeLessThanOrEqual(1e-12);
      expect(r.summary.tau_off).toBe(c.summary.tau_off);
      expect(rel(r.summary.P_off, c.summary.P_off)).toBeLessThanOrEqual(1e-12);
      console.log(`[e2e workers] max relative difference from the CLI: P_res ${rel(r.P_res, c.P_res).toExponential(2)}, P(tau) ${maxRelP.toExponential(2)}`);

      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const file = join(ARTIFACTS, 'demo-download.json');
      await dl.saveAs(file);
      const j = JSON.parse(readFileSync(file, 'utf8')) as SimulationResult;
      expect(Object.keys(j).sort()).toEqual(Object.keys(c).sort());
      expect(Object.keys(j.params).sort()).toEqual(Object.keys(c.params).sort());
      expect({ ...j.params, backend: '' }).toEqual({ ...c.params, backend: '' });
      expect(j.conventions).toEqual(c.conventions);
      expect(j.tau.length).toBe(c.tau.length);
      for (let i = 0; i < c.tau.length; i++) expect(rel(j.tau[i], c.tau[i])).toBeLessThanOrEqual(1e-14);
      expect(j.P).toEqual(r.P);
      expect(j.P_res).toBe(r.P_res);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 150_000);

  it('shows bad input next to the control and never hangs', async (ctx) => {
    if (!haveChromium) return unavailable(`no chromium at ${CHROMIUM}`, ctx);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...COMMON, ...NO_GPU_FLAGS] });
    try {
      const { page, errors } = await openAndRun(browser, `${QUERY}&backend=auto`);
      const errText = (id: string) => page.locator(`#err-${id}`).textContent();

      await page.fill('#N', '');
      await page.click('#run');
      await page.waitForFunction(() => document.body.dataset.status === 'invalid', null, { timeout: 5_000 });
      expect(await errText('N')).toMatch(/required/);

      await page.fill('#N', '2000000');
      await page.fill('#samples', '10000');
      await page.click('#run');
      await page.waitForFunction(() => document.body.dataset.status === 'invalid', null, { timeout: 5_000 });
      expect(await errText('N')).toMatch(/too large for this device/);

      await page.fill('#N', '99');
      await page.fill('#gamma', '-1');
      await page.click('#run');
      await page.waitForFunction(() => document.body.dataset.status === 'invalid', null, { timeout: 5_000 });
      expect(await errText('gamma')).toMatch(/gamma must be >= 0/);
      expect(await errText('N')).toBe('');

      await page.fill('#tauMin', '0');
      await page.fill('#gamma', '46');
      await page.click('#run');
      await page.waitForFunction(() => document.body.dataset.status === 'invalid', null, { timeout: 5_000 });
      expect(await errText('tau')).toMatch(/log/);
      await page.screenshot({ path: join(ARTIFACTS, 'demo-bad-input.png'), fullPage: true });

      // The page is still responsive: a valid small run finishes.
      await page.fill('#tauMin', '0.001');
      await page.fill('#samples', '32');
      await page.click('#run');
      await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60_000 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
