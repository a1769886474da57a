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
