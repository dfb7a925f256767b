/**
 * How each parameter is shown, from the table (src/explorer/table.ts): its unit, the scale between
 * stored and shown values (100 for a percentage) and its slider, if any, as the other parameters
 * make them. Also the field-level message of a problem, in the reader's language.
 */
import { rangeOf, sliderOf, type FieldProblem } from './params.ts';
import { labelKey, ROUND_SLOTS, rowFor, type NumericKey, type Params, type Slider, type Unit } from './table.ts';
import type { Formats, Tr } from './view.ts';

export interface ControlSpec {
  key: NumericKey;
  unit: Unit;
  scale: number;
  /** the slider, in shown units */
  slider?: Slider;
  /** empty means off (null) */
  nullable?: boolean;
}

/** The spec of a field as the other parameters make it (the rule change's value shown as its rule is). */
export function specOf(key: NumericKey, p: Params): ControlSpec {
  const row = rowFor(key, p);
  const slider = sliderOf(key, p);
  return { key, unit: row.unit, scale: row.scale, ...(slider ? { slider } : {}), ...(row.range.nullable ? { nullable: true } : {}) };
}

/** A slider's value (shown units) as stored: what a field's slider writes (NumberField). */
export const storedOf = (shownValue: number, scale: number): number => +(shownValue / scale).toPrecision(12);

/**
 * The values (stored units) one arrow key on a field's slider would set: up first, then down. The
 * browser steps a range input on its grid (min, min + step, ... up to max; HTML's step rules): the
 * current value on the grid, moved by one step, never past either end (no value there).
 */
export function sliderSteps(value: number | null, slider: Slider, scale: number): number[] {
  if (value === null || !Number.isFinite(value) || !(slider.step > 0)) return [];
  const { min, max, step } = slider;
  const last = Math.floor((max - min) / step + 1e-9);
  const k = Math.max(0, Math.min(last, Math.round((value * scale - min) / step)));
  return [k + 1, k - 1].filter((j) => j >= 0 && j <= last).map((j) => storedOf(+(min + j * step).toPrecision(12), scale));
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
    const r = rangeOf(key, p);
    const show = (v: number) => `${+(v * spec.scale).toPrecision(10)}${spec.unit === 'pct' ? '%' : spec.unit === 'mult' ? '×' : ''}`;
    return tr('explorer.problem.range', { lo: r.minOpen ? '>' : '≥', min: show(r.min), hi: r.maxOpen ? '<' : '≤', max: show(r.max) });
  }
  if (pr.kind === 'split') return tr('explorer.problem.split', { sum: `${pr.values['sum']}%` });
  if (pr.kind === 'tooMany') return tr('explorer.problem.tooMany', { n: f.compact(pr.values['n']), max: f.count(pr.values['max']) });
  if (pr.kind === 'day') return tr('explorer.problem.day', { days: pr.values['days'] ?? '' });
  return tr(`explorer.problem.${pr.kind}`);
}

/** A parameter's label in words; a financing round's day and amount numbered by their round ("Financing round 2: day"). */
export function fieldLabel(key: keyof Params, p: Params, tr: Tr): string {
  const i = ROUND_SLOTS.findIndex((r) => r.day === key || r.amount === key);
  if (i >= 0) return tr(ROUND_SLOTS[i]!.day === key ? 'explorer.rounds.day' : 'explorer.rounds.amount', { n: i + 1 });
  return tr(labelKey(key, p));
}
