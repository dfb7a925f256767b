/**
 * A worker thread of the node task pool (pool.ts): answers each task with the engine's
 * `answerRunTask` (src/engine/worker.ts: the per-cell and per-seed tasks, which is all a command
 * hands its threads, without the scenario's schemas), typed arrays transferred rather than copied.
 *
 * Each task's run takes the big buffers of the tasks before it (the engine's BufferPool, as the
 * explorer's worker does) rather than faulting in new pages: a sweep's cells and a Monte Carlo's
 * seeds are runs of one size after another. On the 20 x 20 sweep of 100,000-order years (2 threads)
 * page faults fell from about 100,000 to 54,000 and the command's time by about 4%; 100 Monte Carlo
 * seeds of one such year by about 5%. At most KEEP_BYTES a thread are kept between tasks.
 */
import { parentPort } from 'node:worker_threads';
import { answerRunTask, BufferPool, useLargeBuffers, type TaskMessage } from '../engine/worker.ts';

/** the most bytes of buffers a thread keeps between tasks: a cell of a few million buyers */
const KEEP_BYTES = 64 * 1024 * 1024;

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs as a worker thread of src/cli/pool.ts');
const pool = new BufferPool(KEEP_BYTES);
useLargeBuffers(pool.take);
port.on('message', (m: TaskMessage) => {
  try {
    const { reply, transfer } = answerRunTask(m);
    port.postMessage(reply, transfer);
  } finally {
    // the task's runs are over (its reply holds numbers and arrays of its own, a transferred one is never kept)
    pool.reclaim();
  }
});
