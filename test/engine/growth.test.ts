/**
 * Growth models and the buyer counter (RULEBOOK §7): expected buyers per day worked by hand for
 * every kind, and the deterministic carry of fractional expectations,
 * buyers on day d = floor(cumulative expected through d) - floor(cumulative through d - 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuyerCounter, expectedBuyers } from '../../src/engine/flow/orders.ts';
import { runFlowScenario } from '../../src/engine/index.ts';
import type { GrowthV1 } from '../../src/engine/scenario/index.ts';

const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const expected = (perDay: number, growth: GrowthV1, n: number) => days(n).map((d) => expectedBuyers(perDay, growth, d));
const counts = (perDay: number, growth: GrowthV1, n: number) => {
  const c = new BuyerCounter(perDay, growth);
  return days(n).map((d) => c.next(d));
};
/** each value to 1e-12 relative */
function close(actual: number[], want: number[]) {
  expect(actual).toHaveLength(want.length);
  actual.forEach((a, i) => expect(Math.abs(a - want[i]!), `day ${i + 1}: ${a} against ${want[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i]!))));
}

describe('expected buyers per day, each kind worked by hand', () => {
  it('constant: perDay every day', () => {
    expect(expected(5, { kind: 'constant' }, 4)).toEqual([5, 5, 5, 5]);
    expect(expected(0.25, { kind: 'constant' }, 3)).toEqual([0.25, 0.25, 0.25]);
  });

  it('linear: perDay + addPerDay x (day - 1), never below 0', () => {
    expect(expected(10, { kind: 'linear', addPerDay: 2.5 }, 4)).toEqual([10, 12.5, 15, 17.5]);
    // 10, 7, 4, 1, then -2 and -5 are held at 0
    expect(expected(10, { kind: 'linear', addPerDay: -3 }, 6)).toEqual([10, 7, 4, 1, 0, 0]);
  });

  it('exponential: perDay x (1 + r)^(day - 1)', () => {
    // 100, 110, 121, 133.1
    close(expected(100, { kind: 'exponential', ratePerDay: 0.1 }, 4), [100, 110, 121, 133.1]);
    // decline at 50% a day: 64, 32, 16, 8
    close(expected(64, { kind: 'exponential', ratePerDay: -0.5 }, 4), [64, 32, 16, 8]);
  });

  it('logistic: K / (1 + (K / perDay - 1) e^(-r (day - 1))): starts at perDay, rises towards K', () => {
    // K = 90, perDay = 10 (K / perDay - 1 = 8), r = ln 2 (e^-r = 1/2):
    // day 1: 90 / (1 + 8) = 10; day 2: 90 / (1 + 4) = 18; day 3: 90 / 3 = 30; day 4: 90 / 2 = 45; day 5: 90 / 1.5 = 60
    const g: GrowthV1 = { kind: 'logistic', capacity: 90, ratePerDay: Math.LN2 };
    close(expected(10, g, 5), [10, 18, 30, 45, 60]);
    // saturates: on day 60, 90 / (1 + 8 / 2^59) is 90 to float precision
    expect(expectedBuyers(10, g, 60)).toBeCloseTo(90, 10);
    // above capacity it falls towards it: K = 10, perDay = 90: day 2 = 10 / (1 + (1/9 - 1) / 2) = 10 / (5/9) = 18
    close([expectedBuyers(90, { kind: 'logistic', capacity: 10, ratePerDay: Math.LN2 }, 2)], [18]);
  });

  it('boom: grows at r to peakDay, then loses declinePerDay a day', () => {
    // perDay 8, r = 0.5 up to day 3, then halves: 8, 12, 18, 9, 4.5, 2.25
    close(expected(8, { kind: 'boom', peakDay: 3, ratePerDay: 0.5, declinePerDay: 0.5 }, 6), [8, 12, 18, 9, 4.5, 2.25]);
    // peak on day 1: decline from the start: 100, 90, 81
    close(expected(100, { kind: 'boom', peakDay: 1, ratePerDay: 0.3, declinePerDay: 0.1 }, 3), [100, 90, 81]);
  });

  it('series: the values day by day, the last one continues; perDay is ignored', () => {
    expect(expected(999, { kind: 'series', values: [1, 2.5, 0, 4] }, 7)).toEqual([1, 2.5, 0, 4, 4, 4, 4]);
    expect(expected(999, { kind: 'series', values: [3] }, 3)).toEqual([3, 3, 3]);
  });
});

describe('BuyerCounter: floor of the cumulative expectation', () => {
  it('perDay 0.5 gives 0, 1, 0, 1, ...', () => {
    expect(counts(0.5, { kind: 'constant' }, 8)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('perDay 1.25 gives 1, 1, 1, 2 (cumulative 1.25, 2.5, 3.75, 5), then again', () => {
    expect(counts(1.25, { kind: 'constant' }, 8)).toEqual([1, 1, 1, 2, 1, 1, 1, 2]);
  });

  it('perDay 0.75: cumulative 0.75, 1.5, 2.25, 3 gives 0, 1, 1, 1', () => {
    expect(counts(0.75, { kind: 'constant' }, 4)).toEqual([0, 1, 1, 1]);
  });

  it('a series of quarters (exact in binary): each day floor(cum d) - floor(cum d-1), total floor(sum)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), (quarters) => {
        const values = quarters.map((q) => q / 4);
        const got = counts(0, { kind: 'series', values }, values.length);
        let cum = 0;
        const want = values.map((v) => {
          const before = Math.floor(cum);
          cum += v;
          return Math.floor(cum) - before;
        });
        expect(got).toEqual(want);
        // with exact quarter sums, the total is floor(sum of quarters / 4)
        expect(got.reduce((a, b) => a + b, 0)).toBe(Math.floor(quarters.reduce((a, b) => a + b, 0) / 4));
      }),
      { seed: 20240501, numRuns: 200 },
    );
  });

  it('counters of the same flow share their days and still count from day 1 each: read interleaved, every one gives 1, 1, 1, 2, ...', () => {
    // perDay 1.25 (cumulative 1.25, 2.5, 3.75, 5, 6.25, 7.5): 1, 1, 1, 2, 1, 1; the days are worked
    // out once for the flow and read by every counter (each seed of a Monte Carlo makes its own)
    const want = [1, 1, 1, 2, 1, 1];
    const a = new BuyerCounter(1.25, { kind: 'constant' });
    const first = [1, 2, 3].map((d) => a.next(d));
    const b = new BuyerCounter(1.25, { kind: 'constant' });
    const second = days(6).map((d) => b.next(d));
    const rest = [4, 5, 6].map((d) => a.next(d));
    expect([...first, ...rest]).toEqual(want);
    expect(second).toEqual(want);
    // another growth model is another sequence: linear 1.25 + 0.25 (d - 1) gives 1.25, 1.5, 1.75, 2: cumulative 1.25, 2.75, 4.5, 6.5
    expect(counts(1.25, { kind: 'linear', addPerDay: 0.25 }, 4)).toEqual([1, 1, 2, 2]);
    // a growth object changed after its counter was made does not change the counts of the first
    const g: GrowthV1 = { kind: 'linear', addPerDay: 1 };
    const c = new BuyerCounter(2, g);
    (g as { addPerDay: number }).addPerDay = 100;
    // linear 2 + 1 (d - 1): 2, 3, 4
    expect(days(3).map((d) => c.next(d))).toEqual([2, 3, 4]);
  });

  it('the daily counts of a run are the counter\'s: perDay 0.5 over 6 days buys on days 2, 4, 6', () => {
    const out = runFlowScenario({ flow: { days: 6, buyers: { perDay: 0.5 } } });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.days.map((d) => d.newBuyers)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(out.result.counts.users).toBe(3);
  });

  // BUG (engine, src/engine/flow/orders.ts BuyerCounter): the cumulative expectation is a plain float sum,
  // so decimal rates that are not exact in binary lose buyers. 0.1 added ten times is
  // 0.9999999999999999 in float64, whose floor is 0: a scenario of 0.1 buyers a day for 10 days has
  // no buyer at all, though RULEBOOK §7 gives floor(1.0) = 1 (on day 10). Likewise 0.3 a day for
  // 10 days gives 2 buyers (days 4 and 7), not 3 (days 4, 7 and 10).
  // Repro: {"flow":{"days":10,"buyers":{"perDay":0.1}}} -> counts.users 0, every newBuyers 0.
  // A fix: snap the cumulative sum before the floor (e.g. floor(cum + 1e-9)) or sum in decimal.
  it('decimal rates are not lost to float rounding: 0.1 a day for 10 days is 1 buyer, 0.3 a day is 3', () => {
    expect(counts(0.1, { kind: 'constant' }, 10).reduce((a, b) => a + b, 0)).toBe(1);
    expect(counts(0.1, { kind: 'constant' }, 10)[9]).toBe(1);
    expect(counts(0.3, { kind: 'constant' }, 10)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const out = runFlowScenario({ flow: { days: 10, buyers: { perDay: 0.1 } } });
    expect(out.ok && out.result.counts.users).toBe(1);
  });
});

describe('growth that stops: flatFrom N keeps day N - 1\'s expectation from day N on (issue 13)', () => {
  it('exponential at 10% stopping on day 4: 100, 110, 121, then 121 every day', () => {
    // as chosen through day 3: 100 x 1.1^0, 1.1^1, 1.1^2 = 100, 110, 121; days 4.. expect day 3's 121
    close(expected(100, { kind: 'exponential', ratePerDay: 0.1, flatFrom: 4 }, 7), [100, 110, 121, 121, 121, 121, 121]);
  });

  it('every kind: the formula before N, day N - 1\'s value on and after N', () => {
    // linear 10 + 2.5 (d - 1): 10, 12.5, 15, then 15
    expect(expected(10, { kind: 'linear', addPerDay: 2.5, flatFrom: 4 }, 5)).toEqual([10, 12.5, 15, 15, 15]);
    // constant stays constant
    expect(expected(5, { kind: 'constant', flatFrom: 2 }, 3)).toEqual([5, 5, 5]);
    // logistic K 100, perDay 10, r ln 9 / 2: day 2 gives 100 / (1 + 9 e^(-ln9/2)) = 100 / (1 + 9 / 3) = 25; flat from day 3
    close(expected(10, { kind: 'logistic', capacity: 100, ratePerDay: Math.log(9) / 2, flatFrom: 3 }, 4), [10, 25, 25, 25]);
    // boom 8 x 1.5 to day 3 then halving: 8, 12, 18, 9; stopped on day 5 it holds 9
    close(expected(8, { kind: 'boom', peakDay: 3, ratePerDay: 0.5, declinePerDay: 0.5, flatFrom: 5 }, 7), [8, 12, 18, 9, 9, 9, 9]);
    // series 1, 2, 3, 4 stopped on day 3: 1, 2, 2, 2
    expect(expected(0, { kind: 'series', values: [1, 2, 3, 4], flatFrom: 3 }, 4)).toEqual([1, 2, 2, 2]);
  });

  it('a boom\'s decline may be 0: it grows to the peak and stays there', () => {
    // 8, 12, 18, then 18 x (1 - 0)^k = 18
    close(expected(8, { kind: 'boom', peakDay: 3, ratePerDay: 0.5, declinePerDay: 0 }, 5), [8, 12, 18, 18, 18]);
    const r = runFlowScenario({ flow: { days: 5, buyers: { perDay: 8, growth: { kind: 'boom', peakDay: 3, ratePerDay: 0.5, declinePerDay: 0 } } } });
    expect(r.ok).toBe(true);
  });

  it('a run buys those counts: 1 a day growing 100% a day, stopped on day 3: 1, 2, 2, 2', () => {
    const r = runFlowScenario({ flow: { days: 4, buyers: { perDay: 1, growth: { kind: 'exponential', ratePerDay: 1, flatFrom: 3 } } } }, { exact: true });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.result.days.map((d) => d.newBuyers)).toEqual([1, 2, 2, 2]);
  });

  it('day N <= 1, beyond the last day, or not whole is refused, naming the field', () => {
    const problems = (flatFrom: number, days = 10) => {
      const r = runFlowScenario({ flow: { days, buyers: { perDay: 1, growth: { kind: 'exponential', ratePerDay: 0.01, flatFrom } } } });
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems(1)).toEqual(['flow.buyers.growth.flatFrom: must be >= 2; got 1']);
    expect(problems(0)).toEqual(['flow.buyers.growth.flatFrom: must be >= 2; got 0']);
    expect(problems(11)).toEqual(['flow.buyers.growth.flatFrom: must be within the 10 days simulated; got 11']);
    expect(problems(10)).toEqual([]);
    expect(problems(2.5)).toEqual(['flow.buyers.growth.flatFrom: must be a whole number; got a number (2.5)']);
  });
});
