/**
 * The work that sweeps and Monte Carlo hand out, and the small interface of whatever runs it: a
 * WorkerPool (pool.ts) of node worker threads (src/cli/pool.ts) or browser Web Workers (the
 * explorer), or the calling thread (InlineRunner). Pure: no node imports, no DOM.
 *
 * Two kinds run once per cell or seed (`outcomes`, `summary`); three run once per sweep or Monte
 * Carlo and let a browser page plan and combine in a worker, with the engine's own functions,
 * without loading the engine itself (`sweep-plan`, `mc-plan`, `mc-combine`; run.ts strings them
 * together). A worker of any kind does with each message `{type: 'task', id, kind, input}`:
 *
 *   const { reply, transfer } = answerTask(message);
 *   postMessage(reply, transfer);
 *
 * Inputs and outputs are structured-cloneable (plain objects, arrays, typed arrays).
 */
import { finishMonteCarlo, planMonteCarloFor, type AnyMonteCarloOutcome, type MonteCarloPlan, type PlannedMonteCarlo } from './montecarlo.ts';
import type { OutcomesInput, OutcomesOutput } from './outcomes.ts';
import { answerFrom, RUN_TASKS, type AnySummaryOutcome, type TaskMessage, type TaskReply } from './run-tasks.ts';
import { validateSweep, type ValidatedSweep } from './sweep.ts';

export type { OutcomesOutput } from './outcomes.ts';
export type { TaskMessage, TaskReply } from './run-tasks.ts';

export interface TaskTypes {
  /** one sweep cell: run the scenario, compute the outcomes */
  outcomes: { input: OutcomesInput; output: OutcomesOutput };
  /** one Monte Carlo run: run the scenario (its own seed, any model), summarise it */
  summary: { input: OutcomesInput; output: AnySummaryOutcome };
  /** a sweep given inline (its base an object): validated, with its cells */
  'sweep-plan': { input: unknown; output: ValidatedSweep };
  /** a scenario (as JSON) and a seed count: validated, with one summary task per seed */
  'mc-plan': { input: { scenario: unknown; count: number }; output: PlannedMonteCarlo };
  /** the summaries combined into the Monte Carlo document */
  'mc-combine': { input: { plan: MonteCarloPlan; outs: AnySummaryOutcome[] }; output: AnyMonteCarloOutcome };
}
export type TaskKind = keyof TaskTypes;
export type TaskInput<K extends TaskKind> = TaskTypes[K]['input'];
export type TaskOutput<K extends TaskKind> = TaskTypes[K]['output'];

export const TASKS: { [K in TaskKind]: (input: TaskInput<K>) => TaskOutput<K> } = {
  ...RUN_TASKS,
  'sweep-plan': (input) => validateSweep(input),
  'mc-plan': planMonteCarloFor,
  'mc-combine': ({ plan, outs }) => finishMonteCarlo(plan, outs),
};

/** Run one task by kind (what a worker does with each message). */
export function runTask<K extends TaskKind>(kind: K, input: TaskInput<K>): TaskOutput<K> {
  return (TASKS[kind] as (i: TaskInput<K>) => TaskOutput<K>)(input);
}

/** What a worker of any kind does with a task message: the reply to post, and the buffers to transfer with it. */
export const answerTask = (m: TaskMessage): { reply: TaskReply; transfer: ArrayBuffer[] } => answerFrom(TASKS, m);

/** What runs tasks: outputs come back in the order of the inputs, whatever order they finish in. */
export interface TaskRunner {
  /** tasks run at once */
  readonly size: number;
  map<K extends TaskKind>(kind: K, inputs: readonly TaskInput<K>[], onProgress?: (done: number, total: number) => void): Promise<TaskOutput<K>[]>;
  /** stop the workers; the runner cannot be used after */
  close(): Promise<void>;
}

/** Runs every task on the calling thread, in order: for tests, and where no worker is at hand. */
export class InlineRunner implements TaskRunner {
  readonly size = 1;
  async map<K extends TaskKind>(kind: K, inputs: readonly TaskInput<K>[], onProgress?: (done: number, total: number) => void): Promise<TaskOutput<K>[]> {
    const out: TaskOutput<K>[] = [];
    for (const input of inputs) {
      out.push(runTask(kind, input));
      onProgress?.(out.length, inputs.length);
    }
    return out;
  }
  async close(): Promise<void> {}
}
