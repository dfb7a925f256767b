import { describe, expect, it } from 'vitest';
import { CACHE_SIZE, DRAG_PAUSE, DRAG_STILL, ExplorerClient, PREFETCH_MAX_MS, SPARE_WARM_BUYERS, SPARE_WARM_RUNS, requestKey, type Shown } from '../../src/explorer/client.ts';
import type { WorkerIn, WorkerOut } from '../../src/explorer/protocol.ts';
import type { RunOk, RunRequest } from '../../src/explorer/run.ts';
import { buildScenario, fromQuery, type Params } from '../../src/explorer/params.ts';
import { COARSE_BUYERS, PREVIEW_BUYERS, runsCoarse } from '../../src/explorer/coarse.ts';

/** A stand-in worker: records what it is sent (its jobs; the drags' ready messages, which nothing answers, apart); the test answers by hand. */
class FakeWorker {
  sent: WorkerIn[] = [];
  readies: RunRequest[] = [];
  onmessage: ((e: MessageEvent<WorkerOut>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: WorkerIn) {
    if (m.type === 'ready') this.readies.push(m.req);
    else this.sent.push(m);
  }
  terminate() {}
  /** answer a run: coarse by `coarse` when it was sent as a coarse run (with coarseBuyers), computed in `ms` */
  answer(m: WorkerIn, coarse: number, ms = 1) {
    if (m.type !== 'run') throw new Error('not a run');
    const out = { ok: true, result: { id: m.id, perDay: (m.req.scenario as { flow?: { buyers?: { perDay?: number } } }).flow?.buyers?.perDay } as unknown as RunOk['result'], follow: null, stress: null, pinned: null, coarse: m.req.coarseBuyers ? coarse : 1, ms } satisfies RunOk;
    this.onmessage!({ data: { type: 'run', id: m.id, out } } as MessageEvent<WorkerOut>);
  }
}

function setup(options: ConstructorParameters<typeof ExplorerClient>[2] = {}) {
  const workers: FakeWorker[] = [];
  const shown: Shown[] = [];
  const client = new ExplorerClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    (s) => shown.push(s),
    // shown at once unless the test runs the task by hand
    { frame: (cb) => cb(), soon: (cb) => cb(), ...options },
  );
  // each request a different one (the client keeps results and takes over runs by what a request computes)
  let n = 0;
  return { client, workers, shown, req: () => ({ scenario: { n: n++ }, follow: null, stress: null }) };
}

/** the explorer's scenario for the default parameters with some changed */
const scenario = (change: Partial<Params> = {}) => {
  const v = fromQuery('');
  return buildScenario({ ...v.params, ...change }, v.extras).scenario;
};
/** the default year: 100 buyers a day growing 1% a day over 365 days, about 368,000 buyers (the coarse factor is 9: test/explorer/run.test.ts) */
let nth = 0;
/** each call a different request (the client keeps results and takes over runs by what a request computes): one more buyer a day each time */
const large = () => ({ scenario: scenario({ perDay: 100 + nth++ }), follow: null, stress: null });
/** a spare worker's warm-up run (client.ts makeSpare) */
const isWarmUp = (m: WorkerIn) => m.type === 'run' && m.id === 0 && m.req.coarseBuyers === SPARE_WARM_BUYERS;
const runs = (ws: FakeWorker[]) => ws.flatMap((w) => w.sent).filter((m) => m.type === 'run' && !isWarmUp(m));

describe('which requests run coarse first', () => {
  it('a large scenario of the seed\'s model does; a model of the family, a small scenario and a comparison with a model of the family do not', () => {
    expect(runsCoarse(scenario())).toBe(true);
    // family runs are never coarse (run.ts runFamilySide): one full run
    expect(runsCoarse(scenario({ model: 'release' }))).toBe(false);
    expect(runsCoarse(scenario(), scenario({ model: 'queue' }))).toBe(false);
    // 10 buyers a day, constant, a year: 3,650 buyers, under the 40,000 of a coarse run
    expect(runsCoarse(scenario({ perDay: 10, growth: 'constant' }))).toBe(false);
    // a comparison runs coarse when either side is large
    expect(runsCoarse(scenario({ perDay: 10, growth: 'constant' }), scenario())).toBe(true);
    // what is not a scenario yet is left to the worker, whose coarse run names its problems
    expect(runsCoarse(null)).toBe(true);
  });
});

describe('the explorer client, one run where one is enough', () => {
  it('sends a model of the family once, in full, to one worker (not the same run twice)', () => {
    const { client, workers, shown } = setup();
    const id = client.run({ scenario: scenario({ model: 'rights' }), follow: null, stress: null });
    expect(runs(workers)).toHaveLength(1);
    expect(runs(workers)[0]).toMatchObject({ id: -id, req: { coarseBuyers: 0 } });
    workers[0]!.answer(workers[0]!.sent[0]!, 1);
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([[id, true]]);
  });

  it('sends a small scenario of the seed\'s model once, in full', () => {
    const { client, workers } = setup();
    const id = client.run({ scenario: scenario({ perDay: 10, growth: 'constant' }), follow: null, stress: null });
    expect(runs(workers).map((m) => m.type === 'run' && m.id)).toEqual([-id]);
  });
});

describe('the explorer client during a pointer drag', () => {
  /** a timer run by hand */
  function manualTimer() {
    const due: (() => void)[] = [];
    return {
      due,
      timer: (cb: () => void) => {
        due.push(cb);
        return () => {
          const i = due.indexOf(cb);
          if (i >= 0) due.splice(i, 1);
        };
      },
    };
  }

  it('keeps full runs back while the drag holds, sends one smaller coarse run at a time, and the newest request\'s full run at once at its release', () => {
    const t = manualTimer();
    const { client, workers, shown } = setup({ timer: t.timer });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.hold(true);
    const r1 = large();
    const id1 = client.run(r1);
    // a drag's coarse run: at most PREVIEW_BUYERS buyers (20,000, half the 40,000 from which a scenario runs coarse at all)
    expect(runs(workers)).toEqual([expect.objectContaining({ id: id1, req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) })]);
    expect(PREVIEW_BUYERS).toBeLessThan(COARSE_BUYERS);
    // one coarse run out at a time: the next request's waits though b is free, and a newer one replaces it
    const r2 = large();
    client.run(r2);
    const r3 = large();
    const id3 = client.run(r3);
    expect(b.sent).toEqual([]);
    a.answer(a.sent[0]!, 18); // coarse 1 shown; a takes coarse 3 (2 was replaced)
    expect(a.sent[1]).toMatchObject({ id: id3 });
    a.answer(a.sent[1]!, 18); // coarse 3 shown
    const r4 = large();
    const id4 = client.run(r4); // a takes coarse 4
    expect(a.sent[2]).toMatchObject({ id: id4 });
    // no full run went out during the drag, and b ran nothing: it was told to get ready for each
    // newest value's full run (once each), and a, busy with the previews, was told nothing
    expect(runs(workers).every((m) => m.type === 'run' && m.id > 0)).toBe(true);
    expect(b.sent).toEqual([]);
    expect(b.readies.map((r) => [requestKey(r), r.coarseBuyers])).toEqual([r1, r2, r3, r4].map((r) => [requestKey(r), 0]));
    expect(a.readies).toEqual([]);
    client.hold(false);
    // released while a still runs coarse 4: the newest request's full run, and no other, at once on b
    expect(runs(workers).filter((m) => m.type === 'run' && m.id < 0).map((m) => m.type === 'run' && m.id)).toEqual([-id4]);
    expect(b.sent[0]).toMatchObject({ id: -id4, req: { coarseBuyers: 0 } });
    a.answer(a.sent[2]!, 18); // coarse 4 shown
    b.answer(b.sent[0]!, 1); // full 4 shown
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [id1, false],
      [id3, false],
      [id4, false],
      [id4, true],
    ]);
    // after the drag, a key press's preview is the same size (one preview size: coarse.ts PREVIEW_BUYERS)
    const id5 = client.run(large());
    expect(runs(workers).find((m) => m.type === 'run' && m.id === id5)).toMatchObject({ req: { coarseBuyers: PREVIEW_BUYERS } });
  });

  it('tells a free worker to get ready again in a later drag that reaches the value it got ready for in an earlier one (what it got ready for may have gone since)', () => {
    const { client, workers } = setup({ timer: manualTimer().timer });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    const answered = new Set<WorkerIn>();
    /** every run sent so far answered, until none is left */
    const answerAll = () => {
      for (let more = true; more; ) {
        more = false;
        for (const w of workers) for (const m of w.sent) if (m.type === 'run' && !answered.has(m)) {
          answered.add(m);
          w.answer(m, m.req.coarseBuyers ? 18 : 1);
          more = true;
        }
      }
    };
    const r = large();
    client.hold(true);
    client.run(r); // a takes its preview; b, free, is told to get ready for its full run
    expect(b.readies.map(requestKey)).toEqual([requestKey(r)]);
    client.hold(false);
    answerAll();
    // CACHE_SIZE other values outside a drag (no ready messages): r's final result is no longer kept
    for (let i = 0; i < CACHE_SIZE; i++) {
      client.run(large());
      answerAll();
    }
    expect(b.readies).toHaveLength(1);
    // a later drag to r: its preview on a, and b told again
    client.hold(true);
    client.run(r);
    expect(a.sent.at(-1)).toMatchObject({ type: 'run', req: { coarseBuyers: PREVIEW_BUYERS } });
    expect(b.readies.map(requestKey)).toEqual([requestKey(r), requestKey(r)]);
  });

  it('hands a drag\'s preview to the page in the answer\'s own task (soon), not a task later (frame); outside a drag, a task later', () => {
    // during a drag one preview is out at a time (above): no answer queues behind it to coalesce,
    // and a task more before drawing it can miss the frame the answer arrived for
    const t = manualTimer();
    const frames: (() => void)[] = [];
    const soon: (() => void)[] = [];
    const { client, workers, shown } = setup({ timer: t.timer, frame: (cb) => frames.push(cb), soon: (cb) => soon.push(cb) });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.hold(true);
    const id1 = client.run(large());
    a.answer(a.sent[0]!, 18);
    expect([frames.length, soon.length]).toEqual([0, 1]);
    soon.shift()!();
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([[id1, false]]);
    // released: the final run's answer waits for a task of its own again (answers behind it coalesce)
    client.hold(false);
    // both workers are free: the first takes the full run
    expect(b.sent).toEqual([]);
    a.answer(a.sent[1]!, 1);
    expect([frames.length, soon.length]).toEqual([1, 0]);
    frames.shift()!();
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [id1, false],
      [id1, true],
    ]);
  });

  it('sends the full run a release freed before the coarse run of the same request, then that coarse run', () => {
    const t = manualTimer();
    const { client, workers, shown } = setup({ timer: t.timer });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.hold(true);
    const id1 = client.run(large()); // coarse on a
    const id2 = client.run(large()); // its coarse waits: one at a time
    client.hold(false);
    // b is free and a coarse run is out on a: b takes the full run, the coarse run of 2 waits for a
    expect(b.sent.map((m) => m.type === 'run' && m.id)).toEqual([-id2]);
    a.answer(a.sent[0]!, 18);
    expect(a.sent[1]).toMatchObject({ id: id2 });
    a.answer(a.sent[1]!, 18);
    b.answer(b.sent[0]!, 1);
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [id1, false],
      [id2, false],
      [id2, true],
    ]);
  });

  it('sends the newest full run when the drag pauses, without waiting for the release', () => {
    const t = manualTimer();
    const { client, workers } = setup({ timer: t.timer });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.hold(true);
    client.run(large());
    const id2 = client.run(large());
    // one pause timer, restarted by each request
    expect(t.due).toHaveLength(1);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id < 0)).toEqual([]);
    t.due[0]!();
    // the worker the drag kept free takes it at once
    expect(b.sent).toEqual([expect.objectContaining({ id: -id2 })]);
    // and the drag's coarse runs go on on the other
    a.answer(a.sent[0]!, 18);
    expect(a.sent[1]).toMatchObject({ id: id2 });
  });
});

describe('the explorer client computing a drag\'s next preview ahead', () => {
  function drag() {
    const soon: (() => void)[] = [];
    const t = { due: [] as (() => void)[] };
    const s = setup({ soon: (cb) => soon.push(cb), timer: (cb) => (t.due.push(cb), () => {}) });
    const [a, b] = s.workers as [FakeWorker, FakeWorker];
    const flush = () => {
      while (soon.length) soon.shift()!();
    };
    const seen = () => s.shown.map((x) => [x.id, x.ok && x.final]);
    return { ...s, a, b, soon, flush, seen };
  }
  const aheadRuns = (ws: FakeWorker[]) => runs(ws).filter((m) => m.type === 'run' && m.id === 0);

  it('computes the preview of the value the page names once the newest request\'s own preview is in, and draws it in the task of the move that gets there, with no run', () => {
    const { client, workers, a, b, soon, flush, seen } = drag();
    const [r1, r2] = [large(), large()];
    client.hold(true);
    const id1 = client.run(r1); // its preview on a
    client.previewAhead(r2);
    // not beside the newest request's own preview (the two would share the cores while the page draws)
    expect(aheadRuns(workers)).toEqual([]);
    expect(b.sent).toEqual([]);
    a.answer(a.sent[0]!, 18);
    flush();
    // preview 1 drawn; the worker it freed computes the next value's preview, at the preview's size
    expect(aheadRuns(workers)).toEqual([expect.objectContaining({ id: 0, req: expect.objectContaining({ scenario: r2.scenario, coarseBuyers: PREVIEW_BUYERS }) })]);
    a.answer(a.sent[1]!, 18);
    // kept, not drawn: no request asked for it yet
    expect(seen()).toEqual([[id1, false]]);
    const sent = runs(workers).length;
    const id2 = client.run(r2);
    // the pointer gets there: drawn when the move's own task is done (soon), no run sent
    expect(runs(workers)).toHaveLength(sent);
    expect(soon).toHaveLength(1);
    flush();
    expect(seen()).toEqual([
      [id1, false],
      [id2, false],
    ]);
    // its full run still waits for the release, and goes out then
    expect(runs(workers).filter((m) => m.type === 'run' && m.id < 0)).toEqual([]);
    client.hold(false);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id < 0)).toEqual([expect.objectContaining({ id: -id2 })]);
  });

  it('takes over a preview computed ahead that is still out when the pointer gets there (not run twice)', () => {
    const { client, workers, a, flush, seen } = drag();
    const [r1, r2] = [large(), large()];
    client.hold(true);
    const id1 = client.run(r1);
    a.answer(a.sent[0]!, 18);
    flush();
    client.previewAhead(r2);
    expect(aheadRuns(workers)).toHaveLength(1);
    const id2 = client.run(r2);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === id2)).toEqual([]);
    a.answer(aheadRuns(workers)[0]!, 18);
    flush();
    expect(seen()).toEqual([
      [id1, false],
      [id2, false],
    ]);
  });

  it('runs the preview of a value the guess missed on the other worker at once, keeps the guessed one, and draws it when the pointer goes back to it', () => {
    const { client, workers, a, b, flush, seen } = drag();
    const [r1, r2, r3] = [large(), large(), large()];
    client.hold(true);
    const id1 = client.run(r1);
    a.answer(a.sent[0]!, 18);
    flush();
    client.previewAhead(r2); // out on a
    const id3 = client.run(r3); // the pointer went elsewhere: its own preview on b, beside the guess
    expect(b.sent).toEqual([expect.objectContaining({ id: id3, req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) })]);
    a.answer(aheadRuns(workers)[0]!, 18); // the guess: kept, not drawn
    b.answer(b.sent[0]!, 18);
    flush();
    expect(seen()).toEqual([
      [id1, false],
      [id3, false],
    ]);
    const sent = runs(workers).length;
    const id4 = client.run(r2); // back to the guessed value: drawn at once
    flush();
    expect(runs(workers)).toHaveLength(sent);
    expect(seen().at(-1)).toEqual([id4, false]);
  });

  it('computes nothing ahead outside a drag, and forgets a drag\'s previews at its release', () => {
    const { client, workers, a, b, flush } = drag();
    const [r1, r2] = [large(), large()];
    client.run(r1);
    a.answer(a.sent[0]!, 18);
    b.answer(b.sent[0]!, 1);
    client.previewAhead(r2);
    expect(aheadRuns(workers)).toEqual([]);
    client.hold(true);
    const id3 = client.run(large());
    a.answer(runs(workers).find((m) => m.type === 'run' && m.id === id3)!, 18);
    client.previewAhead(r2);
    const guess = aheadRuns(workers);
    expect(guess).toHaveLength(1);
    const w = workers.find((x) => x.sent.includes(guess[0]!))!;
    w.answer(guess[0]!, 18);
    flush();
    client.hold(false);
    // released: a request for the guessed value runs its own preview (what a drag kept is gone)
    const id4 = client.run(r2);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === id4)).toEqual([expect.objectContaining({ req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) })]);
  });
});

describe('the explorer client when a drag rests', () => {
  it(`sends the newest full run once the pointer has been still for DRAG_STILL (${DRAG_STILL} ms), sooner than a pause of the value (DRAG_PAUSE, ${DRAG_PAUSE} ms)`, () => {
    const due: { cb: () => void; ms: number }[] = [];
    const { client, workers } = setup({
      timer: (cb, ms) => {
        const t = { cb, ms };
        due.push(t);
        return () => void (due.includes(t) && due.splice(due.indexOf(t), 1));
      },
    });
    const [, b] = workers as [FakeWorker, FakeWorker];
    expect(DRAG_STILL).toBeLessThan(DRAG_PAUSE);
    client.moved(); // no drag: nothing
    expect(due).toEqual([]);
    client.hold(true);
    const id1 = client.run(large());
    client.moved();
    client.moved(); // each move starts the wait again: one timer
    expect(due.filter((t) => t.ms === DRAG_STILL)).toHaveLength(1);
    expect(b.sent).toEqual([]);
    due.find((t) => t.ms === DRAG_STILL)!.cb(); // still: the full run goes out on the free worker
    expect(b.sent).toEqual([expect.objectContaining({ id: -id1 })]);
    // and the value's pause has nothing left to send
    expect(due.filter((t) => t.ms === DRAG_PAUSE)).toEqual([]);
  });


  it('sends a rest\'s full run only where no other worker has a full run: beside a stale one it waits, and the drag\'s previews keep a worker', () => {
    const due: (() => void)[] = [];
    const { client, workers } = setup({ timer: (cb) => (due.push(cb), () => void due.splice(due.indexOf(cb), 1)) });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.hold(true);
    const id1 = client.run(large()); // preview on a
    due.shift()!(); // the pointer rests on it: its full run on b
    expect(b.sent).toEqual([expect.objectContaining({ id: -id1 })]);
    b.onmessage!({ data: { type: 'progress', id: -id1, day: 50, days: 365 } } as MessageEvent<WorkerOut>);
    a.answer(a.sent[0]!, 18);
    const id2 = client.run(large()); // the pointer moves on: its preview on a; b's run is stale
    expect(a.sent[1]).toMatchObject({ id: id2 });
    a.answer(a.sent[1]!, 18);
    due.shift()!(); // rests again: a is free, but b has a full run (stale): the new full run waits
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === -id2)).toEqual([]);
    // so that the next move's preview finds a worker at once
    const id3 = client.run(large());
    expect(a.sent[2]).toMatchObject({ id: id3, req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) });
    // released: the newest full run goes out at once, the stale run's worker replaced (client.replaceStale)
    client.hold(false);
    expect(client.replaced).toBe(1);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === -id3)).toHaveLength(1);
  });
});

describe('the explorer client, answers queued together drawn once', () => {
  it('hands the page only the newest of what came in before its task ran', () => {
    const frames: (() => void)[] = [];
    const { client, workers, shown } = setup({ frame: (cb) => frames.push(cb) });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    const id = client.run(large());
    a.answer(a.sent[0]!, 9); // coarse
    b.answer(b.sent[0]!, 1); // final, in the same frame
    expect(shown).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([[id, true]]);
  });
});

describe('the explorer client', () => {
  it('sends the coarse run to one worker and the full run to the other, and shows coarse then final', () => {
    const { client, workers, shown, req } = setup();
    const id = client.run(req());
    const [a, b] = workers as [FakeWorker, FakeWorker];
    expect(a.sent[0]).toMatchObject({ type: 'run', id, req: { coarseBuyers: PREVIEW_BUYERS } });
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
    client.run(req()); // 1: coarse on a, full on b
    client.run(req()); // 2: waits
    client.run(req()); // 3: replaces 2
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
    client.run(req());
    client.run(req()); // 2 waits: both workers busy
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

describe('the explorer client when a worker fails', () => {
  it('shows the failure for the run it had, and gives the worker the next job', () => {
    const { client, workers, shown } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    const id = client.run(large()); // coarse on a, full on b
    a.answer(a.sent[0]!, 9);
    // the full run dies (as a worker out of memory does): an error event, no answer
    b.onerror!({ message: 'Out of memory', preventDefault() {} } as unknown as ErrorEvent);
    expect(shown.map((s) => [s.id, s.ok])).toEqual([
      [id, true],
      [id, false],
    ]);
    expect(shown[1]).toMatchObject({ problems: [{ path: '', message: 'Out of memory' }] });
    // b is free again: the next request's coarse run goes to a, its full run to b
    const next = client.run(large());
    expect(runs([a]).at(-1)).toMatchObject({ id: next });
    expect(runs([b]).at(-1)).toMatchObject({ id: -next });
  });
});

describe('the explorer client with a stale long run', () => {
  /** the worker reports how far its run has got, as worker.ts does every PROGRESS_MS */
  const progress = (w: FakeWorker, m: WorkerIn, day: number) => w.onmessage!({ data: { type: 'progress', id: (m as { id: number }).id, day, days: 365 } } as MessageEvent<WorkerOut>);

  it('replaces a worker far from the end of a stale full run when a newer full run waits and no worker is free', () => {
    const { client, workers, shown } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    const id1 = client.run(large()); // coarse 1 on a, full 1 on b
    a.answer(a.sent[0]!, 9);
    progress(b, b.sent[0]!, 100); // full 1 is at day 100 of 365 (27%)
    const id2 = client.run(large()); // coarse 2 on a; full 2 waits for a free worker
    expect(client.replaced).toBe(1);
    // b was replaced by a fresh worker (the third made), which took full 2 at once
    expect(workers).toHaveLength(3);
    const c = workers[2]!;
    expect(c.sent).toEqual([expect.objectContaining({ id: -id2 })]);
    a.answer(a.sent[1]!, 9);
    c.answer(c.sent[0]!, 1);
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([
      [id1, false],
      [id2, false],
      [id2, true],
    ]);
  });

  it('lets a stale full run finish when it is near its end, or has not yet said how far it is (a short run)', () => {
    for (const day of [300, null]) {
      const { client, workers } = setup();
      const [a, b] = workers as [FakeWorker, FakeWorker];
      client.run(large());
      a.answer(a.sent[0]!, 9);
      if (day !== null) progress(b, b.sent[0]!, day); // 300 of 365: 82%, past STALE_KEEP
      const id2 = client.run(large());
      expect(client.replaced).toBe(0);
      expect(workers).toHaveLength(2);
      // full 2 goes to the first worker free
      b.answer(b.sent[0]!, 1);
      expect(b.sent.at(-1)).toMatchObject({ id: -id2 });
    }
  });
});

describe('the explorer client keeps final results and computes ahead', () => {
  /** the default year with this many buyers a day: a request of its own for each value */
  const at = (perDay: number) => ({ scenario: scenario({ perDay }), follow: null, stress: null });
  /** run a request to its final answer on fake workers a (coarse) and b (full) */
  const settle = (workers: FakeWorker[], ms = 1) => {
    for (const w of workers) for (const m of w.sent.slice(w.sent.length - 1)) if (m.type === 'run' && (w as { done?: Set<WorkerIn> }).done?.has(m) !== true) {
      ((w as { done?: Set<WorkerIn> }).done ??= new Set()).add(m);
      w.answer(m, 9, ms);
    }
  };
  /** messages sent, a spare's warm-up run apart (the client makes a spare once the reader has changed something) */
  const sentCount = (ws: FakeWorker[]) => ws.reduce((s, w) => s + w.sent.filter((m) => !isWarmUp(m)).length, 0);
  const perDayShown = (s: Shown) => (s.ok && 'result' in s ? (s.result as unknown as { perDay: number }).perDay : null);

  it('names what a request computes by its scenario, followed buyer, what-if and comparison, not by its coarse size', () => {
    expect(requestKey({ ...at(100), coarseBuyers: 40_000 })).toBe(requestKey({ ...at(100), coarseBuyers: 0 }));
    expect(requestKey(at(100))).not.toBe(requestKey(at(101)));
    expect(requestKey(at(100))).not.toBe(requestKey({ ...at(100), follow: 30 }));
    expect(requestKey(at(100))).not.toBe(requestKey({ ...at(100), stress: { kind: 'stop-orders', day: 100 } }));
    expect(requestKey(at(100))).not.toBe(requestKey({ ...at(100), exact: true }));
  });

  it('shows a request whose result it keeps at once, final, with no run (a slider back at a value it had)', () => {
    const { client, workers, shown } = setup();
    client.run(at(100));
    settle(workers);
    client.run(at(110));
    settle(workers);
    const before = sentCount(workers);
    const again = client.run(at(100));
    // nothing sent: the final result of 100 a day is shown as the new request's, final
    expect(sentCount(workers)).toBe(before);
    const last = shown.at(-1)!;
    expect([last.id, last.ok && last.final, perDayShown(last)]).toEqual([again, true, 100]);
  });

  it('hands a kept result to the page when the asking task is done (soon), not a task later behind the worker answers (frame)', () => {
    const frames: (() => void)[] = [];
    const soon: (() => void)[] = [];
    const { client, workers, shown } = setup({ frame: (cb) => frames.push(cb), soon: (cb) => soon.push(cb) });
    client.run(at(100));
    settle(workers);
    // a worker's answers wait for a task of their own (frame), where answers queued behind them are coalesced
    expect([frames.length, soon.length]).toEqual([1, 0]);
    frames.shift()!();
    const again = client.run(at(100));
    // the kept result needs no coalescing: it goes with the input's own task, before the browser paints
    expect([frames.length, soon.length]).toEqual([0, 1]);
    soon.shift()!();
    const last = shown.at(-1)!;
    expect([last.id, last.ok && last.final]).toEqual([again, true]);
  });

  it(`keeps the last ${CACHE_SIZE} final results, the least recently used going first`, () => {
    const { client, workers } = setup();
    for (let i = 0; i <= CACHE_SIZE; i++) {
      client.run(at(100 + i));
      settle(workers);
    }
    // 100 was the least recently used of the CACHE_SIZE + 1: it runs again; 101 is still kept
    let before = sentCount(workers);
    client.run(at(101));
    expect(sentCount(workers)).toBe(before);
    client.run(at(100));
    expect(sentCount(workers)).toBe(before + 2); // its coarse and its full run
    settle(workers);
    // keeping 100 again let the least recently used go: 102 (101 was used since)
    before = sentCount(workers);
    client.run(at(101));
    expect(sentCount(workers)).toBe(before);
    client.run(at(102));
    expect(sentCount(workers)).toBe(before + 2);
  });

  it('computes ahead the runs the page names on idle workers, keeps them, and shows one at once when it is asked for', () => {
    const { client, workers, shown } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    settle(workers);
    const bSent = b.sent.length;
    client.prefetch([at(101), at(99)]);
    // one full run at a time, not shown (no request asked for it); the other worker stays free
    expect(a.sent.at(-1)).toMatchObject({ type: 'run', id: 0, req: { coarseBuyers: 0, scenario: scenario({ perDay: 101 }) } });
    expect(b.sent).toHaveLength(bSent);
    const shownBefore = shown.length;
    a.answer(a.sent.at(-1)!, 1);
    // then the next, on the first worker free
    expect(a.sent.at(-1)).toMatchObject({ type: 'run', id: 0, req: { coarseBuyers: 0, scenario: scenario({ perDay: 99 }) } });
    a.answer(a.sent.at(-1)!, 1);
    expect(shown.length).toBe(shownBefore);
    const before = sentCount(workers);
    const id = client.run(at(101));
    expect(sentCount(workers)).toBe(before);
    expect([shown.at(-1)!.id, shown.at(-1)!.ok && (shown.at(-1) as { final: boolean }).final, perDayShown(shown.at(-1)!)]).toEqual([id, true, 101]);
  });

  it('takes over a run computed ahead that is still out, rather than start the same run again, and reports its progress as the request\'s', () => {
    const progress: number[] = [];
    const { client, workers, shown } = setup({ onProgress: (p) => progress.push(p.id) });
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    settle(workers);
    client.prefetch([at(101)]);
    const ahead = a.sent.at(-1)!;
    expect(ahead).toMatchObject({ id: 0 });
    const id = client.run(at(101));
    // no second full run of 101: only its coarse run goes out, on the idle worker
    expect(b.sent.at(-1)).toMatchObject({ id, req: { coarseBuyers: PREVIEW_BUYERS } });
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === -id)).toEqual([]);
    a.onmessage!({ data: { type: 'progress', id: 0, day: 100, days: 365 } } as MessageEvent<WorkerOut>);
    expect(progress).toEqual([id]);
    a.answer(ahead, 1); // the run computed ahead: the request's final run
    b.answer(b.sent.at(-1)!, 9); // its coarse run, after it: dropped
    expect(shown.slice(-1).map((s) => [s.id, s.ok && s.final, perDayShown(s)])).toEqual([[id, true, 101]]);
    expect(shown.filter((s) => s.id === id)).toHaveLength(1);
    expect(runs(workers).filter((m) => m.type === 'run' && m.id === -id)).toEqual([]);
    // a scenario run in full at once (no coarse run): the idle worker is not given the same run again
    client.prefetch([{ ...at(10), scenario: scenario({ perDay: 10, growth: 'constant' }) }]);
    const small = a.sent.at(-1)!;
    expect(small).toMatchObject({ id: 0 });
    const id2 = client.run({ ...at(10), scenario: scenario({ perDay: 10, growth: 'constant' }) });
    expect(runs(workers).filter((m) => m.type === 'run' && Math.abs(m.id) === id2)).toEqual([]);
    a.answer(small, 1);
    expect([shown.at(-1)!.id, shown.at(-1)!.ok && (shown.at(-1) as { final: boolean }).final]).toEqual([id2, true]);
  });

  it('lets a request that was not guessed go first: its runs take the workers, a run computed ahead is kept when it ends', () => {
    const { client, workers, shown } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    settle(workers);
    client.prefetch([at(101)]);
    const ahead = a.sent.at(-1)!;
    const id = client.run(at(120));
    // its coarse run on b; its full run waits for a (the run ahead has not said how far it is: it finishes)
    expect(b.sent.at(-1)).toMatchObject({ id });
    a.answer(ahead, 1);
    expect(a.sent.at(-1)).toMatchObject({ id: -id });
    b.answer(b.sent.at(-1)!, 9);
    a.answer(a.sent.at(-1)!, 1);
    expect(shown.filter((s) => s.id >= id).map((s) => [s.id, s.ok && s.final, perDayShown(s)])).toEqual([
      [id, false, 120],
      [id, true, 120],
    ]);
    // what was computed ahead is kept
    const before = sentCount(workers);
    client.run(at(101));
    expect(sentCount(workers)).toBe(before);
  });

  it('computes nothing ahead before the newest request is final, during a drag, or when its run took over PREFETCH_MAX_MS', () => {
    const { client, workers } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9); // coarse shown; the full run is still out
    client.prefetch([at(101)]);
    expect(a.sent).toHaveLength(1);
    b.answer(b.sent[0]!, 1, PREFETCH_MAX_MS + 1); // final, but slow
    expect(sentCount(workers)).toBe(2);
    client.run(at(110));
    settle(workers, 5); // a fast final
    client.hold(true);
    const before = sentCount(workers);
    client.prefetch([at(111)]);
    expect(sentCount(workers)).toBe(before);
    client.hold(false);
    expect(sentCount(workers)).toBe(before + 1);
  });
});

describe('the explorer client\'s warm spare', () => {
  const progress = (w: FakeWorker, m: WorkerIn, day: number) => w.onmessage!({ data: { type: 'progress', id: (m as { id: number }).id, day, days: 365 } } as MessageEvent<WorkerOut>);
  const at = (perDay: number) => ({ scenario: scenario({ perDay }), follow: null, stress: null });

  it('makes no spare on load; once the reader has changed something and the page is idle, one warmed by a coarse run of the newest request', () => {
    const { client, workers } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    expect(workers).toHaveLength(2);
    client.run(at(110));
    expect(workers).toHaveLength(2); // not while its runs are out
    a.answer(a.sent[1]!, 9);
    b.answer(b.sent[1]!, 1);
    expect(workers).toHaveLength(3);
    const warm = { type: 'run', id: 0, req: expect.objectContaining({ scenario: scenario({ perDay: 110 }), coarseBuyers: SPARE_WARM_BUYERS }) };
    expect(workers[2]!.sent).toEqual(Array(SPARE_WARM_RUNS).fill(warm));
  });

  it('puts the warm spare in the place of a worker stopped in a stale run, and makes another once the page is idle again', () => {
    const { client, workers, shown } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    client.run(at(110));
    a.answer(a.sent[1]!, 9);
    b.answer(b.sent[1]!, 1);
    const spare = workers[2]!;
    for (const m of spare.sent.slice()) spare.answer(m, 18); // warmed: its answers are not shown
    const before = shown.length;
    expect(shown).toHaveLength(before);
    client.run(at(120)); // coarse on a, full on b
    a.answer(a.sent[2]!, 9);
    progress(b, b.sent[2]!, 100); // the full run of 120 at day 100 of 365
    const id = client.run(at(130)); // its coarse on a; its full run waits; b's run is stale: b is replaced by the spare
    expect([client.replaced, client.sparesUsed]).toEqual([1, 1]);
    expect(workers).toHaveLength(3); // no fresh (cold) worker made
    expect(spare.sent.at(-1)).toMatchObject({ id: -id, req: { coarseBuyers: 0 } });
    a.answer(a.sent[3]!, 9);
    spare.answer(spare.sent.at(-1)!, 1);
    expect([shown.at(-1)!.id, shown.at(-1)!.ok && (shown.at(-1) as { final: boolean }).final]).toEqual([id, true]);
    // idle again: a new spare, warmed by the newest request
    expect(workers).toHaveLength(4);
    expect(workers[3]!.sent[0]).toMatchObject({ id: 0, req: { scenario: scenario({ perDay: 130 }), coarseBuyers: SPARE_WARM_BUYERS } });
  });

  it('makes a fresh worker when the spare is not warm yet', () => {
    const { client, workers } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    client.run(at(110));
    a.answer(a.sent[1]!, 9);
    b.answer(b.sent[1]!, 1);
    const spare = workers[2]!;
    spare.answer(spare.sent[0]!, 18); // one warm-up run of SPARE_WARM_RUNS answered: not warm yet
    client.run(at(120));
    a.answer(a.sent[2]!, 9);
    progress(b, b.sent[2]!, 100);
    const id = client.run(at(130));
    expect([client.replaced, client.sparesUsed]).toEqual([1, 0]);
    expect(workers).toHaveLength(4);
    expect(workers[3]!.sent).toEqual([expect.objectContaining({ id: -id })]);
    expect(spare.sent).toHaveLength(SPARE_WARM_RUNS);
  });
});

describe('the explorer client at a drag\'s start', () => {
  it('stops a run computed ahead when a warm spare can take its place, so that the drag has both cores', () => {
    const at = (perDay: number) => ({ scenario: scenario({ perDay }), follow: null, stress: null });
    const { client, workers } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    client.run(at(110));
    a.answer(a.sent[1]!, 9);
    b.answer(b.sent[1]!, 1);
    const spare = workers[2]!;
    for (const m of spare.sent.slice()) spare.answer(m, 18);
    client.prefetch([at(120)]);
    expect(a.sent.at(-1)).toMatchObject({ id: 0, req: { coarseBuyers: 0 } });
    let stopped = false;
    a.terminate = () => (stopped = true);
    client.hold(true);
    expect([stopped, client.replaced, client.sparesUsed]).toEqual([true, 1, 1]);
    // the drag's first coarse run goes out at once (the spare is in a's place, b is free)
    const id = client.run(at(130));
    expect([...spare.sent, ...b.sent].filter((m) => m.type === 'run' && m.id === id)).toHaveLength(1);
  });

  it('lets a run computed ahead finish when no warm spare is ready (a fresh worker would run the drag cold)', () => {
    const at = (perDay: number) => ({ scenario: scenario({ perDay }), follow: null, stress: null });
    const { client, workers } = setup();
    const [a, b] = workers as [FakeWorker, FakeWorker];
    client.run(at(100));
    a.answer(a.sent[0]!, 9);
    b.answer(b.sent[0]!, 1);
    client.prefetch([at(120)]);
    expect(a.sent.at(-1)).toMatchObject({ id: 0 });
    client.hold(true);
    expect(client.replaced).toBe(0);
  });
});

describe('the explorer client on load (one worker, the first run without preview)', () => {
  it('makes one worker when asked to, sends the first request in full only, and makes the second worker at fill()', () => {
    const { client, workers, shown } = setup({ workers: 1 });
    expect(workers).toHaveLength(1);
    // the default year would run coarse (its factor against PREVIEW_BUYERS is 18: about 368,000
    // buyers / 20,000), but the page asks for no preview: one full run, on the one worker
    const id = client.run(large(), { preview: false });
    expect(runs(workers)).toEqual([expect.objectContaining({ id: -id, req: expect.objectContaining({ coarseBuyers: 0 }) })]);
    expect(workers).toHaveLength(1);
    workers[0]!.answer(workers[0]!.sent[0]!, 18);
    expect(shown.map((s) => [s.id, s.ok && s.final])).toEqual([[id, true]]);
    expect(workers).toHaveLength(1);
    client.fill();
    expect(workers).toHaveLength(2);
    client.fill();
    expect(workers).toHaveLength(2);
    // and the next request runs as before, coarse on one worker and full on the other: its short
    // coarse run on the new worker, its full run on the one that has run the engine already
    const next = client.run(large());
    expect(workers[1]!.sent).toEqual([expect.objectContaining({ id: next, req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) })]);
    expect(workers[0]!.sent.at(-1)).toMatchObject({ id: -next, req: { coarseBuyers: 0 } });
  });

  it('makes the second worker at once when a job finds the only one busy (a request before fill)', () => {
    const { client, workers } = setup({ workers: 1 });
    client.run(large(), { preview: false });
    expect(workers).toHaveLength(1);
    // the reader moves a slider while the first run computes: its coarse run cannot wait for the
    // first worker, so the second is made and takes it
    const next = client.run(large());
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent).toEqual([expect.objectContaining({ id: next, req: expect.objectContaining({ coarseBuyers: PREVIEW_BUYERS }) })]);
  });

  it('computes nothing ahead while it has one worker (one stays free for a request not guessed)', () => {
    const { client, workers } = setup({ workers: 1 });
    client.run(large(), { preview: false });
    workers[0]!.answer(workers[0]!.sent[0]!, 18);
    client.prefetch([large()]);
    expect(runs(workers)).toHaveLength(1);
    client.fill();
    expect(runs(workers)).toHaveLength(2);
  });
});
