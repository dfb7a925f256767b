/**
 * "Your own example" (src/walkthrough/custom.ts): the rows -> script mapping, the steps it gives
 * on the exact engine, a bad row's problem, the address encoding and the scenario file.
 *
 * Expected figures are worked by hand from the rules (RULEBOOK §3, §6), not read off the code:
 * seed rules (pool share 0.3, gift 0.7, withholding 0.2, exit at 3x the spend on points obtained),
 * starting price 1.
 *   A orders 1000: inflow 300, points 0.7 x 300 / 1 = 210; pool 300, points 210.
 *   B orders 1000: points 210 / (300/210) = 147; pool 600, points 357.
 *   C orders 1000: points 210 / (600/357) = 124.95; pool 900, points 481.95 (§6).
 *   subsidy 5000: pool 5900, price 5900 / 481.95 = 12.2419...; A's 210 points are worth 2570.8 < 3000: no exit.
 *   A sells a value of 500: 500 / 12.2419 = 40.843 points; paid 0.8 x 500 = 400, pool 5500.
 *   gift ratio 0.7 -> 0.5: nothing moves.
 *   D orders 2000: inflow 600, points 0.5 x 600 / p, p = 5500 / (481.95 - 40.843).
 */
import { describe, expect, it } from 'vitest';
import { simulateScript, validateScenario } from '../../src/engine/index.ts';
import type { ScriptScenarioV1 } from '../../src/engine/scenario/index.ts';
import { formatVar, renderLine } from '../../src/walkthrough/format.ts';
import {
  customScenario,
  customSteps,
  decodeExample,
  defaultExample,
  encodeExample,
  MAX_URL_ROWS,
  rowToEntry,
  scenarioToExample,
  splitFor,
  type Row,
} from '../../src/walkthrough/custom.ts';

const n = (s: string) => Number(s);
const order = (user: string, amount: string): Row => ({ kind: 'order', user, how: '', amount });

describe('rows -> script entries', () => {
  it('maps each kind of row to the scenario format v1', () => {
    expect(rowToEntry(order(' A ', '1000'))).toEqual({ ok: true, entry: { order: { user: 'A', amount: 1000 } } });
    expect(rowToEntry({ kind: 'sell', user: 'A', how: 'all', amount: 'ignored' })).toEqual({ ok: true, entry: { sell: { user: 'A', all: true } } });
    expect(rowToEntry({ kind: 'sell', user: 'A', how: 'points', amount: '50' })).toEqual({ ok: true, entry: { sell: { user: 'A', points: 50 } } });
    expect(rowToEntry({ kind: 'sell', user: 'A', how: 'value', amount: '200' })).toEqual({ ok: true, entry: { sell: { user: 'A', value: 200 } } });
    expect(rowToEntry({ kind: 'subsidy', user: '', how: '', amount: '500' })).toEqual({ ok: true, entry: { subsidy: { amount: 500 } } });
    expect(rowToEntry({ kind: 'rules', user: '', how: 'gift', amount: '0.5' })).toEqual({ ok: true, entry: { rules: { giftRatio: 0.5 } } });
    expect(rowToEntry({ kind: 'rules', user: '', how: 'multiple', amount: '' })).toEqual({ ok: true, entry: { rules: { exitMultiple: null } } });
    expect(rowToEntry({ kind: 'rules', user: '', how: 'pool', amount: '0.25' })).toEqual({
      ok: true,
      entry: { rules: { split: { cost: 0.35, distribution: 0.3, platform: 0.1, pool: 0.25 } } },
    });
  });

  it('refuses a negative, empty or non-numeric amount and a missing buyer, with a problem key (no field names)', () => {
    for (const amount of ['-5', '', 'abc', '0', '1e99', 'Infinity']) {
      const r = rowToEntry(order('A', amount));
      expect(r.ok ? null : r.problem.key, amount).toBe('pages.custom.err.amount');
    }
    const noUser = rowToEntry(order('', '1000'));
    expect(noUser.ok ? null : noUser.problem.key).toBe('pages.custom.err.user');
    const hash = rowToEntry(order('#1', '1000'));
    expect(hash.ok ? null : hash.problem.key).toBe('pages.custom.err.user');
    const w = rowToEntry({ kind: 'rules', user: '', how: 'withholding', amount: '1' });
    expect(w.ok ? null : w.problem.key).toBe('pages.custom.err.withholding');
  });

  it('splits an order with the pool share given so that the four shares sum to exactly 1', () => {
    for (const pool of [0.3, 0.25, 0.45, 0.95, 1, 0.1234]) {
      const s = splitFor(pool);
      expect(s.pool).toBe(pool);
      const v = validateScenario({ rules: { split: s }, script: [{ order: { user: 'A', amount: 1 } }] });
      expect(v.ok, `pool ${pool}`).toBe(true);
    }
    expect(splitFor(0.95)).toEqual({ cost: 0, distribution: 0, platform: 0.05, pool: 0.95 });
  });
});

describe('the steps of the default example', () => {
  const d = defaultExample();
  const run = customSteps(d.rules, d.rows);

  it('has the rules, one step per row and who got what, and no problem', () => {
    expect(run.firstBad).toBeNull();
    expect(run.rowProblems.every((p) => p === null)).toBe(true);
    expect(run.steps.map((s) => s.id)).toEqual(['rules', 'row-1', 'row-2', 'row-3', 'row-4', 'row-5', 'row-6', 'row-7', 'summary']);
  });

  it('gives the seed’s figures for the three orders (RULEBOOK §6)', () => {
    expect(run.steps.slice(1, 4).map((s) => n(s.issued!))).toEqual([210, 147, 124.95]);
    expect(run.steps.slice(1, 4).map((s) => n(s.state.pool))).toEqual([300, 600, 900]);
    expect(n(run.steps[3]!.state.points)).toBeCloseTo(481.95, 10);
  });

  it('gives the subsidy, the sale and the rule change as worked by hand', () => {
    expect(n(run.steps[4]!.state.pool)).toBe(5900);
    expect(n(run.steps[4]!.state.price)).toBeCloseTo(5900 / 481.95, 10);
    const sold = 500 / (5900 / 481.95);
    expect(n(run.steps[5]!.state.pool)).toBe(5500);
    expect(n(run.steps[5]!.state.points)).toBeCloseTo(481.95 - sold, 10);
    expect(run.steps[6]!.state).toEqual(run.steps[5]!.state);
    const p = 5500 / (481.95 - sold);
    expect(n(run.steps[7]!.issued!)).toBeCloseTo((0.5 * 600) / p, 10);
    expect(n(run.steps[7]!.state.pool)).toBe(6100);
  });

  it('draws every buyer so far, in order of first order', () => {
    expect(run.steps[7]!.picture.holders.map((h) => h.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(run.steps.at(-1)!.users!.map((u) => u.id)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('a bad row', () => {
  const rules = defaultExample().rules;

  it('a sale beyond the holding: the engine’s problem on that row, the steps end at the last good state', () => {
    const run = customSteps(rules, [order('A', '1000'), { kind: 'sell', user: 'A', how: 'points', amount: '300' }, order('B', '1000')]);
    expect(run.firstBad).toBe(1);
    expect(run.rowProblems[0]).toBeNull();
    expect(run.rowProblems[2]).toBe('skipped');
    const p = run.rowProblems[1];
    if (p === null || p === 'skipped' || p === undefined) throw new Error('expected a problem');
    // A holds 210 points at the price 300 / 210 = 1.43: worth 300
    const worth = formatVar({ value: '300', kind: 'money' }, 'en');
    expect(renderLine(p, 'en')).toBe(`A holds 210 points (worth ${worth} at the price of 1.43); this row sells 300 points.`);
    expect(renderLine(p, 'zh')).toContain('A 持有 210 积分');
    expect(run.steps.map((s) => s.id)).toEqual(['rules', 'row-1', 'summary']);
    expect(run.steps.at(-1)!.state).toEqual(run.steps[1]!.state);
    expect(n(run.steps.at(-1)!.state.pool)).toBe(300);
  });

  it('an unknown buyer and a negative amount, in both languages, without internal field names', () => {
    const run = customSteps(rules, [order('A', '1000'), { kind: 'sell', user: 'Z', how: 'all', amount: '' }]);
    const p = run.rowProblems[1] as Exclude<(typeof run.rowProblems)[number], 'skipped' | null>;
    expect(p.key).toBe('pages.custom.err.unknownBuyer');
    expect(renderLine(p, 'en')).toBe('Nobody called Z has ordered yet, so there is nothing to sell.');
    const neg = customSteps(rules, [order('A', '-1000')]);
    const q = neg.rowProblems[0] as typeof p;
    for (const locale of ['en', 'zh'] as const) expect(renderLine(q, locale)).not.toMatch(/order\.|\.amount|sell\.|script\[/);
  });

  it('bad rules: a problem per field and no steps', () => {
    const run = customSteps({ ...rules, withholding: '1', multiple: '0.5' }, [order('A', '1000')]);
    expect(Object.keys(run.rulesProblems).sort()).toEqual(['multiple', 'withholding']);
    expect(run.steps).toEqual([]);
  });
});

describe('the address', () => {
  it('carries the rules and rows and gives them back, names with separators included', () => {
    const d = defaultExample();
    const rows = [...d.rows, order('张三, ;%&=+#', '12.5')];
    const value = encodeExample(d.rules, rows)!;
    expect(value.startsWith('1;0.3,0.7,0.2,3,obtained;o,A,,1000;')).toBe(true);
    expect(decodeExample(value)).toEqual({ rules: d.rules, rows });
    // as the page writes it into the address (URLSearchParams.set) and reads it back (get)
    const viaSet = new URLSearchParams();
    viaSet.set('example', value);
    expect(decodeExample(new URLSearchParams(viaSet.toString()).get('example'))).toEqual({ rules: d.rules, rows });
  });

  it(`carries up to ${MAX_URL_ROWS} rows, not one more`, () => {
    const d = defaultExample();
    const rows = Array.from({ length: MAX_URL_ROWS }, (_, i) => order(`B${i}`, '100'));
    expect(MAX_URL_ROWS).toBe(30);
    expect(decodeExample(encodeExample(d.rules, rows))?.rows).toHaveLength(30);
    expect(encodeExample(d.rules, [...rows, order('X', '1')])).toBeUndefined();
  });

  it('ignores an address it did not write', () => {
    for (const bad of [null, '', 'x', '2;0.3,0.7,0.2,3,obtained', '1;0.3,0.7', '1;0.3,0.7,0.2,3,never', '1;0.3,0.7,0.2,3,obtained;q,A,,1', '1;0.3,0.7,0.2,3,obtained;o,%E0%A4%A,,1']) {
      expect(decodeExample(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('the scenario file', () => {
  it('is a format v1 script the validator accepts, and simulate runs it to the figures of the last step', () => {
    const d = defaultExample();
    const file = customScenario(d.rules, d.rows)!;
    const v = validateScenario(JSON.parse(JSON.stringify(file)));
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const out = simulateScript(v.scenario as ScriptScenarioV1);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const last = customSteps(d.rules, d.rows).steps.at(-1)!.state;
    expect(out.result.final).toEqual(last);
    expect(out.result.steps).toHaveLength(d.rows.length);
  });

  it('stops at the first bad row, as the steps do', () => {
    const d = defaultExample();
    const file = customScenario(d.rules, [order('A', '1000'), order('B', '-1'), order('C', '1000')])!;
    expect(file.script).toEqual([{ order: { user: 'A', amount: 1000 } }]);
  });

  it('reads back into the same rules and rows; repeat expands; what the table cannot show is refused', () => {
    const d = defaultExample();
    const back = scenarioToExample(JSON.parse(JSON.stringify(customScenario(d.rules, d.rows))));
    expect(back).toEqual({ ok: true, rules: d.rules, rows: d.rows.map((r) => (r.kind === 'sell' && r.how === 'all' ? { ...r, amount: '' } : r)) });
    const rep = scenarioToExample({ script: [{ order: { user: 'A', amount: 5 }, repeat: 2 }] });
    expect(rep.ok && rep.rows).toHaveLength(3);
    const anon = scenarioToExample({ script: [{ order: { amount: 5 } }] });
    expect(anon.ok ? null : anon.problem.key).toBe('pages.custom.err.fileEvent');
    const flow = scenarioToExample({ flow: {} });
    expect(flow.ok ? null : flow.problem.key).toBe('pages.custom.err.fileNotScript');
  });
});
