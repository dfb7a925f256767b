/**
 * The one worker pool: a TaskRunner over a fixed number of workers, each fed the next task as soon
 * as it answers, outputs put back in input order. What a worker is comes from the caller, through
 * `spawn`: node's worker_threads (src/cli/pool.ts) or a browser's Web Workers (the explorer). Both
 * run `answerTask` (tasks.ts) on each message. Pure: no node imports, no DOM.
 */
import type { TaskInput, TaskKind, TaskMessage, TaskOutput, TaskReply, TaskRunner } from './tasks.ts';

/** A worker as the pool drives it. */
export interface PoolWorker {
  post(message: TaskMessage): void;
  /**
   * Hear the worker: each reply, and its failure (an error it threw outside a task, or its end
   * while tasks were outstanding). Returns what stops listening.
   */
  listen(onReply: (reply: TaskReply) => void, onFail: (error: Error) => void): () => void;
  /** stop the worker */
  terminate(): unknown;
}

export class WorkerPool implements TaskRunner {
  readonly size: number;
  private workers: PoolWorker[] = [];
  private busy = false;
  private closed = false;
  /** ends the map in progress with an error (close() calls it) */
  private abort: ((e: Error) => void) | null = null;

  constructor(
    private readonly spawn: () => PoolWorker,
    size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a whole number >= 1; got ${size}`);
    this.size = size;
  }

  map<K extends TaskKind>(kind: K, inputs: readonly TaskInput<K>[], onProgress?: (done: number, total: number) => void): Promise<TaskOutput<K>[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.busy) return Promise.reject(new Error('the worker pool runs one map at a time'));
    const total = inputs.length;
    if (total === 0) return Promise.resolve([]);
    this.busy = true;
    while (this.workers.length < Math.min(this.size, total)) this.workers.push(this.spawn());
    const crew = this.workers.slice(0, Math.min(this.size, total));
    const results = new Array<TaskOutput<K>>(total);
    let next = 0;
    let done = 0;

    return new Promise<TaskOutput<K>[]>((resolve, reject) => {
      const unlisten: (() => void)[] = [];
      let over = false;
      const finish = (err?: Error) => {
        if (over) return;
        over = true;
        for (const u of unlisten) u();
        this.busy = false;
        this.abort = null;
        if (err) {
          // the other workers may be mid-task: stop them all, the next map starts afresh
          void this.stopWorkers();
          reject(err);
        } else resolve(results);
      };
      this.abort = finish;
      const feed = (w: PoolWorker) => {
        if (next >= total) return;
        const id = next++;
        w.post({ type: 'task', id, kind, input: inputs[id] });
      };
      for (const w of crew) {
        const onReply = (m: TaskReply) => {
          if (!m.ok) return finish(new Error(`task ${m.id} (${kind}) failed in a worker: ${m.error}`));
          results[m.id] = m.output as TaskOutput<K>;
          done++;
          onProgress?.(done, total);
          if (done === total) finish();
          else feed(w);
        };
        unlisten.push(w.listen(onReply, finish));
        feed(w);
      }
    });
  }

  /** Stop the workers; a map in progress fails with "the worker pool was closed". */
  async close(): Promise<void> {
    this.closed = true;
    this.abort?.(new Error('the worker pool was closed'));
    await this.stopWorkers();
  }

  private stopWorkers(): Promise<unknown> {
    const ws = this.workers;
    this.workers = [];
    return Promise.all(ws.map((w) => w.terminate()));
  }
}
