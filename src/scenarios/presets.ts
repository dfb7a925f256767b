/**
 * The six scenarios of the seed (its section 4 and its distribution rewards), each as a
 * time-driven preset run on the engine's fast path at build time (seeded, so every build gives
 * the same figures), plus the figures their pages quote. Pure: no DOM.
 */
import { runFlowScenario, SEED_RULES, validateScenario, simulateStress, type FlowResult, type ScenarioInput, type FlowScenarioV1, type StressResult } from '../engine/index.ts';

export const SCENARIO_SLUGS = ['inventory', 'legacy', 'rebate', 'newcomer', 'financing', 'distribution'] as const;
export type ScenarioSlug = (typeof SCENARIO_SLUGS)[number];


const BASE_FLOW = {
  seed: 1,
  orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 },
  repeat: { probabilityPerDay: 0.003 },
  sell: { ratePerDay: 0.01, portion: 1, takeProfit: 2 },
  cohortDays: 30,
} as const;

/** The preset of each scenario: a scenario in format v1 that `simulate` runs as it is. */
export const PRESETS: Record<ScenarioSlug, ScenarioInput> = {
  // a store clears its stock with a points campaign: order flow booms, then fades
  inventory: {
    name: 'Inventory clearing with green points: a campaign that booms and fades',
    rules: SEED_RULES,
    flow: { ...BASE_FLOW, days: 240, buyers: { perDay: 20, growth: { kind: 'boom', peakDay: 60, ratePerDay: 0.03, declinePerDay: 0.03 } } },
  },
  // an old platform owes its members; they get locked points released in batches
  legacy: {
    name: 'Legacy members: liabilities turned into consumption coins and locked points released in batches',
    rules: SEED_RULES,
    flow: {
      ...BASE_FLOW,
      days: 360,
      buyers: { perDay: 40, growth: { kind: 'constant' } },
      legacy: { members: 2000, liabilityPerMember: 5000, pointShare: 1, day: 30, release: { batches: 10, everyDays: 30 } },
    },
  },
  // a team-distribution platform switches to consumption rebates with two levels and regional agents
  rebate: {
    name: 'Rebates instead of multi-level distribution: two referral levels and regional agents',
    rules: SEED_RULES,
    flow: {
      ...BASE_FLOW,
      days: 240,
      buyers: { perDay: 20, growth: { kind: 'exponential', ratePerDay: 0.01 } },
      referral: {
        probability: 0.8,
        rewards: {
          direct: 0.1,
          indirect: 0.05,
          agents: {
            regions: { provinces: 3, citiesPerProvince: 3, districtsPerCity: 3 },
            district: { rate: 0.02, minTeamVolume: 20000 },
            city: { rate: 0.02, minTeamVolume: 100000 },
            province: { rate: 0.01, minTeamVolume: 300000 },
          },
        },
      },
    },
  },
  // a first platform: fast growth that saturates, as every market does
  newcomer: {
    name: 'A newcomer’s first platform: growth that saturates',
    rules: SEED_RULES,
    flow: { ...BASE_FLOW, days: 360, buyers: { perDay: 10, growth: { kind: 'logistic', capacity: 120, ratePerDay: 0.04 } } },
  },
  // financing rounds paid into the pool as subsidies, and the promise of listed shares
  financing: {
    name: 'Financing rounds as subsidies, and points promised to become listed shares',
    rules: SEED_RULES,
    flow: { ...BASE_FLOW, days: 360, buyers: { perDay: 30, growth: { kind: 'boom', peakDay: 180, ratePerDay: 0.01, declinePerDay: 0.02 } } },
    events: [
      { day: 60, subsidy: { amount: 200000 } },
      { day: 120, subsidy: { amount: 500000 } },
      { day: 180, subsidy: { amount: 1000000 } },
    ],
    promises: { equityForPoints: true },
  },
  // the seed's full distribution table
  distribution: {
    name: 'The distribution rewards: direct, indirect, level difference, peer level, regional agents, dividend',
    rules: SEED_RULES,
    flow: {
      ...BASE_FLOW,
      days: 240,
      buyers: { perDay: 20, growth: { kind: 'exponential', ratePerDay: 0.01 } },
      referral: {
        probability: 0.9,
        rewards: {
          perRecruit: 20,
          direct: 0.08,
          indirect: 0.04,
          levels: [
            { name: 'member', rate: 0.02, minPersonalSpend: 1000 },
            { name: 'manager', rate: 0.05, minTeamVolume: 50000, minRecruits: 3 },
            { name: 'director', rate: 0.08, minTeamVolume: 300000, minRecruits: 5 },
          ],
          peer: 0.01,
          agents: {
            regions: { provinces: 3, citiesPerProvince: 3, districtsPerCity: 3 },
            district: { rate: 0.02, minTeamVolume: 20000 },
            city: { rate: 0.01, minTeamVolume: 100000 },
            province: { rate: 0.01, minTeamVolume: 300000 },
          },
          dividend: { rate: 0.01, minPersonalSpend: 5000 },
        },
      },
    },
  },
};

const results = new Map<ScenarioSlug, FlowResult>();

/** Run a preset (cached: the pages and the figures share one run per build). */
export function runPreset(slug: ScenarioSlug): FlowResult {
  const cached = results.get(slug);
  if (cached) return cached;
  const out = runFlowScenario(PRESETS[slug]);
  if (!out.ok) throw new Error(`preset ${slug} does not run: ${out.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  results.set(slug, out.result);
  return out.result;
}


/** The stop test of each preset (RULEBOOK §8): on this day orders stop and every holder sells. */
export const STOP_TEST_DAY: Record<ScenarioSlug, number> = {
  inventory: 120,
  legacy: 180,
  rebate: 180,
  newcomer: 180,
  financing: 200,
  distribution: 180,
};

const stressed = new Map<ScenarioSlug, StressResult>();

/** The preset with the stop test on its day, with every cohort's figures before and after. */
export function runStopTest(slug: ScenarioSlug): StressResult {
  const cached = stressed.get(slug);
  if (cached) return cached;
  const v = validateScenario(PRESETS[slug]);
  if (!v.ok || v.scenario.flow === undefined) throw new Error(`preset ${slug} does not validate`);
  const out = simulateStress(v.scenario as FlowScenarioV1, { kind: 'stop-test', day: STOP_TEST_DAY[slug] });
  if (!out.ok) throw new Error(`stop test of ${slug} does not run: ${out.problems.map((p) => p.message).join('; ')}`);
  stressed.set(slug, out.result);
  return out.result;
}

/** The skim stress on the first-platform preset: the operator withdraws half the pool on day 180. */
export const SKIM = { slug: 'newcomer' as ScenarioSlug, day: 180, share: 0.5 };

let skimmed: StressResult | undefined;
export function runSkim(): StressResult {
  if (skimmed) return skimmed;
  const v = validateScenario(PRESETS[SKIM.slug]);
  if (!v.ok) throw new Error('preset does not validate');
  const out = simulateStress(v.scenario as FlowScenarioV1, { kind: 'skim', day: SKIM.day, value: SKIM.share });
  if (!out.ok) throw new Error(`skim does not run: ${out.problems.map((p) => p.message).join('; ')}`);
  skimmed = out.result;
  return skimmed;
}

/** A preset as the file under examples/scenarios/ holds it. */
export function presetFileText(slug: ScenarioSlug): string {
  return `${JSON.stringify({ $schema: '../../schema/scenario.v1.schema.json', ...PRESETS[slug] }, null, 2)}\n`;
}
