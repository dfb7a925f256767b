/**
 * The daily release (RULEBOOK §9.3, src/engine/models/release): the rulebook's worked example in
 * both modes, figure by figure, on the exact path (1e-30) and the fast one (1e-9); small cases worked
 * by hand (a default and its pro-rata split, completion days, rule changes, a rate falling below
 * what a last release owes, the remaining mode's 0.01 decided by the day's largest promise, ties at
 * the thresholds, a fund holding exactly what it owes); random scenarios checked after every day
 * (§9's invariants, what paidBy says each promise had been paid against the money that left the
 * fund, the fast path against the exact one); and the rule read literally, promise by promise,
 * against the model's records, totals and levels (random runs, and a 400-day run whose heap keys
 * must be rescaled).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type DecimalJs from 'decimal.js';
import { exact, fast, type Arith } from '../../../src/engine/arith.ts';
import { FamilyLedger } from '../../../src/engine/family/ledger.ts';
import { runFamily, type FamilyRun, type FamilyScenario } from '../../../src/engine/family/run.ts';
import { ReleaseModel } from '../../../src/engine/models/release/release.ts';
import { validateScenario } from '../../../src/engine/scenario/index.ts';
import { Decimal, expectNear } from '../helpers.ts';
import { checkFamilyDays } from './invariants.ts';

type D = DecimalJs;
type Ok<T> = Extract<FamilyRun<T>, { ok: true }>;

const scenario = (input: unknown): FamilyScenario => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FamilyScenario;
};
function run<T>(A: Arith<T>, s: FamilyScenario): Ok<T> {
  const r = runFamily(A, s);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r as Ok<T>;
}
const firstDefault = <T>(r: Ok<T>): number | null => (r.model as ReleaseModel<T>).firstDefaultDay;
/** every figure of a fast day within 1e-9 of the exact one (relative to the figure, or to 1 near 0) */
const nearFast = (f: number, e: D | string, rel = 1e-9) => {
  const x = new Decimal(e).toNumber();
  expect(Math.abs(f - x), `${f} against ${x}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(x)));
};

/** hand-worked figures: equal on the exact path, within 1e-9 on the fast one */
const same = (A: Arith<unknown>, actual: number[], expected: number[]) => {
  if (A.mode === 'exact') expect(actual).toEqual(expected);
  else actual.forEach((x, i) => expect(Math.abs(x - expected[i]!), `[${i}]: ${x} against ${expected[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]!))));
};

const SPLIT_16 = { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 };
const ALL_TO_FUND = { cost: 0, distribution: 0, platform: 0, pool: 1 };

// --- the rulebook's worked example ----------------------------------------------------------

describe('§9.3 worked example: f 0.16, k 1, r 0.001, 100 orders of 1,000 a day', () => {
  const input = (of: 'original' | 'remaining') => ({
    model: { kind: 'release', k: 1, ratePerDay: 0.001, of },
    rules: { split: SPLIT_16 },
    flow: { days: 365, buyers: { perDay: 100 }, orderAmount: 1000 },
  });

  it('original: fund 1,105,000 on day 100, empty after day 321, first default on day 322 (due 32,100, paid 16,000), day 323 defaults 16,200', () => {
    const s = scenario(input('original'));
    const ex = run(exact, s);
    const fa = run(fast, s);
    // Each day's 100 orders promise 100,000 and put 16,000 in the fund. A day's promises release
    // 0.001 x 100,000 = 100 a day from the next day, so on day d the d - 1 earlier days are due
    // 100(d - 1). Fund at the end of day n, while it pays in full: 16,000n - 50n(n - 1):
    //   day 100: 1,600,000 - 495,000 = 1,105,000;
    //   day 321: 5,136,000 - 50 x 321 x 320 = 5,136,000 - 5,136,000 = 0 (day 321's due 32,000 takes
    //   exactly what the fund holds);
    //   day 322: the fund holds that day's 16,000 against a due of 32,100: it pays 16,000 and 16,100
    //   is the default; day 323: due 32,200 (day 322's unpaid part is not added), paid 16,000,
    //   default 16,200.
    const day = (r: Ok<D>, d: number) => r.days[d - 1]!;
    for (const d of [1, 2, 50, 100, 200, 321, 322, 323, 365]) expectNear(day(ex, d).due, 100 * (d - 1));
    expectNear(day(ex, 100).fund, 1_105_000);
    expectNear(day(ex, 320).fund, 16_000 * 320 - 50 * 320 * 319); // 32,000: still something left
    expectNear(day(ex, 321).fund, 0);
    expect(day(ex, 321).defaults.isZero()).toBe(true);
    expect(firstDefault(ex)).toBe(322);
    expectNear(day(ex, 322).due, 32_100);
    expectNear(day(ex, 322).paid, 16_000);
    expectNear(day(ex, 322).defaults, 16_100);
    expectNear(day(ex, 322).fund, 0);
    expectNear(day(ex, 323).due, 32_200);
    expectNear(day(ex, 323).defaults, 16_200);
    // nothing completes within the year (a promise takes 1,000 full days)
    expect(day(ex, 365).completed).toBe(0);
    // the fast path, figure by figure
    expect(firstDefault(fa)).toBe(322);
    fa.days.forEach((r, i) => {
      const e = ex.days[i]!;
      for (const k of ['fund', 'paid', 'due', 'defaults', 'outstanding'] as const) nearFast(r[k], e[k]);
    });
  });

  it('remaining: first default on day 361; the fund and the dues as the closed form gives them', () => {
    const s = scenario(input('remaining'));
    const ex = run(exact, s);
    const fa = run(fast, s);
    // A day's promises owe 100,000 x 0.999^n after n releases (while paid in full), so on day t the
    // t - 1 earlier days are due 100 x sum_{m<t-1} 0.999^m = 100,000 (1 - 0.999^(t-1)), and the
    // fund at the end of day n is 16,000n - 100,000 (n - (1 - 0.999^n) / 0.001). Worked at 60 digits:
    const q = new Decimal('0.999');
    const due = (t: number) => new Decimal(100_000).times(new Decimal(1).minus(q.pow(t - 1)));
    const fund = (n: number) => new Decimal(16_000 * n).minus(new Decimal(100_000).times(new Decimal(n).minus(new Decimal(1).minus(q.pow(n)).div('0.001'))));
    for (const t of [2, 100, 300, 360, 361]) expectNear(ex.days[t - 1]!.due, due(t));
    for (const n of [100, 200, 360]) expectNear(ex.days[n - 1]!.fund, fund(n));
    // day 360 still pays in full (its fund is positive); day 361's due is more than it holds
    expect(fund(360).gt(0)).toBe(true);
    expect(fund(360).plus(16_000).lt(due(361))).toBe(true);
    expect(firstDefault(ex)).toBe(361);
    expectNear(ex.days[360]!.paid, fund(360).plus(16_000));
    expectNear(ex.days[360]!.defaults, due(361).minus(fund(360).plus(16_000)));
    // After day 361 everything that came in has been paid out: what is owed is 361 days of
    // promises less 361 days of inflow, 361 x 84,000, and day 362 is due r of it: 30,324.
    expectNear(ex.days[361]!.due, 30_324);
    expect(firstDefault(fa)).toBe(361);
    fa.days.forEach((r, i) => {
      const e = ex.days[i]!;
      for (const k of ['fund', 'paid', 'due', 'defaults', 'outstanding'] as const) nearFast(r[k], e[k]);
    });
  });
});

// --- small cases worked by hand -------------------------------------------------------------

/** one day's orders per entry of `perDay` (a series), 100 each, the whole of each order to the fund */
const small = (model: object, values: number[], days: number, events: object[] = []) =>
  scenario({ model, rules: { split: ALL_TO_FUND }, flow: { days, buyers: { perDay: 1, growth: { kind: 'series', values } }, orderAmount: 100 }, events });

describe('small cases worked by hand', () => {
  it('a default splits the day pro rata; the last release completes; completion days and paidBy', () => {
    // r 0.5 of the original. Day 1: order 1 (promise 100), fund 100. Day 2: order 2, fund 200;
    // entry 1 releases 50 (fund 150). Day 3: a withdrawal of 100 leaves 50 against a due of 100
    // (entry 1's last 50, entry 2's first 50): both get half, 25 each; default 50; entry 1 owes 25,
    // entry 2 owes 75. Day 4: a subsidy of 1,000; entry 1 is due its last 25, entry 2 another 50
    // (r of its promise: the default did not add to it), paid in full: entry 1 completes on day 4,
    // owing nothing. Day 5: entry 2's last 25; it completes.
    const s = small({ kind: 'release', ratePerDay: 0.5 }, [1, 1, 0], 6, [
      { day: 3, withdraw: { amount: 100 } },
      { day: 4, subsidy: { amount: 1000 } },
    ]);
    for (const A of [exact, fast] as Arith<unknown>[]) {
      const r = run(A, s);
      const n = (x: unknown) => A.num(x);
      same(A, r.days.map((d) => n(d.due)), [0, 50, 100, 75, 25, 0]);
      same(A, r.days.map((d) => n(d.paid)), [0, 50, 50, 75, 25, 0]);
      same(A, r.days.map((d) => n(d.defaults)), [0, 0, 50, 0, 0, 0]);
      same(A, r.days.map((d) => n(d.outstanding)), [100, 150, 100, 25, 0, 0]);
      expect(r.days.map((d) => d.completed)).toEqual([0, 0, 0, 1, 2, 2]);
      expect(firstDefault(r)).toBe(3);
      expect([r.ledger.entryDoneDay.get(0), r.ledger.entryDoneDay.get(1)]).toEqual([4, 5]);
      const paid = (e: number) => [1, 2, 3, 4, 5, 6].map((t) => n(r.model.paidBy(e, t)));
      same(A, paid(0), [0, 50, 75, 100, 100, 100]);
      same(A, paid(1), [0, 0, 25, 75, 100, 100]);
    }
  });

  it('rule changes: a new k for new promises only, a new rate for every promise from its day', () => {
    // r 0.25. Day 1: order 1 promises 100 (fund 100). Day 2: k becomes 2; order 2 promises 200
    // (fund 200); entry 1 releases 25. Day 3: r becomes 0.5: entry 1 (owes 75, more than 50) is due
    // 50, entry 2 is due 100; the fund (175) pays both, 25 left. Day 4: entry 1 owes 25, at most
    // r of its promise: its last 25; entry 2 owes 100, exactly r of 200: its last 100. The fund holds
    // 25 of 125 due: each gets a fifth (5 and 20), default 100; entry 1 owes 20, entry 2 owes 80.
    // Day 5: a subsidy of 1,000 pays both remainders (100): both complete on day 5.
    const s = small({ kind: 'release', ratePerDay: 0.25 }, [1, 1, 0], 5, [
      { day: 2, model: { k: 2 } },
      { day: 3, model: { ratePerDay: 0.5 } },
      { day: 5, subsidy: { amount: 1000 } },
    ]);
    for (const A of [exact, fast] as Arith<unknown>[]) {
      const r = run(A, s);
      const n = (x: unknown) => A.num(x);
      same(A, r.days.map((d) => n(d.promisedToday)), [100, 200, 0, 0, 0]);
      same(A, r.days.map((d) => n(d.due)), [0, 25, 150, 125, 100]);
      same(A, r.days.map((d) => n(d.paid)), [0, 25, 150, 25, 100]);
      same(A, r.days.map((d) => n(d.defaults)), [0, 0, 0, 100, 0]);
      expect(r.days.map((d) => d.completed)).toEqual([0, 0, 0, 0, 2]);
      const paid = (e: number) => [1, 2, 3, 4, 5].map((t) => n(r.model.paidBy(e, t)));
      same(A, paid(0), [0, 25, 75, 80, 100]);
      same(A, paid(1), [0, 0, 100, 120, 200]);
    }
  });

  it('a rate that falls below what a promise owes in its last phase puts it back on the rate', () => {
    // r 0.5. Day 1: order 1 promises 100 (fund 100). Day 2: its 50 (fund 50). Day 3: a withdrawal
    // of 40 leaves 10 against its last 50: it gets 10 (default 40) and owes 40. Day 4: r becomes
    // 0.1: it owes 40, more than 10, so it is due 10 again (fund 0: all of it defaults). Day 5: a
    // subsidy of 100: due 10, paid; owes 30. Days 6-7: 10 each; day 8 its last 10: complete.
    const s = small({ kind: 'release', ratePerDay: 0.5 }, [1, 0], 9, [
      { day: 3, withdraw: { amount: 40 } },
      { day: 4, model: { ratePerDay: 0.1 } },
      { day: 5, subsidy: { amount: 100 } },
    ]);
    for (const A of [exact, fast] as Arith<unknown>[]) {
      const r = run(A, s);
      const n = (x: unknown) => A.num(x);
      same(A, r.days.map((d) => n(d.due)), [0, 50, 50, 10, 10, 10, 10, 10, 0]);
      same(A, r.days.map((d) => n(d.paid)), [0, 50, 10, 0, 10, 10, 10, 10, 0]);
      expect(r.days.map((d) => d.completed)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1]);
      same(A, [1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => n(r.model.paidBy(0, t))), [0, 50, 60, 60, 70, 80, 90, 100, 100]);
    }
  });

  it('remaining mode: each day r of what is owed; the last release when the day\'s largest promise would owe less than 0.01', () => {
    // Driven directly, to put two promises of different size on one day: 0.04 and 100 on day 1,
    // r 0.5 of what remains, the fund holding plenty. After n releases each owes 0.5^n of its
    // promise. Per promise the 0.04 would end on day 4 (after its third release it would owe 0.005,
    // less than 0.01, so that release pays its 0.01); here the day's largest decides: 100 x 0.5^n
    // x 0.5 < 0.01 first for n = 13 (0.5^13 = 0.000122 < 0.0002 <= 0.5^12), so the release on day
    // 15 (the 14th) pays all both owe, and both complete on day 15. Meanwhile the 0.04 has been paid
    // 0.04 x (1 - 0.5^n), never more than 0.01 short of what its own rule would have paid.
    for (const A of [exact, fast] as Arith<unknown>[]) {
      const L = new FamilyLedger(A, 1);
      const m = new ReleaseModel(L, { kind: 'release', k: 1, ratePerDay: 0.5, of: 'remaining' });
      for (let d = 1; d <= 16; d++) {
        L.day = d;
        if (d === 1) {
          for (const a of ['0.04', '100']) {
            const b = L.newBuyer();
            const x = A.of(a);
            L.order(b, x);
            m.order(b, x);
          }
        }
        m.endDay(d);
      }
      const n = (x: unknown) => A.num(x);
      expect(L.entryDoneDay.get(0)).toBe(15);
      expect(L.entryDoneDay.get(1)).toBe(15);
      expect(L.completed).toBe(2);
      for (let t = 1; t <= 14; t++) {
        const owed = 0.5 ** (t - 1);
        expect(n(m.paidBy(0, t))).toBeCloseTo(0.04 * (1 - owed), 12);
        expect(n(m.paidBy(1, t))).toBeCloseTo(100 * (1 - owed), 12);
      }
      // on day 15 each is paid what it still owed: 100 x 0.5^13 = 0.01220703125 and 0.04 x 0.5^13
      expect(n(m.paidBy(1, 15))).toBe(100);
      expect(n(m.paidBy(0, 15))).toBe(0.04);
      expect(n(L.totals.paid)).toBeCloseTo(100.04, 12);
      expect(n(L.fund)).toBeCloseTo(0, 12);
    }
  });

  it('ties: 0.02 at r 0.5 owes exactly 0.01 after its first release (not less); the original mode completes on its exact day on both paths', () => {
    // remaining: a promise of 0.02 at r 0.5 would owe 0.01 after day 2's release, not less than
    // 0.01: day 2 pays 0.01; on day 3 it would owe 0.005: that release pays the 0.01 left.
    const rem = scenario({ model: { kind: 'release', ratePerDay: 0.5, of: 'remaining' }, rules: { split: ALL_TO_FUND }, flow: { days: 4, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 0] } }, orderAmount: 0.02 } });
    for (const A of [exact, fast] as Arith<unknown>[]) {
      const r = run(A, rem);
      expect(r.days.map((d) => A.num(d.paid))).toEqual([0, 0.01, 0.01, 0]);
      expect(r.ledger.entryDoneDay.get(0)).toBe(3);
    }
    // original: a promise made on day 1 at r = 1/n is owed exactly r after n - 1 releases in
    // decimals (1 - 9 x 0.1 = 0.1), so its n-th release, on day n + 1, is its last. In floats,
    // 1 - 0.1 - ... - 0.1 (9 times) is 0.10000000000000014: without the tie the fast path would pay
    // 0.1 on day 11 and the last 1.4e-16 of the promise on day 12. Likewise for 0.001 (1,000 days).
    for (const [rate, n] of [
      [0.1, 10],
      [0.001, 1000],
      [0.03, 34], // 1 - 33 x 0.03 = 0.01: the 34th release is the last (0.01 of the promise)
    ] as const) {
      const orig = scenario({ model: { kind: 'release', ratePerDay: rate }, rules: { split: ALL_TO_FUND }, flow: { days: n + 2, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 0] } }, orderAmount: 1000 } });
      for (const A of [exact, fast] as Arith<unknown>[]) {
        const o = run(A, orig);
        expect(o.ledger.entryDoneDay.get(0), `r ${rate}, ${A.mode}`).toBe(n + 1);
        expect(A.num(o.model.paidBy(0, n))).toBeCloseTo(1000 * (1 - (rate === 0.03 ? 0.01 : rate)), 9);
        expect(A.num(o.model.paidBy(0, n + 1))).toBe(1000);
      }
    }
  });
});

describe('a fund that receives exactly what it promises (k 1, all of each order to the fund)', () => {
  it('never defaults, and every promise completes on its day, on both paths', () => {
    // Whatever is due is owed, and what is owed is exactly what the fund holds: on the day the last
    // promises' final releases fall due the fund holds exactly that. On the fast path the two sums
    // differ by float noise; a shortfall within the tie is no default.
    for (const of of ['original', 'remaining'] as const) {
      const s = scenario({
        model: { kind: 'release', ratePerDay: 0.1, of },
        rules: { split: ALL_TO_FUND },
        flow: { days: 400, seed: 7, buyers: { perDay: 7, growth: { kind: 'series', values: [1, 1, 1, 0] } }, orderAmount: { kind: 'lognormal', mean: 300, cv: 0.8 } },
      });
      for (const A of [exact, fast] as Arith<unknown>[]) {
        const r = run(A, s);
        expect(firstDefault(r), `${of} ${A.mode}`).toBe(null);
        expect(r.ledger.completed).toBe(r.ledger.entryCount);
        // original: day 1's promises complete with their 10th release, on day 11, day 3's on day 13
        if (of === 'original') expect([0, r.ledger.entryCount - 1].map((e) => r.ledger.entryDoneDay.get(e))).toEqual([11, 13]);
        expect(A.num(r.days.at(-1)!.outstanding)).toBeLessThanOrEqual(1e-9);
      }
    }
  });
});

// --- random scenarios -----------------------------------------------------------------------

const pct = (min: number, max: number) => fc.integer({ min, max }).map((n) => n / 100);
const splitArb = fc.integer({ min: 1, max: 100 }).map((p) => ({ cost: (100 - p) / 100, distribution: 0, platform: 0, pool: p / 100 }));
// mostly rates that complete promises within a month (and 1: everything at once), some slow ones
const rateArb = fc.oneof(
  { weight: 4, arbitrary: pct(5, 100) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((n) => n / 10_000) },
);
const kArb = fc.integer({ min: 5, max: 30 }).map((n) => n / 10);
const growthArb = fc.oneof(
  fc.constant({ kind: 'constant' as const }),
  fc.record({ kind: fc.constant('exponential' as const), ratePerDay: pct(-30, 30) }),
  fc.record({ kind: fc.constant('series' as const), values: fc.array(fc.integer({ min: 0, max: 16 }).map((n) => n / 4), { minLength: 1, maxLength: 10 }) }),
);
const amountArb = fc.oneof(
  fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100),
  fc.record({ kind: fc.constant('lognormal' as const), mean: fc.integer({ min: 1, max: 5000 }), cv: pct(0, 200) }),
);
/** at most a few buyers a day (the literal check walks every promise every day) */
const smallFlow = fc.record({ perDay: fc.integer({ min: 0, max: 16 }).map((n) => n / 4), growth: fc.constant({ kind: 'constant' as const }) });
function scenarioArb(days: number, buyers = fc.record({ perDay: fc.integer({ min: 0, max: 24 }).map((n) => n / 4), growth: growthArb })) {
  const day = fc.integer({ min: 1, max: days });
  const eventArb = fc.oneof(
    fc.record({ day, subsidy: fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100) }) }),
    fc.record({ day, withdraw: fc.record({ share: fc.integer({ min: 1, max: 99 }).map((n) => n / 100) }) }),
    fc.record({ day, model: fc.record({ k: kArb, ratePerDay: rateArb }, { requiredKeys: [] }) }),
    fc.record({ day, rules: fc.record({ split: splitArb }) }),
    fc.record({ day, stopOrders: fc.constant(true as const) }),
  );
  return fc.record({
    model: fc.record({ kind: fc.constant('release' as const), k: kArb, ratePerDay: rateArb, of: fc.constantFrom('original' as const, 'remaining' as const) }),
    rules: fc.record({ split: splitArb }),
    flow: fc.record({
      days: fc.constant(days),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      orderAmount: amountArb,
      buyers,
      repeat: fc.option(fc.record({ probabilityPerDay: pct(0, 30) }), { nil: undefined }),
    }),
    events: fc.array(eventArb, { maxLength: 6 }),
  });
}

/** Sum over entries of paidBy(e, t) against the money paid through day t, every day. */
function checkPaidBy<T>(A: Arith<T>, r: Ok<T>): void {
  let cum = A.zero;
  let scale = 1;
  const rel = A.mode === 'exact' ? 1e-30 : 1e-9;
  for (const d of r.days) {
    cum = A.add(cum, d.paid);
    scale = Math.max(scale, A.num(A.add(r.ledger.totals.promised, r.ledger.totals.inflow)));
    let sum = A.zero;
    for (let e = 0; e < r.ledger.entryCount; e++) {
      const p = r.model.paidBy(e, d.day);
      // never more than promised, never negative; complete promises are paid in full
      expect(A.num(p)).toBeGreaterThanOrEqual(-rel * scale);
      expect(A.num(A.sub(r.ledger.entryPromise.get(e), p))).toBeGreaterThanOrEqual(-rel * scale);
      const done = r.ledger.entryDoneDay.get(e);
      if (done >= 0 && done <= d.day) expect(A.cmp(p, r.ledger.entryPromise.get(e))).toBe(0);
      if (r.ledger.entryDay.get(e) >= d.day) expect(A.isZero(p)).toBe(true);
      sum = A.add(sum, p);
    }
    expect(Math.abs(A.num(A.sub(sum, cum))), `paidBy on day ${d.day}: ${A.str(sum)} against ${A.str(cum)}`).toBeLessThanOrEqual(rel * scale);
  }
  expect(Math.abs(A.num(A.sub(cum, r.ledger.totals.paid)))).toBeLessThanOrEqual(rel * scale);
}

describe('random scenarios (fast-check): invariants, paidBy, fast against exact', () => {
  it('1 to 30 days, both modes, subsidies, withdrawals by share, rule changes, orders stopping', () => {
    const seen = { defaults: 0, completed: 0, runs: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((days) => scenarioArb(days)),
        (input) => {
          const s = scenario(input);
          const ex = run(exact, s);
          const fa = run(fast, s);
          checkFamilyDays(exact, ex.days);
          checkFamilyDays(fast, fa.days);
          checkPaidBy(exact, ex);
          checkPaidBy(fast, fa);
          // the fast path held to the exact one at 1e-9 of the money that went through
          let scale = 1;
          ex.days.forEach((e, i) => {
            const f = fa.days[i]!;
            scale = Math.max(scale, e.fund.toNumber() + e.outstanding.toNumber() + ex.ledger.totals.paid.toNumber());
            for (const k of ['fund', 'paid', 'outstanding', 'due', 'defaults'] as const) {
              expect(Math.abs(f[k] - e[k].toNumber()), `${k} on day ${e.day}`).toBeLessThanOrEqual(1e-9 * scale);
            }
            expect(f.entries).toBe(e.entries);
          });
          seen.runs++;
          if (ex.days.some((d) => !d.defaults.isZero())) seen.defaults++;
          if (ex.ledger.completed > 0) seen.completed++;
        },
      ),
      { seed: 91_530_217, numRuns: 100 },
    );
    // the runs exercised what they claim: defaults and completions, not only quiet runs
    expect(seen.defaults).toBeGreaterThan(10);
    expect(seen.completed).toBeGreaterThan(15);
  }, 120_000);
});

// --- the rule promise by promise -----------------------------------------------------------

/**
 * §9.3 read literally, one promise at a time, over the run's own promises, dated rates and fund
 * movements (what came in, subsidies and withdrawals as the run made them): the check that one
 * record per entry day, its totals and its levels pay every promise what the rule says. Ties as
 * the model's comment says: owing within 1e-35 of r of its promise is its last release; a fund
 * within 1e-35 of the due pays in full. Remaining mode with fixed amounts only (a day's promises
 * are then equal, so the day's largest promise deciding is the rule itself).
 */
function literal(s: FamilyScenario, r: Ok<D>) {
  const L = r.ledger;
  const tie = new Decimal('1e-35');
  const remaining = s.model.kind === 'release' && s.model.of === 'remaining';
  let rate = new Decimal(s.model.kind === 'release' ? s.model.ratePerDay : 0);
  const owed: D[] = [];
  const paid: D[] = [];
  const done: number[] = [];
  let fund = new Decimal(0);
  const days: { due: D; paid: D; default: D; paidBy: D[] }[] = [];
  for (const row of r.days) {
    const t = row.day;
    for (const e of s.events ?? []) if (e.day === t && e.model?.ratePerDay !== undefined) rate = new Decimal(e.model.ratePerDay);
    fund = fund.plus(row.inflow).plus(row.subsidies).minus(row.withdrawals);
    const dues: D[] = [];
    let due = new Decimal(0);
    for (let e = 0; e < L.entryCount; e++) {
      if (owed[e] === undefined) {
        owed[e] = L.entryPromise.get(e);
        paid[e] = new Decimal(0);
        done[e] = -1;
      }
      let d = new Decimal(0);
      if (L.entryDay.get(e) < t && done[e]! < 0) {
        const P = L.entryPromise.get(e);
        if (remaining) d = new Decimal(1).minus(rate).times(owed[e]!).lt('0.01') ? owed[e]! : rate.times(owed[e]!);
        else d = owed[e]!.minus(rate.times(P)).lte(tie.times(P)) ? owed[e]! : rate.times(P);
      }
      dues[e] = d;
      due = due.plus(d);
    }
    const pi = fund.gte(due.times(new Decimal(1).minus(tie))) ? new Decimal(1) : fund.div(due);
    const out = pi.eq(1) ? Decimal.min(due, fund) : fund;
    fund = fund.minus(out);
    for (let e = 0; e < L.entryCount; e++) {
      if (dues[e]!.isZero()) continue;
      const x = pi.times(dues[e]!);
      paid[e] = paid[e]!.plus(x);
      owed[e] = owed[e]!.minus(x);
      if (pi.eq(1) && dues[e]!.eq(owed[e]!.plus(x))) {
        owed[e] = new Decimal(0);
        paid[e] = L.entryPromise.get(e);
        done[e] = t;
      }
    }
    days.push({ due, paid: out, default: pi.eq(1) ? new Decimal(0) : due.minus(out), paidBy: [...paid] });
  }
  return { days, done };
}

describe('one record per entry day pays every promise what the rule, promise by promise, says', () => {
  it('random runs, both modes, rates falling and rising, subsidies, withdrawals, orders stopping (exact, 1e-30)', () => {
    const fixed = fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100);
    let lasts = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }).chain((days) => scenarioArb(days, smallFlow)),
        fixed,
        (input, amount) => {
          const s = scenario(input.model.of === 'remaining' ? { ...input, flow: { ...input.flow, orderAmount: amount } } : input);
          const r = run(exact, s);
          const lit = literal(s, r);
          const scale = Decimal.max(1, r.ledger.totals.promised.plus(r.ledger.totals.inflow).plus(r.ledger.totals.subsidies));
          const near = (a: D, b: D, what: string) => expect(a.minus(b).abs().lte(scale.times('1e-30')), `${what}: ${a} against ${b}`).toBe(true);
          r.days.forEach((row, i) => {
            const l = lit.days[i]!;
            near(row.due, l.due, `due on day ${row.day}`);
            near(row.paid, l.paid, `paid on day ${row.day}`);
            near(row.defaults, l.default, `default on day ${row.day}`);
            for (let e = 0; e < r.ledger.entryCount; e++) near(r.model.paidBy(e, row.day), l.paidBy[e]!, `promise ${e} by day ${row.day}`);
          });
          for (let e = 0; e < r.ledger.entryCount; e++) expect(r.ledger.entryDoneDay.get(e), `promise ${e} completes`).toBe(lit.done[e]);
          lasts += lit.done.filter((d) => d >= 0).length;
        },
      ),
      { seed: 4_417_003, numRuns: 150 },
    );
    expect(lasts).toBeGreaterThan(100);
  }, 120_000);
});

describe('a long run of the remaining mode at a high rate (its heap keys rescaled as the share step shrinks them)', () => {
  it('400 days at r 0.9, one order a day of lognormal size, the fund holding all it owes until a withdrawal: the records against the rule promise by promise (exact), and the fast path against the exact one', () => {
    // Records join every day, so the heap never empties, and while every day pays in full its
    // running product of (1 - r) falls tenfold a day: below 1e-100 by day 100 (rescaled then),
    // below float64's smallest number by day 324. One order a day makes each record one promise,
    // so the literal rule applies as it stands, and sizes that differ day by day make the order in
    // which records reach their 0.01 other than their age (the heap's work). With k = pool share = 1 the
    // fund holds exactly what is owed: no default (up to the tie) until day 390, when 99% of it is
    // withdrawn and orders stop: every record is then due at least 0.9 of what it owes, against a
    // fund of 0.01 of it: the first default is on day 390.
    const input = (seed: number) => ({
      model: { kind: 'release', k: 1, ratePerDay: 0.9, of: 'remaining' },
      rules: { split: { cost: 0, distribution: 0, platform: 0, pool: 1 } },
      flow: { days: 400, seed, orderAmount: { kind: 'lognormal', mean: 1000, cv: 2 }, buyers: { perDay: 1 } },
      events: [
        { day: 390, withdraw: { share: 0.99 } },
        { day: 390, stopOrders: true },
      ],
    });
    for (const seed of [1, 2, 3]) {
      const s = scenario(input(seed));
      const ex = run(exact, s);
      const fa = run(fast, s);
      const lit = literal(s, ex);
      const scale = ex.ledger.totals.promised.plus(ex.ledger.totals.inflow);
      ex.days.forEach((row, i) => {
        const l = lit.days[i]!;
        for (const [a, b, what] of [
          [row.due, l.due, 'due'],
          [row.paid, l.paid, 'paid'],
          [row.defaults, l.default, 'default'],
        ] as const)
          expect(a.minus(b).abs().lte(scale.times('1e-30')), `${what} on day ${row.day}: ${a} against ${b}`).toBe(true);
        for (const k of ['fund', 'paid', 'outstanding', 'due', 'defaults'] as const) expect(Math.abs(fa.days[i]![k] - row[k].toNumber()), `${k} on day ${row.day}`).toBeLessThanOrEqual(1e-9 * scale.toNumber());
      });
      for (let e = 0; e < ex.ledger.entryCount; e++) {
        expect(ex.ledger.entryDoneDay.get(e), `promise ${e} completes (exact)`).toBe(lit.done[e]);
        expect(fa.ledger.entryDoneDay.get(e), `promise ${e} completes (fast)`).toBe(lit.done[e]);
      }
      expect(firstDefault(ex)).toBe(390);
      expect(firstDefault(fa)).toBe(390);
      expect(ex.ledger.completed).toBeGreaterThan(350);
    }
  }, 120_000);
});
