import { describe, expect, it } from 'vitest';
import { exact } from '../../src/engine/index.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { formatVar, renderLine } from '../../src/walkthrough/format.ts';
import { keyPrices, ordersToReach, parseAmount, walkthroughReach, walkthroughSteps } from '../../src/walkthrough/steps.ts';

const two = (x: string) => exact.of(x).toDecimalPlaces(2).toFixed(2);
const stepOf = (id: string, amount?: number) => walkthroughSteps(amount).find((s) => s.id === id)!;

describe('walkthrough steps: the seed example on the exact engine (RULEBOOK §6)', () => {
  it('three orders issue 210, 147 and 124.95 points and move the price to 1.43, 1.68, 1.87', () => {
    const orders = walkthroughSteps().filter((s) => s.id.startsWith('order-'));
    expect(orders.map((s) => s.issued)).toEqual(['210', '147', '124.95']);
    expect(orders.map((s) => s.state.pool)).toEqual(['300', '600', '900']);
    expect(orders.map((s) => s.state.points)).toEqual(['210', '357', '481.95']);
    expect(orders.map((s) => two(s.state.price))).toEqual(['1.43', '1.68', '1.87']);
  });

  it('break-even at 4.76, 3x at 14.29 (A) and 20.41 (B), 2x of A at 9.52', () => {
    const k = keyPrices();
    expect([k.breakEven, k.tripleA, k.tripleB, k.doubleA].map(two)).toEqual(['4.76', '14.29', '20.41', '9.52']);
  });

  it('the 2000-value sale pays 1600 and leaves 400 in the pool, shared by B and C', () => {
    const sale = stepOf('sale');
    expect(exact.of(sale.formulas[0]!.vars['value']!.value).toDecimalPlaces(20).toString()).toBe('2000');
    expect(exact.of(sale.formulas[1]!.vars['paid']!.value).toDecimalPlaces(20).toString()).toBe('1600');
    expect(exact.of(sale.formulas[1]!.vars['withheld']!.value).toDecimalPlaces(20).toString()).toBe('400');
    const gains = exact.of(sale.notes[0]!.vars['gainB']!.value).plus(sale.notes[0]!.vars['gainC']!.value);
    expect(gains.toDecimalPlaces(20).toString()).toBe('400');
  });

  it('each step’s picture: the buyers so far and what the step moved, worked by hand', () => {
    const pic = (id: string) => stepOf(id).picture;
    const vars = (id: string, i = 0) => Object.fromEntries(Object.entries(pic(id).moves[i]!.vars).map(([k, v]) => [k, v.value]));
    // before any order: nobody holds anything
    expect(pic('rules').holders).toEqual([]);
    // A's order: 30% x 1000 = 300 into the pool, 70% x 300 / 1.00 = 210 points to A
    expect(vars('order-A')).toEqual({ user: 'A', inflow: '300', issued: '210' });
    expect(pic('order-A').holders.map((h) => [h.id, h.holding])).toEqual([['A', '210']]);
    // C's order: 0.7 x 300 / (600 / 357) = 124.95 points
    expect(vars('order-C')).toEqual({ user: 'C', inflow: '300', issued: '124.95' });
    expect(pic('order-C').holders.map((h) => [h.id, h.holding])).toEqual([['A', '210'], ['B', '147'], ['C', '124.95']]);
    // break-even: A's 1000 / 210 points = 4.7619...; with 481.95 points the pool needs 4.7619 x 481.95 = 2,295
    const be = pic('break-even').targets;
    expect(be.map((x) => x.user)).toEqual(['A']);
    expect(Number(be[0]!.pool)).toBeCloseTo((1000 / 210) * 481.95, 9);
    // 3x: each buyer's 3000 / points obtained, times 481.95 points in circulation
    const tr = pic('triple').targets;
    [3000 / 210, 3000 / 147, 3000 / 124.95].forEach((price, i) => expect(Number(tr[i]!.pool)).toBeCloseTo(price * 481.95, 9));
    expect(tr.map((x) => x.user)).toEqual(['A', 'B', 'C']);
    // the jump: the pool must reach 2 x 1000 / 210 x 481.95 = 4,590 from 900: a subsidy of 3,690
    expect(two(vars('jump').amount!)).toBe('3690.00');
    // A sells 210 points worth 2,000: 1,600 paid, 400 stays; A then holds nothing
    expect(vars('sale')).toEqual({ user: 'A', sold: '210', paid: '1600', withheld: '400' });
    expect(pic('sale').holders.find((h) => h.id === 'A')).toMatchObject({ holding: '0', cash: '1600', status: 'exited' });
    // the cascade: a subsidy, then B (147 points, paid 80% of 3,000 = 2,400) and C (124.95, 80% x 3,150 = 2,520)
    expect(pic('cascade').moves.map((m) => m.key)).toEqual(['pages.walk.pic.subsidy', 'pages.walk.pic.exit', 'pages.walk.pic.exit']);
    expect(vars('cascade', 1)).toEqual({ user: 'B', sold: '147', paid: '2400' });
    expect(vars('cascade', 2)).toEqual({ user: 'C', sold: '124.95', paid: '2520' });
  });

  it('the cascade: one subsidy forces B out, and B’s forced sale forces C out', () => {
    const c = stepOf('cascade');
    expect(c.notes[0]!.vars['exits']!.value).toBe('B → C');
    expect(c.state.points).toBe('0');
    const summary = stepOf('summary');
    expect(summary.users!.map((u) => [u.id, u.status])).toEqual([['A', 'exited'], ['B', 'exited'], ['C', 'exited']]);
    // pool identity: inflow + subsidies - paid = what is left
    const v = summary.formulas[0]!.vars;
    const left = exact.of(v['inflow']!.value).plus(v['subsidies']!.value).minus(v['paid']!.value);
    expect(left.toString()).toBe(exact.of(v['left']!.value).toString());
  });

  it.each([250, 1234.56, 7, 1, 1e9])('with orders of %s every price is the same and money scales', (amount) => {
    const base = walkthroughSteps();
    const other = walkthroughSteps(amount);
    expect(other.map((s) => two(s.state.price))).toEqual(base.map((s) => two(s.state.price)));
    const f = amount / 1000;
    expect(Number(other[1]!.issued)).toBeCloseTo(210 * f, 8);
    // the jump's subsidy is rounded up to the cent, so the sale may be worth a hair more than 2x
    const paid = Number(stepOf('sale', amount).formulas[1]!.vars['paid']!.value);
    expect(Math.abs(paid / (1600 * f) - 1)).toBeLessThan(1e-5);
    expect(stepOf('cascade', amount).notes[0]!.vars['exits']!.value).toBe('B → C');
  });

  it('the orders needed to reach a price do not depend on the order amount', () => {
    const k = keyPrices();
    expect(ordersToReach([k.breakEven], 37)).toEqual(ordersToReach([k.breakEven], 1000));
    expect(walkthroughReach().breakEven).toBe(76);
  });

  it('reads the order amount as an input gives it', () => {
    expect(parseAmount('1000')).toBe(1000);
    expect(parseAmount(2.5)).toBe(2.5);
    for (const bad of ['', ' ', 'abc', 0, 0.5, -1, null, undefined, Infinity, NaN, 2e9]) expect(parseAmount(bad)).toBeUndefined();
  });

  it.each(['zh', 'en'] as const)('every line renders in %s with all its figures filled and its key present', (locale) => {
    const dict = locale === 'zh' ? zh : en;
    const reach = { breakEven: 76, tripleA: 2965, tripleB: 9696 };
    for (const step of walkthroughSteps(1000, reach)) {
      for (const line of [step.title, ...step.formulas, ...step.notes]) {
        expect(Object.keys(dict), line.key).toContain(line.key);
        const text = renderLine(line, locale);
        expect(text, line.key).not.toMatch(/\{\w+\}|NaN|Infinity|undefined/);
      }
    }
  });

  it('formats figures by kind', () => {
    expect(formatVar({ value: '1.428571', kind: 'price' }, 'en')).toBe('1.43');
    expect(formatVar({ value: '1600', kind: 'money' }, 'zh')).toBe('1,600元');
    expect(formatVar({ value: '124.95', kind: 'points' }, 'en')).toBe('124.95');
    expect(formatVar({ value: '0.3', kind: 'share' }, 'en')).toBe('30%');
  });
});
