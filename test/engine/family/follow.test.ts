/**
 * One buyer of a model of the family followed day by day (src/engine/family/follow.ts), and the
 * waits of a cohort's promises (src/engine/family/waits.ts, FamilyCohortRow.waits): small runs of
 * each model worked by hand from RULEBOOK §9.3-9.5, on the exact path (to 1e-30) and the fast one
 * (to 1e-9); which buyer is followed when the asked day has none; a bad day named; and the
 * percentile rule on its own.
 */
import { describe, expect, it } from 'vitest';
import { simulateFamily } from '../../../src/engine/family/simulate.ts';
import { compareModels } from '../../../src/engine/family/compare.ts';
import type { FamilyScenario } from '../../../src/engine/family/run.ts';
import type { FamilyFollow, FamilyResult } from '../../../src/engine/family/result.ts';
import { WaitTally } from '../../../src/engine/family/waits.ts';
import { validateScenario } from '../../../src/engine/scenario/index.ts';
import { Decimal, expectNear } from '../helpers.ts';

const scenario = (input: unknown): FamilyScenario => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FamilyScenario;
};
function result(input: unknown, exact: boolean, follow: number | null = null): FamilyResult {
  const out = simulateFamily(scenario(input), { exact, follow });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return out.result;
}
function followed(input: unknown, exact: boolean, day: number): FamilyFollow {
  const fl = result(input, exact, day).follow;
  if (!fl) throw new Error('no buyer followed');
  return fl;
}
/** a figure against its hand-worked value: to 1e-30 on the exact path, 1e-9 on the fast one */
const near = (exact: boolean) => (actual: unknown, expected: number | string) => expectNear(actual as string | number, expected, exact ? '1e-30' : '1e-9');
/** the rows' paid, outstanding and multiple against hand-worked lists */
function rowsAre(fl: FamilyFollow, exact: boolean, days: number[], spent: number[], paid: (number | string)[], outstanding: (number | string)[]) {
  const is = near(exact);
  expect(fl.rows.map((r) => r.day)).toEqual(days);
  fl.rows.forEach((r, i) => {
    is(r.spent, spent[i]!);
    is(r.paid, paid[i]!);
    is(r.outstanding, outstanding[i]!);
    // paid / spent
    is(r.multiple!, new Decimal(paid[i]!).div(spent[i]!).toString());
  });
}

describe.each([true, false])('following one buyer (exact %s)', (exact) => {
  const is = near(exact);

  it('daily release, of the original promise: paid r of it a day from the next day; a default pays every due release the same fraction (§9.3)', () => {
    // pool share 0.5, k 1, r 0.25 of the original promise; one order of 100 a day (one buyer each), 6 days.
    // Each promise is 100, released 25 a day from the day after it is made; owing at most r (25) its
    // release is its last. The fund (50 in a day, less the day's releases):
    //   day 1: 50, nothing due                                   -> 50
    //   day 2: 100, due P1 25                                    -> 75
    //   day 3: 125, due P1 P2 50                                 -> 75
    //   day 4: 125, due P1 P2 P3 75                              -> 50
    //   day 5: 100, due P1 (last, 25) P2 P3 P4: 100, paid in full -> 0; P1 complete
    //   day 6: 50, due P2 (last) P3 P4 P5: 100; pays 50 = half of each: 12.5 each (default 50)
    const input = { model: { kind: 'release', k: 1, ratePerDay: 0.25, of: 'original' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 6, orderAmount: 100, buyers: { perDay: 1 } } };
    // buyer 1 (day 1): 25 a day from day 2, 100 by day 5: broke even and paid in full on day 5
    const a = followed(input, exact, 1);
    expect([a.day, a.buyer, a.breakEvenDay, a.paidInFullDay]).toEqual([1, 1, 5, 5]);
    rowsAre(a, exact, [1, 2, 3, 4, 5, 6], [100, 100, 100, 100, 100, 100], [0, 25, 50, 75, 100, 100], [100, 75, 50, 25, 0, 0]);
    // buyer 2 (day 2): 25 on days 3, 4, 5, then half of its last 25 on day 6: 87.5, 12.5 still owed
    const b = followed(input, exact, 2);
    expect([b.day, b.buyer, b.breakEvenDay, b.paidInFullDay]).toEqual([2, 2, null, null]);
    rowsAre(b, exact, [2, 3, 4, 5, 6], [100, 100, 100, 100, 100], [0, 25, 50, 75, 87.5], [100, 75, 50, 25, 12.5]);
  });

  it('daily release, §9.3’s worked example: the first buyer’s share of the first default (day 322: 16,000 of 32,100 due)', () => {
    // 100 orders of 1,000 a day, pool 0.16, k 1, r 0.001 of the original: a promise of 1,000 gets 1 a
    // day from day 2; the fund is exactly empty after day 321, so buyer 1 has 320 by then (days
    // 2..321). Day 322 pays 16,000 of the 32,100 due, the same fraction of each release: buyer 1
    // gets 16,000 / 32,100 of its 1. 1,000 - 320.4984... is still owed; it never breaks even.
    const input = { model: { kind: 'release', k: 1, ratePerDay: 0.001, of: 'original' }, rules: { split: { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } }, flow: { days: 322, orderAmount: 1000, buyers: { perDay: 100 } } };
    const fl = followed(input, exact, 1);
    expect([fl.day, fl.buyer, fl.rows.length, fl.breakEvenDay, fl.paidInFullDay]).toEqual([1, 1, 322, null, null]);
    is(fl.rows[99]!.paid, 99); // day 100: releases on days 2..100
    is(fl.rows[320]!.paid, 320);
    const share = '0.4984423676012461059190031152647975077882'; // 16,000 / 32,100
    is(fl.rows[321]!.paid, `320.${share.slice(2)}`);
    is(fl.rows[321]!.outstanding, `679.${'5015576323987538940809968847352024922118'}`);
  });

  it('queue, first in first out: entry j paid in full at order 2j; the asked day without a new buyer follows the next day’s (§9.4)', () => {
    // pool 0.5, k 1, orders of 1,000: each order puts 500 in the fund, which pays the queue before the
    // new entry joins. Half a buyer a day: buyers on day d = floor(d/2) - floor((d-1)/2), so one on
    // every even day: order j on day 2j. Entry 1 (day 2) is paid 1,000 by order 2 (day 4); entry 2
    // (day 4) 500 by order 3 (day 6) and 500 more by order 4 (day 8).
    const input = { model: { kind: 'queue', k: 1, mode: 'fifo' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 0.5 } } };
    // day 3 has no new buyer: day 4's, the second, is followed
    const fl = followed(input, exact, 3);
    expect([fl.asked, fl.day, fl.buyer, fl.breakEvenDay, fl.paidInFullDay]).toEqual([3, 4, 2, 8, 8]);
    rowsAre(fl, exact, [4, 5, 6, 7, 8, 9, 10], [1000, 1000, 1000, 1000, 1000, 1000, 1000], [0, 0, 500, 500, 1000, 1000, 1000], [1000, 1000, 500, 500, 0, 0, 0]);
    // the last buyer (day 10), and no buyer on or after a day past the last one
    expect(followed(input, exact, 9).day).toBe(10);
    expect(result({ ...input, flow: { ...input.flow, days: 9 } }, exact, 9).follow).toBeNull();
  });

  it('queue, shared evenly: water-filling over the waiting entries (§9.4)', () => {
    // pool 0.5, k 1, one order of 1,000 a day. Order 2 pays entry 1 its 1,000; entry 2 (day 2) then
    // gets 500 of order 3, half of order 4's 500 (250, shared with entry 3), a third of order 5's
    // (166.67, with entries 3 and 4), and on order 6 the 83.33 it still lacks: paid in full on day 6.
    const input = { model: { kind: 'queue', k: 1, mode: 'even' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 6, orderAmount: 1000, buyers: { perDay: 1 } } };
    const fl = followed(input, exact, 2);
    expect([fl.day, fl.breakEvenDay, fl.paidInFullDay]).toEqual([2, 6, 6]);
    const third = exact ? '916.6666666666666666666666666666666666667' : 2750 / 3; // 500 + 250 + 500/3
    rowsAre(fl, exact, [2, 3, 4, 5, 6], [1000, 1000, 1000, 1000, 1000], [0, 500, 750, third, 1000], [1000, 500, 250, exact ? '83.3333333333333333333333333333333333333' : 250 / 3, 0]);
  });

  it('dividend rights: every right made on an earlier day gets min(cap, fund / rights) a day (§9.5)', () => {
    // unit 100, k 1, pool 0.5, cap 10 a day; one order of 100 a day: one right a day, owed 100.
    // On day t the t - 1 earlier rights get 10 each while the fund holds 10 x (t - 1): the fund at the
    // end of day t is 50t - 5t(t - 1), 50 after day 10; day 11 holds 100 for 10 rights: 10 each, and
    // right 1 reaches its 100 (paid in full). Day 12 holds 50 for rights 2..11: 5 each.
    const input = { model: { kind: 'rights', unit: 100, k: 1, capPerDay: 10 }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 12, orderAmount: 100, buyers: { perDay: 1 } } };
    const a = followed(input, exact, 1);
    expect([a.day, a.breakEvenDay, a.paidInFullDay]).toEqual([1, 11, 11]);
    is(a.rows[9]!.paid, 90); // day 10
    is(a.rows[10]!.paid, 100);
    is(a.rows[11]!.paid, 100);
    const b = followed(input, exact, 2);
    expect([b.breakEvenDay, b.paidInFullDay]).toEqual([null, null]);
    // days 3..11 at 10, day 12 at 5
    rowsAre(b, exact, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Array(11).fill(100), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95], [100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 5]);
  });

  it('a day outside the run is named, not followed', () => {
    const input = { model: { kind: 'queue', k: 1, mode: 'fifo' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 } } };
    for (const day of [0, 11, 2.5]) {
      const out = simulateFamily(scenario(input), { exact, follow: day });
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.problems).toEqual([{ path: 'follow', message: `must be an entry day, a whole number from 1 to 10 (the run's days); got ${day}` }]);
    }
    // not asked: no follow in the result (the command's JSON is as before)
    expect('follow' in result(input, exact)).toBe(false);
  });
});

describe('compareModels follows B’s buyer when B is a model of the family', () => {
  const queue = { model: { kind: 'queue', k: 1, mode: 'fifo' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 } } };
  const seed = { rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 }, sell: { ratePerDay: 0.1 } } };
  it('the same buyer as B run alone; A and the stop test’s runs follow nobody', () => {
    const c = compareModels(scenario(seed), scenario(queue), { followB: 2, stopDay: 5 });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    // entry 2 (day 2): paid 500 by order 3 and 500 by order 4 (§9.4, fifo completes entry j at order 2j)
    const fl = (c.result.b.result as FamilyResult).follow!;
    expect([fl.day, fl.breakEvenDay, fl.paidInFullDay]).toEqual([2, 4, 4]);
    expect(fl).toEqual(result(queue, false, 2).follow);
    expect('follow' in c.result.a.result).toBe(false);
    // the seed's model as B: nothing to follow here (the explorer follows the seed's buyer its own way)
    const d = compareModels(scenario(queue), scenario(seed), { followB: 2 });
    expect(d.ok && ['follow' in d.result.a.result, 'follow' in d.result.b.result]).toEqual([false, false]);
  });
});

describe('the fast path follows the same buyer as the exact one', () => {
  // lognormal amounts and repeat purchases (a buyer's later orders make more promises), each model
  const flow = { days: 120, seed: 7, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.6 }, buyers: { perDay: 15 }, repeat: { probabilityPerDay: 0.02 }, cohortDays: 30 };
  const split = { cost: 0.7, distribution: 0, platform: 0.1, pool: 0.2 };
  it.each([
    { kind: 'release', k: 1.16, ratePerDay: 0.01, of: 'remaining' },
    { kind: 'queue', k: 1.2, mode: 'even' },
    { kind: 'rights', unit: 500, k: 1, capPerDay: 2 },
  ])('$kind: every figure of every day to 1e-9, the days alike; the cohorts’ waits alike', (model) => {
    const input = { model, rules: { split }, flow };
    const e = result(input, true, 10);
    const fa = result(input, false, 10);
    const x = e.follow!;
    const y = fa.follow!;
    expect([y.day, y.buyer, y.breakEvenDay, y.paidInFullDay, y.rows.length]).toEqual([x.day, x.buyer, x.breakEvenDay, x.paidInFullDay, x.rows.length]);
    x.rows.forEach((r, i) => {
      for (const k of ['spent', 'paid', 'outstanding'] as const) expectNear(y.rows[i]![k] as number, r[k] as string, '1e-9');
    });
    // this seed's buyer of day 10 buys again: the spend grows after the entry day
    expect(new Set(x.rows.map((r) => r.spent)).size).toBeGreaterThan(1);
    expect(fa.cohorts.map((c) => c.waits)).toEqual(e.cohorts.map((c) => c.waits));
  });
});

describe.each([true, false])('how long a cohort’s promises wait (exact %s)', (exact) => {
  const base = { rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 }, cohortDays: 5 } };

  it('fifo: entry j (day j) is paid in full on day 2j, a wait of j days; the second cohort all still waits', () => {
    // §9.4: fifo completes entry j at order 2j; one order a day. Cohort 1 (days 1-5): entries 1-5,
    // waits 1, 2, 3, 4, 5 days, all done by day 10: median (lower nearest rank, rank floor(0.5 x 4) =
    // 2) 3 days, 90th percentile (rank floor(0.9 x 4) = 3) 4 days. Cohort 2 (days 6-10): entries 6-10
    // wait still (entry 6 would be done on day 12), the oldest made on day 6: 10 - 6 = 4 days so far.
    const r = result({ ...base, model: { kind: 'queue', k: 1, mode: 'fifo' } }, exact);
    expect(r.cohorts.map((c) => c.waits)).toEqual([
      { completed: 5, medianDays: 3, p90Days: 4, waiting: 0, oldestWaitDays: null },
      { completed: 0, medianDays: null, p90Days: null, waiting: 5, oldestWaitDays: 4 },
    ]);
  });

  it('even: entries 1 and 2 done (on orders 2 and 6), eight still waiting; those are not counted as done', () => {
    // §9.4: even completes entry 1 at order 2 (day 2, a wait of 1 day) and entry 2 at order 6 (day
    // 6, 4 days). Cohort 1: waits 1 and 4: median rank floor(0.5 x 1) = 0 -> 1, 90th rank
    // floor(0.9 x 1) = 0 -> 1; entries 3-5 wait, the oldest since day 3: 7 days. Cohort 2 as in fifo.
    const r = result({ ...base, model: { kind: 'queue', k: 1, mode: 'even' } }, exact);
    expect(r.cohorts.map((c) => c.waits)).toEqual([
      { completed: 2, medianDays: 1, p90Days: 1, waiting: 3, oldestWaitDays: 7 },
      { completed: 0, medianDays: null, p90Days: null, waiting: 5, oldestWaitDays: 4 },
    ]);
    // the waiting entries are the run's own count
    expect(r.cohorts.reduce((s, c) => s + c.waits.waiting, 0)).toBe(r.counts.waiting);
  });

  it('daily release: every promise waits 1 / r days from the day after it is made', () => {
    // r 0.25 of the original, fund always enough (pool 1, k 1): a promise made on day d gets 25 on
    // days d+1..d+4 and is done on day d + 4: 4 days. Over 10 days, promises of days 1-6 are done.
    const r = result({ ...base, rules: { split: { cost: 0, distribution: 0, platform: 0, pool: 1 } }, model: { kind: 'release', k: 1, ratePerDay: 0.25, of: 'original' } }, exact);
    expect(r.cohorts.map((c) => c.waits)).toEqual([
      { completed: 5, medianDays: 4, p90Days: 4, waiting: 0, oldestWaitDays: null },
      // day 6's promise done on day 10; days 7-10 wait, the oldest (day 7) 3 days
      { completed: 1, medianDays: 4, p90Days: 4, waiting: 4, oldestWaitDays: 3 },
    ]);
  });
});

describe('WaitTally: the percentiles of the completed, the censored apart', () => {
  it('lower nearest rank over the group’s waits; each group starts empty', () => {
    // ten promises made on day 5 with waits 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 (sorted 1..10): median at
    // rank floor(0.5 x 9) = 4 -> 5, 90th at floor(0.9 x 9) = 8 -> 9; three still owed, the oldest
    // made on day 20: by day 50 it has waited 30 days
    const t = new WaitTally(50);
    for (const w of [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]) t.paid(5, 5 + w);
    for (const made of [40, 20, 30]) t.owed(made);
    expect(t.take()).toEqual({ completed: 10, medianDays: 5, p90Days: 9, waiting: 3, oldestWaitDays: 30 });
    // the next group: nothing tallied yet
    expect(t.take()).toEqual({ completed: 0, medianDays: null, p90Days: null, waiting: 0, oldestWaitDays: null });
    // a wait of 0 days (paid in full the day it was made) and the run's longest, 50 days
    t.paid(1, 1);
    t.paid(0, 50);
    expect(t.take()).toEqual({ completed: 2, medianDays: 0, p90Days: 0, waiting: 0, oldestWaitDays: null });
  });
});
