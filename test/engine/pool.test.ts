import { describe, expect, it } from 'vitest';
import { answerTask, InlineRunner, WorkerPool, type PoolWorker, type TaskMessage, type TaskReply } from '../../src/engine/index.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';

// The one worker pool (src/engine/batch/pool.ts) over fake workers that answer in this thread,
// each after its own delay, so that replies come back out of order: what node's worker threads
// and the browser's Web Workers both go through.
function fakeWorker(delays: number[], log: string[], fail?: (m: TaskMessage) => boolean): () => PoolWorker {
  let n = 0;
  return () => {
    const me = n++;
    let onReply: ((r: TaskReply) => void) | null = null;
    let onFail: ((e: Error) => void) | null = null;
    let alive = true;
    return {
      post(m) {
        log.push(`w${me}:${m.id}`);
        setTimeout(() => {
          if (!alive) return;
          if (fail?.(m)) onFail?.(new Error(`worker ${me} stopped`));
          else onReply?.(answerTask(m).reply);
        }, delays[me % delays.length]);
      },
      listen(r, f) {
        onReply = r;
        onFail = f;
        return () => {
          onReply = null;
          onFail = null;
        };
      },
      terminate() {
        alive = false;
      },
    };
  };
}

const scenario = buildScenario({ ...DEFAULTS, perDay: 5, growth: 'constant', days: 20 }).scenario;

describe('the worker pool', () => {
  it('hands the tasks to its workers as they answer and puts the outputs back in input order, with progress', async () => {
    const log: string[] = [];
    // worker 0 answers in 1 ms, worker 1 in 15 ms: worker 0 takes most tasks, and they finish out of order
    const pool = new WorkerPool(fakeWorker([1, 15], log), 2);
    const plans = [3, 1, 4, 1, 5].map((seed) => ({ scenario: { ...scenario, flow: { ...(scenario['flow'] as object), seed } }, count: 2 }));
    const progress: number[] = [];
    const out = await pool.map('mc-plan', plans, (d) => progress.push(d));
    const ref = await new InlineRunner().map('mc-plan', plans);
    expect(out).toEqual(ref);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(log.filter((l) => l.startsWith('w0')).length).toBeGreaterThan(log.filter((l) => l.startsWith('w1')).length);
    await pool.close();
  });

  it('a worker that fails rejects the map with its error, and the pool starts afresh after', async () => {
    let failOnce = true;
    const pool = new WorkerPool(fakeWorker([1], [], (m) => m.id === 1 && failOnce && !(failOnce = false)), 1);
    await expect(pool.map('mc-plan', [{ scenario, count: 1 }, { scenario, count: 1 }])).rejects.toThrow('worker 0 stopped');
    await expect(pool.map('mc-plan', [{ scenario, count: 1 }, { scenario, count: 1 }])).resolves.toHaveLength(2);
    await pool.close();
  });

  it('close() ends a map in progress with an error and refuses new ones (the explorer’s cancel)', async () => {
    const pool = new WorkerPool(fakeWorker([20], []), 1);
    const running = pool.map('mc-plan', [{ scenario, count: 1 }, { scenario, count: 1 }]);
    await pool.close();
    await expect(running).rejects.toThrow('the worker pool was closed');
    await expect(pool.map('mc-plan', [{ scenario, count: 1 }])).rejects.toThrow('the worker pool is closed');
  });

  it('a task kind no worker knows comes back as a failure naming the kinds allowed', () => {
    const { reply } = answerTask({ type: 'task', id: 7, kind: 'nope' as never, input: null });
    expect(reply).toMatchObject({ id: 7, ok: false });
    expect(!reply.ok && reply.error).toBe('unknown task kind "nope"; allowed: outcomes, summary, sweep-plan, mc-plan, mc-combine');
  });
});
