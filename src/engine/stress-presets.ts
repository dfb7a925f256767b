/**
 * The stress presets as plain data (a module with no decimal.js and no zod, so that the explorer's
 * page lists them, checks their values and writes them into its address without loading the
 * engine): the kinds, each one's default value and allowed range (stress-kinds.ts, which the
 * scenario's schema reads for its what-if field), the dated event each adds, and the
 * KIND:DAY[:VALUE] syntax that `simulate --stress` and the explorer's address share.
 * src/engine/stress.ts runs them.
 */
import type { Problem } from './problem.ts';
import type { DatedEventV1 } from './scenario/schema.ts';
import { STRESS_DEFAULTS, STRESS_KINDS, stressRangeText, stressValueAllowed, type StressKind, type StressPreset } from './stress-kinds.ts';

export * from './stress-kinds.ts';

/** The dated event a preset adds to the scenario. */
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
