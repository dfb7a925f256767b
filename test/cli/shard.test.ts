/**
 * Sweeps beyond one machine: `sweep FILE --shard k/n` writes slice k of n, `sweep-merge` puts
 * slices back together. Merged slices are byte for byte the unsharded CSV, in whatever order the
 * slices come; everything that would give a different CSV is refused with exit code 2, the problem
 * named on stderr and nothing on stdout: k outside 1..n, slices of another sweep (another
 * definition hash) or another engine, a cell in two slices, a cell in none, a file that is no slice.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, parseShard } from '../../src/cli/shard.ts';

// run in a scratch folder, so tsx is given by its full address
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const tsx = (script: string) => (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['--import', TSX, script, ...args], { input, encoding: 'utf8', cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'shard-'));
const sweep = tsx(join(process.cwd(), 'src/cli/sweep.ts'));
const merge = tsx(join(process.cwd(), 'src/cli/sweep-merge.ts'));
const file = (name: string, text: string) => {
  writeFileSync(join(tmp, name), text);
  return name;
};

const BASE = {
  rules: { exitMultiple: 2 },
  flow: { days: 12, seed: 9, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 }, buyers: { perDay: 6 }, sell: { ratePerDay: 0.05 }, cohortDays: 6 },
};
// 4 x values times 2 y values: 8 cells, numbered x-major 0..7
const SWEEP = {
  base: BASE,
  x: { param: 'flow.sell.ratePerDay', values: [0, 0.05, 0.1, 0.2] },
  y: { param: 'rules.exitMultiple', values: [1.5, null] },
  outcomes: ['shareBrokeEven', 'finalPrice', 'forcedExits', 'daysUntilCoverageBelow:0.5'],
};
const slice = (name: string) => JSON.parse(readFileSync(join(tmp, name), 'utf8')) as { definition: string; engine: string; shard: { k: number; n: number }; cells: number; rows: { cell: number; line: string }[] };

let whole = '';
beforeAll(() => {
  file('grid.json', JSON.stringify(SWEEP));
  const r = sweep(['grid.json', '--workers', '1']);
  expect(r.code).toBe(0);
  whole = r.out;
  for (const k of [1, 2, 3]) expect(sweep(['grid.json', '--shard', `${k}/3`, '--out', `s${k}of3.json`, '--workers', '1']).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sweep --shard k/n and sweep-merge', { timeout: 60_000 }, () => {
  it('shards 1/3, 2/3 and 3/3, merged in any order, are byte for byte the unsharded CSV', () => {
    expect(whole.split('\n')).toHaveLength(10); // header, 8 rows, and the final line break
    for (const order of [
      ['s1of3.json', 's2of3.json', 's3of3.json'],
      ['s3of3.json', 's1of3.json', 's2of3.json'],
    ]) {
      const m = merge(order);
      expect(m.err).toBe('');
      expect(m.code).toBe(0);
      expect(m.out).toBe(whole);
    }
    expect(merge(['s2of3.json', 's3of3.json', 's1of3.json', '--out', 'merged.csv']).code).toBe(0);
    expect(readFileSync(join(tmp, 'merged.csv'), 'utf8')).toBe(whole);
  });

  it('shard k of n takes every n-th cell from cell k − 1 (x-major numbering), with the unsharded lines', () => {
    // 8 cells over 3 shards: 0,3,6 / 1,4,7 / 2,5
    expect([1, 2, 3].map((k) => slice(`s${k}of3.json`).rows.map((r) => r.cell))).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
    const lines = whole.trimEnd().split('\n').slice(1);
    for (const k of [1, 2, 3]) for (const r of slice(`s${k}of3.json`).rows) expect(r.line).toBe(lines[r.cell]);
    const s = slice('s2of3.json');
    expect([s.shard, s.cells]).toEqual([{ k: 2, n: 3 }, 8]);
    expect(s.definition).toMatch(/^[0-9a-f]{64}$/);
    // the slice on stdout is the same document as with --out
    expect(sweep(['grid.json', '--shard', '2/3', '--workers', '1']).out).toBe(readFileSync(join(tmp, 's2of3.json'), 'utf8'));
  });

  it('more shards than cells: some slices are empty, and all of them still merge', () => {
    // 2 cells (no y axis) over 3 shards: cell 0, cell 1, nothing
    file('small.json', JSON.stringify({ base: BASE, x: { param: 'flow.sell.ratePerDay', values: [0, 0.1] }, outcomes: ['finalPrice'] }));
    const small = sweep(['small.json', '--workers', '1']);
    expect(small.out.split('\n')).toHaveLength(4);
    const names = [1, 2, 3].map((k) => `small${k}of3.json`);
    names.forEach((n, i) => expect(sweep(['small.json', '--shard', `${i + 1}/3`, '--out', n, '--workers', '1']).code).toBe(0));
    expect(names.map((n) => slice(n).rows.map((r) => r.cell))).toEqual([[0], [1], []]);
    expect(merge(names).out).toBe(small.out);
  });

  it('the same sweep written another way (keys in another order, the base as a path) is the same definition', () => {
    file('base.json', JSON.stringify({ flow: BASE.flow, rules: BASE.rules }));
    file('grid-path.json', JSON.stringify({ outcomes: SWEEP.outcomes, y: SWEEP.y, x: SWEEP.x, base: 'base.json' }));
    expect(sweep(['grid-path.json', '--shard', '1/2', '--out', 'p1of2.json', '--workers', '1']).code).toBe(0);
    expect(sweep(['grid.json', '--shard', '2/2', '--out', 'i2of2.json', '--workers', '1']).code).toBe(0);
    expect(slice('p1of2.json').definition).toBe(slice('i2of2.json').definition);
    expect(merge(['p1of2.json', 'i2of2.json']).out).toBe(whole);
  });
});

describe('what sweep and sweep-merge refuse (exit code 2, named on stderr, nothing on stdout)', { timeout: 60_000 }, () => {
  const refused = (r: { code: number | null; out: string; err: string }) => {
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    return r.err;
  };

  it.each([
    ['4/3', 'sweep: --shard: k must be from 1 to n (3); got 4/3'],
    ['0/3', 'sweep: --shard: k must be from 1 to n (3); got 0/3'],
    ['1/0', 'sweep: --shard: n must be a whole number from 1 to 100000; got 1/0'],
    ['2', 'sweep: --shard: must be k/n, slice k of n (e.g. 2/8); got "2"'],
    ['-1/3', 'sweep: --shard: must be k/n, slice k of n (e.g. 2/8); got "-1/3"'],
  ])('--shard %s', (shard, message) => {
    expect(refused(sweep(['grid.json', '--shard', shard])).split('\n')[0]).toBe(message);
  });

  it('a slice of another sweep (a value of an axis differs): named with both definition hashes', () => {
    file('other.json', JSON.stringify({ ...SWEEP, x: { ...SWEEP.x, values: [0, 0.05, 0.1, 0.3] } }));
    expect(sweep(['other.json', '--shard', '2/3', '--out', 'o2of3.json', '--workers', '1']).code).toBe(0);
    const a = slice('s1of3.json').definition.slice(0, 12);
    const b = slice('o2of3.json').definition.slice(0, 12);
    expect(a).not.toBe(b);
    expect(refused(merge(['s1of3.json', 'o2of3.json', 's3of3.json']))).toBe(
      `sweep-merge: o2of3.json: a slice of another sweep: its definition hash is ${b}…, s1of3.json's is ${a}… (the base scenario, the axes or the outcomes differ)\n`,
    );
  });

  it('another base scenario or other outcomes are other sweeps too', () => {
    file('other-base.json', JSON.stringify({ ...SWEEP, base: { ...BASE, flow: { ...BASE.flow, seed: 10 } } }));
    file('other-outcomes.json', JSON.stringify({ ...SWEEP, outcomes: SWEEP.outcomes.slice(0, 3) }));
    for (const f of ['other-base.json', 'other-outcomes.json']) {
      expect(sweep([f, '--shard', '2/3', '--out', `x-${f}`, '--workers', '1']).code).toBe(0);
      expect(refused(merge(['s1of3.json', `x-${f}`, 's3of3.json']))).toMatch(new RegExp(`^sweep-merge: x-${f}: a slice of another sweep`));
    }
  });

  it('a slice run by another engine version', () => {
    const s = slice('s2of3.json');
    file('old.json', JSON.stringify({ ...s, engine: 'points-pool-explorer 0.0.1' }));
    expect(refused(merge(['s1of3.json', 'old.json', 's3of3.json']))).toBe(`sweep-merge: old.json: run by points-pool-explorer 0.0.1, s1of3.json by ${s.engine}; run every slice with the same version\n`);
  });

  it('missing cells: each named by its place and values, and the shard that holds it', () => {
    // without 2/3: cells 1, 4, 7 = (x0, y1), (x2, y0), (x3, y1)
    expect(refused(merge(['s1of3.json', 's3of3.json']))).toBe(
      [
        'sweep-merge: missing cells: 3 of 8 cells are in no slice; give every shard k/3',
        'sweep-merge: missing cell: cell (x.values[0], y.values[1]) (flow.sell.ratePerDay = 0, rules.exitMultiple = null), in shard 2/3',
        'sweep-merge: missing cell: cell (x.values[2], y.values[0]) (flow.sell.ratePerDay = 0.1, rules.exitMultiple = 1.5), in shard 2/3',
        'sweep-merge: missing cell: cell (x.values[3], y.values[1]) (flow.sell.ratePerDay = 0.2, rules.exitMultiple = null), in shard 2/3',
        '',
      ].join('\n'),
    );
  });

  it('duplicate cells: a slice given twice, and slices of two shardings that overlap', () => {
    expect(refused(merge(['s1of3.json', 's2of3.json', 's3of3.json', 's3of3.json']))).toBe(
      [
        'sweep-merge: duplicate cell: cell (x.values[1], y.values[0]) (flow.sell.ratePerDay = 0.05, rules.exitMultiple = 1.5): in s3of3.json, which is listed twice',
        'sweep-merge: duplicate cell: cell (x.values[2], y.values[1]) (flow.sell.ratePerDay = 0.1, rules.exitMultiple = null): in s3of3.json, which is listed twice',
        '',
      ].join('\n'),
    );
    // 1/2 holds cells 0, 2, 4, 6 and 1/3 holds 0, 3, 6: 0 and 6 twice; 1, 5 and 7 in none
    const err = refused(merge(['p1of2.json', 's1of3.json']));
    expect(err).toContain('sweep-merge: duplicate cell: cell (x.values[0], y.values[0]) (flow.sell.ratePerDay = 0, rules.exitMultiple = 1.5): in both p1of2.json and s1of3.json\n');
    expect(err).toContain('sweep-merge: duplicate cell: cell (x.values[3], y.values[0]) (flow.sell.ratePerDay = 0.2, rules.exitMultiple = 1.5): in both p1of2.json and s1of3.json\n');
    expect(err).toContain('sweep-merge: missing cells: 3 of 8 cells are in no slice\n');
  });

  it('a file that is not a slice, a damaged slice, no file at all', () => {
    file('whole.csv', whole);
    expect(refused(merge(['s1of3.json', 'whole.csv']))).toBe('sweep-merge: whole.csv: not a sweep slice (not JSON); slices are written by npm run --silent sweep -- FILE --shard k/n\n');
    file('grid-copy.json', JSON.stringify(SWEEP));
    expect(refused(merge(['grid-copy.json']))).toMatch(/^sweep-merge: grid-copy.json: not a sweep slice \(no "format": "points-pool-explorer sweep slice v1"\)/);
    const s = slice('s1of3.json');
    file('damaged.json', JSON.stringify({ ...s, rows: [{ cell: 99, line: 'x' }] }));
    expect(refused(merge(['damaged.json']))).toBe('sweep-merge: damaged.json: a damaged sweep slice (a field is missing or out of range); write it again\n');
    expect(refused(merge(['nope.json']))).toBe('sweep-merge: nope.json: no such file\n');
    expect(refused(merge([])).split('\n')[0]).toBe('sweep-merge: SLICE: give the slice files to merge');
  });

  it('an --out in a folder that does not exist is refused before any cell runs', () => {
    const err = refused(sweep(['grid.json', '--shard', '1/3', '--out', 'no/such/slice.json']));
    expect(err).toMatch(/^sweep: --out: no\/such\/slice\.json: no such folder .*no\/such\n$/);
    expect(err).not.toContain('cells'); // no progress line: nothing ran
  });
});

describe('the pieces', () => {
  it('parseShard reads k/n', () => {
    expect(parseShard('2/8')).toEqual({ k: 2, n: 8 });
    expect(parseShard('1/1')).toEqual({ k: 1, n: 1 });
    expect(parseShard(undefined)).toEqual({ path: '--shard', message: 'must be k/n, slice k of n (e.g. 2/8); got nothing' });
  });

  it('canonical JSON sorts keys at every level and keeps list order', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[3,{"c":null,"d":1}]}');
  });
});
