/**
 * The stress presets as plain data (a module with no decimal.js and no zod, so that the explorer's
 * page lists them, checks their values and writes them into its address without loading the
 * engine): the kinds, each one's default value and allowed range, and the KIND:DAY[:VALUE]
 * syntax that `simulate --stress` and the explorer's address share. src/engine/stress.ts turns a
 * preset into the dated event it adds (`stressEvent`) and runs it. The scenario's schema reads the
 * kinds and ranges from here for its what-if field.
 */
import type { Problem } from './problem.ts';

export const STRESS_KINDS = ['stop-orders', 'run', 'skim', 'gift-down', 'withholding-up', 'exit-down', 'stop-test'] as const;
export type StressKind = (typeof STRESS_KINDS)[number];

export interface StressPreset {
  kind: StressKind;
  day: number;
  /** run: share of holders selling; skim: share of the pool withdrawn; gift-down, withholding-up, exit-down: the new value */
  value?: number;
}

/** what each preset does, and its default value */
export const STRESS_DEFAULTS: Record<StressKind, { value?: number; what: string }> = {
  'stop-orders': { what: 'orders stop on the day' },
  run: { value: 0.5, what: 'each active holder sells everything at once with probability value' },
  skim: { value: 0.5, what: 'the operator withdraws this share of the pool' },
  'gift-down': { value: 0.35, what: 'the gift ratio falls to value' },
  'withholding-up': { value: 0.4, what: 'the withholding on sales rises to value' },
  'exit-down': { value: 1.5, what: 'the exit multiple falls to value' },
  'stop-test': { what: 'orders stop and every holder sells everything in random order (RULEBOOK §8)' },
};

/** The values a preset takes (null: it takes none): the bounds, each open (excluded) or closed. */
export interface StressRange {
  min: number;
  max: number;
  minOpen: boolean;
  maxOpen: boolean;
}
export const STRESS_RANGES: Record<StressKind, StressRange | null> = {
  'stop-orders': null,
  run: { min: 0, max: 1, minOpen: true, maxOpen: false },
  skim: { min: 0, max: 1, minOpen: true, maxOpen: true },
  'gift-down': { min: 0, max: 1, minOpen: false, maxOpen: false },
  'withholding-up': { min: 0, max: 1, minOpen: false, maxOpen: true },
  'exit-down': { min: 1, max: Infinity, minOpen: true, maxOpen: true },
  'stop-test': null,
};

/** True when v is allowed for the kind (a kind that takes no value allows none). */
export function stressValueAllowed(kind: StressKind, v: number): boolean {
  const r = STRESS_RANGES[kind];
  if (r === null || !Number.isFinite(v)) return false;
  return (r.minOpen ? v > r.min : v >= r.min) && (r.maxOpen ? v < r.max : v <= r.max);
}

/** The range in words, as the engine's messages give it: "in (0, 1]", "above 1". */
export function stressRangeText(kind: StressKind): string {
  const r = STRESS_RANGES[kind];
  if (r === null) return 'none';
  if (r.max === Infinity) return `above ${r.min}`;
  return `in ${r.minOpen ? '(' : '['}${r.min}, ${r.max}${r.maxOpen ? ')' : ']'}`;
}

/** Check a preset against a run of `days` days: the day within the run, the value within its range. */
export function checkStressPreset(days: number, p: StressPreset): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(p.day) || p.day < 1 || p.day > days) problems.push({ path: '--stress', message: `day must be a whole number from 1 to ${days}; got ${p.day}` });
  const v = p.value;
  if (v !== undefined) {
    const allowed = stressRangeText(p.kind);
    if (allowed === 'none' || !stressValueAllowed(p.kind, v)) problems.push({ path: '--stress', message: `${p.kind} takes ${allowed === 'none' ? 'no value' : `a value ${allowed}`}; got ${v}` });
  }
  return problems;
}

/** parse KIND:DAY[:VALUE] */
export function parseStress(text: string): StressPreset | Problem {
  const [kind, day, value, ...rest] = text.split(':');
  if (!STRESS_KINDS.includes(kind as StressKind) || day === undefined || rest.length) {
    return { path: '--stress', message: `must be KIND:DAY[:VALUE] with KIND one of ${STRESS_KINDS.join(', ')}; got ${JSON.stringify(text)}` };
  }
  if (!/^\d+$/.test(day)) return { path: '--stress', message: `DAY must be a whole number; got ${JSON.stringify(day)} in ${JSON.stringify(text)}` };
  const p: StressPreset = { kind: kind as StressKind, day: Number(day) };
  if (value !== undefined) {
    // the syntax of a number here; its range (and finiteness) is checkStress's
    if (!/^[-+]?((\d+\.?\d*|\.\d+)(e[-+]?\d+)?|Infinity)$/i.test(value)) return { path: '--stress', message: `VALUE must be a number; got ${JSON.stringify(value)} in ${JSON.stringify(text)}` };
    p.value = Number(value);
  }
  return p;
}

/** KIND:DAY[:VALUE], as parseStress reads it. */
export function formatStress(p: StressPreset): string {
  return `${p.kind}:${p.day}${p.value === undefined ? '' : `:${p.value}`}`;
}
