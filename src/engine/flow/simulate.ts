/**
 * A time-driven scenario run and written up: a fresh book (exact or fast), the day loop (run.ts),
 * the result document (metrics/document.ts).
 */
import type { Book } from '../book.ts';
import { flowResult } from '../metrics/document.ts';
import type { FlowResult, Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { bookFor, runFlow } from './run.ts';
import type { SellersAhead } from './sellers.ts';

export type FlowOutcome = { ok: true; result: FlowResult; book: Book<unknown> } | { ok: false; problems: Problem[] };

/**
 * Run a validated time-driven scenario: the fast path by default, the exact one when asked or when
 * the rules ask for platform rounding, unless `roundingOnFloats` asks for the rounded float book
 * (bookFor says which book runs). `sellers`: each day's sellers drawn ahead (runFlow's option: the same result, sooner).
 */
export function simulateFlow(s: FlowScenarioV1, opts: { exact?: boolean; roundingOnFloats?: boolean; sellers?: SellersAhead | null } = {}): FlowOutcome {
  // a scenario of another model of the family never runs as the seed's
  if (s.model !== undefined && s.model.kind !== 'seed') return { ok: false, problems: [{ path: 'model.kind', message: `runs the seed's model; the ${s.model.kind} model runs with simulateFamily` }] };
  const book = bookFor(s, opts);
  const run = runFlow(book, s, undefined, { sellers: opts.sellers ?? null });
  if (!run.ok) return run;
  return { ok: true, result: flowResult(run, s), book };
}
