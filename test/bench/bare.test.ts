/**
 * The bare price recurrence that issue 18's speed targets are measured against (bench/bare.ts):
 * it must be RULEBOOK §3.1's order update and nothing else, or the ratios the benchmark prints
 * compare the engine with the wrong thing. Expected prices from the rulebook's worked example (§6).
 */
import { describe, expect, it } from 'vitest';
import { bareRecurrence, timeBareProcess } from '../../bench/bare.ts';
import { SEED_RULES } from '../../src/engine/seed-rules.ts';

const seed = { pool: SEED_RULES.split.pool, giftRatio: SEED_RULES.giftRatio, initialPrice: SEED_RULES.initialPrice };

describe('bare price recurrence (bench/bare.ts)', () => {
  it('follows the seed worked example, order by order', () => {
    // order 1 of 1,000: I = 0.3 x 1000 = 300 into the pool, q = 0.7 x 300 / 1 = 210 points: p = 300 / 210 = 10/7
    expect(bareRecurrence(1, 1000, seed)).toBeCloseTo(10 / 7, 12);
    // order 2: q = 210 / (10/7) = 147, N = 357, P = 600: p = 600 / 357
    expect(bareRecurrence(2, 1000, seed)).toBeCloseTo(600 / 357, 12);
    // order 3: q = 210 / (600/357) = 124.95, N = 481.95, P = 900: p = 900 / 481.95 (RULEBOOK §6: 1.87 at two decimals)
    expect(bareRecurrence(3, 1000, seed)).toBeCloseTo(900 / 481.95, 12);
  });

  it('reaches the price the rulebook quotes after 300 orders', () => {
    // RULEBOOK §6: "a price of 7.19 after the 300th such order; the exact engine gives 7.1876"
    expect(bareRecurrence(300, 1000, seed)).toBeCloseTo(7.1876, 4);
  });

  it('keeps the initial price before any order', () => {
    expect(bareRecurrence(0, 1000, { ...seed, initialPrice: 2 })).toBe(2);
  });

  it('run as a process of its own (bench/bare-process.ts, bundled), prints the price of the loop', () => {
    // the yardstick on the commands' footing (bench/targets.ts): the same loop, so the same price as
    // the worked example's third order, 900 / 481.95, to the last bit
    const t = timeBareProcess(3, 1000, seed);
    expect(t.price).toBe(bareRecurrence(3, 1000, seed));
    expect(t.price).toBeCloseTo(900 / 481.95, 12);
  });
});
