/**
 * Properties of the back-office profile (RULEBOOK §9.2) on random time-driven runs, with a price
 * floor, a points cap and a settlement at a price ceiling in random combination (fast-check, fixed
 * seeds so that a failure reproduces):
 *
 * - the invariants of RULEBOOK §9 at the end of every day (exact mode, with and without the back
 *   office's truncation): pool = inflows + subsidies - paid - withdrawals - kept by the platform,
 *   summing the daily rows; the sum of holdings is the circulating points; nothing negative or not
 *   finite; the price never below the floor; p x N = P wherever the floor does not bind (without
 *   rounding); circulating points never above the cap; a settlement day ends with an empty pool, no
 *   points, no active user and the restart price; no active user left qualifying for a forced exit;
 * - the fast path held to the exact one (1e-9 relative, counts exactly) with floor, cap and
 *   settlement on and no rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type DecimalJs from 'decimal.js';
import { exact } from '../../src/engine/arith.ts';
import { Ledger } from '../../src/engine/models/seed/ledger.ts';
import { flowResult } from '../../src/engine/metrics/document.ts';
import { runFlow } from '../../src/engine/flow/run.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import type { ScenarioInput } from '../../src/engine/scenario/index.ts';
import { close, compareFlows, flowScenario } from './flow-compare.ts';
import { Decimal } from './helpers.ts';

type D = DecimalJs;
const REL = new Decimal('1e-30');
const near = (a: D, b: D, scale: D): boolean => a.minus(b).abs().lte(Decimal.max(scale, new Decimal('1e-20')).times(REL));
const dec = (x: unknown) => new Decimal(x as string);

const pct = (min: number, max: number) => fc.integer({ min, max }).map((n) => n / 100);

/** rules with a floor, a cap and a ceiling, each present or not; the ceiling above the floor and the initial price */
const officeRulesArb = fc
  .record({
    giftRatio: pct(0, 99),
    sellWithholding: pct(1, 99),
    initialPrice: fc.integer({ min: 50, max: 300 }).map((n) => n / 100),
    exitMultiple: fc.oneof(fc.constant(null), fc.integer({ min: 105, max: 400 }).map((n) => n / 100)),
    minPrice: fc.option(fc.integer({ min: 50, max: 400 }).map((n) => n / 100), { nil: undefined }),
    ceilingAbove: fc.option(fc.integer({ min: 1, max: 300 }).map((n) => n / 100), { nil: undefined }),
    pointsCap: fc.option(fc.integer({ min: 20, max: 3_000 }), { nil: undefined }),
  })
  .filter((r) => r.minPrice !== undefined || r.ceilingAbove !== undefined || r.pointsCap !== undefined)
  .map(({ ceilingAbove, ...r }) => ({
    ...r,
    ...(ceilingAbove === undefined ? {} : { maxPrice: Math.max(r.initialPrice, r.minPrice ?? 0) + ceilingAbove }),
  }));

function scenarioArb(days: number, withRounding: boolean) {
  const day = fc.integer({ min: 1, max: days });
  const eventArb = fc.oneof(
    fc.record({ day, subsidy: fc.record({ amount: fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100) }) }),
    fc.record({ day, withdraw: fc.record({ share: pct(1, 95) }) }),
    fc.record({ day, run: fc.record({ share: pct(10, 100) }) }),
    fc.record({ day, stopOrders: fc.constant(true as const) }),
  );
  return fc.record({
    rules: withRounding ? officeRulesArb.map((r) => ({ ...r, rounding: { mode: 'down' as const, points: 2, price: 4, money: 2, gift: 4 } })) : officeRulesArb,
    flow: fc.record({
      days: fc.constant(days),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      orderAmount: fc.oneof(
        fc.integer({ min: 100, max: 300_000 }).map((n) => n / 100),
        fc.record({ kind: fc.constant('lognormal' as const), mean: fc.integer({ min: 100, max: 3000 }), cv: pct(0, 150) }),
      ),
      buyers: fc.record({ perDay: fc.integer({ min: 0, max: 32 }).map((n) => n / 4) }),
      repeat: fc.option(fc.record({ probabilityPerDay: pct(0, 30) }), { nil: undefined }),
      sell: fc.record({ ratePerDay: pct(0, 50), portion: pct(10, 100), takeProfit: fc.option(pct(50, 300), { nil: null }) }),
    }),
    events: fc
      .tuple(
        fc.array(eventArb, { maxLength: 4 }),
        // now and then a deep withdrawal and a run on the same day: the floor binds and the last sellers find the pool short
        fc.option(fc.tuple(day, pct(50, 95)), { nil: undefined }),
      )
      .map(([events, stress]) => (stress === undefined ? events : [...events, { day: stress[0], withdraw: { share: stress[1] } }, { day: stress[0], run: { share: 1 } }])),
  });
}

/** the exact book, counting the points it issues (the scale circulating points are held against) */
class CountingBook extends Ledger<D> {
  issued: D = new Decimal(0);
  override newOrder(amount: number) {
    this.issued = this.issued.plus(this.order(undefined, amount).issued);
  }
  override repeatOrder(slot: number, amount: number) {
    this.issued = this.issued.plus(this.order(this.users[slot]!.id, amount).issued);
  }
}

/** one run, checked at the end of every day */
function check(input: ScenarioInput): { settlements: number; unpaid: boolean; capped: boolean } {
  const s = flowScenario(input);
  const r = s.rules;
  const book = new CountingBook(exact, r, { tracking: true });
  const rounding = r.rounding !== undefined;
  const restart = new Decimal(r.minPrice ?? r.initialPrice);
  const ends: { pool: D; points: D; price: D; active: number }[] = [];
  let settlementsSeen = 0;
  let capped = false;
  const out = runFlow(book, s, (d) => {
    const P = book.pool;
    const N = book.points;
    const p = book.quotedPrice;
    for (const x of [P, N, p, book.unpaid, book.kept, book.settledPaid]) expect(x.isFinite() && !(x.isNeg() && !x.isZero()), `day ${d}: ${x.toString()}`).toBe(true);
    expect(p.gt(0)).toBe(true);
    // the floor holds the price the platform trades at
    if (r.minPrice !== undefined) expect(p.gte(r.minPrice), `day ${d}: price ${p} under the floor`).toBe(true);
    let holdings = new Decimal(0);
    for (const u of book.users) {
      for (const x of [u.holding, u.cash, u.spent, u.basis, u.obtained]) expect(x.isNeg() && !x.isZero(), `day ${d}, ${u.id}`).toBe(false);
      holdings = holdings.plus(u.holding);
      expect(book.qualifies(u), `day ${d}, ${u.id} still qualifies for a forced exit`).toBe(false);
      if (u.status === 'exited') expect(u.holding.isZero()).toBe(true);
    }
    expect(near(holdings, N, book.issued), `day ${d}: holdings ${holdings} against N ${N}`).toBe(true);
    // the cap: circulating points never above it
    if (r.pointsCap !== undefined) {
      expect(N.lte(r.pointsCap), `day ${d}: N ${N} above the cap`).toBe(true);
      if (N.gte(r.pointsCap * 0.999)) capped = true;
    }
    // p x N = P wherever the floor does not bind (exact arithmetic, no rounding)
    if (!rounding && !N.isZero()) {
      const free = P.div(N);
      if (r.minPrice === undefined || free.gte(r.minPrice)) expect(near(book.price.times(N), P, P), `day ${d}: p x N ${book.price.times(N)} against P ${P}`).toBe(true);
      else expect(book.price.eq(r.minPrice)).toBe(true);
    }
    // a settlement today: the day ends with an empty pool, no points, nobody active, the restart price
    if (book.settlements.length > settlementsSeen) {
      settlementsSeen = book.settlements.length;
      const x = book.settlements[settlementsSeen - 1]!;
      expect(x.day).toBe(d);
      expect(x.price.gte(r.maxPrice!), `day ${d}: settled at ${x.price}`).toBe(true);
      expect([P.isZero(), N.isZero(), book.activeCount]).toEqual([true, true, 0]);
      expect(p.eq(restart)).toBe(true);
    }
    ends.push({ pool: P, points: N, price: p, active: book.activeCount });
  });
  // every run here is valid: a share withdrawn from a pool the floor emptied takes nothing
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  const result: FlowResult = flowResult(out, s);
  const office = result.backOffice!;
  expect(office).not.toBeNull();
  expect(office.days).toHaveLength(result.days.length);
  let inflow = new Decimal(0);
  let subsidies = new Decimal(0);
  let paid = new Decimal(0);
  let withdrawals = new Decimal(0);
  let kept = new Decimal(0);
  let settled = new Decimal(0);
  result.days.forEach((row, i) => {
    const o = office.days[i]!;
    expect(o.day).toBe(row.day);
    expect([row.pool, row.points, row.price]).toEqual([ends[i]!.pool.toString(), ends[i]!.points.toString(), ends[i]!.price.toString()]);
    inflow = inflow.plus(dec(row.poolInflow));
    subsidies = subsidies.plus(dec(row.subsidies));
    paid = paid.plus(dec(row.paid));
    withdrawals = withdrawals.plus(dec(row.withdrawals));
    kept = kept.plus(dec(o.kept));
    settled = settled.plus(dec(o.settled));
    // RULEBOOK §9: fund = inflows + subsidies - paid - withdrawals - kept by the platform
    expect(near(inflow.plus(subsidies).minus(paid).minus(withdrawals).minus(kept), dec(row.pool), inflow.plus(subsidies)), `day ${row.day}: pool ${row.pool}`).toBe(true);
    // a day's settlement payouts are a part of its paid
    expect(dec(o.settled).minus(dec(row.paid)).lte(inflow.plus(subsidies).times(REL))).toBe(true);
    for (const x of [o.settled, o.kept, o.unpaidSales]) expect(dec(x).isNeg() && !dec(x).isZero()).toBe(false);
  });
  // the totals are the summed days; the settlements' list sums to them
  const gross = inflow.plus(subsidies);
  expect(near(dec(office.totals.kept), kept, gross) && near(dec(office.totals.settled), settled, gross)).toBe(true);
  expect(office.totals.settlements).toBe(office.settlements.length);
  const listed = office.settlements.reduce((a, x) => a.plus(dec(x.paid)), new Decimal(0));
  expect(near(listed, settled, gross)).toBe(true);
  return { settlements: office.settlements.length, unpaid: !dec(office.totals.unpaidSales).isZero(), capped };
}

describe('the back-office profile: invariants after every day of random runs (exact)', () => {
  for (const withRounding of [false, true]) {
    it(`hold with floor, cap and settlement in random combination, ${withRounding ? 'with the back office\'s truncation' : 'without rounding'}`, () => {
      const seen = { runs: 0, settlements: 0, unpaid: 0, capped: 0 };
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 14 }).chain((days) => scenarioArb(days, withRounding)),
          (input) => {
            const r = check(input as ScenarioInput);
            seen.runs++;
            seen.settlements += r.settlements;
            if (r.unpaid) seen.unpaid++;
            if (r.capped) seen.capped++;
          },
        ),
        { seed: withRounding ? 915_204 : 150_260, numRuns: 120 },
      );
      // the runs exercised what they check: settlements, sales the floor left unpaid, a binding cap
      expect(seen.runs).toBe(120);
      expect(seen.settlements).toBeGreaterThan(10);
      expect(seen.unpaid).toBeGreaterThan(0);
      expect(seen.capped).toBeGreaterThan(0);
    });
  }
});

/** the back-office block of a fast and an exact result: settlements on the same days with the same holders, money to 1e-9 */
function compareOffice(f: FlowResult, e: FlowResult): string[] {
  const diffs: string[] = [];
  const fo = f.backOffice!;
  const eo = e.backOffice!;
  const scale = Number(e.aggregate.totalSpend) * 1e-6;
  expect(fo.settlements.map((x) => [x.day, x.holders])).toEqual(eo.settlements.map((x) => [x.day, x.holders]));
  fo.settlements.forEach((x, i) => {
    const y = eo.settlements[i]!;
    for (const k of ['price', 'paid', 'kept'] as const) if (!close(x[k], y[k], k === 'price' ? 0 : scale)) diffs.push(`settlement ${x.day} ${k}: fast ${x[k]} exact ${y[k]}`);
  });
  fo.days.forEach((x, i) => {
    const y = eo.days[i]!;
    for (const k of ['settled', 'kept', 'unpaidSales'] as const) if (!close(x[k], y[k], scale)) diffs.push(`day ${x.day} ${k}: fast ${x[k]} exact ${y[k]}`);
  });
  return diffs;
}

describe('the back-office profile on the fast path, held to the exact one (no rounding)', () => {
  const SCENARIOS: Array<[string, ScenarioInput]> = [
    [
      'settlements at a ceiling of 3 with a floor of 1, selling, repeat purchases, lognormal amounts',
      {
        rules: { minPrice: 1, maxPrice: 3, exitMultiple: 2 },
        flow: {
          days: 60,
          seed: 3,
          orderAmount: { kind: 'lognormal', mean: 900, cv: 0.7 },
          buyers: { perDay: 20, growth: { kind: 'exponential', ratePerDay: 0.02 } },
          repeat: { probabilityPerDay: 0.01 },
          sell: { ratePerDay: 0.03, portion: 0.5 },
        },
      },
    ],
    [
      'a floor that binds after a withdrawal, sales left unpaid, a cap, a run',
      {
        rules: { minPrice: 1.2, pointsCap: 20_000, exitMultiple: 3 },
        flow: { days: 50, seed: 9, orderAmount: 1000, buyers: { perDay: 10 }, sell: { ratePerDay: 0.05 } },
        events: [
          { day: 20, withdraw: { share: 0.7 } },
          { day: 21, run: { share: 0.5 } },
        ],
      },
    ],
  ];
  for (const [what, input] of SCENARIOS) {
    it(what, () => {
      const s = flowScenario(input);
      const f = simulateFlow(s);
      const e = simulateFlow(s, { exact: true });
      if (!f.ok || !e.ok) throw new Error('must run');
      expect(f.result.engine.mode).toBe('fast');
      expect([...compareFlows(f.result, e.result), ...compareOffice(f.result, e.result)]).toEqual([]);
    });
  }

  it('on random scenarios with floor, cap and settlement', () => {
    let settled = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((days) => scenarioArb(days, false)),
        (input) => {
          const s = flowScenario(input as ScenarioInput);
          const e = simulateFlow(s, { exact: true });
          const f = simulateFlow(s);
          if (!e.ok || !f.ok) throw new Error('every run here is valid');
          settled += e.result.backOffice!.settlements.length;
          expect([...compareFlows(f.result, e.result), ...compareOffice(f.result, e.result)]).toEqual([]);
        },
      ),
      { seed: 4_417, numRuns: 60 },
    );
    expect(settled).toBeGreaterThan(5);
  });
});
