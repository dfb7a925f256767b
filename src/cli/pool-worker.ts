/**
 * A worker thread of the node task pool (pool.ts): answers each task with the engine's
 * `answerTask`, typed arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { answerTask, type TaskMessage } from '../engine/index.ts';

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs as a worker thread of src/cli/pool.ts');
port.on('message', (m: TaskMessage) => {
  const { reply, transfer } = answerTask(m);
  port.postMessage(reply, transfer);
});
