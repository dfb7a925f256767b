/**
 * Differential tests: the fast path (float64, typed arrays) against the exact path (decimal
 * Ledger) on the same time-driven scenarios. Every daily figure agrees to 1e-9 relative and every
 * count exactly, on scenarios with selling, forced exits, repeat purchases, lognormal amounts,
 * subsidies, withdrawals, take-profit and rule changes.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/engine/scenario/index.ts';
import { compareFlows as compare, runBoth } from './flow-compare.ts';


const SCENARIOS: Array<[string, ScenarioInput]> = [
  [
    'selling, forced exits at 2x, lognormal amounts, repeat purchases',
    {
      rules: { exitMultiple: 2 },
      flow: {
        days: 90,
        seed: 11,
        orderAmount: { kind: 'lognormal', mean: 800, cv: 0.8 },
        buyers: { perDay: 40, growth: { kind: 'exponential', ratePerDay: 0.02 } },
        repeat: { probabilityPerDay: 0.01 },
        sell: { ratePerDay: 0.03, portion: 0.5 },
      },
    },
  ],
  [
    'subsidies, a withdrawal by share and by amount, a rule change lowering the exit multiple, stopOrders',
    {
      rules: { exitMultiple: 3 },
      flow: {
        days: 120,
        seed: 5,
        orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 },
        buyers: { perDay: 30, growth: { kind: 'logistic', capacity: 200, ratePerDay: 0.08 } },
        sell: { ratePerDay: 0.02, portion: 1 },
      },
      events: [
        { day: 20, subsidy: { amount: 50_000 } },
        { day: 40, withdraw: { share: 0.2 } },
        { day: 60, rules: { exitMultiple: 1.5, sellWithholding: 0.3 } },
        { day: 70, withdraw: { amount: 1000 } },
        { day: 80, rules: { giftRatio: 0.5, exitTest: 'total' } },
        { day: 100, stopOrders: true },
      ],
    },
  ],
  [
    'take-profit, the holding exit test, boom-then-decline flow',
    {
      rules: { exitMultiple: 2.5, exitTest: 'holding' },
      flow: {
        days: 100,
        seed: 99,
        orderAmount: 500,
        buyers: { perDay: 10, growth: { kind: 'boom', peakDay: 50, ratePerDay: 0.05, declinePerDay: 0.1 } },
        repeat: { probabilityPerDay: 0.02 },
        sell: { ratePerDay: 0.01, portion: 0.3, takeProfit: 1.5 },
      },
      events: [{ day: 30, subsidy: { amount: 20_000 } }],
    },
  ],
];

describe('fast path against exact path: every daily figure to 1e-9 relative, counts exactly', () => {
  for (const [what, input] of SCENARIOS) {
    it(what, () => {
      const { fast, exact } = runBoth(input);
      expect(fast.counts.orders).toBeGreaterThan(0);
      const diffs = compare(fast, exact);
      expect(diffs.slice(0, 20)).toEqual([]);
    });
  }

  it('the scenarios exercise what they claim: sales, forced exits, repeats, take-profit', () => {
    const results = SCENARIOS.map(([, s]) => runBoth(s).exact);
    expect(results[0]!.counts.sales).toBeGreaterThan(50);
    expect(results[0]!.counts.forcedExits).toBeGreaterThan(5);
    expect(results[0]!.days.some((d) => d.repeatOrders > 0)).toBe(true);
    expect(results[1]!.days[59]!.forcedExits).toBeGreaterThan(0); // the rule change forced people out
    expect(Number(results[1]!.days[39]!.withdrawals)).toBeGreaterThan(0);
    expect(results[1]!.days.slice(99).every((d) => d.orders === 0)).toBe(true);
    // take-profit adds sales to the random ones: the same run without it sells less
    const [, tp] = SCENARIOS[2]!;
    const withoutTp = runBoth({ ...tp, flow: { ...tp.flow!, sell: { ratePerDay: 0.01, portion: 0.3, takeProfit: null } } }).exact;
    expect(results[2]!.counts.sales).toBeGreaterThan(withoutTp.counts.sales);
  });
});
