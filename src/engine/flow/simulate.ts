/**
 * A time-driven scenario run and written up: a fresh book (exact or fast), the day loop (run.ts),
 * the result document (metrics/document.ts).
 */
import type { Book } from '../book.ts';
import { flowResult } from '../metrics/document.ts';
import type { FlowResult, Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { bookFor, runFlow } from './run.ts';

export type FlowOutcome = { ok: true; result: FlowResult; book: Book<unknown> } | { ok: false; problems: Problem[] };

/**
 * Run a validated time-driven scenario: the fast path by default, the exact one when asked or when
 * the rules ask for platform rounding (the fast path has none).
 */
export function simulateFlow(s: FlowScenarioV1, opts: { exact?: boolean } = {}): FlowOutcome {
  const book = bookFor(s, opts);
  const run = runFlow(book, s);
  if (!run.ok) return run;
  return { ok: true, result: flowResult(run, s), book };
}
