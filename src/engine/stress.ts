/**
 * Stress presets: each is a dated event added to a time-driven scenario, and reports every
 * cohort's figures before it (at the end of the day before) and after it (at the end of the run).
 */
import type { Book } from './book.ts';
import type { CohortRow, FlowResult, Problem } from './result.ts';
import type { DatedEventV1, FlowScenarioV1 } from './scenario/index.ts';
import { bookFor, runFlow } from './flow/run.ts';
import { cohortsNow } from './metrics/cohorts.ts';
import { flowResult } from './metrics/document.ts';
import { checkStressPreset, STRESS_DEFAULTS, stressEvent, type StressPreset } from './stress-presets.ts';

export { STRESS_KINDS, STRESS_DEFAULTS, STRESS_RANGES, stressEvent, parseStress, formatStress, type StressKind, type StressPreset } from './stress-presets.ts';

/**
 * check a preset against the scenario: the day within the run, the value within its range; named
 * at `path` (the command line's --stress is one field; a scenario's whatIf names its day and value)
 */
export function checkStress(s: FlowScenarioV1, p: StressPreset, path = '--stress'): Problem[] {
  const at = (field: 'day' | 'value') => (path === '--stress' ? path : `${path}.${field}`);
  return checkStressPreset(s.flow.days, p).map((q) => ({ ...q, path: at(q.message.startsWith('day ') ? 'day' : 'value') }));
}

export type StressResult = FlowResult & { stress: StressPreset & { event: DatedEventV1; what: string; before: CohortRow[]; after: CohortRow[] } };

/** Run the scenario with the preset's event added, with cohort figures before and after it. */
export function simulateStress(
  s: FlowScenarioV1,
  p: StressPreset,
  opts: { exact?: boolean; onBook?: (book: Book<unknown>) => void } = {},
): { ok: true; result: StressResult } | { ok: false; problems: Problem[] } {
  const problems = checkStress(s, p);
  if (problems.length) return { ok: false, problems };
  const event = stressEvent(p);
  const stressed: FlowScenarioV1 = { ...s, events: [...(s.events ?? []), event] };
  const book = bookFor(stressed, opts);
  opts.onBook?.(book);
  let before: CohortRow[] = p.day === 1 ? cohortsNow(book, stressed, null).cohorts : [];
  const run = runFlow(book, stressed, (d, referral) => {
    if (d === p.day - 1) before = cohortsNow(book, stressed, referral).cohorts;
  });
  if (!run.ok) return run;
  const result = flowResult(run, stressed);
  return {
    ok: true,
    result: { ...result, stress: { ...p, value: p.value ?? STRESS_DEFAULTS[p.kind].value, event, what: STRESS_DEFAULTS[p.kind].what, before, after: result.cohorts } } as StressResult,
  };
}
