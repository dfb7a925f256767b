/**
 * `simulate` with a what-if (a scenario's `whatIf`, or --stress) and with a comparison file: a real
 * process, as a reviewer runs it. The figures are the engine's (test/engine/whatif.test.ts checks
 * them); here: the shape of what is printed, the CSV, and the problems, each naming its field.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = ['--import', 'tsx', 'src/cli/simulate.ts'];
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'simulate-whatif-'));
const file = (name: string, value: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

// two buyers of 1000 (days 1 and 2), one-day cohorts: pool 600 at the end of day 2 (RULEBOOK §5)
const TWO = { flow: { days: 3, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 1, 0] } }, cohortDays: 1 } };

describe('simulate: what-if and comparison', () => {
  it('a scenario with a whatIf prints the what-if run, the baseline and the difference', () => {
    const r = run([file('skim.json', { ...TWO, whatIf: { kind: 'skim', day: 3 } })]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    // half of the pool of 600 skimmed on day 3
    expect(doc.final.pool).toBeCloseTo(300, 9);
    expect(doc.baseline.keyFigures.pool).toBeCloseTo(600, 9);
    expect(doc.difference.keyFigures.pool).toBeCloseTo(-300, 9);
    expect(doc.whatIf).toMatchObject({ kind: 'skim', day: 3, value: 0.5 });
    expect(doc.difference.cohorts.map((c: { fromDay: number }) => c.fromDay)).toEqual([1, 2]);
  });

  it('--stress does the same as the scenario\'s whatIf', () => {
    const a = run([file('two.json', TWO), '--stress', 'skim:3']);
    const b = run([file('skim2.json', { ...TWO, whatIf: { kind: 'skim', day: 3 } })]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
  });

  it('a comparison file prints a, b and the difference; its CSV leads each day with its side', () => {
    const cmp = file('cmp.json', { version: 1, comparison: { a: TWO, b: { ...TWO, whatIf: { kind: 'skim', day: 3 } } } });
    const r = run([cmp]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['a', 'b', 'difference']);
    expect(doc.difference.keyFigures.pool).toBeCloseTo(-300, 9);
    expect(doc.difference.days).toHaveLength(3);
    const csv = run([cmp, '--format', 'csv']);
    const lines = csv.out.trimEnd().split('\n');
    expect(lines[0]!.startsWith('side,day,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['a,1', 'a,2', 'a,3', 'b,1', 'b,2', 'b,3']);
  });

  it.each([
    ['a what-if day outside the run', [{ ...TWO, whatIf: { kind: 'run', day: 9 } }], 'simulate: whatIf.day: must be within the 3 days simulated; got 9'],
    ['a what-if value out of range', [{ ...TWO, whatIf: { kind: 'run', day: 2, value: 2 } }], 'simulate: whatIf.value: run takes a value in (0, 1]; got 2'],
    ['a side of a comparison', [{ comparison: { a: TWO, b: { flow: { days: 3 } } } }], 'simulate: comparison.b.flow.buyers: is required'],
    ['--stress beside a whatIf', [{ ...TWO, whatIf: { kind: 'run', day: 2 } }, '--stress', 'skim:2'], 'simulate: --stress: the scenario has a "whatIf" already'],
    ['--users with a comparison', [{ comparison: { a: TWO, b: TWO } }, '--users', join(tmp, 'u.csv')], 'simulate: --users: writes one run\'s users'],
  ] as const)('names the field: %s', (_, [doc, ...rest], message) => {
    const r = run([file('bad.json', doc), ...rest]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
  });
});
