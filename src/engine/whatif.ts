/**
 * A what-if beside its baseline, and two scenarios side by side.
 *
 * A what-if (a stress preset: a dated event kept apart from the scenario's own events) is run
 * together with its baseline: the same scenario without it, the same seed, so the same buyers
 * (RULEBOOK §9). What it did is the difference, cohort by cohort (matched by entry period) and in
 * the key figures (src/engine/keyfigures.ts). A comparison runs any two time-driven scenarios (each
 * with its own what-if, if any) and reports both and the difference of B against A; nothing here
 * assumes the two differ in one parameter only.
 */
import type { Book } from './book.ts';
import { parseJsonText } from './json-text.ts';
import { compareCohorts, difference, keyFigureDifference, keyFigures, type CohortChange, type KeyFigureDifference, type KeyFigures } from './keyfigures.ts';
import type { CohortRow, FlowResult, Problem } from './result.ts';
import { FAMILY_WHAT_IFS, kindOf, show, validateScenario, type DatedEventV1, type FlowScenarioV1, type ScenarioV1 } from './scenario/index.ts';
import { checkStress, STRESS_DEFAULTS, stressEvent, type StressPreset } from './stress.ts';
import { simulateFlow } from './flow/simulate.ts';

export interface WhatIfResult extends FlowResult {
  /** the run's own key figures (with the what-if) */
  keyFigures: KeyFigures;
  whatIf: StressPreset & { event: DatedEventV1; what: string };
  /** the same scenario without the what-if: same seed, same buyers */
  baseline: { keyFigures: KeyFigures; cohorts: CohortRow[] };
  /** with the what-if against without it: key figures (with - without); per cohort a = without, b = with */
  difference: { keyFigures: KeyFigureDifference; cohorts: CohortChange[] };
}

/** the scenario without its what-if: the baseline */
export function withoutWhatIf(s: FlowScenarioV1): FlowScenarioV1 {
  const { whatIf: _, ...rest } = s;
  return rest as FlowScenarioV1;
}

/** the scenario with its what-if's event added after its own events (and the what-if field gone) */
export function withWhatIf(s: FlowScenarioV1, w: StressPreset): FlowScenarioV1 {
  const base = withoutWhatIf(s);
  return { ...base, events: [...(base.events ?? []), stressEvent(w)] };
}

/** the preset with its default value filled in (none for stop-orders and stop-test) */
export function presetWithDefault(w: StressPreset): StressPreset {
  const value = w.value ?? STRESS_DEFAULTS[w.kind].value;
  return value === undefined ? { kind: w.kind, day: w.day } : { kind: w.kind, day: w.day, value };
}

/** check a what-if against its scenario; problems are named at `path` (whatIf, comparison.a.whatIf, --stress) */
export function checkWhatIf(s: FlowScenarioV1, w: StressPreset, path = 'whatIf'): Problem[] {
  const kind = s.model?.kind ?? 'seed';
  if (kind !== 'seed' && !FAMILY_WHAT_IFS.includes(w.kind)) {
    return [{ path: path === '--stress' ? path : `${path}.kind`, message: `"${w.kind}" stresses the seed's points; the ${kind} model takes ${FAMILY_WHAT_IFS.join(', ')}` }];
  }
  return checkStress(s, w, path);
}

export type WhatIfOutcome = { ok: true; result: WhatIfResult; book: Book<unknown>; baseline: FlowResult } | { ok: false; problems: Problem[] };

/**
 * Run a scenario with a what-if (the one given, or the scenario's own `whatIf`) and beside it its
 * baseline, the scenario without it.
 */
export function simulateWhatIf(s: FlowScenarioV1, given?: StressPreset, opts: { exact?: boolean; path?: string } = {}): WhatIfOutcome {
  const w = given ?? s.whatIf;
  if (!w) return { ok: false, problems: [{ path: opts.path ?? 'whatIf', message: 'no what-if to run' }] };
  const problems = checkWhatIf(s, w, opts.path ?? 'whatIf');
  if (problems.length) return { ok: false, problems };
  const preset = presetWithDefault(w);
  const base = simulateFlow(withoutWhatIf(s), { exact: opts.exact });
  if (!base.ok) return base;
  const run = simulateFlow(withWhatIf(s, preset), { exact: opts.exact });
  if (!run.ok) return run;
  const kf = keyFigures(run.result);
  const bkf = keyFigures(base.result);
  const result: WhatIfResult = {
    ...run.result,
    keyFigures: kf,
    whatIf: { ...preset, event: stressEvent(preset), what: STRESS_DEFAULTS[preset.kind].what },
    baseline: { keyFigures: bkf, cohorts: base.result.cohorts },
    difference: { keyFigures: keyFigureDifference(bkf, kf), cohorts: compareCohorts(base.result.cohorts, run.result.cohorts) },
  };
  return { ok: true, result, book: run.book, baseline: base.result };
}

// --- comparisons ----------------------------------------------------------------------------

export interface ComparisonV1 {
  version?: 1;
  comparison: { a: FlowScenarioV1; b: FlowScenarioV1 };
}

/** a parsed JSON value that is a comparison file rather than one scenario */
export const isComparisonInput = (input: unknown): boolean =>
  input !== null && typeof input === 'object' && !Array.isArray(input) && 'comparison' in (input as Record<string, unknown>);

const SIDES = ['a', 'b'] as const;

/** Validate a comparison file: the envelope, then each side as a scenario, its problems named comparison.a.… and comparison.b.… */
export function validateComparison(input: unknown): { ok: true; comparison: ComparisonV1 } | { ok: false; problems: Problem[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: `a comparison must be a JSON object; got ${kindOf(input)}` }] };
  }
  const o = input as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const k of Object.keys(o)) {
    if (!['$schema', 'version', 'name', 'description', 'comparison'].includes(k)) problems.push({ path: k, message: `unknown comparison field ${JSON.stringify(k)}; allowed: version, name, description, comparison` });
  }
  if (o['version'] !== undefined && o['version'] !== 1) problems.push({ path: 'version', message: `must be 1; got ${show(o['version'])}` });
  const c = o['comparison'];
  if (c === null || typeof c !== 'object' || Array.isArray(c)) {
    problems.push({ path: 'comparison', message: `must be an object {"a": scenario, "b": scenario}; got ${kindOf(c)}` });
    return { ok: false, problems };
  }
  const sides = c as Record<string, unknown>;
  for (const k of Object.keys(sides)) if (!SIDES.includes(k as 'a')) problems.push({ path: `comparison.${k}`, message: `unknown side ${JSON.stringify(k)}; allowed: a, b` });
  const out: Partial<Record<'a' | 'b', FlowScenarioV1>> = {};
  for (const side of SIDES) {
    const at = `comparison.${side}`;
    if (sides[side] === undefined) {
      problems.push({ path: at, message: 'is required (a time-driven scenario)' });
      continue;
    }
    const v = validateScenario(sides[side]);
    if (!v.ok) {
      problems.push(...v.problems.map((p) => ({ path: p.path ? `${at}.${p.path}` : at, message: p.message })));
      continue;
    }
    const s: ScenarioV1 = v.scenario;
    if (s.flow === undefined) {
      problems.push({ path: `${at}.flow`, message: 'a comparison runs time-driven scenarios; give a flow' });
      continue;
    }
    const f = s as FlowScenarioV1;
    if (f.model !== undefined && f.model.kind !== 'seed') {
      problems.push({ path: `${at}.model`, message: `a comparison runs the seed's model on both sides; run the ${f.model.kind} model on its own, or sweep over models (sweep, an axis of "model")` });
      continue;
    }
    if (f.whatIf) problems.push(...checkWhatIf(f, f.whatIf, `${at}.whatIf`));
    out[side] = f;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, comparison: { version: 1, comparison: { a: out.a!, b: out.b! } } };
}

/** One side's run: the scenario as shown, with its what-if (and that what-if's baseline) when it has one. */
export type SideResult = FlowResult | WhatIfResult;

export interface ComparisonResult {
  a: SideResult;
  b: SideResult;
  /** B against A: key figures (b - a), cohorts matched by entry period, the days both have side by side */
  difference: ReturnType<typeof difference>;
}

/** Run one side as it would be shown: with its what-if beside its baseline, or plainly. */
export function runSide(s: FlowScenarioV1, opts: { exact?: boolean; path?: string } = {}): { ok: true; result: SideResult } | { ok: false; problems: Problem[] } {
  if (s.whatIf) {
    const out = simulateWhatIf(s, undefined, opts);
    return out.ok ? { ok: true, result: out.result } : out;
  }
  const out = simulateFlow(s, { exact: opts.exact });
  return out.ok ? { ok: true, result: out.result } : out;
}

/** Run both sides of a validated comparison and the difference of B against A. */
export function runComparison(c: ComparisonV1, opts: { exact?: boolean } = {}): { ok: true; result: ComparisonResult } | { ok: false; problems: Problem[] } {
  const a = runSide(c.comparison.a, { ...opts, path: 'comparison.a.whatIf' });
  if (!a.ok) return { ok: false, problems: a.problems.map((p) => (p.path.startsWith('comparison.') ? p : { ...p, path: `comparison.a${p.path ? `.${p.path}` : ''}` })) };
  const b = runSide(c.comparison.b, { ...opts, path: 'comparison.b.whatIf' });
  if (!b.ok) return { ok: false, problems: b.problems.map((p) => (p.path.startsWith('comparison.') ? p : { ...p, path: `comparison.b${p.path ? `.${p.path}` : ''}` })) };
  return { ok: true, result: { a: a.result, b: b.result, difference: difference(a.result, b.result) } };
}

/** JSON text that is either one scenario or a comparison, validated as what it is. */
export function parseScenarioOrComparison(
  text: string,
): { ok: true; scenario: ScenarioV1; comparison?: undefined } | { ok: true; comparison: ComparisonV1; scenario?: undefined } | { ok: false; problems: Problem[] } {
  const j = parseJsonText(text);
  if (!j.ok) return { ok: false, problems: [j.problem] };
  const value = j.value;
  if (isComparisonInput(value)) return validateComparison(value);
  return validateScenario(value);
}
