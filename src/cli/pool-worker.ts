/**
 * A worker thread of the node task pool (pool.ts): runs each task it is sent with the engine's
 * pure task table and posts the output back, typed arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, transferables, type TaskKind } from '../engine/tasks.ts';

export interface TaskMessage {
  id: number;
  kind: TaskKind;
  input: unknown;
}
export type ReplyMessage = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs as a worker thread of src/cli/pool.ts');
port.on('message', (m: TaskMessage) => {
  try {
    const output = runTask(m.kind, m.input as never);
    port.postMessage({ id: m.id, ok: true, output } satisfies ReplyMessage, transferables(m.kind, output));
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ReplyMessage);
  }
});
