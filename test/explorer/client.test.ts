import { describe, expect, it } from 'vitest';
import { ExplorerClient, type Shown } from '../../src/explorer/client.ts';
import type { WorkerIn, WorkerOut } from '../../src/explorer/protocol.ts';
import type { RunOk } from '../../src/explorer/run.ts';

/** A stand-in worker: records what it is sent; the test answers by hand. */
class FakeWorker {
  sent: WorkerIn[] = [];
  onmessage: ((e: MessageEvent<WorkerOut>) => void) | null = null;
  postMessage(m: WorkerIn) {
    this.sent.push(m);
  }
  terminate() {}
  answer(m: WorkerIn, coarse: number) {
    if (m.type !== 'run') throw new Error('not a run');
    const out = { ok: true, result: { id: m.id } as unknown as RunOk['result'], follow: null, stress: null, pinned: null, coarse: m.id > 0 ? coarse : 1, ms: 1 } satisfies RunOk;
    this.onmessage!({ data: { type: 'run', id: m.id, out } } as MessageEvent<WorkerOut>);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const shown: Shown[] = [];
  const client = new ExplorerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, (s) => shown.push(s));
  return { client, workers, shown, req: { scenario: {}, follow: null, stress: null } };
}

describe('the explorer client', () => {
  it('sends the coarse run to one worker and the full run to the other, and shows coarse then final', () => {
    const { client, workers, shown, req } = setup();
    const id = client.run(req);
    const [a, b] = workers as [FakeWorker, FakeWorker];
    expect(a.sent[0]).toMatchObject({ type: 'run', id, req: { coarseBuyers: 40_000 } });
    expect(b.sent[0]).toMatchObject({ type: 'run', id: -id, req: { coarseBuyers: 0 } });
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [id, false],
      [id, true],
    ]);
  });

  it('lets only the newest request wait, and an idle worker takes its full run while the other finishes a stale one', () => {
    const { client, workers, shown, req } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(req); // 1: coarse on a, full on b
    client.run(req); // 2: waits
    client.run(req); // 3: replaces 2
    expect(a.sent).toHaveLength(1);
    a.answer(a.sent[0]!, 9); // coarse 1 shown (nothing newer shown yet); a takes coarse 3
    expect(a.sent[1]).toMatchObject({ id: 3 });
    a.answer(a.sent[1]!, 9); // coarse 3 shown; a takes full 3 (b is still busy with full 1)
    expect(a.sent[2]).toMatchObject({ id: -3 });
    b.answer(b.sent[0]!, 1); // full 1 is stale: dropped
    a.answer(a.sent[2]!, 1); // full 3 shown
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [1, false],
      [3, false],
      [3, true],
    ]);
    expect([...a.sent, ...b.sent].some((m) => m.type === 'run' && Math.abs(m.id) === 2)).toBe(false);
  });

  it('drops the full run of a small scenario whose coarse run was already the full one', () => {
    const { client, workers, shown, req } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(req);
    client.run(req); // 2 waits: both workers busy
    b.answer(b.sent[0]!, 1); // full 1 shown; b takes coarse 2
    b.answer(b.sent[1]!, 1); // coarse 2 ran in full (factor 1): final; full 2 no longer needed
    a.answer(a.sent[0]!, 9); // coarse 1: stale
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect([...a.sent, ...b.sent].filter((m) => m.type === 'run' && m.id === -2)).toEqual([]);
  });
});
