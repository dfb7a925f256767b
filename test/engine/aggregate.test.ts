/** The run-wide share of buyers broken even is what the cohorts add up to. */
import { describe, expect, it } from 'vitest';
import { runFlowScenario } from '../../src/engine/index.ts';
import { Decimal } from './helpers.ts';

describe('aggregate.shareBrokeEvenRealised', () => {
  it('equals the cohorts\' broken-even buyers over all buyers (exact)', () => {
    const out = runFlowScenario(
      { rules: { exitMultiple: 2 }, flow: { days: 40, seed: 3, buyers: { perDay: 10 }, sell: { ratePerDay: 0.05 } } },
      { exact: true },
    );
    if (!out.ok) throw new Error('must run');
    const r = out.result;
    const broke = r.cohorts.reduce((n, c) => n.plus(new Decimal(c.shareBrokeEvenRealised as string).times(c.users)), new Decimal(0));
    expect(broke.toDecimalPlaces(20).toNumber() % 1).toBe(0); // a whole number of buyers
    expect(Number(broke.toDecimalPlaces(20)) / r.counts.users).toBeCloseTo(Number(r.aggregate.shareBrokeEvenRealised), 12);
    expect(Number(r.aggregate.shareBrokeEvenRealised)).toBeGreaterThan(0);
    expect(Number(r.aggregate.shareBrokeEvenRealised)).toBeLessThan(1);
  });
});
