/**
 * A worker thread of the node task pool (pool.ts): answers each task with the engine's
 * `answerRunTask` (src/engine/worker.ts: the per-cell and per-seed tasks, which is all a command
 * hands its threads, without the scenario's schemas), typed arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { answerRunTask, type TaskMessage } from '../engine/worker.ts';

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs as a worker thread of src/cli/pool.ts');
port.on('message', (m: TaskMessage) => {
  const { reply, transfer } = answerRunTask(m);
  port.postMessage(reply, transfer);
});
