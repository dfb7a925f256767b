/**
 * Hand-worked cases (worked on paper, figures in the comments) for forced exits, cascades, the
 * three exit tests, re-entry, withdrawals, rule changes and the empty-circulation price rule.
 * Rules are chosen so that the arithmetic is easy: see HAND in helpers.ts (all of an order enters
 * the pool, gift ratio 0.5, withholding 0.5, exit at 2x, price starting at 1).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/index.ts';
import { HAND, exactLedger, expectNear } from './helpers.ts';

const str = (x: { toString(): string }) => x.toString();

describe('a forced exit', () => {
  // split: half of each order to the pool. A orders 100: inflow 50, points 0.5 x 50 / 1 = 25;
  // pool 50, points 25, price 2. A's 25 points are worth 2 x 100 at price 8.
  // Subsidy 150: pool 200, price 8 = the threshold: 25 x 8 = 200 >= 2 x 100, so A is sold out:
  // value 200, paid 100, pool 100, no points left; the price stays at 8.
  const halfPool = { ...HAND, split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } };

  it('sells the whole holding at the exit multiple, withholding applied, and leaves the price at its last value', () => {
    const L = exactLedger(halfPool);
    L.step = 1;
    L.order('A', 100);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['50', '25', '2']);
    L.step = 2;
    const r = L.subsidy(150);
    expect(r.forced).toEqual(['A']);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['100', '0', '8']);
    const a = L.user('A')!;
    expect([a.cash, a.holding].map(str)).toEqual(['100', '0']);
    expect([a.status, a.exitReason, a.exitedAtStep]).toEqual(['exited', 'forced', 2]);
    expect(str(L.accounts.withheld)).toBe('100');
  });

  it('does not fire a hair below the threshold', () => {
    const L = exactLedger(halfPool);
    L.order('A', 100);
    expect(L.subsidy(149.99).forced).toEqual([]);
    expect(L.user('A')!.status).toBe('active');
  });

  it('is reported by simulate with the step that caused it', () => {
    const out = runScenario({ rules: halfPool, script: [{ order: { user: 'A', amount: 100 } }, { subsidy: { amount: 150 } }] });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.result.steps[1]).toMatchObject({ event: 'subsidy', forcedExits: ['A'], price: '8', pool: '100', points: '0' });
    expect(out.result.users['A']).toEqual({ spent: '100', points: '0', cash: '100', status: 'exited', entries: 1, exitReason: 'forced', exitedAtStep: 2 });
  });

  it('never fires when exitMultiple is null', () => {
    const L = exactLedger({ ...halfPool, exitMultiple: null });
    L.order('A', 100);
    expect(L.subsidy(1_000_000).forced).toEqual([]);
  });
});

describe('a cascade', () => {
  it('one forced sale lifts the price over the next threshold', () => {
    // A orders 100: points 50, pool 100, price 2; A's threshold 2 x 100 / 50 = 4.
    // B orders 100: points 50 / 2 = 25, pool 200, points 75, price 8/3; B's threshold 200 / 25 = 8.
    // Subsidy 100: pool 300, price 4: A goes (50 x 4 = 200): paid 100, pool 200, points 25, price 8:
    // now B goes (25 x 8 = 200): paid 100, pool 100, points 0.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.order('B', 100);
    expectNear(L.price, '2.666666666666666666666666666666666666667');
    const r = L.subsidy(100);
    expect(r.forced).toEqual(['A', 'B']);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['100', '0', '8']);
    expect([L.user('A')!.cash, L.user('B')!.cash].map(str)).toEqual(['100', '100']);
  });

  it('sells the lowest threshold first, whoever entered first', () => {
    // A 100: 50 points, pool 100, price 2. B 100: 25 points, pool 200, points 75, price 8/3.
    // A 1000 more: points 500 / (8/3) = 187.5, pool 1200, points 262.5, price 4.5714...
    // A: basis 1100, obtained 237.5, threshold 2200 / 237.5 = 9.263; B's threshold 8.
    // Subsidy to price 10: pool 2625 (+1425). Both qualify; B first (8 < 9.26):
    //   B sells 25 x 10 = 250, paid 125: pool 2500, points 237.5, price 10.526...
    //   A: 237.5 x 10.526 = 2500 >= 2200: paid 1250, pool 1250, points 0.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.order('B', 100);
    L.order('A', 1000);
    expect([L.pool, L.points].map(str)).toEqual(['1200', '262.5']);
    expectNear(L.priceForMultiple(L.user('A')!, 2)!, '9.263157894736842105263157894736842105263');
    const r = L.subsidy(1425);
    expect(r.forced).toEqual(['B', 'A']);
    expectNear(L.user('B')!.cash, 125);
    expectNear(L.user('A')!.cash, 1250);
    expectNear(L.pool, 1250);
  });

  it('breaks a tie of thresholds by earliest entry', () => {
    // exit test "holding": threshold m x basis / holding.
    // A 100: 50 points, pool 100, price 2. B 200: 100 / 2 = 50 points, pool 300, points 100, price 3.
    // A sells 25 points: value 75, paid 37.5, pool 262.5, points 75, price 3.5.
    // Thresholds: A 200 / 25 = 8, B 400 / 50 = 8: a tie. Subsidy 337.5: pool 600, price 8.
    // A (entered first) goes: value 200, paid 100, pool 500, points 50, price 10; then B: 50 x 10 = 500 >= 400.
    const L = exactLedger({ ...HAND, exitTest: 'holding' });
    L.order('A', 100);
    L.order('B', 200);
    L.sell('A', { points: 25 });
    expect([L.pool, L.points, L.price].map(str)).toEqual(['262.5', '75', '3.5']);
    const r = L.subsidy(337.5);
    expect(r.forced).toEqual(['A', 'B']);
    expect([L.user('A')!.cash, L.user('B')!.cash, L.pool].map(str)).toEqual(['137.5', '250', '250']);
  });
});

describe('the three exit tests on a user who has sold part of the holding', () => {
  // A orders 100: 50 points, pool 100, price 2. A sells 10 points: value 20, paid 10, pool 90,
  // points 40, price 2.25. A: basis 100, obtained 50, holding 40, cash since entry 10.
  // Thresholds for 2 x 100 = 200: obtained 200/50 = 4; holding 200/40 = 5; total (200-10)/40 = 4.75.
  const cases = [
    // price reached by a subsidy: pool = price x 40
    { price: 4.5, subsidy: 90, obtained: true, holding: false, total: false },
    { price: 4.8, subsidy: 102, obtained: true, holding: false, total: true },
    { price: 5, subsidy: 110, obtained: true, holding: true, total: true },
    { price: 3.9, subsidy: 66, obtained: false, holding: false, total: false },
  ] as const;
  for (const c of cases) {
    for (const test of ['obtained', 'holding', 'total'] as const) {
      it(`at price ${c.price}, the "${test}" test ${c[test] ? 'forces' : 'does not force'} the exit`, () => {
        const L = exactLedger({ ...HAND, exitTest: test });
        L.order('A', 100);
        L.sell('A', { points: 10 });
        expect([L.pool, L.points, L.price].map(str)).toEqual(['90', '40', '2.25']);
        const r = L.subsidy(c.subsidy);
        // forced or not, the price is the subsidised one: a forced sale of the last points leaves it there
        expect(L.price.toString()).toBe(String(c.price));
        expect(r.forced).toEqual(c[test] ? ['A'] : []);
        // when forced: 40 points at the price, half withheld
        expectNear(L.user('A')!.cash, c[test] ? 10 + (40 * c.price) / 2 : 10);
      });
    }
  }
});

describe('re-entry', () => {
  it('after a forced exit: basis and obtained restart from the new order', () => {
    // as in "a forced exit": A is out at price 8 with pool 100, no points. A orders 100 again:
    // inflow 50, points 25 / 8 = 3.125, pool 150, price 48. Basis 100 (not 200), obtained 3.125:
    // value 3.125 x 48 = 150 < 200, no exit. Spent 200 in all.
    const L = exactLedger({ ...HAND, split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } });
    L.order('A', 100);
    L.subsidy(150);
    L.step = 3;
    const r = L.order('A', 100);
    expect(r.forced).toEqual([]);
    const a = L.user('A')!;
    expect([r.issued, L.pool, L.points, L.price].map(str)).toEqual(['3.125', '150', '3.125', '48']);
    expect([a.spent, a.basis, a.obtained, a.holding, a.cash, a.cashSinceEntry].map(str)).toEqual(['200', '100', '3.125', '3.125', '100', '0']);
    expect([a.status, a.entries, a.exitReason, a.exitedAtStep]).toEqual(['active', 2, undefined, undefined]);
    expectNear(L.priceForMultiple(a, 2)!, 64);
  });

  it('after selling out', () => {
    // A orders 100 (half to the pool): 25 points, pool 50, price 2. A sells all: value 50, paid 25,
    // pool 25, no points, price stays 2. A orders 100: points 25 / 2 = 12.5, pool 75, price 6.
    const L = exactLedger({ ...HAND, split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } });
    L.order('A', 100);
    L.step = 2;
    L.sell('A', { all: true });
    expect([L.user('A')!.status, L.user('A')!.exitReason, L.user('A')!.exitedAtStep]).toEqual(['exited', 'sold', 2]);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['25', '0', '2']);
    L.order('A', 100);
    const a = L.user('A')!;
    expect([L.pool, L.points, L.price].map(str)).toEqual(['75', '12.5', '6']);
    expect([a.spent, a.basis, a.obtained, a.cash, a.status, a.entries].map(String)).toEqual(['200', '100', '12.5', '25', 'active', '2']);
  });
});

describe('a withdrawal', () => {
  it('takes cash out of the pool and lowers the price', () => {
    // A 100: pool 100, points 50, price 2. Withdraw 30: pool 70, price 1.4.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.withdraw(30);
    expect([L.pool, L.points, L.price, L.accounts.withdrawals].map(str)).toEqual(['70', '50', '1.4', '30']);
  });

  it('may not empty the pool while points circulate, and may take all of it once none do', () => {
    const L = exactLedger(HAND);
    L.order('A', 100);
    expect(() => L.withdraw(100)).toThrow(/would leave the pool at 0; while 50 points circulate the pool must stay above 0/);
    expect(() => L.withdraw(120)).toThrow(/would leave the pool at -20/);
    L.sell('A', { all: true }); // value 100, paid 50, pool 50
    expect(() => L.withdraw(50.01)).toThrow(/the pool holds only 50; cannot withdraw 50.01/);
    L.withdraw(50);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['0', '0', '2']);
  });
});

describe('a rule change', () => {
  it('that lowers the exit multiple forces out those it now covers, and the cascade follows', () => {
    // m = 3. A 100: 50 points, pool 100, price 2. B 100: 25 points, pool 200, points 75, price 8/3.
    // A is worth 50 x 8/3 = 133.33 < 300; B 66.67 < 300.
    // m -> 1.3 (target 130): A goes: value 133.33, paid 66.67, pool 133.33, points 25, price 5.33;
    // then B: 25 x 5.33 = 133.33 >= 130: paid 66.67, pool 66.67.
    const L = exactLedger({ ...HAND, exitMultiple: 3 });
    L.order('A', 100);
    L.order('B', 100);
    expect(L.changeRules({ exitMultiple: 1.5 }).forced).toEqual([]); // 133.33 < 150
    const r = L.changeRules({ exitMultiple: 1.3 });
    expect(r.forced).toEqual(['A', 'B']);
    expectNear(L.user('A')!.cash, '66.66666666666666666666666666666666666667');
    expectNear(L.user('B')!.cash, '66.66666666666666666666666666666666666667');
    expectNear(L.pool, '66.66666666666666666666666666666666666667');
  });

  it('of withholding applies to later sales only', () => {
    // A 100: 50 points, pool 100, price 2. w -> 0.25: A sells 10 points: value 20, paid 15.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.changeRules({ sellWithholding: 0.25 });
    expect(str(L.sell('A', { points: 10 }).paid)).toBe('15');
  });

  it('of the gift ratio applies to later orders only', () => {
    // A 100: 50 points, pool 100, price 2. g -> 0.2: B 100 gets 0.2 x 100 / 2 = 10 points.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.changeRules({ giftRatio: 0.2 });
    expect(str(L.price)).toBe('2');
    expect(str(L.order('B', 100).issued)).toBe('10');
  });
});

describe('the empty-circulation price rule', () => {
  it('keeps the initial price before the first order, even when a subsidy arrives first', () => {
    // half-pool rules: subsidy 100 before any order: price stays 1. A 100: inflow 50, points 25,
    // pool 150, price 6: the cash left in the pool lifts the price at the next order.
    const L = exactLedger({ ...HAND, split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 }, initialPrice: 1 });
    L.subsidy(100);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['100', '0', '1']);
    L.order('A', 100);
    expect([L.pool, L.points, L.price].map(str)).toEqual(['150', '25', '6']);
  });

  it('keeps the last price after everyone has sold, and prices the next order at it', () => {
    // A 100: 50 points, pool 100, price 2. A sells all: paid 50, pool 50, price stays 2.
    // B 100: points 50 / 2 = 25, pool 150, price 6.
    const L = exactLedger(HAND);
    L.order('A', 100);
    L.sell('A', { all: true });
    expect([L.pool, L.points, L.price].map(str)).toEqual(['50', '0', '2']);
    expect(str(L.order('B', 100).issued)).toBe('25');
    expect([L.pool, L.points, L.price].map(str)).toEqual(['150', '25', '6']);
  });
});
