/**
 * RULEBOOK §8 metrics of time-driven runs: cohorts add up to the totals, and required growth for
 * the latest buyer against RULEBOOK §5's formulas, on cases worked by hand and against the
 * rulebook's "about 180x, 1,830x, 7,070x".
 */
import { describe, expect, it } from 'vitest';
import type DecimalJs from 'decimal.js';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { Decimal, expectNear } from './helpers.ts';

function run(input: ScenarioInput, exact = true): FlowResult {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const out = simulateFlow(v.scenario as FlowScenarioV1, { exact });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return out.result;
}

const D = (x: unknown) => new Decimal(x as string);
const sum = (xs: unknown[]) => xs.reduce<DecimalJs>((a, x) => a.plus(D(x)), new Decimal(0));

describe('cohorts add up to the totals (exact mode)', () => {
  const SCENARIOS: Array<[string, ScenarioInput]> = [
    [
      'weekly cohorts, selling, repeats, forced exits, lognormal amounts',
      {
        rules: { exitMultiple: 2 },
        flow: {
          days: 45,
          seed: 17,
          cohortDays: 7,
          orderAmount: { kind: 'lognormal', mean: 800, cv: 0.7 },
          buyers: { perDay: 6, growth: { kind: 'exponential', ratePerDay: 0.04 } },
          repeat: { probabilityPerDay: 0.03 },
          sell: { ratePerDay: 0.08, portion: 0.5, takeProfit: 1.2 },
        },
        events: [{ day: 15, subsidy: { amount: 20_000 } }, { day: 30, withdraw: { share: 0.15 } }],
      },
    ],
    [
      'cohorts of 4 days over 10 (the last one short), orders stopped on day 7',
      {
        flow: { days: 10, seed: 2, cohortDays: 4, buyers: { perDay: 3.5 }, sell: { ratePerDay: 0.3 } },
        events: [{ day: 7, stopOrders: true }],
      },
    ],
  ];

  for (const [what, input] of SCENARIOS) {
    it(what, () => {
      const r = run(input);
      expect(r.counts.sales).toBeGreaterThan(0);
      const n = Math.ceil(input.flow!.days / (input.flow!.cohortDays ?? 7));
      expect(r.cohorts).toHaveLength(n);
      // cohorts tile the days: 1..period, period+1..2 period, ..., the last cut at the run's end
      r.cohorts.forEach((c, k) => {
        expect(c.cohort).toBe(k + 1);
        expect(c.fromDay).toBe(k * (input.flow!.cohortDays ?? 7) + 1);
        expect(c.toDay).toBe(Math.min(input.flow!.days, (k + 1) * (input.flow!.cohortDays ?? 7)));
      });
      // users: a whole number, exactly; and each cohort holds the new buyers of its days
      expect(r.cohorts.reduce((a, c) => a + c.users, 0)).toBe(r.counts.users);
      for (const c of r.cohorts) {
        expect(c.users).toBe(r.days.slice(c.fromDay - 1, c.toDay).reduce((a, d) => a + d.newBuyers, 0));
      }
      // spend: amounts are whole cents, so every sum is exact at 40 digits: equal as decimals
      expect(sum(r.cohorts.map((c) => c.spend)).eq(D(r.aggregate.totalSpend))).toBe(true);
      expect(sum(r.days.map((d) => d.spend)).eq(D(r.aggregate.totalSpend))).toBe(true);
      // cash from points: each payout is a 40-digit product and the two sums add them in different
      // orders (by user, by event), so they may part in the 40th digit: held to 1e-30 relative
      expectNear(sum(r.cohorts.map((c) => c.cashFromPoints)), r.aggregate.cashPaidToUsers as string);
      expect(D(r.aggregate.cashPaidToUsers).gt(0)).toBe(true);
      // referral income is kept apart and is 0 until referral rewards exist
      expect(r.cohorts.every((c) => D(c.referralIncome).isZero())).toBe(true);
    });
  }
});

describe('required growth for the latest buyer (RULEBOOK §5, §8)', () => {
  /*
   * Worked by hand: seed rules, exits off, 1 buyer of 1000 a day for 3 days.
   *   Day 1: p = 1, q = 0.7 x 300 / 1 = 210; P = 300, N = 210.
   *   Day 2: p = 10/7, q = 147; P = 600, N = 357.
   *   Day 3: p = 600/357 = 200/119, q = 210 x 119/200 = 124.95; P = 900, N = 481.95.
   * The latest buyer (#3) holds 124.95 points, worth 124.95 x 900 / 481.95 = 700/3 (233.33) today
   * (481.95 x 700 / 3 = 112455 = 124.95 x 900). So:
   *   priceFold(1) = 1000 / (700/3) = 30/7 = 4.2857...;  priceFold(2) = 60/7 = 8.5714...
   *   poolFold(k) = priceFold^(1 / (1 - 0.7)) = priceFold^(10/3):
   *     (30/7)^(10/3) = e^(10/3 x 1.4552872) = e^4.8509574 = 127.8628 (4 significant digits by hand: 127.9)
   *     (60/7)^(10/3) = 2^(10/3) x 127.8628 = 10.07937 x 127.8628 = 1288.78
   *   Today's flow adds 1 x 1000 x 0.3 = 300 a day to the pool; the pool must grow by
   *     900 x (127.8628 - 1) = 114176.5, which takes 114176.5 / 300 = 380.59, so 381 days;
   *     900 x (1288.776 - 1) = 1158998, / 300 = 3863.33, so 3864 days.
   * Exits off: no 3x row (the rows are 1x, 2x and m x when m is neither).
   */
  it('3 days of 1 buyer: priceFold 30/7 and 60/7, poolFold (30/7)^(10/3) and (60/7)^(10/3), 381 and 3864 days', () => {
    const r = run({ rules: { exitMultiple: null }, flow: { days: 3, buyers: { perDay: 1 }, orderAmount: 1000 } });
    expect(r.final.pool).toBe('900');
    expect(r.final.points).toBe('481.95');
    expect(r.requiredGrowth.buyer).toEqual({ id: '#3', day: 3, spend: '1000', points: '124.95' });
    expect(r.requiredGrowth.reason).toBeUndefined();
    const rows = r.requiredGrowth.multiples;
    expect(rows.map((x) => x.multiple)).toEqual(['1', '2']);
    const tenThirds = new Decimal(10).div(3);
    const want = [
      { priceFold: new Decimal(30).div(7), days: 381 },
      { priceFold: new Decimal(60).div(7), days: 3864 },
    ];
    rows.forEach((row, i) => {
      expectNear(row.priceFold as string, want[i]!.priceFold);
      const poolFold = want[i]!.priceFold.pow(tenThirds);
      // the engine works the power in float64
      expectNear(row.poolFold as string, poolFold, '1e-12');
      expect(row.days).toBe(want[i]!.days);
      expect(row.days).toBe(poolFold.minus(1).times(900).div(300).ceil().toNumber());
      expect(row.reason).toBeUndefined();
    });
    expect(Number(rows[0]!.poolFold)).toBeCloseTo(127.8628, 3);
    expect(Number(rows[1]!.poolFold)).toBeCloseTo(1288.776, 2);
  });

  it('the rows are 1x, 2x and m x; m = 2 gives no third row', () => {
    const flow = { days: 3, buyers: { perDay: 1 } };
    expect(run({ rules: { exitMultiple: 3 }, flow }).requiredGrowth.multiples.map((x) => x.multiple)).toEqual(['1', '2', '3']);
    expect(run({ rules: { exitMultiple: 2.5 }, flow }).requiredGrowth.multiples.map((x) => x.multiple)).toEqual(['1', '2', '2.5']);
    expect(run({ rules: { exitMultiple: 2 }, flow }).requiredGrowth.multiples.map((x) => x.multiple)).toEqual(['1', '2']);
  });

  /*
   * Constant flows in general: the latest buyer's order takes the pool from P_b to P_b + I (I = 300)
   * and issues gI / p_b points, worth gI (P_b + I) / (P_b + gI) at today's price (no sales, no exits).
   * So priceFold(k) = k x 1000 x (P_b + 210) / (210 x (P_b + 300)), poolFold = priceFold^(10/3), and
   * days = ceil(P x (poolFold - 1) / (buyers a day x 300)) with P = P_b + 300 today's pool.
   */
  for (const [perDay, days] of [
    [1, 10],
    [2, 25],
    [5, 40],
    [3, 100],
  ] as const) {
    it(`constant flow of ${perDay} a day for ${days} days: priceFold, poolFold and days by the formula`, () => {
      const r = run({ rules: { exitMultiple: 3 }, flow: { days, buyers: { perDay }, orderAmount: 1000 } });
      expect(r.counts.forcedExits).toBe(0);
      const P = new Decimal(300 * perDay * days);
      expect(D(r.final.pool).eq(P)).toBe(true);
      const Pb = P.minus(300);
      expect(r.requiredGrowth.buyer!.id).toBe(`#${perDay * days}`);
      const rows = r.requiredGrowth.multiples;
      expect(rows).toHaveLength(3);
      rows.forEach((row, i) => {
        const k = i + 1;
        const priceFold = new Decimal(k * 1000).times(Pb.plus(210)).div(Pb.plus(300).times(210));
        expectNear(row.priceFold as string, priceFold);
        const poolFold = priceFold.pow(new Decimal(10).div(3));
        expectNear(row.poolFold as string, poolFold, '1e-12');
        const exact = P.times(poolFold.minus(1)).div(300 * perDay);
        // not so close to a whole number that float rounding could decide the ceiling
        expect(exact.minus(exact.round()).abs().gt('1e-6')).toBe(true);
        expect(row.days).toBe(exact.ceil().toNumber());
      });
    });
  }

  /*
   * Growing flow: buyers on day d = b (1 + r)^(d - 1). After day T, day T + j adds
   * 300 b (1 + r)^(T + j - 1); the first D with 300 b (1 + r)^T ((1 + r)^D - 1) / r >= need is
   * D = ceil(ln(1 + need r / (300 b (1 + r)^T)) / ln(1 + r)).
   */
  it('exponential flow: days by the geometric sum', () => {
    const b = 2;
    const rate = 0.01;
    const T = 20;
    const r = run({ rules: { exitMultiple: 3 }, flow: { days: T, buyers: { perDay: b, growth: { kind: 'exponential', ratePerDay: rate } }, orderAmount: 1000 } });
    expect(r.counts.forcedExits).toBe(0);
    const P = D(r.final.pool);
    for (const row of r.requiredGrowth.multiples) {
      const need = P.times(D(row.poolFold).minus(1));
      const first = new Decimal(300 * b).times(new Decimal(1 + rate).pow(T));
      const x = need.times(rate).div(first).plus(1).ln().div(new Decimal(1 + rate).ln());
      expect(x.minus(x.round()).abs().gt('1e-6')).toBe(true);
      expect(row.days).toBe(x.ceil().toNumber());
      // far fewer days than at the day-T rate held constant
      expect(row.days!).toBeLessThan(need.div(first).toNumber());
    }
  });

  /*
   * RULEBOOK §5: reaching k x spend needs the price to rise k / (0.7 x 0.3) fold from the price
   * before the purchase (4.76, 9.52, 14.29), and with orders only the pool to grow about
   * (k / 0.21)^(1 / 0.3) fold: about 180x, 1,830x and 7,070x, for any buyer past the first hundred
   * or so, within about 7% from the tenth. Checked three ways on 1 buyer of 1000 a day:
   * - the engine's figures for the 300th buyer against the rulebook's;
   * - the rulebook's against the growth actually needed, found by running the order rule of
   *   RULEBOOK §3.1 on (float64, worked here, not by the engine) until the buyer's points are worth
   *   k x 1000, for the 300th buyer and for the 10th;
   * - the engine's days against the orders that continuation actually took.
   */
  const RULEBOOK = [180, 1830, 7070];

  /** the order rule alone: n orders of 1000, then more until buyer b's points are worth 1x, 2x, 3x */
  function continuation(b: number): { poolAfter: number; folds: number[]; orders: number[] } {
    let P = 0;
    let N = 0;
    let p = 1;
    let obtained = 0;
    const order = () => {
      const q = (0.7 * 300) / p;
      P += 300;
      N += q;
      p = P / N;
      return q;
    };
    for (let i = 1; i <= b; i++) obtained = order();
    const poolAfter = P;
    const folds: number[] = [];
    const orders: number[] = [];
    for (let n = 1, k = 1; k <= 3; n++) {
      order();
      while (k <= 3 && obtained * p >= k * 1000) {
        folds.push(P / poolAfter);
        orders.push(n);
        k++;
      }
    }
    return { poolAfter, folds, orders };
  }

  it('the 300th buyer: the engine within 7% of the rulebook, and the real continuation within 1% of the engine', () => {
    const r = run({ rules: { exitMultiple: 3 }, flow: { days: 300, buyers: { perDay: 1 }, orderAmount: 1000 } });
    expect(r.counts.forcedExits).toBe(0); // 3x needs a price of 14.29 for the first buyer; it is 7.19
    expectNear(r.final.price as string, '7.1876', '1e-4'); // RULEBOOK §6
    const rows = r.requiredGrowth.multiples;
    expect(rows.map((x) => x.multiple)).toEqual(['1', '2', '3']);
    // priceFold by hand: k x 1000 x (89700 + 210) / (210 x (89700 + 300)) = k x 8991 / 1890
    rows.forEach((row, i) => expectNear(row.priceFold as string, new Decimal(8991 * (i + 1)).div(1890)));
    const real = continuation(300);
    expect(real.poolAfter).toBe(90_000);
    rows.forEach((row, i) => {
      const engine = Number(row.poolFold);
      expect(Math.abs(engine / RULEBOOK[i]! - 1), `engine ${engine} against the rulebook's ${RULEBOOK[i]}`).toBeLessThan(0.07);
      expect(Math.abs(real.folds[i]! / RULEBOOK[i]! - 1), `real ${real.folds[i]} against the rulebook's ${RULEBOOK[i]}`).toBeLessThan(0.07);
      expect(Math.abs(real.folds[i]! / engine - 1), `real ${real.folds[i]} against the engine's ${engine}`).toBeLessThan(0.01);
      // days: 1 order a day, so the days the engine says against the orders it really took
      expect(Math.abs(row.days! / real.orders[i]! - 1), `engine ${row.days} days against ${real.orders[i]} orders`).toBeLessThan(0.01);
    });
  });

  it('the rulebook\'s figures hold within 7% from the tenth buyer on (10th, 100th)', () => {
    for (const b of [10, 100]) {
      const real = continuation(b);
      real.folds.forEach((f, i) => expect(Math.abs(f / RULEBOOK[i]! - 1), `buyer ${b}, ${i + 1}x: ${f}`).toBeLessThan(0.07));
    }
    // and not for the very first buyers, who need far less (RULEBOOK §5): the 1st breaks even at 4.76 x 300
    const first = continuation(1);
    expect(first.folds[0]!).toBeLessThan(0.5 * RULEBOOK[0]!);
  });

  it('null with a reason when orders have stopped; the folds are still given', () => {
    const r = run({ flow: { days: 6, buyers: { perDay: 1 } }, events: [{ day: 4, stopOrders: true }] });
    expect(r.requiredGrowth.buyer).toEqual({ id: '#3', day: 3, spend: '1000', points: '124.95' });
    const rows = r.requiredGrowth.multiples;
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      expect(row.days).toBeNull();
      expect(row.reason).toBe('orders stopped on day 4');
      expectNear(row.priceFold as string, new Decimal(30 * (i + 1)).div(7)); // as in the 3-day case
    });
  });

  it('null with a reason when the modelled flow dwindles (boom past its peak); finite for a growing flow', () => {
    const boom = run({ flow: { days: 10, buyers: { perDay: 5, growth: { kind: 'boom', peakDay: 5, ratePerDay: 0.1, declinePerDay: 0.5 } } } });
    for (const row of boom.requiredGrowth.multiples) {
      expect(row.days).toBeNull();
      expect(row.reason).toBe('the modelled order flow dwindles to nothing before the pool grows enough');
    }
    const linear = run({ flow: { days: 10, buyers: { perDay: 5, growth: { kind: 'linear', addPerDay: 1 } } } });
    expect(linear.requiredGrowth.multiples.every((row) => Number.isInteger(row.days) && row.days! > 0)).toBe(true);
  });

  it('fast mode gives the same figures (numbers, not strings)', () => {
    const input: ScenarioInput = { rules: { exitMultiple: null }, flow: { days: 3, buyers: { perDay: 1 } } };
    const f = run(input, false).requiredGrowth;
    const e = run(input, true).requiredGrowth;
    expect(f.buyer).toEqual({ id: '#3', day: 3, spend: 1000, points: 124.95 });
    f.multiples.forEach((row, i) => {
      expect(typeof row.poolFold).toBe('number');
      expect(row.days).toBe(e.multiples[i]!.days);
      expect(Math.abs((row.priceFold as number) / Number(e.multiples[i]!.priceFold) - 1)).toBeLessThan(1e-12);
    });
  });
});
