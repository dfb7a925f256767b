import { describe, expect, it } from 'vitest';
import { exampleReach, ordersToReach, SEED_EXAMPLE, SEED_RULES_FILLED, validateScenario, workedExample } from '../../src/engine/index.ts';
import { walkthroughSteps } from '../../src/walkthrough/steps.ts';

const at2 = (x: string) => Number(x).toFixed(2);

describe('the seed’s rules with the defaults filled in', () => {
  it('are what validating the seed example gives (exit test on points obtained, no rounding)', () => {
    const v = validateScenario(SEED_EXAMPLE);
    if (!v.ok) throw new Error('the seed example does not validate');
    expect(SEED_RULES_FILLED).toEqual(v.scenario.rules);
  });
});

describe('the worked example (RULEBOOK §6), carried on', () => {
  const x = workedExample();

  it('splits one order of 1000 into cost 300, distribution 300, platform 100, pool 300 and a gift of 210', () => {
    expect(x.split).toEqual({ cost: '300', distribution: '300', platform: '100', inflow: '300', gift: '210' });
  });

  it('three orders: points 210, 147, 124.95; pool 300, 600, 900; circulating 210, 357, 481.95; price 1.43, 1.68, 1.87', () => {
    // order 1: 0.7 x 300 / 1 = 210 points, price 300 / 210 = 1.428...; order 2: 210 / 1.428... = 147,
    // price 600 / 357 = 1.680...; order 3: 210 / 1.680... = 124.95, price 900 / 481.95 = 1.867...
    expect(x.orders.map((o) => o.issued)).toEqual(['210', '147', '124.95']);
    expect(x.orders.map((o) => o.after.pool)).toEqual(['300', '600', '900']);
    expect(x.orders.map((o) => o.after.points)).toEqual(['210', '357', '481.95']);
    expect(x.orders.map((o) => at2(o.after.price))).toEqual(['1.43', '1.68', '1.87']);
  });

  it('A breaks even at 4.76 and reaches 3x at 14.29; B’s 3x is at 20.41', () => {
    // A: 1000 / 210 = 4.7619...; 3000 / 210 = 14.2857...; B: 3000 / 147 = 20.408...
    expect(at2(x.breakEven.price)).toBe('4.76');
    expect(at2(x.exitAt.A)).toBe('14.29');
    expect(at2(x.exitAt.B)).toBe('20.41');
  });

  it('A’s sale pays (1 - w) of its value and leaves w x value in the pool', () => {
    // w = 0.2: paid = 0.8 x value, withheld = 0.2 x value (RULEBOOK §6: 2000 pays 1600, leaves 400)
    expect(Number(x.sale.paid)).toBeCloseTo(0.8 * Number(x.sale.value), 9);
    expect(Number(x.sale.withheld)).toBeCloseTo(0.2 * Number(x.sale.value), 9);
    // the jump lifted A's points to 2 x 1000: the sale's value is 2000 to the cent
    expect(at2(x.sale.value)).toBe('2000.00');
  });

  it('the cascade forces B out, then C', () => {
    expect(x.cascade.forced).toEqual(['B', 'C']);
  });

  it('is what the walkthrough shows: its break-even, exit and sale figures are these', () => {
    const steps = walkthroughSteps();
    const f = (id: string) => steps.find((s) => s.id === id)!.formulas;
    expect(f('break-even')[0]!.vars['price']!.value).toBe(x.breakEven.price);
    expect(f('triple').map((l) => l.vars['price']!.value)).toEqual([x.exitAt.A, x.exitAt.B, x.exitAt.C]);
    expect(f('sale')[1]!.vars['paid']!.value).toBe(x.sale.paid);
  });

  it('the orders it takes to reach each price are the first orders at or above it', () => {
    const r = exampleReach();
    const [n] = ordersToReach([x.breakEven.price]);
    expect(r.breakEven).toBe(n);
    // one order fewer does not reach it
    const [before] = ordersToReach([x.breakEven.price], 1000, n! - 1);
    expect(before).toBeNull();
  });
});
