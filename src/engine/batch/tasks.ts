/**
 * Work that sweeps and Monte Carlo hand out, one independent run at a time, and the small interface
 * of whatever runs it: worker threads in node (src/cli/pool.ts), Web Workers in a browser later, or
 * the calling thread (InlineRunner). Pure: no node imports.
 *
 * A worker of any kind only has to do this with each message `{id, kind, input}`:
 *
 *   const output = TASKS[kind](input);
 *   postMessage({ id, ok: true, output }, transferables(kind, output));
 *
 * Inputs and outputs are structured-cloneable (plain objects, arrays, typed arrays).
 */
import { summaryBuffers, summariseScenario, type SummaryOutcome } from './montecarlo.ts';
import { outcomeValues, runBare, type Outcome } from './outcomes.ts';
import type { Problem } from './result.ts';
import type { FlowScenarioV1 } from './scenario.ts';

export type OutcomesOutput = { ok: true; values: (number | null)[] } | { ok: false; problems: Problem[] };

export interface TaskTypes {
  /** one sweep cell: run the scenario, compute the outcomes */
  outcomes: { input: { scenario: FlowScenarioV1; outcomes: Outcome[] }; output: OutcomesOutput };
  /** one Monte Carlo run: run the scenario (its own seed), summarise it */
  summary: { input: { scenario: FlowScenarioV1; outcomes: Outcome[] }; output: SummaryOutcome };
}
export type TaskKind = keyof TaskTypes;
export type TaskInput<K extends TaskKind> = TaskTypes[K]['input'];
export type TaskOutput<K extends TaskKind> = TaskTypes[K]['output'];

export const TASKS: { [K in TaskKind]: (input: TaskInput<K>) => TaskOutput<K> } = {
  outcomes: ({ scenario, outcomes }) => {
    const r = runBare(scenario);
    return r.ok ? { ok: true, values: outcomeValues(r.run, outcomes) } : r;
  },
  summary: ({ scenario, outcomes }) => summariseScenario(scenario, outcomes),
};

/** Buffers of an output that a worker may transfer instead of copying. */
export function transferables(kind: TaskKind, output: unknown): ArrayBuffer[] {
  if (kind === 'summary') {
    const o = output as SummaryOutcome;
    return o.ok ? summaryBuffers(o.summary) : [];
  }
  return [];
}

/** Run one task by kind (what a worker does with each message). */
export function runTask<K extends TaskKind>(kind: K, input: TaskInput<K>): TaskOutput<K> {
  return (TASKS[kind] as (i: TaskInput<K>) => TaskOutput<K>)(input);
}

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
