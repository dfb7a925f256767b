/**
 * The explorer worker's reuse of its runs' big buffers (run.ts keepBuffers, the engine's BufferPool):
 * each run of the seed's model gives its buffers back once it is over, so the next run (a what-if's
 * baseline, the next request) takes them rather than faulting in new ones; what it computes is what
 * it computes on new buffers; and how much a worker keeps follows the device's memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BufferPool, useLargeBuffers } from '../../src/engine/buffers.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { KEEP_BUFFERS, keepBuffers, keptBytesFor, runExplorer, runRequest } from '../../src/explorer/run.ts';
import { BUYER_LIMIT } from '../../src/explorer/table.ts';

afterEach(() => keepBuffers(null));

/** a pool that hands out everything (least 0) and counts which buffers it gave, and how often */
function countingPool() {
  const pool = new BufferPool(1 << 30, 0);
  const given: ArrayBuffer[] = [];
  const take = pool.take;
  (pool as { take: typeof take }).take = (bytes: number) => {
    const b = take(bytes)!;
    given.push(b);
    return b;
  };
  keepBuffers(pool);
  return { pool, given };
}

describe('the explorer worker reuses its runs\' buffers', () => {
  it('a what-if\'s baseline runs on its main run\'s buffers: each run gives them back once it is over', () => {
    // a seed no other test runs, so that neither side is a kept result (run.ts keptRuns)
    const s = buildScenario({ ...DEFAULTS, perDay: 25, growth: 'constant', days: 90, sellRate: 0.03, seed: 4242 }).scenario;
    const { pool, given } = countingPool();
    const out = runRequest({ scenario: s, follow: 5, stress: { kind: 'skim', day: 45 } });
    if (!out.ok || !out.stress) throw new Error('no what-if');
    // two runs, each taking its slot records and active list (grown or not): the second takes no new buffer
    const distinct = new Set(given);
    expect(given.length).toBeGreaterThanOrEqual(4);
    expect(distinct.size).toBe(given.length / 2);
    // and both went back to the pool
    expect(pool.keptBytes).toBe([...distinct].reduce((n, b) => n + b.byteLength, 0));
  });

  it('a run on buffers a run before left dirty gives what it gives on new ones, its followed buyer too', () => {
    // a followed buyer: never a kept result, so both requests run
    const s = buildScenario({ ...DEFAULTS, perDay: 30, growth: 'constant', days: 100, sellRate: 0.04, exit: 2 }).scenario;
    const other = buildScenario({ ...DEFAULTS, perDay: 45, growth: 'constant', days: 100, sellRate: 0.02, seed: 77 }).scenario;
    const fresh = runRequest({ scenario: s, follow: 12, stress: null });
    const { given } = countingPool();
    runRequest({ scenario: other, follow: 3, stress: null });
    const before = new Set(given);
    for (const b of before) new Uint8Array(b).fill(0xff);
    const reused = runRequest({ scenario: s, follow: 12, stress: null });
    if (!fresh.ok || !reused.ok) throw new Error('not ok');
    // it did take the dirtied buffers
    expect(given.slice(before.size).some((b) => before.has(b))).toBe(true);
    expect(reused.result).toEqual(fresh.result);
    expect(reused.follow).toEqual(fresh.follow);
  });

  it('a comparison with a model of the family gives the seed side\'s buffers back with the request', () => {
    const release = buildScenario({ ...DEFAULTS, model: 'release', perDay: 20, growth: 'constant', days: 60, sellRate: 0.03 }).scenario;
    const seed = buildScenario({ ...DEFAULTS, perDay: 20, growth: 'constant', days: 60, sellRate: 0.03, seed: 31337 }).scenario;
    const { pool, given } = countingPool();
    const out = runExplorer({ scenario: release, follow: null, stress: null, pinned: { scenario: seed, stress: null } });
    if (!out.ok || !('kind' in out)) throw new Error('not a comparison');
    expect(given.length).toBeGreaterThan(0);
    expect(pool.keptBytes).toBe(new Set(given).size && [...new Set(given)].reduce((n, b) => n + b.byteLength, 0));
  });

  it('keepBuffers(null) hands the engine back to its own ArrayBuffers', () => {
    const { given } = countingPool();
    keepBuffers(null);
    runRequest({ scenario: buildScenario({ ...DEFAULTS, perDay: 10, growth: 'constant', days: 30, seed: 99 }).scenario, follow: 1, stress: null });
    expect(given).toEqual([]);
    useLargeBuffers(null);
  });
});

describe('how much a worker keeps', () => {
  it('the desktop bound on a desktop or a device that does not say, the low-memory bound where the buyer limit is the low-memory one', () => {
    expect(keptBytesFor(undefined)).toBe(KEEP_BUFFERS.desktop);
    expect(keptBytesFor(8)).toBe(KEEP_BUFFERS.desktop);
    expect(keptBytesFor(BUYER_LIMIT.lowMemoryGb)).toBe(KEEP_BUFFERS.lowMemory);
    expect(keptBytesFor(0.5)).toBe(KEEP_BUFFERS.lowMemory);
    expect(KEEP_BUFFERS.lowMemory).toBeLessThan(KEEP_BUFFERS.desktop);
  });

  it('on a desktop, all the buffers of a year at 300 buyers a day (the release of the judged drag), and none beside or after a run larger than the bound', () => {
    // the judged drag's released value: the default scenario at 300 buyers a day, 1.1 million slots
    // (35 MB of slot records, an active list of 18 MB grown to 35 MB); the pool as the worker makes it
    const pool = new BufferPool(keptBytesFor(undefined));
    const given: ArrayBuffer[] = [];
    keepBuffers(pool);
    useLargeBuffers((bytes) => {
      const b = pool.take(bytes);
      if (b) given.push(b);
      return b;
    });
    const out = runRequest({ scenario: buildScenario({ ...DEFAULTS, perDay: 300 }).scenario, follow: 1, stress: null });
    if (!out.ok) throw new Error('not ok');
    expect(out.result.counts.users).toBeGreaterThan(1_000_000);
    const taken = given.reduce((n, b) => n + b.byteLength, 0);
    expect(taken).toBeGreaterThan(64 * 2 ** 20);
    expect(pool.keptBytes).toBe(taken);
    // a run asking for a buffer over the bound (a 10-million-buyer run's slot records are 320 MB)
    // lets the kept ones go first, and its own is let go when it is over: nothing stays pinned
    pool.take(KEEP_BUFFERS.desktop + 1);
    expect(pool.keptBytes).toBe(0);
    pool.reclaim();
    expect(pool.keptBytes).toBe(0);
  });
});
