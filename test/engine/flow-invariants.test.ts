/**
 * Invariants of RULEBOOK §4 at the end of every day of random time-driven runs (fast-check over the
 * flow's parameters and dated events; exact mode, small sizes):
 * - price x points = pool when points > 0 (1e-30 relative);
 * - pool = cumulative (pool inflow + subsidies - paid - withdrawals), summing the daily rows;
 * - the sum of holdings is the circulating points; no negative pool, holding or balance; no active
 *   user left qualifying for a forced exit;
 * - the day's row is the book's state at the end of the day;
 * - the price never falls from one day's end to the next unless that day had a withdrawal or a
 *   rule change (releases do not exist yet), for g < 1 and w > 0 (§4.5).
 * Seeds are fixed so that a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type DecimalJs from 'decimal.js';
import { exact } from '../../src/engine/arith.ts';
import { Ledger } from '../../src/engine/models/seed/ledger.ts';
import { flowResult } from '../../src/engine/metrics/document.ts';
import { runFlow } from '../../src/engine/flow/run.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import { Decimal } from './helpers.ts';

type D = DecimalJs;
const REL = new Decimal('1e-30');
/** |a - b| <= 1e-30 x scale */
const near = (a: D, b: D, scale: D): boolean => a.minus(b).abs().lte(Decimal.max(scale, new Decimal('1e-20')).times(REL));

// --- arbitraries ------------------------------------------------------------------------------

const pct = (min: number, max: number) => fc.integer({ min, max }).map((n) => n / 100);
const splitArb = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return { cost: x / 100, distribution: (y - x) / 100, platform: (z - y) / 100, pool: (100 - z) / 100 };
  });
// g < 1 and w > 0 throughout, as §4.5 asks, rule changes included
const gArb = pct(0, 99);
const wArb = pct(1, 99);
const exitMultipleArb = fc.oneof(fc.constant(null), fc.integer({ min: 105, max: 400 }).map((n) => n / 100));
const exitTestArb = fc.constantFrom('obtained' as const, 'holding' as const, 'total' as const);

const growthArb = fc.oneof(
  fc.constant({ kind: 'constant' as const }),
  fc.record({ kind: fc.constant('linear' as const), addPerDay: fc.integer({ min: -2, max: 2 }).map((n) => n / 2) }),
  fc.record({ kind: fc.constant('exponential' as const), ratePerDay: pct(-30, 30) }),
  fc.record({ kind: fc.constant('logistic' as const), capacity: fc.integer({ min: 1, max: 12 }), ratePerDay: pct(1, 100) }),
  fc.record({ kind: fc.constant('boom' as const), peakDay: fc.integer({ min: 1, max: 8 }), ratePerDay: pct(0, 50), declinePerDay: pct(1, 90) }),
  fc.record({ kind: fc.constant('series' as const), values: fc.array(fc.integer({ min: 0, max: 16 }).map((n) => n / 4), { minLength: 1, maxLength: 10 }) }),
);
const amountArb = fc.oneof(
  fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100),
  fc.record({ kind: fc.constant('lognormal' as const), mean: fc.integer({ min: 100, max: 5000 }), cv: pct(0, 200) }),
);

function scenarioArb(days: number) {
  const day = fc.integer({ min: 1, max: days });
  const eventArb = fc.oneof(
    { weight: 2, arbitrary: fc.record({ day, subsidy: fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100) }) }) },
    { weight: 2, arbitrary: fc.record({ day, withdraw: fc.record({ share: fc.integer({ min: 1, max: 95 }).map((n) => n / 100) }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        day,
        rules: fc.record({ giftRatio: gArb, sellWithholding: wArb, exitMultiple: exitMultipleArb, exitTest: exitTestArb, split: splitArb }, { requiredKeys: [] }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ day, stopOrders: fc.constant(true as const) }) },
  );
  return fc.record({
    rules: fc.record({ split: splitArb, giftRatio: gArb, sellWithholding: wArb, initialPrice: fc.integer({ min: 1, max: 500 }).map((n) => n / 100), exitMultiple: exitMultipleArb, exitTest: exitTestArb }),
    flow: fc.record({
      days: fc.constant(days),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      orderAmount: amountArb,
      buyers: fc.record({ perDay: fc.integer({ min: 0, max: 24 }).map((n) => n / 4), growth: growthArb }),
      repeat: fc.option(fc.record({ probabilityPerDay: pct(0, 30) }), { nil: undefined }),
      sell: fc.record({ ratePerDay: pct(0, 60), portion: pct(1, 100), takeProfit: fc.option(pct(50, 400), { nil: null }) }),
      cohortDays: fc.integer({ min: 1, max: 7 }),
    }),
    events: fc.array(eventArb, { maxLength: 5 }),
  });
}

const toScenario = (input: unknown): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FlowScenarioV1;
};

// --- the check ------------------------------------------------------------------------------

/** run one scenario, checking the book at the end of every day; returns what the run exercised */
/**
 * The exact book, counting the points it issues: the scale against which circulating points are
 * held (after heavy selling, N can be a small difference of large sums; 40 digits of those sums
 * leave N good to 1e-40 of the points ever issued, not of N itself).
 */
class CountingBook extends Ledger<D> {
  issued: D = new Decimal(0);
  constructor(rules: FlowScenarioV1['rules']) {
    super(exact, rules, { tracking: true });
  }
  override newOrder(amount: number) {
    this.issued = this.issued.plus(this.order(undefined, amount).issued);
  }
  override repeatOrder(slot: number, amount: number) {
    this.issued = this.issued.plus(this.order(this.users[slot]!.id, amount).issued);
  }
}

function check(input: ScenarioInput): { orders: number; sales: number; forced: number; withdrawals: number } {
  const s = toScenario(input);
  const book = new CountingBook(s.rules);
  const L = book;
  const ends: { pool: D; points: D; price: D }[] = [];
  const out = runFlow(book, s, (d) => {
    expect(book.day).toBe(d);
    const P = L.pool;
    const N = L.points;
    // §4.6: no negative pool, points, holding or balance; nothing not finite
    for (const x of [P, N, L.price]) expect(x.isFinite() && !x.isNeg(), `day ${d}: ${x.toString()}`).toBe(true);
    expect(L.price.gt(0)).toBe(true);
    let holdings = new Decimal(0);
    for (const u of L.users) {
      for (const x of [u.holding, u.cash, u.spent, u.basis, u.obtained]) expect(x.isNeg() && !x.isZero(), `day ${d}, ${u.id}`).toBe(false);
      holdings = holdings.plus(u.holding);
      // the forced-exit pass is complete: no active user still qualifies (§3.3)
      expect(L.qualifies(u), `day ${d}, ${u.id} still qualifies for a forced exit`).toBe(false);
      // active while holding; an exited user holds nothing (an order that issued no points, under a
      // gift ratio of 0, leaves its buyer active with nothing held, as the scripted engine does)
      if (!u.holding.isZero()) expect(u.status, `day ${d}, ${u.id}: holds points`).toBe('active');
      if (u.status === 'exited') expect(u.holding.isZero()).toBe(true);
    }
    // §4.3: holdings sum to the circulating points
    expect(near(holdings, N, book.issued), `day ${d}: holdings ${holdings} against N ${N}`).toBe(true);
    // §4.1: p x N = P while points circulate
    if (!N.isZero()) expect(near(L.price.times(N), P, P), `day ${d}: p x N ${L.price.times(N)} against P ${P}`).toBe(true);
    expect(book.activeCount).toBe(L.users.filter((u) => u.status === 'active').length);
    ends.push({ pool: P, points: N, price: L.price });
  });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  expect(ends).toHaveLength(s.flow.days);

  const result = flowResult(out, s);
  const events = s.events ?? [];
  let inflow = new Decimal(0);
  let subsidies = new Decimal(0);
  let paid = new Decimal(0);
  let withdrawals = new Decimal(0);
  let prevPrice = new Decimal(s.rules.initialPrice);
  result.days.forEach((row, i) => {
    const d = row.day;
    expect(d).toBe(i + 1);
    // the row is the book's state at the end of the day, digit for digit
    expect([row.pool, row.points, row.price]).toEqual([ends[i]!.pool.toString(), ends[i]!.points.toString(), ends[i]!.price.toString()]);
    // §4.2: pool = cumulative inflows + subsidies - paid - withdrawals, summing the daily rows;
    // held to 1e-30 of the gross money moved (each figure is rounded at 40 digits)
    inflow = inflow.plus(row.poolInflow as string);
    subsidies = subsidies.plus(row.subsidies as string);
    paid = paid.plus(row.paid as string);
    withdrawals = withdrawals.plus(row.withdrawals as string);
    const P = new Decimal(row.pool as string);
    const gross = inflow.plus(subsidies);
    expect(near(inflow.plus(subsidies).minus(paid).minus(withdrawals), P, gross), `day ${d}: pool ${P}`).toBe(true);
    // flows never negative; orders = new buyers + repeats
    for (const x of [row.spend, row.poolInflow, row.paid, row.withheld, row.subsidies, row.withdrawals]) expect(new Decimal(x as string).isNeg() && !new Decimal(x as string).isZero()).toBe(false);
    expect(row.orders).toBe(row.newBuyers + row.repeatOrders);
    // §4.5: the price falls only on a day with a withdrawal or a rule change
    const price = new Decimal(row.price as string);
    const excused = events.some((e) => e.day === d && (e.withdraw !== undefined || e.rules !== undefined));
    if (!excused) expect(price.gte(prevPrice), `day ${d}: price fell from ${prevPrice} to ${price}`).toBe(true);
    prevPrice = price;
  });
  // and the totals agree with the summed rows
  expect(near(paid, new Decimal(result.aggregate.cashPaidToUsers as string), inflow.plus(subsidies))).toBe(true);
  return {
    orders: result.counts.orders,
    sales: result.counts.sales,
    forced: result.counts.forcedExits,
    withdrawals: result.days.filter((r) => !new Decimal(r.withdrawals as string).isZero()).length,
  };
}

describe('invariants after every day of random time-driven runs (exact mode)', () => {
  it('short runs: 1 to 12 days, every growth kind, events of every kind', () => {
    const seen = { orders: 0, sales: 0, forced: 0, withdrawals: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((days) => scenarioArb(days)),
        (input) => {
          const r = check(input as ScenarioInput);
          seen.orders += r.orders;
          seen.sales += r.sales;
          seen.forced += r.forced;
          seen.withdrawals += r.withdrawals;
        },
      ),
      { seed: 73_190_514, numRuns: 120 },
    );
    // the runs exercised what they claim to
    expect(seen.orders).toBeGreaterThan(1000);
    expect(seen.sales).toBeGreaterThan(200);
    expect(seen.forced).toBeGreaterThan(20);
    expect(seen.withdrawals).toBeGreaterThan(20);
  });

  it('longer runs: 30 days with steady buying and selling', () => {
    fc.assert(
      fc.property(scenarioArb(30), (input) => {
        check({ ...input, flow: { ...input.flow, buyers: { perDay: 3, growth: { kind: 'constant' } } } } as ScenarioInput);
      }),
      { seed: 5_511_2024, numRuns: 15 },
    );
  });

  it('a fixed case: the price rises every day under orders, sales, exits and a subsidy, falls on the withdrawal day', () => {
    const input: ScenarioInput = {
      rules: { exitMultiple: 1.5 },
      flow: { days: 20, seed: 9, buyers: { perDay: 4 }, sell: { ratePerDay: 0.2, portion: 0.5 } },
      events: [{ day: 5, subsidy: { amount: 3000 } }, { day: 12, withdraw: { share: 0.3 } }],
    };
    const r = check(input);
    expect(r.sales).toBeGreaterThan(0);
    expect(r.forced).toBeGreaterThan(0);
    const v = toScenario(input);
    const book = new Ledger(exact, v.rules, { tracking: true });
    const out = runFlow(book, v);
    if (!out.ok) throw new Error('must run');
    const prices = out.days.map((d) => d.price);
    // strictly up on every day but the withdrawal's (g < 1, w > 0, orders every day)
    prices.forEach((p, i) => {
      if (i === 0) return;
      if (i + 1 === 12) expect(p.lt(prices[i - 1]!)).toBe(true);
      else expect(p.gt(prices[i - 1]!), `day ${i + 1}`).toBe(true);
    });
  });
});
