/**
 * Presets of the explorer: starting points a reader picks from a list. Each is a set of
 * parameters over the defaults (and, where needed, extras). Stress presets and the sweep's axes
 * live here too, as plain data, so that the page does not load the engine for them.
 */
import { DEFAULTS, type Extras, type NumericKey, type Params } from './params.ts';

export interface Preset {
  id: string;
  params: Partial<Params>;
  extras?: Extras;
}

export const PRESETS: Preset[] = [
  { id: 'default', params: {} },
  // the seed's rules and orders of 1000, a steady 100 new buyers a day, nobody sells
  { id: 'seed', params: { growth: 'constant', sellRate: 0, amount: 1000, amountCv: 0 } },
  // examples/flow-year.json: growth, selling with take-profit, a financing round, a skim, a rule change, a stop
  {
    id: 'flowYear',
    params: { repeat: 0.005, takeProfit: 2, subsidyDay: 120, subsidyAmount: 1_000_000, withdrawDay: 150, withdrawShare: 0.1, ruleDay: 170, ruleField: 'exit', ruleValue: 2, stopDay: 200 },
  },
  // a boom and a decline: growth of 2% a day to day 150, then 3% fewer buyers each day
  { id: 'boom', params: { growth: 'boom', growthRate: 0.02, peakDay: 150, decline: 0.03, perDay: 50 } },
  // a market that saturates
  { id: 'logistic', params: { growth: 'logistic', perDay: 20, growthRate: 0.04, capacity: 1500 } },
  // a referral network paid from the distribution share
  { id: 'referral', params: { referral: 0.8, direct: 0.1, indirect: 0.05, perRecruit: 20 } },
  // no forced exit, more selling
  { id: 'noExit', params: { exit: null, sellRate: 0.05 } },
];

export function presetParams(p: Preset): { params: Params; extras: Extras } {
  return { params: { ...DEFAULTS, ...p.params }, extras: p.extras ?? {} };
}

/** The engine's stress presets (src/engine/stress.ts STRESS_KINDS; a test holds them equal). */
export const STRESS_KINDS = ['stop-orders', 'run', 'skim', 'gift-down', 'withholding-up', 'exit-down', 'stop-test'] as const;
export type StressKindName = (typeof STRESS_KINDS)[number];

/** Axes a reader can sweep in the explorer: the parameter, its path in the scenario, its values. */
export interface SweepAxisChoice {
  key: NumericKey;
  path: string;
  values: (number | null)[];
}

export const SWEEP_AXES: SweepAxisChoice[] = [
  { key: 'sellRate', path: 'flow.sell.ratePerDay', values: [0, 0.005, 0.01, 0.02, 0.04, 0.08] },
  { key: 'exit', path: 'rules.exitMultiple', values: [1.5, 2, 3, 5, null] },
  { key: 'gift', path: 'rules.giftRatio', values: [0.3, 0.5, 0.7, 0.9] },
  { key: 'withholding', path: 'rules.sellWithholding', values: [0, 0.1, 0.2, 0.3, 0.5] },
  { key: 'perDay', path: 'flow.buyers.perDay', values: [25, 50, 100, 200, 400] },
  { key: 'growthRate', path: 'flow.buyers.growth.ratePerDay', values: [0, 0.004, 0.008, 0.012] },
];

/** Outcomes a sweep cell can show (src/engine/outcomes.ts names them). */
export const SWEEP_OUTCOMES = ['shareBrokeEven', 'shareBrokeEven:90', 'paidShareOfSpend', 'shareHitExitMultiple', 'daysUntilCoverageBelow:1'] as const;
