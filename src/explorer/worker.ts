/// <reference lib="webworker" />
/**
 * The explorer's Web Worker: runs the engine off the main thread. Three kinds of message:
 * run (a scenario for the charts), parse (a scenario file's text, validated with the engine's
 * messages) and task (one sweep cell or Monte Carlo seed, as src/engine/tasks.ts defines).
 * The client (client.ts) sends one message at a time to each worker and drops stale answers.
 */
import { runTask, transferables, type TaskKind } from '../engine/tasks.ts';
import { parseScenario } from '../engine/scenario.ts';
import { runRequest, validateFlow } from './run.ts';
import { PLANS } from './batch.ts';
import type { WorkerIn, WorkerOut } from './protocol.ts';

const post = (msg: WorkerOut, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<WorkerIn>) => {
  const m = e.data;
  try {
    if (m.type === 'run') post({ type: 'run', id: m.id, out: runRequest(m.req) });
    else if (m.type === 'parse') {
      const v = parseScenario(m.text);
      const out = v.ok ? validateFlow(v.scenario) : v;
      post({ type: 'parse', id: m.id, out: out.ok ? { ok: true, scenario: out.scenario as unknown as Record<string, unknown> } : out });
    } else if (m.type === 'task' && m.kind in PLANS) {
      post({ type: 'task', id: m.id, output: (PLANS[m.kind as keyof typeof PLANS] as (i: unknown) => unknown)(m.input) });
    } else if (m.type === 'task') {
      const output = runTask(m.kind as TaskKind, m.input as never);
      post({ type: 'task', id: m.id, output }, transferables(m.kind as TaskKind, output));
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
};
