/**
 * The engine's WorkerPool (src/engine/batch/pool.ts) on node:worker_threads: a fixed number of
 * workers (default os.availableParallelism()), each running pool-worker.ts, taken from those a
 * command started early (threads.ts) or started here. The explorer builds the same pool on Web
 * Workers.
 */
import { WorkerPool, type PoolWorker, type TaskReply } from '../engine/index.ts';
import { defaultPoolSize, stopSpares, thread } from './threads.ts';

export { defaultPoolSize, MAX_WORKERS } from './threads.ts';

/** A worker thread as the pool drives it. */
export function nodeWorker(): PoolWorker {
  const { worker: w, failed } = thread();
  return {
    post: (m) => w.postMessage(m),
    listen(onReply, onFail) {
      const onMessage = (m: TaskReply) => onReply(m);
      const onExit = (code: number) => onFail(new Error(`a worker stopped (exit code ${code}) with tasks outstanding`));
      w.on('message', onMessage);
      w.on('error', onFail);
      w.on('exit', onExit);
      // it failed while it waited to be taken (threads.ts): say so as soon as the pool listens
      if (failed) queueMicrotask(() => onFail(failed));
      return () => {
        w.off('message', onMessage);
        w.off('error', onFail);
        w.off('exit', onExit);
      };
    },
    terminate: () => w.terminate(),
  };
}

/** The pool on worker threads; closing it also stops the threads started early that it did not need. */
export class NodeWorkerPool extends WorkerPool {
  constructor(size: number = defaultPoolSize()) {
    super(nodeWorker, size);
  }
  override async close(): Promise<void> {
    await Promise.all([super.close(), stopSpares()]);
  }
}
