/**
 * The queue rebate (RULEBOOK §9.4), fifo and even: the rulebook's worked examples on the exact path
 * (1e-30 relative) and the fast one (1e-9), hand-worked completion orders, days and partial
 * payments, what each entry had been paid by each day (paidBy) against what was paid, and property
 * tests over random small scenarios: §9's invariants after every day, paidBy against the payments,
 * a naive queue that walks every entry on every order (the rule read literally) as the oracle of
 * completions and payments, and the fast path held to the exact one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exact, fast, type Arith } from '../../../src/engine/arith.ts';
import { runFamily, type FamilyScenario } from '../../../src/engine/family/run.ts';
import type { FamilyLedger } from '../../../src/engine/family/ledger.ts';
import type { FamilyModel } from '../../../src/engine/family/model.ts';
import { QueueModel } from '../../../src/engine/models/queue/queue.ts';
import { validateScenario } from '../../../src/engine/scenario/index.ts';
import { Decimal } from '../helpers.ts';
import { checkFamilyDays } from './invariants.ts';

type D = InstanceType<typeof Decimal>;

const toScenario = (input: unknown): FamilyScenario => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FamilyScenario;
};

/** the fund takes a share f of each order; the rest is cost */
const split = (f: number) => ({ cost: Math.round((1 - f) * 100) / 100, platform: 0, pool: f, distribution: 0 });

/** a queue scenario: `perDay` orders of `amount` a day (new buyers only) for `days` days */
function queueScenario(o: { mode: 'fifo' | 'even'; f: number; k?: number; cap?: number | null; perDay: number; days: number; amount?: number; events?: unknown[] }): FamilyScenario {
  return toScenario({
    model: { kind: 'queue', mode: o.mode, k: o.k ?? 1, cap: o.cap ?? null },
    rules: { split: split(o.f) },
    flow: { days: o.days, buyers: { perDay: o.perDay }, orderAmount: o.amount ?? 1000 },
    events: o.events ?? [],
  });
}

function run<T>(A: Arith<T>, s: FamilyScenario) {
  const r = runFamily(A, s);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r;
}

/** each entry's completing order number (-1: never) */
const doneOrders = <T>(L: FamilyLedger<T>) => Array.from({ length: L.entryCount }, (_, e) => L.entryDoneOrder.get(e));
const doneDays = <T>(L: FamilyLedger<T>) => Array.from({ length: L.entryCount }, (_, e) => L.entryDoneDay.get(e));

const REL_EXACT = new Decimal('1e-30');
/** |a - b| <= 1e-30 x max(|b|, 1) */
function expectExact(a: D, b: D | string | number, what: string): void {
  const want = new Decimal(b);
  const scale = Decimal.max(want.abs(), 1);
  expect(a.minus(want).abs().lte(scale.times(REL_EXACT)), `${what}: ${a.toString()} vs ${want.toString()}`).toBe(true);
}
function expectFast(a: number, b: number, what: string): void {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(b), 1));
}

const BOTH = [
  ['exact', exact],
  ['fast', fast],
] as const;

describe('RULEBOOK §9.4 worked examples', () => {
  // f = 0.5, k = 1, orders of 1,000. Each order puts 500 in the fund, then pays the queue as it
  // stands (before the order's own entry joins). Order 1: nobody waits, 500 stays. From order 2 on
  // the fund is emptied on every order, so after order m >= 2 the queue has been paid 500 m.
  // fifo: entry j is paid in full when 500 m reaches 1000 j, at order 2j; after 10 orders entries
  // 1-5 are complete and 6-10 wait, owed 10,000 - 5,000 = 5,000.
  for (const [name, A] of BOTH) {
    it(`fifo, f 0.5, k 1, ten orders on one day: entry j complete at order 2j, 5,000 owed to 5 waiting (${name})`, () => {
      const r = run(A as Arith<unknown>, queueScenario({ mode: 'fifo', f: 0.5, perDay: 10, days: 1 }));
      const L = r.ledger;
      expect(doneOrders(L)).toEqual([2, 4, 6, 8, 10, -1, -1, -1, -1, -1]);
      expect(doneDays(L)).toEqual([1, 1, 1, 1, 1, -1, -1, -1, -1, -1]);
      expect((r.model as QueueModel<unknown>).waiting).toBe(5);
      expect(L.completed).toBe(5);
      expect(A.num(L.outstanding as never)).toBe(5000);
      expect(A.num(L.fund as never)).toBe(0);
      expect(A.num(L.totals.paid as never)).toBe(5000);
    });
  }

  // even: the fund is shared equally among the waiting entries (water-filling). The level L is what
  // every waiting entry has received since the start; an entry joining at L0 is complete at L0 + 1000.
  //   order 1: nobody waits, 500 stays; entry 1 joins at 0 (target 1000)
  //   order 2: 1000 for 1 entry: L = 1000, entry 1 complete; entry 2 joins at 1000 (target 2000)
  //   order 3: 500 for 1: L = 1500; entry 3 joins at 1500 (target 2500)
  //   order 4: 500 for 2: L = 1750; entry 4 at 1750
  //   order 5: 500 for 3: L = 1750 + 500/3 = 5750/3; entry 5 at 5750/3
  //   order 6: 4 waiting; entry 2 needs (2000 - 5750/3) x 4 = 1000/3 <= 500: L = 2000, entry 2
  //            complete; 500/3 left for 3: L = 2000 + 500/9 = 18500/9; entry 6 joins there
  //   order 7: 500 for 4 (entry 3 would need (2500 - 18500/9) x 4 = 16000/9 > 500): L = 19625/9
  //   order 8: 500 for 5: L = 20525/9;  order 9: 500 for 6: L = 21275/9
  //   order 10: 500 for 7: L = 21275/9 + 500/7 = 153425/63; entry 10 joins at that level
  // After 10 orders 8 wait, owed 10,000 - 5,000 = 5,000. Entry 3 has 153425/63 - 1500 = 58925/63,
  // entry 9 (joined at 21275/9) has 500/7, entry 10 nothing.
  for (const [name, A] of BOTH) {
    it(`even, f 0.5, k 1, ten orders on one day: entry 1 at order 2, entry 2 at order 6, 8 waiting (${name})`, () => {
      const r = run(A as Arith<unknown>, queueScenario({ mode: 'even', f: 0.5, perDay: 10, days: 1 }));
      const L = r.ledger;
      const m = r.model as QueueModel<unknown>;
      expect(doneOrders(L)).toEqual([2, 6, -1, -1, -1, -1, -1, -1, -1, -1]);
      expect(m.waiting).toBe(8);
      const check = name === 'exact' ? (x: unknown, want: D, what: string) => expectExact(x as D, want, what) : (x: unknown, want: D, what: string) => expectFast(x as number, want.toNumber(), what);
      check(L.outstanding, new Decimal(5000), 'outstanding');
      check(m.paidBy(2, 1), new Decimal(58925).div(63), 'entry 3 paid');
      check(m.paidBy(3, 1), new Decimal(153425).div(63).minus(1750), 'entry 4 paid');
      check(m.paidBy(8, 1), new Decimal(500).div(7), 'entry 9 paid');
      check(m.paidBy(9, 1), new Decimal(0), 'entry 10 paid');
      check(m.paidBy(1, 1), new Decimal(1000), 'entry 2 paid');
    });
  }

  // fifo completes at most f/k of the entries: f = 0.3, k = 1.2, 1,000 orders of 1,000. After
  // order m >= 2 the queue has been paid 300 m (the fund empties on every order: the head is owed
  // 1,200 > 300); entry j is complete when 300 m >= 1200 j, at order 4j: entries 1-250, the 250th
  // at order 1,000. Promised 1,000 x 1,200 = 1,200,000; paid 300,000; owed 900,000.
  for (const [name, A] of BOTH) {
    it(`fifo, f 0.3, k 1.2, 1,000 orders: 250 complete, 900,000 owed (${name})`, () => {
      const r = run(A as Arith<unknown>, queueScenario({ mode: 'fifo', f: 0.3, k: 1.2, perDay: 1000, days: 1 }));
      const L = r.ledger;
      expect(L.completed).toBe(250);
      const orders = doneOrders(L);
      expect(orders.slice(0, 250)).toEqual(Array.from({ length: 250 }, (_, j) => 4 * (j + 1)));
      expect(orders.slice(250).every((o) => o === -1)).toBe(true);
      if (name === 'exact') expectExact(L.outstanding as D, 900_000, 'owed');
      else expectFast(L.outstanding as number, 900_000, 'owed');
    });
  }
});

describe('completion days and paidBy by day (hand-worked)', () => {
  // fifo, f 0.5, 3 orders a day for 4 days. Entry j completes at order 2j, on day ceil(2j / 3):
  // 1, 2, 2, 3, 4, 4. Cumulative paid by the end of day t: 500 x 3t (the fund empties from order
  // 2 on; order 1's 500 goes to entry 1 at order 2): 1,500, 3,000, 4,500, 6,000. Entry j starts at
  // offset 1,000 (j - 1), so entry 2 has 500 by day 1, entry 5 (joined day 2) 500 by day 3.
  it('fifo: completion days, partial payments by day', () => {
    for (const [, A] of BOTH) {
      const r = run(A as Arith<unknown>, queueScenario({ mode: 'fifo', f: 0.5, perDay: 3, days: 4 }));
      const L = r.ledger;
      const m = r.model;
      expect(doneOrders(L).slice(0, 6)).toEqual([2, 4, 6, 8, 10, 12]);
      expect(doneDays(L).slice(0, 6)).toEqual([1, 2, 2, 3, 4, 4]);
      const paid = (e: number, t: number) => A.num(m.paidBy(e, t) as never);
      expect(paid(1, 1)).toBe(500);
      expect(paid(1, 2)).toBe(1000);
      expect(paid(4, 1)).toBe(0); // not made yet
      expect(paid(4, 2)).toBe(0); // 3,000 paid against its offset of 4,000
      expect(paid(4, 3)).toBe(500);
      expect(paid(4, 4)).toBe(1000);
      expect(paid(6, 4)).toBe(0); // offset 6,000, paid 6,000
      expect(r.days.map((d) => A.num(d.paid as never))).toEqual([1500, 1500, 1500, 1500]);
      expect(r.days.map((d) => d.completed)).toEqual([1, 3, 4, 6]);
    }
  });

  // even, f 0.5, 5 orders a day for 2 days: from the levels worked above, by the end of day 1
  // (order 5) L = 5750/3; entry 1 is complete (day 1), entry 2 completes at order 6 (day 2).
  // paidBy(entry 2, day 1) = 5750/3 - 1000 = 2750/3; by day 2 the whole 1,000.
  it('even: paidBy on the day before completion is the level less the join level', () => {
    const r = run(exact, queueScenario({ mode: 'even', f: 0.5, perDay: 5, days: 2 }));
    expect(doneDays(r.ledger).slice(0, 2)).toEqual([1, 2]);
    expectExact(r.model.paidBy(1, 1), new Decimal(2750).div(3), 'entry 2 by day 1');
    expectExact(r.model.paidBy(1, 2), 1000, 'entry 2 by day 2');
    expectExact(r.model.paidBy(5, 1), 0, 'entry 6 before its day');
  });

  // a cap: k 2 makes orders of 1,000 owe 2,000, cap 1,500 cuts that; from day 2 (a model change)
  // k = 1 and no cap: 1,000. fifo, f 0.5, 2 orders a day for 3 days: entitlements 1500, 1500, 1000,
  // 1000, 1000, 1000 (offsets 0, 1500, 3000, 4000, 5000, 6000). Cumulative paid after order m >= 2:
  // 500 m. Entry 1 completes when 500 m >= 1500: order 3; entry 2 at 3000: order 6; entry 3 at 4000:
  // order 8 (not reached). After 6 orders: paid 3,000; promised 7,000; owed 4,000.
  it('rule changes: promises made keep their k and cap; later ones take the new terms', () => {
    const s = queueScenario({ mode: 'fifo', f: 0.5, k: 2, cap: 1500, perDay: 2, days: 3, events: [{ day: 2, model: { k: 1, cap: null } }] });
    const r = run(exact, s);
    const L = r.ledger;
    expect(Array.from({ length: 6 }, (_, e) => L.entryPromise.get(e).toNumber())).toEqual([1500, 1500, 1000, 1000, 1000, 1000]);
    expect(doneOrders(L)).toEqual([3, 6, -1, -1, -1, -1]);
    expectExact(L.outstanding, 4000, 'owed');
  });

  it('the queue\'s fields out of range are refused with their names and what is allowed', () => {
    const base = { rules: { split: split(0.5) }, flow: { days: 1, buyers: { perDay: 1 } } };
    const problems = (model: unknown) => {
      const v = validateScenario({ ...base, model });
      return v.ok ? [] : v.problems;
    };
    expect(problems({ kind: 'queue', mode: 'lifo' })).toEqual([{ path: 'model.mode', message: 'must be one of "fifo", "even"; got "lifo"' }]);
    expect(problems({ kind: 'queue', k: 0 })).toEqual([{ path: 'model.k', message: 'must be > 0; got 0' }]);
    expect(problems({ kind: 'queue', cap: 0 })).toEqual([{ path: 'model.cap', message: 'must be >= 0.01; got 0 (amounts are money: at least one cent)' }]);
    expect(problems({ kind: 'queue', ratePerDay: 0.1 })).toEqual([{ path: 'model', message: 'unknown model field "ratePerDay"; allowed: kind, k, cap, mode' }]);
  });

  it('a rule change of another model\'s parameter is refused with its field named, before the run', () => {
    const v = validateScenario({ model: { kind: 'queue', mode: 'even' }, rules: { split: split(0.5) }, flow: { days: 3, buyers: { perDay: 2 } }, events: [{ day: 2, model: { ratePerDay: 0.01 } }] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems).toEqual([{ path: 'events[0].model.ratePerDay', message: 'is not a parameter of the queue model; it may change k, cap' }]);
  });

  // money with nobody waiting stays in the fund, and a subsidy is paid out on the next order:
  // fifo f 0.5, 1 order a day for 3 days, a subsidy of 2,000 on day 2 (before that day's order).
  // Day 1: order 1, nobody waits, fund 500. Day 2: subsidy: 2,500; order 2: 3,000 in the fund,
  // entry 1 is paid its 1,000 and 2,000 stays (nobody else waits). Day 3: 2,500 pays entry 2's
  // 1,000; 1,500 stays.
  it('money left with nobody waiting stays in the fund', () => {
    const r = run(exact, queueScenario({ mode: 'fifo', f: 0.5, perDay: 1, days: 3, events: [{ day: 2, subsidy: { amount: 2000 } }] }));
    expect(r.days.map((d) => d.fund.toNumber())).toEqual([500, 2000, 1500]);
    expect(doneDays(r.ledger)).toEqual([2, 3, -1]);
  });
});

// --- property tests --------------------------------------------------------------------------

/** the rule read literally: every waiting entry's owed amount, walked on every order (exact) */
function naiveQueue(s: FamilyScenario, ledger: FamilyLedger<D>) {
  // replay the ledger's orders and the dated events that move the fund; entry e is order e
  const mode = s.model.kind === 'queue' ? s.model.mode : 'fifo';
  const owed: D[] = [];
  const doneAt: number[] = [];
  const paidTo: D[] = [];
  let fund = new Decimal(0);
  let share = new Decimal(s.rules.split.pool);
  let k = new Decimal(s.model.k);
  let cap: D | null = s.model.kind === 'queue' && s.model.cap !== null ? new Decimal(s.model.cap) : null;
  const events = s.events ?? [];
  let o = 0;
  const tie = new Decimal('1e-35');
  for (let d = 1; d <= s.flow.days; d++) {
    for (const e of events.filter((x) => x.day === d)) {
      if (e.subsidy) fund = fund.plus(e.subsidy.amount);
      if (e.withdraw) fund = fund.minus(e.withdraw.amount !== undefined ? e.withdraw.amount : fund.times(e.withdraw.share!));
      if (e.rules?.split) share = new Decimal(e.rules.split.pool);
      if (e.model?.k !== undefined) k = new Decimal(e.model.k);
      if (e.model?.cap !== undefined) cap = e.model.cap === null ? null : new Decimal(e.model.cap);
    }
    while (o < ledger.orderCount && ledger.orderDay.get(o) === d) {
      const amount = ledger.orderAmount.get(o);
      fund = fund.plus(amount.times(share));
      const waiting = () => owed.map((_, i) => i).filter((i) => doneAt[i] === -1);
      const give = (i: number, x: D) => {
        paidTo[i] = paidTo[i]!.plus(x);
        owed[i] = owed[i]!.minus(x);
        fund = fund.minus(x);
        if (owed[i]!.lte(tie.times(ledger.entryPromise.get(i)))) doneAt[i] = o + 1;
      };
      if (mode === 'fifo') {
        for (const i of waiting()) {
          if (!fund.gt(0)) break;
          give(i, Decimal.min(fund, owed[i]!));
        }
      } else {
        // share equally; whoever is owed less than the share is paid in full, and the rest shared again
        for (let w = waiting(); w.length > 0 && fund.gt(0); w = waiting()) {
          const each = fund.div(w.length);
          const least = Decimal.min(...w.map((i) => owed[i]!));
          if (least.lte(each)) for (const i of w) give(i, Decimal.min(owed[i]!, least));
          else {
            // all of it shared: what n x (fund / n) leaves in the last digit is not money
            for (const i of w) give(i, each);
            fund = new Decimal(0);
          }
        }
      }
      // E = min(k x A, cap), at the terms of the order's day
      const E = cap === null ? k.times(amount) : Decimal.min(k.times(amount), cap);
      expect(ledger.entryPromise.get(o).eq(E), `entry ${o}'s promise`).toBe(true);
      owed.push(E);
      paidTo.push(new Decimal(0));
      doneAt.push(-1);
      o++;
    }
  }
  return { doneAt, paidTo };
}

const pct = (min: number, max: number) => fc.integer({ min, max }).map((n) => n / 100);
const growthArb = fc.oneof(
  fc.constant({ kind: 'constant' as const }),
  fc.record({ kind: fc.constant('exponential' as const), ratePerDay: pct(-30, 30) }),
  fc.record({ kind: fc.constant('series' as const), values: fc.array(fc.integer({ min: 0, max: 24 }).map((n) => n / 4), { minLength: 1, maxLength: 10 }) }),
);
const amountArb = fc.oneof(
  fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100),
  fc.constantFrom(500, 1000),
  fc.record({ kind: fc.constant('lognormal' as const), mean: fc.integer({ min: 100, max: 5000 }), cv: pct(0, 200) }),
);
const poolArb = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
const kArb = fc.integer({ min: 5, max: 30 }).map((n) => n / 10);
const capArb = fc.option(fc.integer({ min: 100, max: 5000 }), { nil: null });

function scenarioArb(days: number) {
  const day = fc.integer({ min: 1, max: days });
  const eventArb = fc.oneof(
    { weight: 2, arbitrary: fc.record({ day, subsidy: fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100) }) }) },
    { weight: 2, arbitrary: fc.record({ day, withdraw: fc.record({ share: fc.integer({ min: 1, max: 95 }).map((n) => n / 100) }) }) },
    { weight: 2, arbitrary: fc.record({ day, rules: fc.record({ split: poolArb.map(split) }) }) },
    { weight: 3, arbitrary: fc.record({ day, model: fc.record({ k: kArb, cap: capArb }, { requiredKeys: [] }) }) },
    { weight: 1, arbitrary: fc.record({ day, stopOrders: fc.constant(true as const) }) },
  );
  return fc.record({
    model: fc.record({ kind: fc.constant('queue' as const), mode: fc.constantFrom('fifo' as const, 'even' as const), k: kArb, cap: capArb }),
    rules: fc.record({ split: poolArb.map(split) }),
    flow: fc.record({
      days: fc.constant(days),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      orderAmount: amountArb,
      buyers: fc.record({ perDay: fc.integer({ min: 0, max: 40 }).map((n) => n / 4), growth: growthArb }),
      repeat: fc.option(fc.record({ probabilityPerDay: pct(0, 30) }), { nil: undefined }),
    }),
    events: fc.array(eventArb, { maxLength: 6 }),
  });
}

/** sum over entries of paidBy(e, t) for every day t equals what was paid by that day's end; paidBy never falls, never passes the promise */
function checkPaidBy<T>(A: Arith<T>, model: FamilyModel<T>, days: { paid: T }[], near: (a: T, b: T, what: string) => void): void {
  const L = model.ledger;
  const prev: T[] = Array.from({ length: L.entryCount }, () => A.zero);
  let cum = A.zero;
  days.forEach((row, i) => {
    const t = i + 1;
    cum = A.add(cum, row.paid);
    let sum = A.zero;
    for (let e = 0; e < L.entryCount; e++) {
      const p = model.paidBy(e, t);
      expect(A.cmp(p, prev[e]!) >= 0, `paidBy(${e}, ${t}) fell`).toBe(true);
      expect(A.cmp(p, L.entryPromise.get(e)) <= 0, `paidBy(${e}, ${t}) passes the promise`).toBe(true);
      if (L.entryDoneDay.get(e) >= 0 && L.entryDoneDay.get(e) <= t) expect(A.cmp(p, L.entryPromise.get(e))).toBe(0);
      prev[e] = p;
      sum = A.add(sum, p);
    }
    near(sum, cum, `sum of paidBy by day ${t}`);
  });
}

describe('exact ties', () => {
  // f = 0.1, every order 333.33, so each order puts 33.333 in the fund. Day 1: one order, k 0.2:
  // entry 1 is owed 66.666, nobody waits, 33.333 stays. Day 2 (k 0.1 from then on): 100,000
  // orders, each owed 33.333. Order 2: the fund holds 66.666, exactly entry 1's due, and is emptied;
  // from then on each order's 33.333 is exactly what the one waiting entry is owed. Every payment is
  // a tie in real numbers: entry j completes at order j + 1, on both paths, and the fund ends empty.
  // On the even queue the level climbs by 33.333 an order to about 3,333,300, where float64 holds
  // (L + E) - L only to ~1e-11 of E: the tie is judged at the scale of the level.
  for (const mode of ['fifo', 'even'] as const) {
    for (const [name, A] of BOTH) {
      it(`${mode}, 100,000 orders each paying the one waiting entry exactly: entry j at order j + 1 (${name})`, () => {
        const r = run(
          A as Arith<unknown>,
          toScenario({
            model: { kind: 'queue', mode, k: 0.2 },
            rules: { split: split(0.1) },
            flow: { days: 2, buyers: { perDay: 0, growth: { kind: 'series', values: [1, 100_000] } }, orderAmount: 333.33 },
            events: [{ day: 2, model: { k: 0.1 } }],
          }),
        );
        expect(r.ledger.orderCount).toBe(100_001);
        const orders = doneOrders(r.ledger);
        expect(orders.slice(0, -1).every((o, j) => o === j + 2)).toBe(true);
        expect(orders.at(-1)).toBe(-1);
        expect(r.ledger.completed).toBe(100_000);
        expect(Math.abs(A.num(r.ledger.fund as never))).toBeLessThan(1e-6);
      });
    }
  }
});

describe('a longer run, fast against exact', () => {
  // 20,000 orders over 100 days with repeat purchases, lognormal amounts (cents), a subsidy, a
  // withdrawal and a rule change: every day's money to 1e-9 relative, every completion on the same
  // order (the levels grow far beyond one entitlement, so the even queue's ties are judged at the
  // scale of the level)
  for (const mode of ['fifo', 'even'] as const) {
    it(`${mode}: every day to 1e-9, the same completions`, () => {
      const s = toScenario({
        model: { kind: 'queue', mode, k: 1.2, cap: 3000 },
        rules: { split: split(0.16) },
        flow: { days: 100, seed: 7, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.8 }, buyers: { perDay: 160 }, repeat: { probabilityPerDay: 0.003 } },
        events: [
          { day: 20, subsidy: { amount: 250_000 } },
          { day: 40, withdraw: { share: 0.5 } },
          { day: 60, model: { k: 0.8, cap: null } },
        ],
      });
      const rx = run(exact, s);
      const rf = run(fast, s);
      expect(rx.ledger.orderCount).toBeGreaterThan(18_000);
      expect(rx.ledger.completed).toBeGreaterThan(500);
      rx.days.forEach((x, i) => {
        const y = rf.days[i]!;
        for (const k of ['paid', 'fund', 'outstanding'] as const) expectFast(y[k], x[k].toNumber(), `${k} on day ${x.day}`);
        expect(y.completed, `completed on day ${x.day}`).toBe(x.completed);
      });
      expect(doneOrders(rf.ledger)).toEqual(doneOrders(rx.ledger));
    });
  }
});

describe('properties over random small scenarios (fixed seeds)', () => {
  it('invariants after every day, paidBy against the payments, the naive queue, the fast path held to the exact one', () => {
    const seen = { runs: 0, orders: 0, completed: 0, even: 0, waitingLeft: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }).chain((days) => scenarioArb(days)),
        (input) => {
          const s = toScenario(input);
          const rx = runFamily(exact, s);
          const rf = runFamily(fast, s);
          expect(rx.ok).toBe(true);
          expect(rf.ok).toBe(true);
          if (!rx.ok || !rf.ok) return;
          seen.runs++;
          seen.orders += rx.ledger.orderCount;
          seen.completed += rx.ledger.completed;
          if (s.model.kind === 'queue' && s.model.mode === 'even') seen.even++;
          checkFamilyDays(exact, rx.days);
          checkFamilyDays(fast, rf.days);
          // money scale: everything that went through the fund
          const scale = Math.max(1, rx.ledger.totals.inflow.plus(rx.ledger.totals.subsidies).plus(rx.ledger.totals.promised).toNumber());
          checkPaidBy(exact, rx.model, rx.days, (a, b, what) => expect(a.minus(b).abs().lte(new Decimal(scale).times(REL_EXACT)), `${what}: ${a} vs ${b}`).toBe(true));
          checkPaidBy(fast, rf.model, rf.days, (a, b, what) => expect(Math.abs(a - b), what).toBeLessThanOrEqual(1e-9 * scale));
          // the naive queue: the same completions, the same payment to every entry
          const naive = naiveQueue(s, rx.ledger);
          expect(doneOrders(rx.ledger)).toEqual(naive.doneAt);
          const last = s.flow.days;
          naive.paidTo.forEach((p, e) => expect(rx.model.paidBy(e, last).minus(p).abs().lte(new Decimal(scale).times(REL_EXACT)), `entry ${e}: ${rx.model.paidBy(e, last)} vs ${p}`).toBe(true));
          // the fast path: every day's figures to 1e-9 of the money through, every count exactly
          rx.days.forEach((x, i) => {
            const y = rf.days[i]!;
            for (const k of ['spend', 'inflow', 'paid', 'fund', 'outstanding', 'subsidies', 'withdrawals', 'promisedToday'] as const) {
              expect(Math.abs(x[k].toNumber() - y[k]), `${k} on day ${x.day}`).toBeLessThanOrEqual(1e-9 * scale);
            }
            expect([y.orders, y.entries, y.completed], `counts on day ${x.day}`).toEqual([x.orders, x.entries, x.completed]);
          });
          expect(doneOrders(rf.ledger)).toEqual(doneOrders(rx.ledger));
          if (rx.ledger.completed < rx.ledger.entryCount) seen.waitingLeft++;
        },
      ),
      { seed: 15_904_221, numRuns: 150 },
    );
    // the runs exercised both modes, completions and entries still waiting
    expect(seen.even).toBeGreaterThan(20);
    expect(seen.completed).toBeGreaterThan(100);
    expect(seen.waitingLeft).toBeGreaterThan(20);
  });
});
