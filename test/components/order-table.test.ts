import { describe, expect, it } from 'vitest';
import { runScenario, SEED_EXAMPLE } from '../../src/engine/index.ts';
import type { ScriptResult } from '../../src/engine/result.ts';
import { orderRows, viewOrderRow } from '../../src/components/order-table.ts';

function seedResult(): ScriptResult {
  const outcome = runScenario(SEED_EXAMPLE);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.result;
}

describe('orderRows from the seed example', () => {
  const rows = orderRows(seedResult(), SEED_EXAMPLE.rules.split.pool);

  it('has one row per order, buyers A, B, C', () => {
    expect(rows.map((r) => [r.step, r.user])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
  });

  it('puts 300 of each 1000 into the pool', () => {
    expect(rows.map((r) => [r.amount, r.inflow])).toEqual([
      ['1000', '300'],
      ['1000', '300'],
      ['1000', '300'],
    ]);
  });

  it('carries the exact figures of RULEBOOK §6', () => {
    expect(rows.map((r) => r.issued)).toEqual(['210', '147', '124.95']);
    expect(rows.map((r) => r.pool)).toEqual(['300', '600', '900']);
    expect(rows.map((r) => r.points)).toEqual(['210', '357', '481.95']);
    expect(rows.map((r) => r.price.slice(0, 10))).toEqual(['1.42857142', '1.68067226', '1.86741363']);
  });
});

describe('orderRows with other events', () => {
  it('keeps only the orders and computes each inflow from its own amount', () => {
    const outcome = runScenario({
      rules: SEED_EXAMPLE.rules,
      script: [
        { order: { user: 'A', amount: 1000 } },
        { subsidy: { amount: 500 } },
        { order: { user: 'B', amount: 333.33 } },
        { sell: { user: 'A', points: 10 } },
      ],
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const rows = orderRows(outcome.result, SEED_EXAMPLE.rules.split.pool);
    expect(rows.map((r) => [r.step, r.user, r.inflow])).toEqual([
      [1, 'A', '300'],
      [3, 'B', '99.999'],
    ]);
  });
});

describe('viewOrderRow', () => {
  const [first, , third] = orderRows(seedResult(), SEED_EXAMPLE.rules.split.pool);

  it('formats money with grouping and points to four decimals at most', () => {
    const view = viewOrderRow(third!, 'en');
    expect(view.amount).toBe('1,000');
    expect(view.inflow).toBe('300');
    expect(view.issued).toBe('124.95');
    expect(view.points).toBe('481.95');
    expect(view.pool).toBe('900');
  });

  it('shows the price at four decimals, two decimals, and full precision', () => {
    const view = viewOrderRow(first!, 'zh');
    expect(view.price).toBe('1.4286');
    expect(view.priceShort).toBe('1.43');
    expect(view.priceFull).toMatch(/^1\.4285714285714285714285714285714285714\d*$/);
  });

  it('formats the same row the same way in both locales for these figures', () => {
    expect(viewOrderRow(third!, 'zh')).toEqual(viewOrderRow(third!, 'en'));
  });
});
