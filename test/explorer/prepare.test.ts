/**
 * The worker's idle-time preparation (src/explorer/prepare.ts): after a full run it draws that
 * seed's and amount rule's order amounts ahead into the engine's amount cache (PREPARE_AHEAD times
 * the run's expected orders, within the cache's bound), chunk by chunk, each
 * chunk bounded by the clock and the next one left to the worker's scheduling (so that messages are
 * answered between chunks); a preview stops it unless the preview before had the same seed and amounts; a later full run reads the prepared amounts instead
 * of drawing them, and gives the same result. Then the worker itself (src/explorer/worker.ts, under a
 * stand-in for its global scope, chunks scheduled through a real MessageChannel): preparation after a
 * full run (not the worker's first: the page's on load), in many chunks, a message answered in between; after a preview only when the preview before had its amounts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepAmounts, keptAmounts } from '../../src/engine/flow/amounts.ts';
import { Rng } from '../../src/engine/flow/rng.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { PREPARE_AHEAD, PREPARE_CHUNK_MS, PREPARE_PAGES, PREPARE_STEP, Preparer } from '../../src/explorer/prepare.ts';
import { seedRunBuffers } from '../../src/engine/flow/run.ts';
import { expectedTotalOrders } from '../../src/engine/flow/orders.ts';
import type { WorkerIn, WorkerOut } from '../../src/explorer/protocol.ts';
import { KEEP_AMOUNTS, keptAmountsFor, runRequest, validateFlow, type RunRequest } from '../../src/explorer/run.ts';
import { BUYER_LIMIT, TABLE } from '../../src/explorer/table.ts';

const scenario = (perDay: number, extra: object = {}) => {
  const s = buildScenario({ ...DEFAULTS, perDay }).scenario;
  return { ...s, flow: { ...(s['flow'] as object), ...extra } };
};
/** the default scenario's amount rule (lognormal, mean 1000, cv 0.6) under a seed */
const keyOf = (req: RunRequest) => {
  const f = (req.scenario as { flow: { seed: number; orderAmount: { mean: number; cv: number } } }).flow;
  return `${f.seed} ${f.orderAmount.mean} ${f.orderAmount.cv}`;
};

describe('Preparer', () => {
  afterEach(() => keepAmounts(0));

  /** a preparer whose chunks wait in `steps` and whose clock moves 1 ms at each look */
  const driven = () => {
    const steps: (() => void)[] = [];
    let t = 0;
    const p = new Preparer(
      (s) => steps.push(s),
      () => t++,
    );
    return { p, steps };
  };

  it('draws a full run\'s amounts ahead (here up to the cache\'s bound), a few steps a chunk, each chunk scheduling the next', () => {
    const cache = keepAmounts(100_000)!;
    const { p, steps } = driven();
    const req: RunRequest = { scenario: scenario(100, { seed: 21 }), follow: null, stress: null };
    p.aim(req);
    // nothing drawn until the worker runs the chunk it scheduled
    expect(steps).toHaveLength(1);
    expect(cache.drawn(keyOf(req))).toBe(0);
    steps.shift()!();
    // the clock read once for the chunk's end, then once after each step: PREPARE_CHUNK_MS steps (1 ms a look)
    expect(cache.drawn(keyOf(req))).toBe(PREPARE_CHUNK_MS * PREPARE_STEP);
    expect(steps).toHaveLength(1);
    let chunks = 1;
    while (steps.length > 0) {
      steps.shift()!();
      chunks++;
    }
    // 100,000 at 3 x 4,096 a chunk: 9 chunks (the last one finding it done)
    expect(cache.drawn(keyOf(req))).toBe(100_000);
    expect(chunks).toBe(Math.ceil(100_000 / (PREPARE_CHUNK_MS * PREPARE_STEP)));
    expect(p.busy).toBe(false);
  });

  it('then gets ready the big buffers of the request\'s own full run (the seed\'s model on floats), a chunk at a time; none for an exact run or a model of the family', () => {
    keepAmounts(1 << 22);
    const calls: { sizes: readonly number[]; pages: number }[] = [];
    // a pool that needs three calls before it is done
    const buffers = { ready: (sizes: readonly number[], pages: number) => (calls.push({ sizes, pages }), calls.length >= 3) };
    const steps: (() => void)[] = [];
    let t = 0;
    const p = new Preparer((s) => steps.push(s), () => t++, buffers);
    const req: RunRequest = { scenario: scenario(300, { seed: 27 }), follow: null, stress: null, coarseBuyers: 40_000 };
    // two previews of one drag: the second prepares its own full run
    p.preview({ ...req, scenario: scenario(290, { seed: 27 }) });
    p.preview(req);
    while (steps.length > 0) steps.shift()!();
    const f = validateFlow(req.scenario);
    if (!f.ok) throw new Error('invalid');
    expect(calls.length).toBe(3);
    expect(calls.every((c) => c.pages === PREPARE_PAGES && JSON.stringify(c.sizes) === JSON.stringify(seedRunBuffers(f.scenario)))).toBe(true);
    expect(p.busy).toBe(false);
    // an exact run takes no big buffers, nor does a model of the family (columns of their own): amounts only
    calls.length = 0;
    p.aim({ ...req, exact: true });
    while (steps.length > 0) steps.shift()!();
    const family = buildScenario({ ...DEFAULTS, model: 'release' }).scenario;
    expect(validateFlow(family).ok).toBe(true);
    p.aim({ scenario: family, follow: null, stress: null });
    while (steps.length > 0) steps.shift()!();
    expect(calls).toEqual([]);
  });

  it('goes PREPARE_AHEAD times the full run\'s expected orders ahead, no further, within a larger bound', () => {
    const cache = keepAmounts(1 << 22)!;
    const { p, steps } = driven();
    const req: RunRequest = { scenario: scenario(100, { seed: 25 }), follow: null, stress: null };
    p.aim(req);
    while (steps.length > 0) steps.shift()!();
    // the default year at 100 a day: its expected orders (orders.ts, what the run sizes its book by) times 4
    const f = validateFlow(req.scenario);
    if (!f.ok) throw new Error('invalid');
    expect(PREPARE_AHEAD).toBe(4);
    expect(cache.drawn(keyOf(req))).toBe(4 * expectedTotalOrders(f.scenario.flow));
  });

  it('after a preview: nothing, unless the preview before had the same seed and amounts (a drag of the buyers slider), and then its own full run\'s', () => {
    const cache = keepAmounts(100_000)!;
    const { p, steps } = driven();
    const run = () => {
      while (steps.length > 0) steps.shift()!();
    };
    const preview = (perDay: number, extra: object): RunRequest => ({ scenario: scenario(perDay, extra), follow: null, stress: null, coarseBuyers: 20_000 });
    // a first preview, then one of other amounts (the mean slider dragged): nothing drawn for either
    p.preview(preview(100, { seed: 26 }));
    run();
    p.preview(preview(100, { seed: 26, orderAmount: { kind: 'lognormal', mean: 1200, cv: 0.6 } }));
    run();
    expect(cache.heldValues).toBe(0);
    // the buyers slider dragged: the same seed and amounts as the preview before, so prepared as after a full run
    const next = preview(110, { seed: 26, orderAmount: { kind: 'lognormal', mean: 1200, cv: 0.6 } });
    p.preview(next);
    run();
    expect(cache.drawn('26 1200 0.6')).toBe(100_000);
    // with room for more: the preview's own full run's orders, not PREPARE_AHEAD times them
    keepAmounts(1 << 22);
    p.preview(next);
    run();
    const v = validateFlow(next.scenario);
    if (!v.ok) throw new Error('invalid');
    expect(keptAmounts()!.drawn('26 1200 0.6')).toBe(expectedTotalOrders(v.scenario.flow));
    // a preview of other amounts stops a preparation under way
    keepAmounts(100_000);
    p.preview(preview(120, { seed: 26, orderAmount: { kind: 'lognormal', mean: 1200, cv: 0.6 } }));
    steps.shift()!();
    const drawn = keptAmounts()!.drawn('26 1200 0.6');
    expect(drawn).toBeGreaterThan(0);
    p.preview(preview(120, { seed: 27 }));
    run();
    expect(keptAmounts()!.drawn('26 1200 0.6')).toBe(drawn);
    expect(keptAmounts()!.drawn('27 1000 0.6')).toBe(0);
  });

  it('stops: a chunk already scheduled draws nothing', () => {
    const cache = keepAmounts(100_000)!;
    const { p, steps } = driven();
    const req: RunRequest = { scenario: scenario(100, { seed: 22 }), follow: null, stress: null };
    p.aim(req);
    steps.shift()!();
    p.stop();
    const drawn = cache.drawn(keyOf(req));
    while (steps.length > 0) steps.shift()!();
    expect(cache.drawn(keyOf(req))).toBe(drawn);
    expect(p.chunks).toBe(1);
  });

  it('prepares nothing where a run would not read the cache: repeats, an invalid scenario', () => {
    const cache = keepAmounts(100_000)!;
    const { p, steps } = driven();
    p.aim({ scenario: scenario(100, { seed: 23, repeat: { probabilityPerDay: 0.01 } }), follow: null, stress: null });
    while (steps.length > 0) steps.shift()!();
    p.aim({ scenario: { flow: 'no' }, follow: null, stress: null });
    while (steps.length > 0) steps.shift()!();
    expect(cache.heldValues).toBe(0);
    expect(p.chunks).toBe(2);
  });

  it('a later full run of another buyers a day reads the prepared amounts (no normal drawn) and gives what it gives without them', () => {
    // prepared after a full run at 100 a day (367,834 orders) up to 1.2 million; the next run at 300 a day (1.1 million orders) reads them all
    const seed = 24;
    const later: RunRequest = { scenario: scenario(300, { seed }), follow: 40, stress: null };
    keepAmounts(0);
    const without = runRequest(later);
    const cache = keepAmounts(1_200_000)!;
    const { p, steps } = driven();
    p.aim({ scenario: scenario(100, { seed }), follow: null, stress: null });
    while (steps.length > 0) steps.shift()!();
    expect(cache.drawn(keyOf(later))).toBe(1_200_000);
    const normal = Rng.prototype.normal;
    let normals = 0;
    Rng.prototype.normal = function (this: Rng) {
      normals++;
      return normal.call(this);
    };
    try {
      const withCache = runRequest(later);
      expect(normals).toBe(0);
      expect({ ...withCache, ms: 0 }).toEqual({ ...without, ms: 0 });
    } finally {
      Rng.prototype.normal = normal;
    }
  });
});

describe('how many amounts a worker keeps (run.ts keptAmountsFor)', () => {
  const orders = (perDay: number) => {
    const v = validateFlow(scenario(perDay));
    if (!v.ok) throw new Error('invalid');
    return expectedTotalOrders(v.scenario.flow);
  };
  it('on a desktop, the default year at the buyers slider\'s end; where the device reports little memory, at 300 a day (the judged release), in fewer bytes', () => {
    expect(keptAmountsFor(undefined)).toBe(KEEP_AMOUNTS.desktop);
    expect(keptAmountsFor(8)).toBe(KEEP_AMOUNTS.desktop);
    expect(keptAmountsFor(BUYER_LIMIT.lowMemoryGb)).toBe(KEEP_AMOUNTS.lowMemory);
    expect(orders(TABLE.perDay.slider!.max)).toBeLessThanOrEqual(KEEP_AMOUNTS.desktop);
    expect(orders(300)).toBeLessThanOrEqual(KEEP_AMOUNTS.lowMemory);
    expect(KEEP_AMOUNTS.lowMemory).toBeLessThan(KEEP_AMOUNTS.desktop);
  });
});

describe('the worker prepares while it has no message', () => {
  const posted: WorkerOut[] = [];
  let send: (m: WorkerIn) => void;
  /** a turn of node's event loop (a chunk's MessageChannel message may take a few to arrive) */
  const turn = () => new Promise<void>((r) => setImmediate(r));

  beforeAll(async () => {
    (globalThis as { self?: unknown }).self = { navigator: {}, postMessage: (m: WorkerOut) => posted.push(m), onmessage: null };
    await import('../../src/explorer/worker.ts');
    const scope = (globalThis as unknown as { self: { onmessage: (e: { data: WorkerIn }) => void } }).self;
    send = (m) => scope.onmessage({ data: m });
  });
  afterAll(() => {
    keepAmounts(0);
    delete (globalThis as { self?: unknown }).self;
  });

  it('after a full run, in chunks through its MessageChannel, answering a message in between; after a preview only when the one before had its amounts', async () => {
    // the worker keeps amounts (run.ts keptAmountsFor); a smaller bound here to keep the test short
    const cache = keepAmounts(600_000)!;
    const full: RunRequest = { scenario: scenario(100, { seed: 31 }), follow: null, stress: null };
    // the amounts held after each chunk; after the first, a message from the page (as one arriving during it)
    const afterChunk: number[] = [];
    let answeredAt = -1;
    const step = Preparer.prototype.step;
    const spy = vi.spyOn(Preparer.prototype, 'step').mockImplementation(function (this: Preparer) {
      step.call(this);
      afterChunk.push(cache.drawn(keyOf(full)));
      if (afterChunk.length === 1) {
        send({ type: 'parse', id: 2, text: '{' });
        if (posted.some((m) => m.type === 'parse' && m.id === 2)) answeredAt = cache.drawn(keyOf(full));
      }
    });
    try {
      // the worker's first run (the page's, on load) is followed by nothing: the page is loading
      const first: RunRequest = { scenario: scenario(100, { seed: 30 }), follow: null, stress: null };
      send({ type: 'run', id: 0, req: first });
      for (let i = 0; i < 20; i++) await turn();
      expect(afterChunk).toHaveLength(0);
      // only the run's own amounts, drawn into the cache a block (4,096) at a time as it went: 367,834 orders
      expect(cache.drawn(keyOf(first))).toBeGreaterThanOrEqual(367_834);
      expect(cache.drawn(keyOf(first))).toBeLessThan(367_834 + 4096);
      send({ type: 'run', id: 1, req: full });
      expect(posted.some((m) => m.type === 'run' && m.id === 1)).toBe(true);
      // the run kept its own 367,834 amounts; the rest up to 600,000 is drawn in chunks after it, none yet
      const afterRun = cache.drawn(keyOf(full));
      expect(afterRun).toBeGreaterThanOrEqual(367_834);
      expect(afterRun).toBeLessThan(600_000);
      expect(afterChunk).toHaveLength(0);
      for (let i = 0; i < 2000 && cache.drawn(keyOf(full)) < 600_000; i++) await turn();
      expect(cache.drawn(keyOf(full))).toBe(600_000);
      // the message was answered after the first chunk, with the preparation under way, which went on after it
      expect(answeredAt).toBeGreaterThan(afterRun);
      expect(answeredAt).toBeLessThan(600_000);
      // each chunk drew some (at most PREPARE_CHUNK_MS of them: 232,166 amounts take about 20 ms), in several chunks
      // (the chunks after the last amount get the run's buffers ready: counted up to that one)
      const drawing = afterChunk.slice(0, afterChunk.indexOf(600_000) + 1);
      expect(drawing.length).toBeGreaterThan(2);
      expect(drawing.every((n, i) => n > (i === 0 ? afterRun : drawing[i - 1]!))).toBe(true);
    } finally {
      spy.mockRestore();
    }

    // a preview (a coarse run) of another seed: nothing is prepared for it; a second one of that seed (the buyers slider dragged on): prepared
    const preview: RunRequest = { scenario: scenario(300, { seed: 32 }), follow: null, stress: null, coarseBuyers: 20_000 };
    send({ type: 'run', id: 3, req: preview });
    expect(posted.some((m) => m.type === 'run' && m.id === 3)).toBe(true);
    for (let i = 0; i < 20; i++) await turn();
    expect(cache.drawn(keyOf(preview))).toBe(0);
    send({ type: 'run', id: 4, req: { ...preview, scenario: scenario(310, { seed: 32 }) } });
    for (let i = 0; i < 2000 && cache.drawn(keyOf(preview)) < 600_000; i++) await turn();
    expect(cache.drawn(keyOf(preview))).toBe(600_000);
    expect(keptAmounts()).toBe(cache);
  });
});
