/**
 * The seed's worked example (RULEBOOK §6) and the public figure of 7.1876 after 300 orders.
 * Expected values are the rulebook's own; the fractions were checked by hand:
 * 300/210 = 10/7, 600/357 = 200/119, 900/481.95.
 */
import { describe, expect, it } from 'vitest';
import { exact } from '../../src/engine/arith.ts';
import { SEED_EXAMPLE, runScenario } from '../../src/engine/index.ts';
import { Decimal, exactLedger, expectNear } from './helpers.ts';

describe('the seed worked example: three orders of 1000', () => {
  const out = runScenario(SEED_EXAMPLE);
  if (!out.ok) throw new Error('seed example must run');
  const steps = out.result.steps;

  it('issues 210, 147 and 124.95 points (the seed rounds the last to 125)', () => {
    expect(steps.map((s) => s.issued)).toEqual(['210', '147', '124.95']);
  });

  it('fills the pool to 300, 600, 900 and circulates 210, 357, 481.95 points', () => {
    expect(steps.map((s) => s.pool)).toEqual(['300', '600', '900']);
    expect(steps.map((s) => s.points)).toEqual(['210', '357', '481.95']);
  });

  it('prices at 1.428571..., 1.680672..., 1.867413... (1.43, 1.68, 1.87 at two decimals)', () => {
    expectNear(steps[0]!.price, new Decimal(10).div(7));
    expectNear(steps[1]!.price, new Decimal(200).div(119));
    expectNear(steps[2]!.price, new Decimal(900).div('481.95'));
    expect(steps.map((s) => new Decimal(s.price).toFixed(2))).toEqual(['1.43', '1.68', '1.87']);
    expect(steps[2]!.price.startsWith('1.867413')).toBe(true);
  });

  it('books each order as cost 300, distribution 300, platform 100, pool 300', () => {
    expect(out.result.accounts).toMatchObject({
      orders: '3000',
      cost: '900',
      distributionKept: '900',
      distributionPaid: '0',
      platform: '300',
      poolInflow: '900',
    });
  });

  it('puts the first buyer at break-even at 4.76 and at 3x at 14.29, the second buyer at 3x at 20.41', () => {
    const L = exactLedger(SEED_EXAMPLE.rules);
    for (const u of ['A', 'B', 'C']) L.order(u, 1000);
    const at = (id: string, k: number) => L.priceForMultiple(L.user(id)!, k)!;
    expectNear(at('A', 1), new Decimal(1000).div(210));
    expect(at('A', 1).toFixed(2)).toBe('4.76');
    expect(at('A', 3).toFixed(2)).toBe('14.29');
    expect(at('B', 3).toFixed(2)).toBe('20.41');
  });

  it('forces the first buyer out when a subsidy lifts the price to 3000/210, and the second at 3000/147', () => {
    const L = exactLedger(SEED_EXAMPLE.rules);
    for (const u of ['A', 'B', 'C']) L.order(u, 1000);
    // lift the pool so that price = 3000/210 exactly: P = 3000/210 x 481.95
    const target = new Decimal(3000).div(210).times('481.95');
    const justBelow = L.subsidy(target.minus(L.pool).minus('0.01').toNumber());
    expect(justBelow.forced).toEqual([]);
    const r = L.subsidy(0.01);
    expect(r.forced).toEqual(['A']);
    expect(L.user('A')!.status).toBe('exited');
    // A sold 210 points at 14.2857...: paid 80% of 3000
    expectNear(L.user('A')!.cash, 2400);
    expect(L.user('B')!.status).toBe('active');
  });
});

describe('the seed sale example: points worth 2000 sold at 9.52', () => {
  it('pays 1600 and keeps 400 in the pool', () => {
    const L = exactLedger(SEED_EXAMPLE.rules);
    for (const u of ['A', 'B', 'C']) L.order(u, 1000);
    // subsidise the pool until A's 210 points are worth 2000: price 2000/210 = 9.5238...
    L.subsidy(new Decimal(2000).div(210).times('481.95').minus(900).toNumber());
    const poolBefore = L.pool;
    expect(L.price.toFixed(2)).toBe('9.52');
    const sale = L.sell('A', { value: 2000 });
    expectNear(sale.sold, 210);
    expectNear(sale.value, 2000);
    expectNear(sale.paid, 1600);
    expectNear(poolBefore.minus(L.pool), 1600); // the pool falls by 1600 only
    expectNear(L.accounts.withheld, 400); // 400 of the sold value stays in the pool
    expect(L.user('A')!.status).toBe('exited');
    expect(L.user('A')!.exitReason).toBe('sold');
  });

  it('as the seed tells it alone: A holds all 210 points at 9.52 and sells them, 400 remain', () => {
    const out = runScenario({
      rules: SEED_EXAMPLE.rules,
      script: [{ order: { user: 'A', amount: 1000 } }, { subsidy: { amount: 1700 } }, { sell: { user: 'A', value: 2000 } }],
    });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const sale = out.result.steps[2]!;
    expect(sale).toMatchObject({ event: 'sell', sold: '210', value: '2000', paid: '1600', pool: '400', points: '0' });
    expect(out.result.users['A']).toMatchObject({ cash: '1600', status: 'exited', exitReason: 'sold', exitedAtStep: 3 });
  });
});

describe('the public figure after the 300th order', () => {
  it('is 7.1876 (quoted as 7.19)', () => {
    const out = runScenario({ rules: SEED_EXAMPLE.rules, script: [{ order: { amount: 1000 }, repeat: 299 }] });
    if (!out.ok) throw new Error('must run');
    expect(out.result.steps).toHaveLength(300);
    expect(new Decimal(out.result.final.price).toFixed(4)).toBe('7.1876');
    expect(out.result.final.pool).toBe('90000');
    expect(Object.keys(out.result.users)).toHaveLength(300);
  });
});

describe('platform rounding, off by default', () => {
  it('reproduces the seed\'s own rounded figures: 147 and 125 points, 482 in circulation, 1.43/1.68/1.87', () => {
    const L = exactLedger({ ...SEED_EXAMPLE.rules, rounding: { points: 0, price: 2, mode: 'half-up' } });
    const issued = ['A', 'B', 'C'].map((u) => {
      const r = L.order(u, 1000);
      return [r.issued.toString(), L.quotedPrice.toString()];
    });
    expect(issued).toEqual([
      ['210', '1.43'],
      ['147', '1.68'],
      ['125', '1.87'],
    ]);
    expect(L.points.toString()).toBe('482');
    expect(L.pool.toString()).toBe('900');
  });

  it('rounds payouts to the money decimals and books the remainder of each order to the platform', () => {
    const L = exactLedger({ ...SEED_EXAMPLE.rules, split: { cost: 0.333, distribution: 0.333, platform: 0.034, pool: 0.3 }, rounding: { money: 2, mode: 'down' } });
    L.order('A', 10.01); // cost 3.33333 -> 3.33, distribution 3.33, pool 3.003 -> 3.00, platform 0.35
    expect([L.accounts.cost, L.accounts.distributionKept, L.accounts.poolInflow, L.accounts.platform].map(String)).toEqual(['3.33', '3.33', '3', '0.35']);
    const s = L.sell('A', { points: 1 }); // value 1 x (3 / 2.1) = 1.428571..., paid 0.8 x that = 1.142857... -> 1.14
    expect(s.paid.toString()).toBe('1.14');
    expect(exact.str(L.pool)).toBe('1.86');
  });

  it('is off when absent: no figure is rounded', () => {
    const L = exactLedger(SEED_EXAMPLE.rules);
    L.order('A', 1000);
    L.order('B', 1000);
    expect(L.user('B')!.holding.toString()).toBe('147');
    expect(L.price.toString()).toBe('1.680672268907563025210084033613445378151'); // 200/119 to 40 digits
  });
});
