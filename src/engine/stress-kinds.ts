/**
 * The kinds of stress preset, each one's default value and the values it takes: plain data, with
 * nothing imported, so that the scenario's schema (its what-if field) and stress-presets.ts (the
 * dated event each adds, their KIND:DAY[:VALUE] syntax) both read it.
 */
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
