import { describe, expect, it } from 'vitest';
import { makeRunConfig, systemMemoryBytes } from '../src/model/validate.js';
import { parseGrid } from '../src/model/grid.js';
import { InputError } from '../src/model/errors.js';
import { conventions } from '../src/model/params.js';

const bad: [string, Record<string, unknown>, RegExp][] = [
  ['N = 0', { N: 0 }, /--N.*\[1,/],
  ['N not an integer', { N: 2.5 }, /--N/],
  ['N = NaN', { N: 'NaN' }, /--N.*finite/],
  ['N empty', { N: '' }, /--N.*empty/],
  ['g negative', { g: -0.1 }, /--g must be >= 0/],
  ['gamma negative', { gamma: -1 }, /--gamma must be >= 0/],
  ['gamma infinite', { gamma: Infinity }, /--gamma.*finite/],
  ['g and gamma both', { g: 0.1, gamma: 3 }, /exactly one of --g and --gamma/],
  ['samples 0', { samples: 0 }, /--samples/],
  ['lambda 0', { lambda: 0 }, /--lambda/],
  ['eps0 NaN', { eps0: NaN }, /--eps0.*finite/],
  ['seed negative', { seed: -3 }, /--seed/],
  ['unknown ensemble', { ensemble: 'GXE' }, /--ensemble must be one of/],
  ['beta=0', { ensemble: 'beta=0' }, /beta/],
  ['unknown method', { method: 'qr' }, /--method/],
  ['unknown backend', { backend: 'cuda' }, /--backend/],
  ['empty tau', { tau: '' }, /--tau: empty/],
  ['unsorted tau', { tau: '1,0.5' }, /strictly increasing/],
  ['log range from 0', { tau: '0:1:5:log' }, /log range needs start > 0/],
  ['tau and t both', { tau: '1', t: '2' }, /at most one of --tau and --t/],
  ['negative time', { t: '-1,2' }, /--t: times must be >= 0/],
  ['threads 0', { threads: 0 }, /--threads/],
  ['hex number', { N: '0x10' }, /--N .*must be a decimal number/],
  ['array as a number', { gamma: [] }, /--gamma must be a number, got an array/],
  ['object as ensemble', { ensemble: {} }, /--ensemble must be one of/],
  ['gamma beyond 1e6 N', { N: 10, gamma: 1e8 }, /--gamma must be <= 1e6 N/],
  ['dense with general beta', { ensemble: 'beta=3', method: 'dense' }, /--method dense supports GOE, GUE, GSE and poisson/],
  ['times beyond phase accuracy', { t: '1,1e18' }, /--t: .*1e9 rad/],
  ['tau beyond phase accuracy', { tau: '1e300' }, /--tau: .*largest allowed is tau/],
  ['lambda denormal', { lambda: 5e-324 }, /--lambda must be in \[1e-100, 1e100\]/],
  ['empty range field', { tau: ':1:3' }, /empty field in range/],
  ['bad list entry quoted', { tau: '1;2' }, /entry 0 \('1;2'\) is not a finite number/],
];

describe('bad input is rejected with a message naming the parameter', () => {
  for (const [name, raw, msg] of bad) {
    it(name, () => {
      let err: unknown;
      try { makeRunConfig(raw as never); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message.split('\n')).toHaveLength(1);
    });
  }
  it('a dense size that would not fit in memory', () => {
    expect(() => makeRunConfig({ N: 20000, method: 'dense', ensemble: 'GSE' }, 24 * 2 ** 30)).toThrow(/GiB.*memory/);
  });
});

describe('library callers', () => {
  it('simulate() re-checks a configuration edited after makeRunConfig', async () => {
    const { simulate } = await import('../src/simulate.js');
    const c = makeRunConfig({ N: 9, samples: 4, tau: '1' });
    await expect(simulate({ ...c, samples: Infinity })).rejects.toThrow(/--samples/);
    await expect(simulate({ ...c, threads: NaN })).rejects.toThrow(/--threads/);
    await expect(simulate({ ...c, g: NaN })).rejects.toThrow(/--g/);
    await expect(simulate({ ...c, N: 2.5 })).rejects.toThrow(/--N/);
    await expect(simulate(null as never)).rejects.toThrow(/makeRunConfig/);
  });
  it('an Ensemble object is normalised, a malformed one refused', () => {
    expect(makeRunConfig({ ensemble: { name: 'beta', beta: 2, couplingBeta: 2, classLabel: null } }).ensemble.name).toBe('GUE');
    expect(() => makeRunConfig({ ensemble: { name: 'beta', beta: NaN, couplingBeta: 1, classLabel: null } })).toThrow(InputError);
    expect(() => makeRunConfig(null as never)).toThrow(/must be an object/);
  });
});

describe('good input', () => {
  it('defaults: GUE, N = 999, gamma = 46, 200 log tau points', () => {
    const c = makeRunConfig({});
    expect(c.ensemble.name).toBe('GUE');
    expect(c.N).toBe(999);
    expect(c.g * c.N).toBeCloseTo(46, 12);
    expect(c.tau.length).toBe(200);
    expect(c.t[10]).toBeCloseTo(c.tau[10] * 2 * 999, 9);
  });
  it('gamma sets g = gamma/N; --t converts to tau with t_H = 2N/lambda', () => {
    const c = makeRunConfig({ N: 100, gamma: 5, lambda: 2, t: '0,50,100' });
    expect(c.g).toBe(0.05);
    expect(Array.from(c.tau)).toEqual([0, 0.5, 1]);
    const k = conventions(c);
    expect(k.tH).toBe(100);
    expect(k.GammaFGR).toBeCloseTo(0.2, 15);
  });
  it('GSE: the paper gamma is 2 g N', () => {
    const c = makeRunConfig({ ensemble: 'gse', N: 10, gamma: 3 });
    expect(conventions(c).gammaPaper).toBe(6);
    expect(conventions(c).gamma).toBe(3);
  });
  it('N = 1 and samples = 1 are accepted', () => {
    expect(makeRunConfig({ N: 1, samples: 1 }).N).toBe(1);
  });
  it('grids: lin and log ranges hit their end points', () => {
    expect(Array.from(parseGrid('0.01:10:4:log', '--tau')).map((x) => +x.toPrecision(12))).toEqual([0.01, 0.1, 1, 10]);
    expect(Array.from(parseGrid('0:1:3', '--tau'))).toEqual([0, 0.5, 1]);
  });
  it('system memory is known', () => {
    expect(systemMemoryBytes()).toBeGreaterThan(2 ** 30);
  });
});
