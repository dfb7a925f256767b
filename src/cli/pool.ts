/**
 * The engine's TaskRunner (src/engine/tasks.ts) on node:worker_threads: a fixed number of workers
 * (default os.availableParallelism()), each fed the next task as soon as it answers, outputs put
 * back in input order. A browser pool would implement the same interface on Web Workers.
 *
 * Under tsx (the npm scripts, the tests) the worker is a .ts file: it is started with tsx's loader
 * (`--import tsx`, resolved from this project) so that it can load TypeScript.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TaskInput, TaskKind, TaskOutput, TaskRunner } from '../engine/tasks.ts';
import type { ReplyMessage, TaskMessage } from './pool-worker.ts';

const isTs = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(isTs ? './pool-worker.ts' : './pool-worker.js', import.meta.url);
const execArgv = (): string[] => (isTs ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []);

export const defaultPoolSize = (): number => Math.max(1, availableParallelism());

export class WorkerPool implements TaskRunner {
  readonly size: number;
  private workers: Worker[] = [];
  private busy = false;
  private closed = false;

  constructor(size: number = defaultPoolSize()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a whole number >= 1; got ${size}`);
    this.size = size;
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_URL, { execArgv: execArgv() });
    this.workers.push(w);
    return w;
  }

  map<K extends TaskKind>(kind: K, inputs: readonly TaskInput<K>[], onProgress?: (done: number, total: number) => void): Promise<TaskOutput<K>[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.busy) return Promise.reject(new Error('the worker pool runs one map at a time'));
    const total = inputs.length;
    if (total === 0) return Promise.resolve([]);
    this.busy = true;
    while (this.workers.length < Math.min(this.size, total)) this.spawn();
    const crew = this.workers.slice(0, Math.min(this.size, total));
    const results = new Array<TaskOutput<K>>(total);
    let next = 0;
    let done = 0;

    return new Promise<TaskOutput<K>[]>((resolve, reject) => {
      const cleanups: (() => void)[] = [];
      const finish = (err?: Error) => {
        for (const c of cleanups) c();
        this.busy = false;
        if (err) {
          // the other workers may be mid-task: stop them all, the next map starts afresh
          void this.stopWorkers();
          reject(err);
        } else resolve(results);
      };
      const feed = (w: Worker) => {
        if (next >= total) return;
        const id = next++;
        w.postMessage({ id, kind, input: inputs[id] } satisfies TaskMessage);
      };
      for (const w of crew) {
        const onMessage = (m: ReplyMessage) => {
          if (!m.ok) return finish(new Error(`task ${m.id} (${kind}) failed in a worker: ${m.error}`));
          results[m.id] = m.output as TaskOutput<K>;
          done++;
          onProgress?.(done, total);
          if (done === total) finish();
          else feed(w);
        };
        const onError = (e: Error) => finish(e);
        const onExit = (code: number) => finish(new Error(`a worker stopped (exit code ${code}) with tasks outstanding`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        feed(w);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorkers();
  }

  private async stopWorkers(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
