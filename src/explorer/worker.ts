/// <reference lib="webworker" />
/**
 * The explorer's Web Worker: runs the engine off the main thread. Three kinds of message:
 * run (a scenario for the charts), parse (a scenario file's text, validated with the engine's
 * messages) and task (a step of a sweep or Monte Carlo, answered by the engine's `answerTask` as
 * the command's worker threads answer it: planning, one cell or seed, combining).
 * The client (client.ts) sends one message at a time to each worker and drops stale answers.
 */
import { answerTask, parseScenario } from '../engine/index.ts';
import { runExplorer, validateFlow } from './run.ts';
import type { WorkerIn, WorkerOut } from './protocol.ts';

const post = (msg: WorkerOut, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<WorkerIn>) => {
  const m = e.data;
  if (m.type === 'task') {
    const { reply, transfer } = answerTask(m);
    return post(reply, transfer);
  }
  try {
    if (m.type === 'run') post({ type: 'run', id: m.id, out: runExplorer(m.req) });
    else if (m.type === 'parse') {
      const v = parseScenario(m.text);
      const out = v.ok ? validateFlow(v.scenario) : v;
      post({ type: 'parse', id: m.id, out: out.ok ? { ok: true, scenario: out.scenario as unknown as Record<string, unknown> } : out });
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
};
