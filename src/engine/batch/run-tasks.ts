/**
 * The tasks that run once per sweep cell or Monte Carlo seed (`outcomes`, `summary`), and how a
 * worker answers a task message from a table of them. Kept apart from tasks.ts, whose other kinds
 * plan and combine with the scenario's schemas (zod): a worker that is only ever handed these two
 * (node's worker threads, through src/engine/worker.ts) loads none of the schemas, and so starts
 * sooner (about 25 ms of a thread's start-up, once per thread and command). Pure: no node imports,
 * no DOM, no zod.
 */
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { isFamily } from '../family/run.ts';
import { cellOutcomes, type Outcome, type OutcomesInput, type OutcomesOutput } from './outcomes.ts';
import { summariseScenario, summaryBuffers, type RunSummary, type SummaryOutcome } from './summary.ts';
import { familySummaryBuffers, summariseFamilyScenario, type FamilyRunSummary, type FamilySummaryOutcome } from './family-summary.ts';

export type AnySummaryOutcome = SummaryOutcome | FamilySummaryOutcome;

/** Run one seed's scenario, of any model, and summarise it (the `summary` task). */
export function summariseAny(s: FlowScenarioV1, outcomes?: readonly Outcome[]): AnySummaryOutcome {
  return isFamily(s) ? summariseFamilyScenario(s, outcomes) : summariseScenario(s, outcomes);
}

/** The tasks run once per cell or seed. */
export const RUN_TASKS = {
  /** one sweep cell: run the scenario, compute the outcomes */
  outcomes: cellOutcomes as (input: OutcomesInput) => OutcomesOutput,
  /** one Monte Carlo run: run the scenario (its own seed, any model), summarise it */
  summary: ({ scenario, outcomes }: OutcomesInput): AnySummaryOutcome => summariseAny(scenario, outcomes),
};

/** Buffers of an output that a worker may transfer instead of copying. */
export function transferables(kind: string, output: unknown): ArrayBuffer[] {
  if (kind === 'summary') {
    const o = output as AnySummaryOutcome;
    if (!o.ok) return [];
    return 'family' in o.summary ? familySummaryBuffers(o.summary as FamilyRunSummary) : summaryBuffers(o.summary as RunSummary);
  }
  return [];
}

/** A task sent to a worker. */
export interface TaskMessage {
  type: 'task';
  id: number;
  kind: string;
  input: unknown;
}
/** A worker's answer: the task's output, or what went wrong (a failure of the code, not a problem with the input). */
export type TaskReply = { type: 'task'; id: number; ok: true; output: unknown } | { type: 'task'; id: number; ok: false; error: string };

/** What a worker does with a task message, given the tasks it knows: the reply to post, and the buffers to transfer with it. */
export function answerFrom(tasks: Readonly<Record<string, (input: never) => unknown>>, m: TaskMessage): { reply: TaskReply; transfer: ArrayBuffer[] } {
  try {
    if (!Object.hasOwn(tasks, m.kind)) return { reply: { type: 'task', id: m.id, ok: false, error: `unknown task kind ${JSON.stringify(m.kind)}; allowed: ${Object.keys(tasks).join(', ')}` }, transfer: [] };
    const output = tasks[m.kind]!(m.input as never);
    return { reply: { type: 'task', id: m.id, ok: true, output }, transfer: transferables(m.kind, output) };
  } catch (e) {
    return { reply: { type: 'task', id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, transfer: [] };
  }
}

/** A worker that is handed only the per-cell and per-seed tasks (node's worker threads): its answer to a task message. */
export const answerRunTask = (m: TaskMessage): { reply: TaskReply; transfer: ArrayBuffer[] } => answerFrom(RUN_TASKS, m);
