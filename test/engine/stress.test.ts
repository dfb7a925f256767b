/**
 * Stress presets (src/engine/stress.ts), each on a small case worked by hand, in both modes, and
 * the cohort figures before (end of the day before) and after (end of the run) the stress.
 */
import { describe, expect, it } from 'vitest';
import { simulateStress, STRESS_KINDS, type StressPreset, type StressResult } from '../../src/engine/stress.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { CohortRow } from '../../src/engine/result.ts';
import type DecimalJs from 'decimal.js';
import { Decimal, expectNear, HAND } from './helpers.ts';

function scenario(input: ScenarioInput): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FlowScenarioV1;
}
function stress(input: ScenarioInput, p: StressPreset, exactMode = true): StressResult {
  const out = simulateStress(scenario(input), p, { exact: exactMode });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}
const D = (x: unknown) => new Decimal(x as string | number);
/** equal to 1e-30 in exact mode, 1e-12 relative in fast mode */
function near(actual: unknown, expected: DecimalJs | number | string, exactMode: boolean): void {
  if (exactMode) expectNear(actual as string, expected);
  else {
    const e = D(expected).toNumber();
    expect(Math.abs((actual as number) - e), `${actual} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
  }
}

/** one buyer of 1000 on day 1 and one on day 2, then none: at the end of day 2, pool 600, 357 points (210 + 147) */
const TWO: ScenarioInput = { flow: { days: 3, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 1, 0] } }, cohortDays: 1 } };

describe.each([true, false])('presets worked by hand (%s = exact)', (exactMode) => {
  it('stop-orders: no orders from the day on', () => {
    const r = stress({ flow: { days: 5, buyers: { perDay: 1 } } }, { kind: 'stop-orders', day: 3 }, exactMode);
    expect(r.days.map((d) => d.orders)).toEqual([1, 1, 0, 0, 0]);
    expect(r.days.map((d) => d.newBuyers)).toEqual([1, 1, 0, 0, 0]);
    near(r.final.pool, 600, exactMode);
    expect(r.counts.users).toBe(2);
    expect(r.stress.event).toEqual({ day: 3, stopOrders: true });
    expect(r.stress.value).toBeUndefined();
    expect(r.requiredGrowth.multiples.some((m) => m.reason === 'orders stopped on day 3')).toBe(true);
  });

  it('skim: the pool falls by exactly the share (default 0.5, and 0.25)', () => {
    const r = stress(TWO, { kind: 'skim', day: 3 }, exactMode);
    expect(r.stress.value).toBe(0.5);
    expect(r.stress.event).toEqual({ day: 3, withdraw: { share: 0.5 } });
    near(r.days[2]!.withdrawals, 300, exactMode);
    near(r.days[2]!.pool, 300, exactMode);
    near(r.days[2]!.price, D(300).div(357), exactMode);
    near(r.aggregate.withdrawals, 300, exactMode);
    const q = stress(TWO, { kind: 'skim', day: 3, value: 0.25 }, exactMode);
    near(q.final.pool, 450, exactMode);
    // the points are untouched: a skim is a loss to every holder at once
    near(q.final.points, 357, exactMode);
  });

  it('run with share 1: every holder sells; no points left; the pool keeps what the withholding left', () => {
    const r = stress(TWO, { kind: 'run', day: 3, value: 1 }, exactMode);
    expect(r.days[2]!.sales).toBe(2);
    expect(r.days[2]!.activeUsers).toBe(0);
    near(r.final.points, 0, exactMode);
    // A (210 points) and B (147) sell in random order from pool 600, N 357:
    // A first: A gets 0.8 x 600 x 210/357 = 100800/357, B then 90720/357, 22680/357 left;
    // B first: B gets 70560/357, A then 114912/357, 28728/357 left
    const [a, b] = r.cohorts;
    const aFirst = D(a!.cashFromPoints).lt(300); // 282.35 if first, 321.88 if last
    const expected = aFirst ? { a: 100800, b: 90720, pool: 22680 } : { a: 114912, b: 70560, pool: 28728 };
    near(a!.cashFromPoints, D(expected.a).div(357), exactMode);
    near(b!.cashFromPoints, D(expected.b).div(357), exactMode);
    near(r.final.pool, D(expected.pool).div(357), exactMode);
    expect(r.stress.after).toEqual(r.cohorts);
  });

  it('run with share 1/2 on 100 holders (exits off): the sellers sell everything, the others keep theirs', () => {
    const r = stress(
      { rules: { exitMultiple: null }, flow: { days: 6, seed: 5, buyers: { perDay: 20, growth: { kind: 'series', values: [20, 20, 20, 20, 20, 0] } } } },
      { kind: 'run', day: 6 },
      exactMode,
    );
    const sales = r.days[5]!.sales;
    expect(sales).toBeGreaterThan(30);
    expect(sales).toBeLessThan(70);
    expect(r.days[5]!.activeUsers).toBe(100 - sales);
    expect(r.days[5]!.forcedExits).toBe(0);
    expect(r.days[5]!.orders).toBe(0);
  });

  it('gift-down: from the day, orders get points at the new gift ratio', () => {
    const r = stress(TWO, { kind: 'gift-down', day: 2 }, exactMode);
    expect(r.stress.value).toBe(0.35);
    expect(r.stress.event).toEqual({ day: 2, rules: { giftRatio: 0.35 } });
    // day 2's order: 0.35 x 300 / (300/210) = 73.5 points (147 under the seed's 0.7)
    near(r.days[1]!.points, 283.5, exactMode);
    near(r.days[1]!.price, D(600).div('283.5'), exactMode);
  });

  it('withholding-up: from the day, sales keep the new withholding in the pool; the realisable value falls with it', () => {
    const ONE: ScenarioInput = { flow: { days: 4, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 0] } }, cohortDays: 7 }, events: [{ day: 4, run: { share: 1 } }] };
    const r = stress(ONE, { kind: 'withholding-up', day: 3 }, exactMode);
    expect(r.stress.value).toBe(0.4);
    // before (end of day 2): realisable 0.8 x 210 x 300/210 = 240; the sale on day 4 pays 0.6 x 300
    near(r.stress.before[0]!.realisableValue, 240, exactMode);
    near(r.cohorts[0]!.cashFromPoints, 180, exactMode);
    near(r.final.pool, 120, exactMode);
    near(r.aggregate.cashPaidToUsers, 180, exactMode);
    // without the sale, the value of the same holding at the end: 0.6 x 300
    const still = stress({ flow: ONE.flow! }, { kind: 'withholding-up', day: 3 }, exactMode);
    near(still.stress.after[0]!.realisableValue, 180, exactMode);
  });

  it('exit-down: the promise falls at once (1.5 x 2000 from 3 x 2000)', () => {
    const r = stress(TWO, { kind: 'exit-down', day: 3 }, exactMode);
    expect(r.stress.value).toBe(1.5);
    near(r.solvency[1]!.needExitPromise, 6000, exactMode);
    near(r.solvency[2]!.needExitPromise, 3000, exactMode);
  });

  it('exit-down to 1.2 forces out the holders it now covers, in cascade (easy rules, worked by hand)', () => {
    // all of each order in the pool, g 0.5, w 0.5, m 2: A gets 500 points at 1 (pool 1000, price 2);
    // B 250 at 2 (pool 2000, N 750, price 8/3). m 1.2 on day 3: A's 500 x 8/3 >= 1200: sold,
    // paid 2000/3, pool 4000/3, N 250, price 16/3; then B's 250 x 16/3 >= 1200: sold, paid 2000/3
    const r = stress({ rules: HAND, flow: TWO.flow! }, { kind: 'exit-down', day: 3, value: 1.2 }, exactMode);
    expect(r.days[2]!.forcedExits).toBe(2);
    expect(r.days[1]!.forcedExits).toBe(0);
    near(r.cohorts[0]!.cashFromPoints, D(2000).div(3), exactMode);
    near(r.cohorts[1]!.cashFromPoints, D(2000).div(3), exactMode);
    near(r.final.pool, D(2000).div(3), exactMode);
    near(r.final.points, 0, exactMode);
    expect(r.cohorts.map((c) => Number(c.shareHitExitMultiple))).toEqual([1, 1, 0]);
  });

  it('stop-test: orders stop and every holder sells; what each cohort recovers against its spend', () => {
    const r = stress({ flow: { days: 4, buyers: { perDay: 1 }, cohortDays: 1 } }, { kind: 'stop-test', day: 3 }, exactMode);
    expect(r.stress.event).toEqual({ day: 3, stopTest: true });
    expect(r.days.map((d) => d.orders)).toEqual([1, 1, 0, 0]);
    expect(r.days.map((d) => d.sales)).toEqual([0, 0, 2, 0]);
    expect(r.days[3]!.activeUsers).toBe(0);
    near(r.final.points, 0, exactMode);
    const [a, b] = r.stress.after;
    const aFirst = D(a!.cashFromPoints).lt(300); // 282.35 if first, 321.88 if last
    const cash = aFirst ? { a: 100800, b: 90720, pool: 22680 } : { a: 114912, b: 70560, pool: 28728 };
    near(a!.cashFromPoints, D(cash.a).div(357), exactMode);
    near(b!.cashFromPoints, D(cash.b).div(357), exactMode);
    // recovered against spend: each spent 1000, and nothing remains to realise
    near(a!.returnMultiple!, D(cash.a).div(357).div(1000), exactMode);
    near(b!.returnMultiple!, D(cash.b).div(357).div(1000), exactMode);
    near(a!.realisableValue, 0, exactMode);
    near(r.final.pool, D(cash.pool).div(357), exactMode);
    // before: end of day 2, each holding at 600/357
    near(r.stress.before[0]!.realisableValue, D('0.8').times(210).times(600).div(357), exactMode);
    near(r.stress.before[1]!.realisableValue, D('0.8').times(147).times(600).div(357), exactMode);
    expect(r.requiredGrowth.multiples.some((m) => m.reason === 'orders stopped on day 3')).toBe(true);
  });
});

describe('stop-test on a larger run: all cash paid comes out of the pool, and only w x the last pool stays', () => {
  for (const exactMode of [true, false]) {
    it(exactMode ? 'exact' : 'fast', () => {
      const r = stress({ flow: { days: 12, seed: 8, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.6 }, buyers: { perDay: 15 } } }, { kind: 'stop-test', day: 11 }, exactMode);
      const buyers = 150;
      expect(r.counts.users).toBe(buyers);
      expect(r.days[10]!.sales).toBe(buyers);
      expect(r.days[10]!.activeUsers).toBe(0);
      expect(r.days[11]!.orders).toBe(0);
      const cash = r.cohorts.reduce((s, c) => s.plus(c.cashFromPoints as string | number), new Decimal(0));
      const before = D(r.days[9]!.pool);
      near(exactMode ? cash : cash.toNumber(), before.minus(r.final.pool as string), exactMode);
      // in all, buyers recovered less than the 30% of spend that went into the pool
      expect(cash.lt(D(r.aggregate.totalSpend).times('0.3'))).toBe(true);
      expect(D(r.final.pool).gt(0)).toBe(true);
      expect(D(r.final.pool).lt(before.times('0.2'))).toBe(true);
    });
  }
});

describe('before = the cohorts of the same run stopped at the end of the day before', () => {
  const BASE: ScenarioInput = {
    flow: {
      days: 20,
      seed: 3,
      orderAmount: { kind: 'lognormal', mean: 900, cv: 0.7 },
      buyers: { perDay: 6, growth: { kind: 'exponential', ratePerDay: 0.03 } },
      repeat: { probabilityPerDay: 0.03 },
      sell: { ratePerDay: 0.05, portion: 0.5 },
      cohortDays: 7,
      referral: { probability: 0.7, rewards: { direct: 0.1, indirect: 0.05 } },
    },
  };
  const VALUES: Partial<Record<string, number>> = { run: 0.6, skim: 0.3, 'gift-down': 0.5, 'withholding-up': 0.3, 'exit-down': 2 };

  /** the cohorts both runs have; the last one of the shorter run ends on its last day */
  function sameCohorts(before: CohortRow[], truncated: CohortRow[]) {
    expect(before.length).toBeGreaterThanOrEqual(truncated.length);
    truncated.forEach((t, i) => {
      const { toDay: _a, ...b } = before[i]!;
      const { toDay: _b, ...rest } = t;
      expect(b).toEqual(rest);
    });
    for (const c of before.slice(truncated.length)) expect(c.users).toBe(0);
  }

  for (const kind of STRESS_KINDS) {
    it(`${kind} on day 12 (fast)`, () => {
      const r = stress(BASE, { kind, day: 12, value: VALUES[kind] }, false);
      const cut = simulateFlow(scenario({ ...BASE, flow: { ...BASE.flow!, days: 11 } }));
      if (!cut.ok) throw new Error('must run');
      expect(cut.result.cohorts).toHaveLength(2);
      sameCohorts(r.stress.before, cut.result.cohorts);
      expect(r.stress.after).toEqual(r.cohorts);
      // the stressed run agrees with the unstressed one up to the day before
      const plain = simulateFlow(scenario(BASE));
      if (!plain.ok) throw new Error('must run');
      expect(r.days.slice(0, 11)).toEqual(plain.result.days.slice(0, 11));
    });
  }

  it('exact mode: stop-test on day 12', () => {
    const r = stress(BASE, { kind: 'stop-test', day: 12 }, true);
    const cut = simulateFlow(scenario({ ...BASE, flow: { ...BASE.flow!, days: 11 } }), { exact: true });
    if (!cut.ok) throw new Error('must run');
    sameCohorts(r.stress.before, cut.result.cohorts);
  });

  it('on day 1 the figures before are those of an empty book', () => {
    const r = stress(BASE, { kind: 'skim', day: 1, value: 0.5 }, false);
    expect(r.stress.before.every((c) => c.users === 0 && c.spend === 0)).toBe(true);
    // half of an empty pool is nothing: the run goes on
    expect(r.days[0]!.withdrawals).toBe(0);
    expect(r.days[0]!.orders).toBeGreaterThan(0);
    expect(r.stress.before).toHaveLength(3);
  });
});
