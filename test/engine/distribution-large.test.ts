/**
 * The realised multiples' distribution (RULEBOOK §8) on a run past COUNT_IN_PASS_ABOVE buyers
 * (2^17), where the fast path counts the multiples in the cohorts' pass a block at a time
 * (cohorts.ts, RankCounts.addBlock) and the selection reads them again a block at a time
 * (select.ts selectRanksOf) rather than holding them: the percentiles must be exactly what a sort of
 * every buyer's cash / spend gives, read from the book here slot by slot. Legacy members (who bought
 * nothing) are left out of the distribution, so the run has some, in the middle of the slots.
 */
import { describe, expect, it } from 'vitest';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { PERCENTILES } from '../../src/engine/metrics/distribution.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';

describe('distribution of realised multiples and cohorts past 2^17 buyers (counted in the cohorts pass)', () => {
  it('is the lower nearest rank of every buyer\'s cash / spend, sorted; the cohorts are their buyers\' sums in slot order', () => {
    // 6,000 new buyers a day for 100 days: 600,000 buyers, more than 2^17 = 131,072; 1% of holders
    // sell all a day and forced exits at 2x, so many multiples are 0, many are equal, and some are not
    const v = validateScenario({
      rules: { exitMultiple: 2 },
      flow: { days: 100, seed: 7, orderAmount: 1000, buyers: { perDay: 6000 }, sell: { ratePerDay: 0.01, portion: 1 }, legacy: { members: 200_000, liabilityPerMember: 5000, pointShare: 0.5, day: 50, release: { batches: 5, everyDays: 10 } } },
    });
    if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const out = simulateFlow(v.scenario as FlowScenarioV1);
    if (!out.ok) throw new Error('run failed');
    const book = out.book as import('../../src/engine/book.ts').Book<number>;
    const { from, count } = book.legacySlots;
    expect(count).toBe(200_000);
    // the legacy members sit among the buyers, not at either end
    expect(from).toBeGreaterThan(0);
    expect(from + count).toBeLessThan(book.userCount);
    const xs: number[] = [];
    for (let u = 0; u < book.userCount; u++) if (!book.isLegacy(u)) xs.push(book.cashOf(u) / book.spentOf(u));
    expect(xs.length).toBe(600_000);
    expect(out.result.counts.users).toBe(xs.length);
    const sorted = Float64Array.from(xs).sort();
    const n = sorted.length;
    // zeros (never sold) and a spread of others: the ranks fall in both
    expect(sorted[0]).toBe(0);
    expect(sorted[n - 1]).toBeGreaterThan(1);
    const expected = PERCENTILES.map((q) => sorted[Math.floor((q / 100) * (n - 1))]!);
    expect(out.result.distribution.values).toEqual(expected);

    // and the cohorts of the same pass (it walks runs of one first day, split at blocks and at the
    // legacy members, its sums in locals): each cohort's sums, added here slot by slot in slot order
    // as RULEBOOK §8 defines them (realisable value (1 - w) x holding x price), and its counts
    const period = 7;
    const keep = 1 - 0.2;
    const rows = new Map<number, { users: number; spend: number; cash: number; realisable: number; be: number; paper: number; hit: number }>();
    for (let u = 0; u < book.userCount; u++) {
      if (book.isLegacy(u)) continue;
      const k = Math.floor((book.firstDayOf(u) - 1) / period);
      const row = rows.get(k) ?? { users: 0, spend: 0, cash: 0, realisable: 0, be: 0, paper: 0, hit: 0 };
      const realisable = keep * book.holdingOf(u) * book.price;
      row.users++;
      row.spend += book.spentOf(u);
      row.cash += book.cashOf(u);
      row.realisable += realisable;
      if (book.breakEvenDayOf(u) >= 0) row.be++;
      if (book.cashOf(u) + realisable >= book.spentOf(u)) row.paper++;
      if (book.hitExitOf(u)) row.hit++;
      rows.set(k, row);
    }
    expect(out.result.cohorts.length).toBe(15);
    for (const c of out.result.cohorts) {
      const row = rows.get(c.cohort - 1)!;
      expect([c.cohort, c.users, c.spend, c.cashFromPoints, c.realisableValue]).toEqual([c.cohort, row.users, row.spend, row.cash, row.realisable]);
      expect([c.cohort, c.shareBrokeEvenRealised, c.shareBrokeEvenOnPaper, c.shareHitExitMultiple]).toEqual([c.cohort, row.be / row.users, row.paper / row.users, row.hit / row.users]);
    }
  }, 60_000);
});
