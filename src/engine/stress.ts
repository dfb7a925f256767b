/**
 * Stress presets: each is a dated event added to a time-driven scenario, and reports every
 * cohort's figures before it (at the end of the day before) and after it (at the end of the run).
 */
import type { Book } from './book.ts';
import type { CohortRow, FlowResult, Problem } from './result.ts';
import { STRESS_KINDS, type DatedEventV1, type FlowScenarioV1 } from './scenario.ts';
import { bookFor, cohortsNow, flowResult, runFlow } from './timeline.ts';

// the kinds are the scenario format's (a what-if names one), defined there
export { STRESS_KINDS };
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

export function stressEvent(p: StressPreset): DatedEventV1 {
  const v = p.value ?? STRESS_DEFAULTS[p.kind].value;
  switch (p.kind) {
    case 'stop-orders':
      return { day: p.day, stopOrders: true };
    case 'run':
      return { day: p.day, run: { share: v! } };
    case 'skim':
      return { day: p.day, withdraw: { share: v! } };
    case 'gift-down':
      return { day: p.day, rules: { giftRatio: v! } };
    case 'withholding-up':
      return { day: p.day, rules: { sellWithholding: v! } };
    case 'exit-down':
      return { day: p.day, rules: { exitMultiple: v! } };
    case 'stop-test':
      return { day: p.day, stopTest: true };
  }
}

/** check a preset against the scenario: the day within the run, the value within its range */
export function checkStress(s: FlowScenarioV1, p: StressPreset, path = '--stress'): Problem[] {
  const problems: Problem[] = [];
  // a scenario's whatIf names its own fields; the command line's --stress is one field
  const at = (field: 'day' | 'value') => (path === '--stress' ? path : `${path}.${field}`);
  if (!Number.isInteger(p.day) || p.day < 1 || p.day > s.flow.days) problems.push({ path: at('day'), message: `day must be a whole number from 1 to ${s.flow.days}; got ${p.day}` });
  const v = p.value;
  if (v !== undefined) {
    const bad =
      !Number.isFinite(v) ||
      (p.kind === 'run' && !(v > 0 && v <= 1)) ||
      (p.kind === 'skim' && !(v > 0 && v < 1)) ||
      (p.kind === 'gift-down' && !(v >= 0 && v <= 1)) ||
      (p.kind === 'withholding-up' && !(v >= 0 && v < 1)) ||
      (p.kind === 'exit-down' && !(v > 1));
    const allowed = { run: 'in (0, 1]', skim: 'in (0, 1)', 'gift-down': 'in [0, 1]', 'withholding-up': 'in [0, 1)', 'exit-down': 'above 1', 'stop-orders': 'none', 'stop-test': 'none' }[p.kind];
    if (bad || allowed === 'none') problems.push({ path: at('value'), message: `${p.kind} takes ${allowed === 'none' ? 'no value' : `a value ${allowed}`}; got ${v}` });
  }
  return problems;
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
