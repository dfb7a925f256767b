/**
 * The home page's try-it box reaches 500 orders and names three marks of the first buyer's fate
 * (RULEBOOK §5-§6), checked on the exact engine against figures worked by hand:
 *
 * - The first buyer (A) pays 1000: 300 enters the pool, A gets g x 300 / p0 = 0.7 x 300 / 1 = 210
 *   points (RULEBOOK §6). Points worth the spend on paper: 210 x p >= 1000, p >= 1000 / 210 =
 *   4.7619... (§6: "First buyer breaks even at 4.76"). The issue names order 76 as the first order
 *   after which the price is there.
 * - In cash, a sale keeps w = 20% in the pool: 0.8 x 210 x p >= 1000, p >= 1000 / 168 = 5.9523...;
 *   the issue names order 160.
 * - After the 300th order the price is 7.1876 on the exact engine (RULEBOOK §6: the public
 *   write-up's 7.19).
 * The counts are checked as brackets: the price after order n-1 is below the threshold and after
 * order n at or above it, so a count that is one off either way fails.
 */
import { describe, expect, it } from 'vitest';
import { playgroundText } from '../../src/components/island-text.ts';
import { evaluatePlayground, MAX_ORDERS, MARK_ORDER, playgroundMarks, runOrders } from '../../src/components/playground.ts';

const run = runOrders(1000, MAX_ORDERS);
const price = (n: number) => Number(run.rows[n - 1]!.price);

describe('the try-it box’s reach and marks', () => {
  it('takes 500 orders and no more', () => {
    expect(MAX_ORDERS).toBe(500);
    expect(evaluatePlayground(1000, 500, playgroundText('en')).ok).toBe(true);
    expect(evaluatePlayground(1000, 501, playgroundText('en')).ok).toBe(false);
  });

  it('names the prices of the first buyer’s break-even: 1000 / 210 on paper, 1000 / 168 in cash', () => {
    expect(Number(run.marks.paperPrice)).toBeCloseTo(1000 / 210, 12);
    expect(Number(run.marks.realPrice)).toBeCloseTo(1000 / 168, 12);
  });

  it('finds break-even on paper at order 76 and in cash at order 160', () => {
    expect(run.marks.paper).toBe(76);
    expect(price(75)).toBeLessThan(1000 / 210);
    expect(price(76)).toBeGreaterThanOrEqual(1000 / 210);
    expect(run.marks.real).toBe(160);
    expect(price(159)).toBeLessThan(1000 / 168);
    expect(price(160)).toBeGreaterThanOrEqual(1000 / 168);
  });

  it('gives the 300th order’s price as RULEBOOK §6 does: 7.1876', () => {
    expect(MARK_ORDER).toBe(300);
    expect(Number(run.marks.markPrice).toFixed(4)).toBe('7.1876');
  });

  it('does not depend on the order amount (equal orders scale pool and points alike)', () => {
    const small = runOrders(10, 300).marks;
    expect([small.paper, small.real]).toEqual([76, 160]);
  });

  it('says which marks were not reached in a short run, and names no 300th price', () => {
    const short = runOrders(1000, 100).marks;
    expect(short).toMatchObject({ paper: 76, real: null, markPrice: null });
    const lines = playgroundMarks(short, playgroundText('en'), 'en');
    expect(lines.map((l) => l.text)).toEqual([
      'Order 76: the first buyer’s points are marked at what they paid (price 4.76): break-even on paper.',
      'Selling the first buyer’s points, after the withholding, pays back what they paid at price 5.95: not reached in these orders.',
    ]);
    const zh = playgroundMarks(run.marks, playgroundText('zh'), 'zh');
    expect(zh.map((l) => l.order)).toEqual([76, 160, 300]);
    expect(zh[2]!.text).toBe('第 300 笔订单：价格 7.1876。');
  });
});
