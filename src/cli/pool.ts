/**
 * The engine's WorkerPool (src/engine/batch/pool.ts) on node:worker_threads: a fixed number of
 * workers (default os.availableParallelism()), each running pool-worker.ts. The explorer builds the
 * same pool on Web Workers.
 *
 * Under tsx (the npm scripts, the tests) the worker is a .ts file: it is started with tsx's loader
 * (`--import tsx`, resolved from this project) so that it can load TypeScript.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerPool, type PoolWorker, type TaskReply } from '../engine/index.ts';

const isTs = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(isTs ? './pool-worker.ts' : './pool-worker.js', import.meta.url);
const execArgv = (): string[] => (isTs ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []);

export const defaultPoolSize = (): number => Math.max(1, availableParallelism());

/** A worker thread as the pool drives it. */
export function nodeWorker(): PoolWorker {
  const w = new Worker(WORKER_URL, { execArgv: execArgv() });
  return {
    post: (m) => w.postMessage(m),
    listen(onReply, onFail) {
      const onMessage = (m: TaskReply) => onReply(m);
      const onExit = (code: number) => onFail(new Error(`a worker stopped (exit code ${code}) with tasks outstanding`));
      w.on('message', onMessage);
      w.on('error', onFail);
      w.on('exit', onExit);
      return () => {
        w.off('message', onMessage);
        w.off('error', onFail);
        w.off('exit', onExit);
      };
    },
    terminate: () => w.terminate(),
  };
}

/** The pool on worker threads. */
export class NodeWorkerPool extends WorkerPool {
  constructor(size: number = defaultPoolSize()) {
    super(nodeWorker, size);
  }
}
