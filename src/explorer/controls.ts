/**
 * How each parameter is shown: its label key, the Chinese trade term beside the English, the unit,
 * the scale between stored and shown values (100 for a percentage) and its slider, if any. Also
 * the field-level message of a problem, in the reader's language.
 */
import { RANGES, ruleValueRange, type FieldProblem, type NumericKey, type Params } from './params.ts';
import type { Formats, Tr } from './view.ts';

export interface ControlSpec {
  key: NumericKey;
  unit: 'pct' | 'mult' | 'money' | 'days' | 'buyers' | 'none' | 'price';
  scale: number;
  slider?: { min: number; max: number; step: number };
  /** empty means off (null) */
  nullable?: boolean;
}

const pct = (key: NumericKey, slider?: ControlSpec['slider']): ControlSpec => ({ key, unit: 'pct', scale: 100, ...(slider ? { slider } : {}) });

export const CONTROLS: Record<NumericKey, ControlSpec> = {
  perDay: { key: 'perDay', unit: 'buyers', scale: 1, slider: { min: 0, max: 1000, step: 10 } },
  growthRate: pct('growthRate', { min: -2, max: 3, step: 0.1 }),
  capacity: { key: 'capacity', unit: 'buyers', scale: 1 },
  peakDay: { key: 'peakDay', unit: 'days', scale: 1 },
  decline: pct('decline'),
  stopDay: { key: 'stopDay', unit: 'days', scale: 1, nullable: true },
  sellRate: pct('sellRate', { min: 0, max: 20, step: 0.5 }),
  portion: pct('portion'),
  takeProfit: { key: 'takeProfit', unit: 'mult', scale: 1, nullable: true },
  repeat: pct('repeat'),
  exit: { key: 'exit', unit: 'mult', scale: 1, nullable: true },
  cost: pct('cost'),
  distribution: pct('distribution'),
  platform: pct('platform'),
  pool: pct('pool'),
  gift: pct('gift'),
  withholding: pct('withholding'),
  initialPrice: { key: 'initialPrice', unit: 'price', scale: 1 },
  amount: { key: 'amount', unit: 'money', scale: 1 },
  amountCv: { key: 'amountCv', unit: 'none', scale: 1 },
  days: { key: 'days', unit: 'days', scale: 1 },
  seed: { key: 'seed', unit: 'none', scale: 1 },
  cohortDays: { key: 'cohortDays', unit: 'days', scale: 1 },
  subsidyDay: { key: 'subsidyDay', unit: 'days', scale: 1 },
  subsidyAmount: { key: 'subsidyAmount', unit: 'money', scale: 1 },
  withdrawDay: { key: 'withdrawDay', unit: 'days', scale: 1 },
  withdrawShare: pct('withdrawShare'),
  ruleDay: { key: 'ruleDay', unit: 'days', scale: 1 },
  ruleValue: { key: 'ruleValue', unit: 'none', scale: 1 },
  referral: pct('referral'),
  direct: pct('direct'),
  indirect: pct('indirect'),
  perRecruit: { key: 'perRecruit', unit: 'money', scale: 1 },
};

/** The spec of a field, with the rule change's value shown as its rule is. */
export function specOf(key: NumericKey, p: Params): ControlSpec {
  if (key === 'ruleValue') return p.ruleField === 'exit' ? { key, unit: 'mult', scale: 1 } : { key, unit: 'pct', scale: 100 };
  if (key === 'growthRate' && p.growth === 'linear') return { key, unit: 'buyers', scale: 1, slider: { min: -10, max: 50, step: 1 } };
  return CONTROLS[key];
}

/** The unit shown after a box. */
export function unitText(spec: ControlSpec, tr: Tr): string {
  return spec.unit === 'pct' ? '%' : spec.unit === 'mult' ? '×' : spec.unit === 'none' || spec.unit === 'price' ? '' : tr(`explorer.unit.${spec.unit}`);
}

/** The message of a field's problem, in the reader's language and the field's shown units. */
export function problemText(pr: FieldProblem, p: Params, tr: Tr, f: Formats): string {
  if (pr.kind === 'engine') return String(pr.values['message'] ?? '');
  if (pr.kind === 'range') {
    const key = pr.field as NumericKey;
    const spec = specOf(key, p);
    const r = key === 'ruleValue' ? ruleValueRange(p.ruleField) : RANGES[key];
    const show = (v: number) => `${+(v * spec.scale).toPrecision(10)}${spec.unit === 'pct' ? '%' : spec.unit === 'mult' ? '×' : ''}`;
    return tr('explorer.problem.range', { lo: r.minOpen ? '>' : '≥', min: show(r.min), hi: r.maxOpen ? '<' : '≤', max: show(r.max) });
  }
  if (pr.kind === 'split') return tr('explorer.problem.split', { sum: `${pr.values['sum']}%` });
  if (pr.kind === 'tooMany') return tr('explorer.problem.tooMany', { n: f.compact(pr.values['n']), max: f.compact(pr.values['max']) });
  if (pr.kind === 'day') return tr('explorer.problem.day', { days: pr.values['days'] ?? '' });
  return tr(`explorer.problem.${pr.kind}`);
}
