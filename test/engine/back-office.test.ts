/**
 * The seed's model as a back office runs it (RULEBOOK §9.2; issue 15, part 1): the gift truncated
 * from the order, the price floor, the points cap and the settlement at a price ceiling, each an
 * option of the seed's rules, off by default. Expected figures are RULEBOOK §9.2's worked examples,
 * and the small cases are worked by hand in the comments; all compared exactly (decimal strings, or
 * 1e-30 relative where a quotient has 40 digits).
 */
import { describe, expect, it } from 'vitest';
import { exact } from '../../src/engine/arith.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { daysCsv, runScenario } from '../../src/engine/index.ts';
import { comparisonCsv } from '../../src/cli/csv.ts';
import { formatProblem } from '../../src/engine/result.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import { Decimal, exactLedger, expectNear } from './helpers.ts';

/** the back office's truncation: every figure rounded down, the gift's value to 4 decimals from the order */
const TRUNCATION = { mode: 'down', points: 2, price: 4, money: 2, gift: 4 } as const;

function flowRun(input: ScenarioInput, opts: { exact?: boolean } = {}) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
  const out = simulateFlow(v.scenario as FlowScenarioV1, opts);
  if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
  return out;
}

describe('the gift truncated from the order (rules.rounding.gift)', () => {
  it('gifts trunc4(A x g x pool share): 69.9993 for an order of 333.33, where g x trunc2(A x pool share) gives 69.993', () => {
    // A = 333.33, pool share 0.3, g 0.7. The first order is issued at the initial price 1, so the
    // points issued are the gift's value itself (no point decimals set).
    //   back office: 333.33 x 0.7 x 0.3 = 69.9993 (4 decimals: kept whole)
    //   today's rounding: inflow trunc2(333.33 x 0.3 = 99.999) = 99.99; gift 0.7 x 99.99 = 69.993
    const withGift = exactLedger({ rounding: { mode: 'down', money: 2, gift: 4 } }).order('A', 333.33);
    const without = exactLedger({ rounding: { mode: 'down', money: 2 } }).order('A', 333.33);
    expect(withGift.issued.toString()).toBe('69.9993');
    expect(without.issued.toString()).toBe('69.993');
    // gift 2: 69.9993 truncated to 69.99
    expect(exactLedger({ rounding: { mode: 'down', money: 2, gift: 2 } }).order('A', 333.33).issued.toString()).toBe('69.99');
  });

  it('leaves the pool its truncated share: the pool receives trunc2(A x pool share) either way', () => {
    const L = exactLedger({ rounding: { mode: 'down', money: 2, gift: 4 } });
    L.order('A', 333.33);
    expect(L.pool.toString()).toBe('99.99');
  });
});

describe('RULEBOOK §9.2 worked example: truncation on, minPrice 1, orders of 1,000 by new buyers', () => {
  /*
   * Each order: pool trunc2(1000 x 0.3) = 300, gift trunc4(1000 x 0.7 x 0.3) = 210,
   * q = trunc2(210 / p_stored), p_stored = max(1, trunc4(P / N)).
   *   order 1: q = 210 / 1 = 210; P 300, N 210; 300 / 210 = 1.428571... -> 1.4285
   *   order 2: 210 / 1.4285 = 147.0073... -> 147; P 600, N 357; 600 / 357 = 1.680672... -> 1.6806
   *   order 3: 210 / 1.6806 = 124.9553... -> 124.95; P 900, N 481.95; 900 / 481.95 = 1.867413... -> 1.8674
   * After the 300th: 7.1892 with N = 12,518.63 (RULEBOOK §9.2); P = 300 x 300 = 90,000 and
   * 90,000 / 12,518.63 = 7.18929... -> 7.1892. Without truncation the exact engine gives 7.1876.
   */
  const L = exactLedger({ minPrice: 1, rounding: TRUNCATION });
  const seen: Array<[string, string]> = [];
  for (let i = 1; i <= 300; i++) {
    const o = L.order(undefined, 1000);
    if (i <= 3) seen.push([o.issued.toString(), L.quotedPrice.toString()]);
  }

  it('stores prices 1.4285, 1.6806, 1.8674 after orders 1-3, issuing 210, 147, 124.95 points', () => {
    expect(seen).toEqual([
      ['210', '1.4285'],
      ['147', '1.6806'],
      ['124.95', '1.8674'],
    ]);
  });

  it('stores 7.1892 after the 300th order, with N = 12,518.63 and P = 90,000', () => {
    expect(L.quotedPrice.toString()).toBe('7.1892');
    expect(L.points.toString()).toBe('12518.63');
    expect(L.pool.toString()).toBe('90000');
    // before truncation the price is P / N itself
    expectNear(L.price, new Decimal(90000).div('12518.63'));
  });

  it('without truncation (and without the floor) the exact engine gives 7.1876 after 300 orders', () => {
    const plain = exactLedger();
    for (let i = 0; i < 300; i++) plain.order(undefined, 1000);
    // 7.18756... to 4 decimals, rounded half up as the rulebook quotes it
    expect(plain.price.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString()).toBe('7.1876');
  });
});

describe('RULEBOOK §9.2 worked example: the settlement at a price ceiling of 3, five orders of 1,000 a day', () => {
  /*
   * Day 1, continuing the example above: order 4 issues trunc2(210 / 1.8674 = 112.455...) = 112.45,
   * P 1,200, N 594.40, p trunc4(2.018842...) = 2.0188; order 5 issues trunc2(210 / 2.0188 =
   * 104.022...) = 104.02, P 1,500, N 698.42, p trunc4(2.147704...) = 2.1477. Days 2-4 go on alike:
   * 2.6171, 2.9454 and, on day 4, 3.2054 >= 3: the settlement after 20 orders pays every holder
   * trunc2(holding x 3.2054), 5,999.81 of the 6,000 pool in all (the truncated price and payouts
   * leave 0.19), cancels the points and restarts the price at the floor, 1. Day 5 is day 1 again.
   */
  const scenario = {
    rules: { minPrice: 1, maxPrice: 3, rounding: TRUNCATION },
    flow: { days: 9, seed: 1, orderAmount: 1000, buyers: { perDay: 5 } },
  } satisfies ScenarioInput;
  const out = flowRun(scenario);
  const r = out.result;
  const office = r.backOffice!;

  it('stores day-end prices 2.1477, 2.6171, 2.9454 before the settlement, which runs at 3.2054 at the end of day 4', () => {
    expect(r.engine.mode).toBe('exact');
    expect(r.days.slice(0, 3).map((d) => d.price)).toEqual(['2.1477', '2.6171', '2.9454']);
    expect(r.days[0]!.points).toBe('698.42');
    expect(office.settlements[0]).toEqual({ day: 4, price: '3.2054', holders: 20, paid: '5999.81', kept: '0.19' });
  });

  it('leaves the day-4 row at the restart: pool 0, no points, price 1, the payouts in paid and in settled', () => {
    const d4 = r.days[3]!;
    expect([d4.pool, d4.points, d4.price, d4.paid, d4.activeUsers]).toEqual(['0', '0', '1', '5999.81', 0]);
    expect(office.days[3]).toEqual({ day: 4, settled: '5999.81', kept: '0.19', unpaidSales: '0' });
    expect(office.days.slice(0, 3).every((d) => d.settled === '0' && d.kept === '0')).toBe(true);
  });

  it('repeats the cycle exactly: days 5-8 are days 1-4, and the second settlement is the first', () => {
    const strip = (d: (typeof r.days)[number]) => ({ ...d, day: 0 });
    expect(r.days.slice(4, 8).map(strip)).toEqual(r.days.slice(0, 4).map(strip));
    expect(office.settlements[1]).toEqual({ ...office.settlements[0]!, day: 8 });
    expect(office.totals).toEqual({ settlements: 2, settled: '11999.62', kept: '0.38', unpaidSales: '0' });
  });

  it('pays nobody in a cycle back: the pool is 30% of the cycle\'s spend', () => {
    // 20 buyers spent 20,000 and were paid 5,999.81 between them
    expect(r.cohorts.every((c) => c.shareBrokeEvenRealised === '0')).toBe(true);
    const book = out.book;
    for (let u = 0; u < 40; u++) {
      expect(exact.cmp(book.cashOf(u) as never, book.spentOf(u) as never), `buyer ${u + 1}`).toBe(-1);
      expect(book.isActive(u)).toBe(false);
    }
    expect(r.aggregate.cashPaidToUsers).toBe('11999.62');
  });

  it('prints its figures per day in the daily CSV, after the solvency columns; a comparison with a run without them leaves those cells empty', () => {
    const lines = daysCsv(r).trimEnd().split('\n');
    expect(lines[0]!.endsWith(',shortfallExitPromise,settled,kept,unpaidSales')).toBe(true);
    expect(lines[4]!.endsWith(',5999.81,0.19,0')).toBe(true); // day 4
    expect(lines[1]!.endsWith(',0,0,0')).toBe(true);
    const plain = flowRun({ flow: scenario.flow }).result;
    expect(daysCsv(plain).trimEnd().split('\n')[0]!.endsWith(',shortfallExitPromise')).toBe(true);
    const both = comparisonCsv(r, plain).trimEnd().split('\n');
    const width = both[0]!.split(',').length;
    expect(both.every((l) => l.split(',').length === width)).toBe(true);
    expect(both.find((l) => l.startsWith('b,1,'))!.endsWith(',,,')).toBe(true);
  });

  it('settles the same on the fast path without rounding: same days, payouts to 1e-9', () => {
    const plain = { ...scenario, rules: { minPrice: 1, maxPrice: 3 } };
    const f = flowRun(plain).result;
    const e = flowRun(plain, { exact: true }).result;
    expect(f.engine.mode).toBe('fast');
    expect(f.backOffice!.settlements.map((x) => [x.day, x.holders])).toEqual(e.backOffice!.settlements.map((x) => [x.day, x.holders]));
    expect(f.backOffice!.settlements.length).toBeGreaterThan(0);
    f.backOffice!.settlements.forEach((x, i) => expectNear(x.paid as number, e.backOffice!.settlements[i]!.paid as string, '1e-9'));
  });
});

describe('the price floor (rules.minPrice)', () => {
  it('sells at the floor and never pays more than the pool holds; the rest is unpaid and reported', () => {
    // A orders 1,000 at the initial price 1: 210 points, P 300, p 300 / 210 = 1.4285...
    // The operator withdraws 250: P 50, P / N = 0.238... < 1, so the price is the floor, 1.
    // A sells all 210 points at 1: value 210, due 0.8 x 210 = 168, paid 50 (all the pool), unpaid 118.
    const L = exactLedger({ minPrice: 1, exitMultiple: null });
    L.order('A', 1000);
    L.withdraw(250);
    expect(L.price.toString()).toBe('1');
    const s = L.sell('A', { all: true });
    expect([s.value, s.paid].map(String)).toEqual(['210', '50']);
    expect(L.unpaid.toString()).toBe('118');
    expect(L.pool.toString()).toBe('0');
    // withheld is w x value, 42: the unpaid part is not in the pool
    expect(L.accounts.withheld.toString()).toBe('42');
  });

  it('puts the price at the floor when no points circulate, and cash left in the pool lifts it at the next order', () => {
    // A: 210 points, P 300, p 10/7. A sells all: value 210 x 10/7 = 300, paid 240, P 60, N 0.
    // With the floor the price is 1 (the seed keeps 10/7): B's 1,000 issues 210 / 1 = 210,
    // P 360, N 210, p 360 / 210 = 12/7.
    const L = exactLedger({ minPrice: 1, exitMultiple: null });
    L.order('A', 1000);
    L.sell('A', { all: true });
    expect(L.price.toString()).toBe('1');
    expect(L.order('B', 1000).issued.toString()).toBe('210');
    expectNear(L.price, '1.714285714285714285714285714285714285714');
  });

  it('starts at the initial price when it is above the floor, and at the floor when it is below', () => {
    expect(exactLedger({ minPrice: 1, initialPrice: 2 }).order('A', 1000).issued.toString()).toBe('105'); // 210 / 2
    expect(exactLedger({ minPrice: 2, initialPrice: 1 }).order('A', 1000).issued.toString()).toBe('105'); // 210 / max(2, 1)
  });

  it('takes nothing when a share of a pool the floor emptied is withdrawn (the run goes on)', () => {
    // Day 1: two buyers (210 and 147 points, P 600); every holder sells half of the holding each day.
    // Day 2: orders stop, a 90% withdrawal leaves about 35 in the pool, P / N falls under 1, and the
    // halves sell at the floor, 1: the first sale is due more than the pool (about 42 or 29) and
    // empties it, the second is paid nothing; points still circulate with an empty pool. Day 3: a
    // 50% withdrawal of that pool takes 0 and the run goes on.
    const r = flowRun({
      rules: { minPrice: 1, exitMultiple: null },
      flow: { days: 3, seed: 1, orderAmount: 1000, buyers: { perDay: 2 }, sell: { ratePerDay: 1, portion: 0.5 } },
      events: [
        { day: 2, withdraw: { share: 0.9 } },
        { day: 2, stopOrders: true },
        { day: 3, withdraw: { share: 0.5 } },
      ],
    }).result;
    expect(r.days[1]!.pool).toBe(0);
    expect(r.days[1]!.points).toBeGreaterThan(0);
    expect(r.backOffice!.days[1]!.unpaidSales).toBeGreaterThan(0);
    expect([r.days[2]!.withdrawals, r.days[2]!.pool]).toEqual([0, 0]);
  });

  it('reports unpaid sales per day in a time-driven run', () => {
    // Day 1: buyer 1 orders 1,000: 210 points, P 300. Day 2: a 90% withdrawal leaves P 30, the
    // price is the floor 1; the run sells the 210 points at 1: due 168, paid 30, unpaid 138. Then
    // day 2's buyer orders at the floor (N = 0): 210 points, P 300.
    const r = flowRun({
      rules: { minPrice: 1, exitMultiple: null },
      flow: { days: 2, seed: 1, orderAmount: 1000, buyers: { perDay: 1 } },
      events: [
        { day: 2, withdraw: { share: 0.9 } },
        { day: 2, run: { share: 1 } },
      ],
    }).result;
    expect(r.days[1]!.paid).toBe(30);
    expect(r.backOffice!.days.map((d) => d.unpaidSales)).toEqual([0, 138]);
    expect(r.backOffice!.totals.unpaidSales).toBe(138);
    expect([r.days[1]!.points, r.days[1]!.pool]).toEqual([210, 300]);
  });
});

describe('the points cap (rules.pointsCap)', () => {
  it('cuts an order\'s issue to the room left below the cap; the pool still receives its share', () => {
    // cap 300: order 1 issues 210 (room 300); order 2 would issue 147, cut to 90; order 3 issues 0.
    // The pool receives 300 each time: 900, and the price is 900 / 300 = 3.
    const L = exactLedger({ pointsCap: 300, exitMultiple: null });
    expect(['A', 'B', 'C'].map((u) => L.order(u, 1000).issued.toString())).toEqual(['210', '90', '0']);
    expect([L.points, L.pool, L.price].map(String)).toEqual(['300', '900', '3']);
  });

  it('rounds the room down to the point decimals, never above the cap', () => {
    // cap 300.009 with points to 2 decimals (half-up): the second order's room is 90.009 -> 90.00
    const L = exactLedger({ pointsCap: 300.009, exitMultiple: null, rounding: { points: 2, mode: 'half-up' } });
    L.order('A', 1000);
    expect(L.order('B', 1000).issued.toString()).toBe('90');
  });
});

describe('the back-office options are off by default', () => {
  it('has no backOffice block and runs the seed unchanged', () => {
    const r = flowRun({ flow: { days: 3, seed: 1, orderAmount: 1000, buyers: { perDay: 5 } } }).result;
    expect(r.backOffice).toBeNull();
  });
});

describe('bad input, each refused with its field named', () => {
  const base = { flow: { days: 5, buyers: { perDay: 1 } } };
  const cases: Array<[string, ScenarioInput, string]> = [
    ['a floor of 0', { ...base, rules: { minPrice: 0 } }, 'rules.minPrice: must be > 0; got 0'],
    ['a negative floor', { ...base, rules: { minPrice: -1 } }, 'rules.minPrice: must be > 0; got -1'],
    ['a cap of 0', { ...base, rules: { pointsCap: 0 } }, 'rules.pointsCap: must be > 0; got 0'],
    ['a ceiling at the floor', { ...base, rules: { minPrice: 2, maxPrice: 2, initialPrice: 1 } }, 'rules.maxPrice: must be above rules.minPrice (2); got 2'],
    ['a ceiling below the initial price', { ...base, rules: { maxPrice: 0.5 } }, 'rules.maxPrice: must be above rules.initialPrice (1); got 0.5'],
    ['gift decimals above 18', { ...base, rules: { rounding: { gift: 19 } } }, 'rules.rounding.gift: must be <= 18; got 19'],
    ['fractional gift decimals', { ...base, rules: { rounding: { gift: 1.5 } } }, 'rules.rounding.gift: must be a whole number; got a number (1.5)'],
    [
      'a ceiling in a script',
      { rules: { maxPrice: 3 }, script: [{ order: { amount: 1000 } }] },
      'rules.maxPrice: the settlement at a price ceiling is a day-end job (RULEBOOK §9.2) and a script has no days; give a flow (time-driven form), or leave maxPrice out',
    ],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => {
      const v = validateScenario(input);
      expect(v.ok).toBe(false);
      if (v.ok) return;
      expect(v.problems.map(formatProblem)).toContain(message);
    });
  }

  it('applies the floor and the cap in a script, event by event', () => {
    // the cap as above (210, then 90, then 0); A sells out at 900 / 300 = 3: value 630, paid 504,
    // P 396, N 90 (B's); then a withdrawal of 350 leaves 46, P / N = 0.51..., so the price is the floor 1
    const out = runScenario({
      rules: { minPrice: 1, pointsCap: 300, exitMultiple: null },
      script: [{ order: { user: 'A', amount: 1000 } }, { order: { user: 'B', amount: 1000 } }, { order: { user: 'C', amount: 1000 } }, { sell: { user: 'A', all: true } }, { withdraw: { amount: 350 } }],
    });
    if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
    const steps = out.result.steps;
    expect(steps.slice(0, 3).map((x) => x.issued)).toEqual(['210', '90', '0']);
    expect([steps[3]!.value, steps[3]!.paid, steps[3]!.pool, steps[3]!.points]).toEqual(['630', '504', '396', '90']);
    expect([steps[4]!.pool, steps[4]!.price]).toEqual(['46', '1']);
  });
});
