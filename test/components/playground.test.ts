import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { orderRows } from '../../src/components/order-table.ts';
import { playgroundText } from '../../src/components/island-text.ts';
import {
  buyerName,
  evaluatePlayground as evaluateWith,
  MAX_ORDERS,
  ordersScenario,
  playgroundSummary,
  runOrders,
} from '../../src/components/playground.ts';
import { runScenario, SEED_EXAMPLE } from '../../src/engine/index.ts';
import type { Locale } from '../../src/i18n/index.ts';

/** the island's call, with the strings the page gives it */
const evaluatePlayground = (amount: unknown, count: unknown, locale: Locale) => evaluateWith(amount, count, playgroundText(locale));

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
    const zh = evaluatePlayground(0, 501, 'zh');
    expect(zh).toEqual({
      ok: false,
      messages: [
        { key: 'playground.amountRange', text: '订单金额须为大于 0 的数字。' },
        { key: 'playground.countRange', text: '订单数量须为 1 到 500 之间的整数。' },
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
    expect(playgroundSummary('1.867413632119514472455648926237161531279', '1', playgroundText('en').summary, 'en')).toBe(
      'Final price 1.8674, 1.87 times the starting price.',
    );
    expect(playgroundSummary('1.867413632119514472455648926237161531279', '1', playgroundText('zh').summary, 'zh')).toBe(
      '最后价格 1.8674，是起始价格的 1.87 倍。',
    );
  });
});

describe('the playground runs the ledger directly, as runScenario would', () => {
  it('gives the rows and final price of the validated scenario path, to the last digit', () => {
    for (const [amount, count] of [
      [1000, 3],
      [1000, 50],
      [0.01, 7],
      [123.45, 20],
      [1e9, 50],
      [2.5, 1],
    ] as const) {
      const viaScenario = runScenario(ordersScenario(amount, count));
      if (!viaScenario.ok) throw new Error(JSON.stringify(viaScenario.problems));
      const direct = runOrders(amount, count);
      expect(direct.rows, `${amount} x ${count}`).toEqual(orderRows(viaScenario.result, SEED_EXAMPLE.rules.split.pool));
      expect(direct.finalPrice).toBe(viaScenario.result.final.price);
    }
  });

  it('does not import the engine index, the scenario schema or the string tables (home page budget)', () => {
    // type-only imports are erased; these are the modules the island would load
    const runtimeImports = (file: string) =>
      [...readFileSync(new URL(`../../src/components/${file}`, import.meta.url), 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
    for (const file of ['playground.ts', 'order-table.ts', 'OrderPlayground.svelte', 'OrderTable.svelte']) {
      for (const spec of runtimeImports(file)) {
        expect(spec, file).not.toMatch(/engine\/(index|scenario)\.ts$|^zod$|i18n\/(index|translate|zh|en)\.ts$|island-text/);
      }
    }
  });
});
