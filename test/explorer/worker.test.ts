/**
 * The explorer's Web Worker (src/explorer/worker.ts) in node, under a stand-in for its global scope:
 * it answers runs and tasks, gives the buffers of a task's runs back to its pool once the task is
 * answered (a run's go back as each run ends: buffers.test.ts), and lets the kept buffers go once it
 * has been idle for KEEP_IDLE_MS (not before, a message restarting the wait), its kept order amounts
 * with them (its preparation: prepare.test.ts), and gets ready for a drag's full run when the page
 * says so.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BufferPool, useLargeBuffers } from '../../src/engine/buffers.ts';
import { keepAmounts, keptAmounts } from '../../src/engine/flow/amounts.ts';
import { Rng } from '../../src/engine/flow/rng.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import type { WorkerIn, WorkerOut } from '../../src/explorer/protocol.ts';
import { KEEP_IDLE_MS } from '../../src/explorer/run.ts';
import { Preparer } from '../../src/explorer/prepare.ts';

const posted: WorkerOut[] = [];
let send: (m: WorkerIn) => void;

beforeAll(async () => {
  vi.useFakeTimers();
  (globalThis as { self?: unknown }).self = { navigator: {}, postMessage: (m: WorkerOut) => posted.push(m), onmessage: null };
  await import('../../src/explorer/worker.ts');
  const scope = (globalThis as unknown as { self: { onmessage: (e: { data: WorkerIn }) => void } }).self;
  send = (m) => scope.onmessage({ data: m });
});

afterAll(() => {
  vi.useRealTimers();
  useLargeBuffers(null);
  keepAmounts(0);
  delete (globalThis as { self?: unknown }).self;
});

describe('the explorer worker', () => {
  it('answers a run, and lets its kept buffers and amounts go once idle for KEEP_IDLE_MS, a message restarting the wait', () => {
    const clear = vi.spyOn(BufferPool.prototype, 'clear');
    const s = buildScenario({ ...DEFAULTS, perDay: 10, growth: 'constant', days: 30 }).scenario;
    send({ type: 'run', id: 1, req: { scenario: s, follow: null, stress: null } });
    const answer = posted.find((m) => m.type === 'run');
    expect(answer && answer.type === 'run' && answer.out.ok).toBe(true);
    vi.advanceTimersByTime(KEEP_IDLE_MS - 1);
    expect(clear).not.toHaveBeenCalled();
    // another message just before the time is up: the wait starts again
    send({ type: 'parse', id: 2, text: '{' });
    vi.advanceTimersByTime(KEEP_IDLE_MS - 1);
    expect(clear).not.toHaveBeenCalled();
    // amounts kept meanwhile (the worker keeps them: run.ts keptAmountsFor) go with the buffers
    const amounts = keptAmounts()!;
    amounts.prepare('k', () => new Rng(1), (r) => () => r.next(), 10, 10);
    expect(amounts.heldValues).toBeGreaterThan(0);
    vi.advanceTimersByTime(1);
    expect(clear).toHaveBeenCalledTimes(1);
    expect(amounts.heldValues).toBe(0);
    clear.mockRestore();
  });

  it('gives a task\'s buffers back once the task is answered', () => {
    const reclaim = vi.spyOn(BufferPool.prototype, 'reclaim');
    posted.length = 0;
    send({ type: 'task', id: 3, kind: 'sweep-plan', input: {} } as WorkerIn);
    expect(posted.map((m) => m.type)).toEqual(['task']);
    expect(reclaim).toHaveBeenCalledTimes(1);
    reclaim.mockRestore();
  });

  it('gets ready for a drag\'s full run when told (its amounts and buffers, for that run alone), and answers nothing', () => {
    const aim = vi.spyOn(Preparer.prototype, 'aim');
    posted.length = 0;
    const req = { scenario: buildScenario({ ...DEFAULTS, perDay: 300 }).scenario, follow: null, stress: null, coarseBuyers: 0 };
    send({ type: 'ready', id: 0, req });
    expect(aim.mock.calls).toEqual([[req, 1]]);
    expect(posted).toEqual([]);
    aim.mockRestore();
  });
});
