/**
 * Presets of the explorer: starting points a reader picks from a list. Each is a set of
 * parameters over the defaults (and, where needed, extras). The sweep's axes live here too, as
 * plain data, so that the page does not load the engine for them.
 */
import { DEFAULTS, type Extras, type NumericKey, type Params } from './params.ts';
import { TABLE } from './table.ts';

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

/** The engine's stress presets, from its dependency-free module (no copy here). */
export { STRESS_KINDS, STRESS_DEFAULTS, stressEvent, type StressKind, type StressPreset } from '../engine/plain.ts';

/** Axes a reader can sweep in the explorer: the parameter (its path in the scenario is its row's), its range. */
export interface SweepAxisChoice {
  key: NumericKey;
  path: string;
  from: number;
  to: number;
  /** geometric steps (buyers per day) rather than even ones */
  geometric?: boolean;
  /** a last value of null (forced exits off) */
  off?: boolean;
  /** significant digits of each value (default 4) */
  digits?: number;
  /** values the axis always holds: each takes the place of the nearest value between the ends */
  marks?: number[];
}

export const SWEEP_AXES: SweepAxisChoice[] = [
  { key: 'sellRate', path: TABLE.sellRate.path, from: 0, to: 0.08 },
  // the multiples schemes promise (2x, 3x) are always among the exit axis's values
  { key: 'exit', path: TABLE.exit.path, from: 1.5, to: 5, off: true, digits: 2, marks: [2, 3] },
  { key: 'gift', path: TABLE.gift.path, from: 0.3, to: 0.9 },
  { key: 'withholding', path: TABLE.withholding.path, from: 0, to: 0.5 },
  { key: 'perDay', path: TABLE.perDay.path, from: 25, to: 400, geometric: true },
  { key: 'growthRate', path: TABLE.growthRate.path, from: 0, to: 0.012 },
];

/** Steps a reader can choose for each axis. */
export const SWEEP_STEPS = [5, 10, 20] as const;

/** The n values of an axis (with "off" as the last one where the axis has it), at 4 significant digits. */
export function axisValues(a: SweepAxisChoice, n: number): (number | null)[] {
  const k = a.off ? n - 1 : n;
  const out: (number | null)[] = [];
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0 : i / (k - 1);
    const v = a.geometric ? a.from * (a.to / a.from) ** t : a.from + (a.to - a.from) * t;
    out.push(+v.toPrecision(a.digits ?? 4));
  }
  // each mark takes the place of the nearest value between the ends not already a mark
  const taken = new Set<number>();
  for (const m of a.marks ?? []) {
    if (out.includes(m)) continue;
    let best = -1;
    for (let i = 1; i < out.length - 1; i++) if (!taken.has(i) && (best < 0 || Math.abs(out[i]! - m) < Math.abs(out[best]! - m))) best = i;
    if (best < 0) continue;
    out[best] = m;
    taken.add(best);
  }
  (out as number[]).sort((x, y) => x - y);
  if (a.off) out.push(null);
  return out;
}

/** Outcomes a sweep cell can show: the engine's measures that vary from cell to cell (no copy here). */
export { SWEEP_MEASURES as SWEEP_OUTCOMES, measureKind } from '../engine/plain.ts';
