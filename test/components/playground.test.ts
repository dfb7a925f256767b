import { describe, expect, it } from 'vitest';
import {
  buyerName,
  evaluatePlayground,
  MAX_ORDERS,
  ordersScenario,
  playgroundSummary,
} from '../../src/components/playground.ts';

describe('buyerName', () => {
  it('continues the seed letters: A…Z, then AA, AB…', () => {
    expect([0, 1, 2, 25, 26, 27, 51, 52].map(buyerName)).toEqual(['A', 'B', 'C', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('gives distinct names to every playground buyer', () => {
    const names = Array.from({ length: MAX_ORDERS }, (_, i) => buyerName(i));
    expect(new Set(names).size).toBe(MAX_ORDERS);
  });
});

describe('ordersScenario', () => {
  it('is the seed example for 1000 x 3', () => {
    expect(ordersScenario(1000, 3).script).toEqual([
      { order: { user: 'A', amount: 1000 } },
      { order: { user: 'B', amount: 1000 } },
      { order: { user: 'C', amount: 1000 } },
    ]);
  });
});

describe('evaluatePlayground', () => {
  it('reproduces the seed example from the inputs 1000 and 3', () => {
    const outcome = evaluatePlayground(1000, 3, 'zh');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.rows.map((r) => r.issued)).toEqual(['210', '147', '124.95']);
    expect(outcome.finalPrice.slice(0, 8)).toBe('1.867413');
  });

  it('accepts the strings an input may give', () => {
    const outcome = evaluatePlayground(' 2000 ', '4', 'en');
    expect(outcome.ok && outcome.rows.length).toBe(4);
  });

  it('the price path does not depend on the order amount when all orders are equal', () => {
    const small = evaluatePlayground(10, 5, 'en');
    const large = evaluatePlayground(1_000_000, 5, 'en');
    if (!small.ok || !large.ok) throw new Error('expected both to run');
    expect(small.rows.map((r) => r.price)).toEqual(large.rows.map((r) => r.price));
  });

  it('names a bad amount and a bad count in the reader’s language', () => {
    const zh = evaluatePlayground(0, 51, 'zh');
    expect(zh).toEqual({
      ok: false,
      messages: [
        { key: 'playground.amountRange', text: '订单金额须为大于 0 的数字。' },
        { key: 'playground.countRange', text: '订单数量须为 1 到 50 之间的整数。' },
      ],
    });
    const en = evaluatePlayground(null, 2.5, 'en');
    expect(!en.ok && en.messages.map((m) => m.key)).toEqual(['playground.amountRange', 'playground.countRange']);
  });

  it('rejects empty, NaN and infinite inputs instead of running on them', () => {
    for (const bad of [undefined, '', 'abc', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(evaluatePlayground(bad, 3, 'en').ok).toBe(false);
      expect(evaluatePlayground(1000, bad, 'en').ok).toBe(false);
    }
  });
});

describe('playgroundSummary', () => {
  it('states the final price and the factor over the starting price', () => {
    expect(playgroundSummary('1.867413632119514472455648926237161531279', '1', 'en')).toBe(
      'Final price 1.8674, 1.87 times the starting price.',
    );
    expect(playgroundSummary('1.867413632119514472455648926237161531279', '1', 'zh')).toBe(
      '最后价格 1.8674，是起始价格的 1.87 倍。',
    );
  });
});
