/**
 * Differential tests for the network, conversion and stress features: the fast path against the
 * exact path on scenarios with referral rewards of every kind, legacy conversions, runs and stop
 * tests. Every daily figure agrees to 1e-9 relative, every count exactly, and so do the referral
 * and legacy summaries and the compliance flags (flow-compare.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/engine/scenario/index.ts';
import { compareFlows as compare, runBoth } from './flow-compare.ts';
import type { FlowResult } from '../../src/engine/result.ts';



const EVERY_KIND = {
  perRecruit: 8,
  direct: 0.08,
  indirect: 0.03,
  peer: 0.01,
  levels: [
    { name: 'silver', rate: 0.02, minTeamVolume: 3000 },
    { name: 'gold', rate: 0.05, minTeamVolume: 12000, minRecruits: 3 },
    { name: 'diamond', rate: 0.08, minTeamVolume: 40000, minPersonalSpend: 1500 },
  ],
  agents: {
    regions: { provinces: 2, citiesPerProvince: 2, districtsPerCity: 3 },
    district: { rate: 0.01, minTeamVolume: 5000 },
    city: { rate: 0.005, minTeamVolume: 15000 },
    province: { rate: 0.003, minTeamVolume: 30000 },
  },
  dividend: { rate: 0.02, minPersonalSpend: 2500 },
};

const SCENARIOS: Array<[string, ScenarioInput, (r: FlowResult) => void]> = [
  [
    'referral paying every kind (preferential), repeats, selling, forced exits at 1.5x',
    {
      rules: { exitMultiple: 1.5 },
      flow: {
        days: 40,
        seed: 21,
        orderAmount: { kind: 'lognormal', mean: 800, cv: 0.8 },
        buyers: { perDay: 10, growth: { kind: 'exponential', ratePerDay: 0.03 } },
        repeat: { probabilityPerDay: 0.03 },
        sell: { ratePerDay: 0.03, portion: 0.5 },
        referral: { probability: 0.85, rewards: EVERY_KIND },
      },
    },
    (r) => {
      for (const [k, v] of Object.entries(r.referral!.paidByKind)) expect(Number(v), k).toBeGreaterThan(0);
      expect(r.counts.forcedExits).toBeGreaterThan(0);
      expect(r.counts.sales).toBeGreaterThan(20);
    },
  ],
  [
    'referral (uniform) with rates far above the share, a split change halfway, take-profit',
    {
      flow: {
        days: 36,
        seed: 2,
        orderAmount: { kind: 'lognormal', mean: 1200, cv: 0.4 },
        buyers: { perDay: 10 },
        repeat: { probabilityPerDay: 0.04 },
        sell: { ratePerDay: 0.01, portion: 1, takeProfit: 1.2 },
        referral: {
          probability: 0.9,
          choice: 'uniform',
          rewards: { perRecruit: 100, direct: 0.2, indirect: 0.15, peer: 0.05, levels: [{ rate: 0.1, minTeamVolume: 2000 }, { rate: 0.3, minTeamVolume: 10000 }] },
        },
      },
      events: [{ day: 18, rules: { split: { cost: 0.4, distribution: 0.2, platform: 0.1, pool: 0.3 } } }],
    },
    (r) => {
      // the cap binds: most of the share is paid out
      const kept = Number(r.aggregate.distributionKept);
      expect(kept).toBeLessThan(0.2 * (kept + Number(r.aggregate.distributionPaid)));
      for (const k of ['perRecruit', 'direct', 'indirect', 'levelDifference']) expect(Number(r.referral!.paidByKind[k]), k).toBeGreaterThan(0);
    },
  ],
  [
    'legacy conversion (40 members, 6 batches) with selling and forced exits at 1.5x',
    {
      rules: { exitMultiple: 1.5 },
      flow: {
        days: 60,
        seed: 13,
        orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.6 },
        buyers: { perDay: 10 },
        sell: { ratePerDay: 0.03, portion: 0.7 },
        legacy: { members: 40, liabilityPerMember: 1000, pointShare: 2, day: 15, release: { batches: 6, everyDays: 5, firstDay: 20 } },
      },
    },
    (r) => {
      expect(r.legacy!.releases).toHaveLength(6);
      expect(Number(r.aggregate.cashPaidToLegacyMembers)).toBeGreaterThan(0);
      expect(r.counts.forcedExits).toBeGreaterThan(0);
      // some members whole, not all, at some point
      expect(r.legacy!.wholeByDay.some((w) => w.share > 0 && w.share < 1)).toBe(true);
    },
  ],
  [
    'a run and a stop test with referral, a subsidy between them',
    {
      flow: {
        days: 45,
        seed: 17,
        orderAmount: { kind: 'lognormal', mean: 900, cv: 0.5 },
        buyers: { perDay: 8, growth: { kind: 'linear', addPerDay: 0.5 } },
        repeat: { probabilityPerDay: 0.02 },
        sell: { ratePerDay: 0.02, portion: 0.5 },
        referral: { probability: 0.5, rewards: { direct: 0.1, indirect: 0.04 } },
      },
      events: [
        { day: 20, run: { share: 0.4 } },
        { day: 28, subsidy: { amount: 20_000 } },
        { day: 40, stopTest: true },
      ],
    },
    (r) => {
      expect(r.days[19]!.sales).toBeGreaterThan(50);
      expect(r.days[39]!.activeUsers).toBe(0);
      expect(r.days.slice(39).every((d) => d.orders === 0)).toBe(true);
    },
  ],
  [
    'legacy conversion, a preferential network paying every kind, and a run',
    {
      rules: { exitMultiple: 3, exitTest: 'total' },
      flow: {
        days: 40,
        seed: 5,
        orderAmount: 1000,
        buyers: { perDay: 12 },
        sell: { ratePerDay: 0.02, portion: 1 },
        referral: { probability: 0.8, rewards: EVERY_KIND },
        legacy: { members: 25, liabilityPerMember: 3000, pointShare: 1.5, day: 8, release: { batches: 3, everyDays: 7 } },
      },
      events: [{ day: 30, run: { share: 0.7 } }],
    },
    (r) => {
      expect(r.legacy!.releases).toHaveLength(3);
      expect(r.days[29]!.sales).toBeGreaterThan(0);
      expect(Number(r.referral!.paidByKind['agents'])).toBeGreaterThan(0);
    },
  ],
];

describe('fast path against exact path with networks, conversions, runs and stop tests', () => {
  for (const [what, input, exercises] of SCENARIOS) {
    it(what, () => {
      const { fast, exact } = runBoth(input);
      expect(fast.counts.orders).toBeGreaterThan(0);
      expect(compare(fast, exact).slice(0, 20)).toEqual([]);
      exercises(exact);
    }, 20_000);
  }
});
