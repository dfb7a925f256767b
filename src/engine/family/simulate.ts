/**
 * A run of a model of the family, written up (family/run.ts, family/document.ts); with a what-if,
 * run beside its baseline (the same scenario without it: the same buyers).
 */
import { exact, fast } from '../arith.ts';
import type { Problem } from '../problem.ts';
import { STRESS_DEFAULTS, type StressPreset } from '../stress.ts';
import { checkWhatIf, presetWithDefault, withWhatIf, withoutWhatIf } from '../whatif.ts';
import { familyResult } from './document.ts';
import { followBuyer } from './follow.ts';
import type { FamilyResult } from './result.ts';
import { runFamily, type FamilyScenario } from './run.ts';

export type FamilyOutcome = { ok: true; result: FamilyResult } | { ok: false; problems: Problem[] };

export interface FamilyRunOptions {
  exact?: boolean;
  /** follow the first new buyer of this entry day (or the first day after it with one): the result's `follow` */
  follow?: number | null;
}

/** Run a validated scenario of the family: the fast path unless exact is asked for; with `follow`, one buyer day by day. */
export function simulateFamily(s: FamilyScenario, opts: FamilyRunOptions = {}): FamilyOutcome {
  const from = opts.follow ?? null;
  if (from !== null && !(Number.isInteger(from) && from >= 1 && from <= s.flow.days)) return { ok: false, problems: [{ path: 'follow', message: `must be an entry day, a whole number from 1 to ${s.flow.days} (the run's days); got ${from}` }] };
  const run = opts.exact === true ? runFamily(exact, s) : runFamily(fast, s);
  if (!run.ok) return run;
  const result = familyResult(run as never, s);
  if (from !== null) result.follow = followBuyer(run as never, from, s.flow.days);
  return { ok: true, result };
}

/** A family run with a what-if, and what its baseline (the same scenario without it) shows beside it. */
export interface FamilyWhatIfResult extends FamilyResult {
  whatIf: StressPreset & { what: string };
  baseline: Pick<FamilyResult, 'final' | 'failure' | 'aggregate' | 'cohorts'>;
}

/** what a what-if does to a model of the family, where it differs from the seed's (there, every holder sells) */
const FAMILY_WHAT: Partial<Record<StressPreset['kind'], string>> = {
  'stop-test': 'the stop test: orders stop and the model runs on, paying what its fund can (RULEBOOK §9.1)',
  skim: 'the operator takes a share of the fund',
};

export function simulateFamilyWhatIf(s: FamilyScenario, given: StressPreset | undefined, opts: FamilyRunOptions & { path?: string } = {}): { ok: true; result: FamilyWhatIfResult } | { ok: false; problems: Problem[] } {
  const w = given ?? s.whatIf;
  const path = opts.path ?? 'whatIf';
  if (!w) return { ok: false, problems: [{ path, message: 'no what-if to run' }] };
  const problems = checkWhatIf(s, w, path);
  if (problems.length) return { ok: false, problems };
  const preset = presetWithDefault(w);
  // the buyer is followed in the run with the what-if, as the seed's explorer follows it
  const base = simulateFamily(withoutWhatIf(s) as FamilyScenario, { exact: opts.exact });
  if (!base.ok) return base;
  const run = simulateFamily(withWhatIf(s, preset) as FamilyScenario, opts);
  if (!run.ok) return run;
  const { final, failure, aggregate, cohorts } = base.result;
  return { ok: true, result: { ...run.result, whatIf: { ...preset, what: FAMILY_WHAT[preset.kind] ?? STRESS_DEFAULTS[preset.kind].what }, baseline: { final, failure, aggregate, cohorts } } };
}
