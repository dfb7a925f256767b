/**
 * The shortfall in money (RULEBOOK §8, issue 13): per day, max(0, need - pool) against what active
 * buyers need to break even and against the exit promise; its largest value with the first day
 * it was reached, and its value at the end. Worked by hand on a small time-driven scenario.
 */
import { describe, expect, it } from 'vitest';
import { runFlowScenario } from '../../src/engine/index.ts';
import type { ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { daysCsv } from '../../src/cli/csv.ts';
import { keyFigures } from '../../src/engine/keyfigures.ts';

function run(input: ScenarioInput, exact: boolean): FlowResult {
  const out = runFlowScenario(input, { exact });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

/*
 * One buyer a day of 1000, nobody sells, 4 days; seed split (30% into the pool), exit multiple 2;
 * a subsidy of 2000 on day 3 (before that day's order).
 *   pool:   day 1 300; day 2 600; day 3 600 + 2000 + 300 = 2900; day 4 3200
 *   nobody sold, so cash since entry is 0 and every buyer is still active:
 *   need to break even = 1000 x buyers = 1000, 2000, 3000, 4000
 *   exit promise = 2 x 1000 x buyers   = 2000, 4000, 6000, 8000
 *   shortfall (break even) = 700, 1400, 100, 800   -> largest 1400 on day 2, 800 at the end
 *   shortfall (promise)    = 1700, 3400, 3100, 4800 -> largest 4800 on day 4, 4800 at the end
 * No forced exit: on day 3 the price is at most 2900 / 357 < 8.2 (357 points before the day-3
 * order: 210 + 147), so buyer 1's 210 points are worth under 1722 < 2 x 1000.
 */
const input: ScenarioInput = {
  rules: { exitMultiple: 2 },
  flow: { days: 4, orderAmount: 1000, buyers: { perDay: 1 } },
  events: [{ day: 3, subsidy: { amount: 2000 } }],
};

describe('the shortfall in money, by hand', () => {
  const r = run(input, true);

  it('the pool and the needs are as worked (the premises of the sums)', () => {
    expect(r.days.map((d) => d.pool)).toEqual(['300', '600', '2900', '3200']);
    expect(r.days.map((d) => d.forcedExits)).toEqual([0, 0, 0, 0]);
    expect(r.solvency.map((s) => s.needBreakEven)).toEqual(['1000', '2000', '3000', '4000']);
    expect(r.solvency.map((s) => s.needExitPromise)).toEqual(['2000', '4000', '6000', '8000']);
  });

  it('per day: need - pool, never below 0', () => {
    expect(r.solvency.map((s) => s.shortfallBreakEven)).toEqual(['700', '1400', '100', '800']);
    expect(r.solvency.map((s) => s.shortfallExitPromise)).toEqual(['1700', '3400', '3100', '4800']);
  });

  it('summed up: the largest with its day, and the end', () => {
    expect(r.shortfall.breakEven).toEqual({ end: '800', largest: '1400', largestDay: 2 });
    expect(r.shortfall.exitPromise).toEqual({ end: '4800', largest: '4800', largestDay: 4 });
  });

  it('the key figures carry them (as numbers)', () => {
    expect(keyFigures(r)).toMatchObject({
      shortfallBreakEven: 800,
      largestShortfallBreakEven: 1400,
      largestShortfallBreakEvenDay: 2,
      shortfallExitPromise: 4800,
      largestShortfallExitPromise: 4800,
      largestShortfallExitPromiseDay: 4,
    });
  });

  it('the fast path gives the same figures', () => {
    const f = run(input, false);
    expect(f.solvency.map((s) => s.shortfallBreakEven)).toEqual([700, 1400, 100, 800]);
    expect(f.shortfall.exitPromise).toEqual({ end: 4800, largest: 4800, largestDay: 4 });
  });

  it('the CSV carries the same figures in its shortfall columns', () => {
    const lines = daysCsv(r).trimEnd().split('\n').map((l) => l.split(','));
    const head = lines[0]!;
    const be = head.indexOf('shortfallBreakEven');
    const ex = head.indexOf('shortfallExitPromise');
    expect(lines.slice(1).map((l) => l[be])).toEqual(['700', '1400', '100', '800']);
    expect(lines.slice(1).map((l) => l[ex])).toEqual(['1700', '3400', '3100', '4800']);
  });

  it('exits turned off on day 4 (a rule change): the promise counts on days 1 to 3 only, and has no value at the end', () => {
    // the days as above; on day 4 no promise: 1700, 3400, 3100 -> largest 3400 on day 2
    const off = run({ ...input, events: [...input.events!, { day: 4, rules: { exitMultiple: null } }] }, true);
    expect(off.solvency.map((s) => s.shortfallExitPromise)).toEqual(['1700', '3400', '3100', null]);
    expect(off.shortfall.exitPromise).toEqual({ end: null, largest: '3400', largestDay: 2 });
    expect(off.shortfall.breakEven).toEqual({ end: '800', largest: '1400', largestDay: 2 });
  });

  it('exits turned on on day 3: the promise from day 3 (6000 - 2900 = 3100, 8000 - 3200 = 4800)', () => {
    const on = run({ rules: { exitMultiple: null }, flow: input.flow!, events: [...input.events!, { day: 3, rules: { exitMultiple: 2 } }] }, true);
    expect(on.solvency.map((s) => s.shortfallExitPromise)).toEqual([null, null, '3100', '4800']);
    expect(on.shortfall.exitPromise).toEqual({ end: '4800', largest: '4800', largestDay: 4 });
  });

  it('a pool above the need leaves no shortfall (0, not negative); forced exits off: no promise', () => {
    // a subsidy of 10000 on day 1 (before the order): pool 10300 against a need of 1000
    const big = run({ rules: { exitMultiple: null }, flow: { days: 1, orderAmount: 1000, buyers: { perDay: 1 } }, events: [{ day: 1, subsidy: { amount: 10000 } }] }, true);
    expect(big.days[0]!.pool).toBe('10300');
    expect(big.solvency[0]!.shortfallBreakEven).toBe('0');
    expect(big.solvency[0]!.shortfallExitPromise).toBeNull();
    expect(big.shortfall).toEqual({ breakEven: { end: '0', largest: '0', largestDay: 1 }, exitPromise: null });
  });
});
