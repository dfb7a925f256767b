/**
 * The explorer's early start (src/explorer/early.ts, first-run.ts, client.ts): the page's script
 * starts the address's long run on a worker before the island hydrates, and the island's client
 * takes that worker and its run over by the request's key, so that the run is not computed twice
 * and its answer is the request's final charts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplorerClient, requestKey, type Shown } from '../../src/explorer/client.ts';
import type { WorkerIn, WorkerOut } from '../../src/explorer/protocol.ts';
import type { RunOk, RunRequest } from '../../src/explorer/run.ts';
import { BUYER_LIMIT, buildScenario, fromQuery, setBuyerMax } from '../../src/explorer/params.ts';
import { addressRequest } from '../../src/explorer/first-run.ts';
import { FOLLOW_DEFAULT } from '../../src/explorer/state.ts';
import type { Early } from '../../src/explorer/early.ts';

afterEach(() => setBuyerMax(BUYER_LIMIT.desktop));

// 20,000 new buyers a day for 500 days at constant growth: 10 million buyers, the desktop's limit
// (table.ts BUYER_LIMIT: 10M; a device reporting at most 4 GB: 3M), 125 times COARSE_BUYERS' 80,000
// (twice 40,000) needed to run coarse first
const TEN_MILLION = '?b=20000&g=constant&s=0.01&cv=0&d=500';

describe('the run an address asks for on load (first-run.ts addressRequest)', () => {
  it('a long run: the scenario of the address, the default followed buyer, no what-if, no comparison', () => {
    const req = addressRequest(TEN_MILLION, 8)!;
    const v = fromQuery(TEN_MILLION.slice(1));
    expect(req).toEqual({ scenario: buildScenario(v.params, v.extras).scenario, follow: FOLLOW_DEFAULT, stress: null, pinned: null });
    expect(v.params.perDay).toBe(20_000);
    expect(v.params.days).toBe(500);
  });
  it('the address\'s followed buyer and what-if are part of it (a different request, another key)', () => {
    const plain = addressRequest(TEN_MILLION, 8)!;
    const off = addressRequest(`${TEN_MILLION}&follow=off`, 8)!;
    expect(off.follow).toBeNull();
    expect(requestKey(off)).not.toBe(requestKey(plain));
  });
  it('none without a query (the default year runs short), for a run too small to coarsen, or past this device\'s buyer limit', () => {
    expect(addressRequest('', 8)).toBeNull();
    expect(addressRequest('?', 8)).toBeNull();
    // 10 new buyers a day for 30 days: 300 buyers, far under 80,000
    expect(addressRequest('?b=10&g=constant&d=30', 8)).toBeNull();
    // 10 million buyers on a device that reports 1 GB (limit 3 million): the island refuses it too
    expect(addressRequest(TEN_MILLION, 1)).toBeNull();
    // a device that does not say (Firefox, Safari): the desktop's limit
    expect(addressRequest(TEN_MILLION, undefined)).not.toBeNull();
  });
});

/** A stand-in worker: records what it is sent; the test answers by hand. */
class FakeWorker {
  sent: WorkerIn[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<WorkerOut>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: WorkerIn) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(m: WorkerOut) {
    this.onmessage!({ data: m } as MessageEvent<WorkerOut>);
  }
}
const out = (tag: number): RunOk => ({ ok: true, result: { tag } as unknown as RunOk['result'], follow: null, stress: null, pinned: null, coarse: 1, ms: 1 });
/** a request large enough to run coarse first (the 10-million-buyer address's) */
const big = (): RunRequest => addressRequest(TEN_MILLION, 8)!;

function setup(early: Early | null) {
  const made: FakeWorker[] = [];
  const shown: Shown[] = [];
  const progress: number[] = [];
  const client = new ExplorerClient(
    () => {
      const w = new FakeWorker();
      made.push(w);
      return w as unknown as Worker;
    },
    (s) => shown.push(s),
    { frame: (cb) => cb(), soon: (cb) => cb(), early, onProgress: (p) => progress.push(p.day) },
  );
  return { client, made, shown, progress };
}
const earlyOf = (w: FakeWorker, messages: WorkerOut[] = [], failed = false): Early => ({ worker: w as unknown as Worker, messages, failed });
const runsSent = (ws: FakeWorker[]) => ws.flatMap((w) => w.sent).filter((m): m is Extract<WorkerIn, { type: 'run' }> => m.type === 'run');

describe('the client takes the early worker over (client.ts)', () => {
  it('its run named before the request: only the coarse run goes out, and the early run\'s answer is the request\'s final charts, its progress shown meanwhile', () => {
    const ew = new FakeWorker();
    const { client, made, shown, progress } = setup(earlyOf(ew));
    // one worker made, the other is the early one
    expect(made).toHaveLength(1);
    const req = big();
    ew.say({ type: 'early', key: requestKey(req) });
    const id = client.run(req);
    // the coarse run on the new worker, no full run anywhere
    expect(runsSent([ew, ...made]).map((m) => [m.id, m.req.coarseBuyers])).toEqual([[id, 20_000]]);
    ew.say({ type: 'progress', id: 0, day: 250, days: 500 });
    expect(progress).toEqual([250]);
    ew.say({ type: 'run', id: 0, out: out(7) });
    expect(shown.at(-1)).toMatchObject({ ok: true, id, final: true, result: { tag: 7 } });
  });

  it('its run named after the request: the request\'s full run waits meanwhile (not computed twice), then is not needed', () => {
    const ew = new FakeWorker();
    const { client, made, shown } = setup(earlyOf(ew));
    const req = big();
    const id = client.run(req);
    const coarse = made[0]!.sent[0]!;
    // the coarse run answers: its worker is free, but the full run waits for the early worker's word
    made[0]!.say({ type: 'run', id: coarse.id, out: { ...out(1), coarse: 500 } });
    expect(shown.at(-1)).toMatchObject({ id, final: false });
    expect(runsSent(made)).toHaveLength(1);
    ew.say({ type: 'early', key: requestKey(req) });
    expect(runsSent([ew, ...made])).toHaveLength(1);
    ew.say({ type: 'run', id: 0, out: out(2) });
    expect(shown.at(-1)).toMatchObject({ id, final: true, result: { tag: 2 } });
  });

  it('another request\'s run (the address changed before the island read it): the request\'s own full run goes out, the early answer is only kept', () => {
    const ew = new FakeWorker();
    const { client, made, shown } = setup(earlyOf(ew));
    const req = { ...big(), follow: null };
    const id = client.run(req);
    ew.say({ type: 'early', key: requestKey(big()) });
    const coarse = made[0]!.sent[0]!;
    made[0]!.say({ type: 'run', id: coarse.id, out: { ...out(1), coarse: 500 } });
    const full = runsSent(made).at(-1)!;
    expect([full.id, full.req.coarseBuyers]).toEqual([-id, 0]);
    const before = shown.length;
    ew.say({ type: 'run', id: 0, out: out(3) });
    expect(shown).toHaveLength(before);
    made[0]!.say({ type: 'run', id: full.id, out: out(4) });
    expect(shown.at(-1)).toMatchObject({ id, final: true, result: { tag: 4 } });
  });

  it('no run started early (key null): the early worker is free and takes the waiting full run', () => {
    const ew = new FakeWorker();
    const { client, made } = setup(earlyOf(ew));
    const id = client.run(big());
    expect(ew.sent).toHaveLength(0);
    ew.say({ type: 'early', key: null });
    expect(runsSent([ew]).map((m) => m.id)).toEqual([-id]);
    expect(runsSent(made).map((m) => m.id)).toEqual([id]);
  });

  it('what the early worker said before the client took it counts: a run already done is shown at once, final, with no run sent', () => {
    const ew = new FakeWorker();
    const req = big();
    const { client, made, shown } = setup(earlyOf(ew, [{ type: 'early', key: requestKey(req) }, { type: 'run', id: 0, out: out(5) }]));
    const id = client.run(req);
    expect(runsSent([ew, ...made])).toHaveLength(0);
    expect(shown.at(-1)).toMatchObject({ id, final: true, result: { tag: 5 } });
  });

  it('an early worker that failed to load is let go: two new workers, as without one', () => {
    const ew = new FakeWorker();
    const { client, made } = setup(earlyOf(ew, [], true));
    expect(ew.terminated).toBe(true);
    expect(made).toHaveLength(2);
    const id = client.run(big());
    expect(runsSent(made).map((m) => m.id)).toEqual([id, -id]);
  });
});

describe('the page\'s side (early.ts)', () => {
  it('starts one worker on a query, keeps its messages until taken, and nothing once the client has taken it', async () => {
    const made: FakeWorker[] = [];
    vi.stubGlobal(
      'Worker',
      class extends FakeWorker {
        constructor() {
          super();
          made.push(this);
        }
      },
    );
    try {
      const { startEarly, takeEarly } = await import('../../src/explorer/early.ts');
      startEarly('', 8);
      expect(made).toHaveLength(0);
      startEarly(TEN_MILLION, 8);
      expect(made).toHaveLength(1);
      expect(made[0]!.sent).toEqual([{ type: 'early', id: 0, search: TEN_MILLION, deviceMemory: 8 }]);
      made[0]!.say({ type: 'early', key: 'k' });
      const e = takeEarly()!;
      expect(e.worker).toBe(made[0]);
      expect(e.messages).toEqual([{ type: 'early', key: 'k' }]);
      expect(takeEarly()).toBeNull();
      startEarly(TEN_MILLION, 8);
      expect(made).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
