/**
 * The fast path's big buffers (src/engine/buffers.ts): the engine asks its host for the slot records
 * and the active list (records.ts) and the family's columns (family/columns.ts), and BufferPool hands a finished run's buffers to the next run.
 * A buffer handed out again must read as a new one where the run reads it (zero over the part
 * asked for), so a run on buffers that earlier runs left dirty gives exactly a fresh run's result,
 * on the fast book, the rounded float book and (which takes none) the exact book, and on the
 * columns of the family's models (family/columns.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exact, fast } from '../../src/engine/arith.ts';
import type { Book } from '../../src/engine/book.ts';
import { BufferPool, useLargeBuffers, type BufferUse } from '../../src/engine/buffers.ts';
import { runFlow } from '../../src/engine/flow/run.ts';
import { flowResult } from '../../src/engine/metrics/document.ts';
import { SeedBook } from '../../src/engine/models/seed/book.ts';
import { FastSeedBook } from '../../src/engine/models/seed/book.fast.ts';
import { FastRoundingBook } from '../../src/engine/models/seed/book.rounding.fast.ts';
import { activeOf, AS, FS, RECORD_SHIFT, recordsOf, seedBufferBytes } from '../../src/engine/models/seed/records.ts';
import { bookFor, seedRunBuffers } from '../../src/engine/flow/run.ts';
import type { FlowScenarioV1, RulesV1 } from '../../src/engine/scenario/index.ts';
import { flowScenario } from './flow-compare.ts';
import { simulateFamily } from '../../src/engine/family/simulate.ts';
import type { FamilyScenario } from '../../src/engine/family/run.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';

afterEach(() => useLargeBuffers(null));

describe('the engine asks its host for its big buffers', () => {
  it('the slot records and the active list of the fast path, each with its use and size, and builds on what it gives', () => {
    const asked: [number, BufferUse][] = [];
    const given: ArrayBuffer[] = [];
    useLargeBuffers((bytes, use) => {
      asked.push([bytes, use]);
      // a buffer larger than asked, as a pool may give: the views take only their own length
      const b = new ArrayBuffer(bytes + 4096);
      given.push(b);
      return b;
    });
    // 100 slots of FS doubles (32 bytes) and 10 places of AS doubles (64 bytes), each from RECORD_SHIFT
    const rec = recordsOf(fast, 100);
    const act = activeOf(fast, 10);
    expect(asked).toEqual([
      [100 * FS * 8 + RECORD_SHIFT, 'slots'],
      [10 * AS * 8 + RECORD_SHIFT, 'active'],
    ]);
    expect(rec.I.buffer).toBe(given[0]);
    expect((rec.F as unknown as Float64Array).length).toBe(100 * FS);
    expect(act.alist.buffer).toBe(given[1]);
    expect((act.AF as unknown as Float64Array).length).toBe(10 * AS);
    // the exact path keeps decimals in arrays: it asks for nothing
    recordsOf(exact, 100);
    activeOf(exact, 10);
    expect(asked).toHaveLength(2);
  });

  it('makes its own ArrayBuffer when the host gives none', () => {
    useLargeBuffers(() => null);
    const rec = recordsOf(fast, 100);
    expect(rec.I.buffer).toBeInstanceOf(ArrayBuffer);
    expect(rec.I.buffer.byteLength).toBe(100 * FS * 8 + RECORD_SHIFT);
  });
});

describe('BufferPool', () => {
  it('gives nothing under its least size, a new buffer when it keeps none, and none twice before the run is over', () => {
    const pool = new BufferPool(1 << 20, 1000);
    expect(pool.take(999)).toBeNull();
    const a = pool.take(1000)!;
    const b = pool.take(1000)!;
    expect(a.byteLength).toBe(1000);
    expect(b).not.toBe(a);
    expect(pool.keptBytes).toBe(0);
  });

  it('hands a reclaimed buffer out again, zero over the part asked for however the run before left it', () => {
    const pool = new BufferPool(1 << 20, 0);
    const a = pool.take(1000)!;
    new Uint8Array(a).fill(0xff);
    pool.reclaim();
    expect(pool.keptBytes).toBe(1000);
    // 600 bytes from the 1000-byte buffer (at most twice the size asked): its first 600 zeroed, the rest as left
    const again = pool.take(600)!;
    expect(again).toBe(a);
    const bytes = new Uint8Array(again);
    expect(bytes.subarray(0, 600).every((x) => x === 0)).toBe(true);
    expect(bytes.subarray(600).every((x) => x === 0xff)).toBe(true);
    expect(pool.keptBytes).toBe(0);
  });

  it('takes the smallest kept buffer of at least the size asked and at most twice it', () => {
    const pool = new BufferPool(1 << 20, 0);
    const big = pool.take(1000)!;
    const mid = pool.take(700)!;
    pool.reclaim();
    // 600: both fit (700 and 1000 are at most 1200): the smaller
    expect(pool.take(600)).toBe(mid);
    // 400: 1000 is more than twice 400, so a new one
    const small = pool.take(400)!;
    expect(small).not.toBe(big);
    expect(small.byteLength).toBe(400);
    // 1001: none is large enough
    expect(pool.take(1001)).not.toBe(big);
    expect(pool.take(1000)).toBe(big);
  });

  it('keeps at most keepBytes: the last run\'s buffers first, in the order taken, then older ones', () => {
    const pool = new BufferPool(2000, 0);
    const old = pool.take(400)!;
    pool.reclaim();
    // the next run takes none of it (1500 is over twice 400... and 400 under 1500)
    const r1 = pool.take(1500)!;
    const r2 = pool.take(1000)!;
    pool.reclaim();
    // 1500 kept; 1000 would make 2500 > 2000: let go; then the older 400: 1900
    expect(pool.keptBytes).toBe(1900);
    expect(pool.take(1000)).toBe(r1);
    expect(pool.take(300)).toBe(old);
    expect(pool.take(1000)).not.toBe(r2);
  });

  it('lets kept buffers go, the oldest first, before making a new one that would take it over the bound', () => {
    const pool = new BufferPool(3000, 0);
    pool.take(1000);
    pool.reclaim();
    // 400: the kept 1000 is more than twice it: a new one (1000 + 400 within the bound: nothing goes)
    const newer = pool.take(400)!;
    expect(pool.keptBytes).toBe(1000);
    pool.reclaim();
    expect(pool.keptBytes).toBe(1400);
    // 2100: none fits; 1400 + 2100 > 3000: the oldest (1000) goes, and 400 + 2100 is within it
    pool.take(2100);
    expect(pool.keptBytes).toBe(400);
    expect(pool.take(400)).toBe(newer);
    // a buffer larger than the bound: everything kept goes, and it is not kept after its run
    const pool2 = new BufferPool(3000, 0);
    pool2.take(1000);
    pool2.reclaim();
    pool2.take(5000);
    expect(pool2.keptBytes).toBe(0);
    pool2.reclaim();
    expect(pool2.keptBytes).toBe(0);
  });

  it('clear lets the kept buffers go, not those of the run under way', () => {
    const pool = new BufferPool(1 << 20, 0);
    pool.take(1000);
    pool.reclaim();
    // 400: the kept 1000 is more than twice it, so a new one, the run's own
    const running = pool.take(400)!;
    expect(pool.keptBytes).toBe(1000);
    pool.clear();
    expect(pool.keptBytes).toBe(0);
    pool.reclaim();
    expect(pool.keptBytes).toBe(400);
    expect(pool.take(400)).toBe(running);
  });

  it('keeps no buffer its run transferred away (detached)', () => {
    const pool = new BufferPool(1 << 20, 0);
    const a = pool.take(1000)!;
    structuredClone(a, { transfer: [a] });
    expect(a.byteLength).toBe(0);
    pool.reclaim();
    expect(pool.keptBytes).toBe(0);
  });
});

describe('BufferPool.ready: buffers for a run got ready ahead of it', () => {
  const MB = 1 << 20;
  it('makes what the kept buffers cannot serve, twice the size when it fits, its pages written a budget at a time, and take hands it over as it is', () => {
    const pool = new BufferPool(10 * MB, MB);
    // 1 page a call: 2 MB (twice 1 MB) is 512 pages, so the first calls are not done
    expect(pool.ready([MB], 1)).toBe(false);
    expect(pool.keptBytes).toBe(0);
    let calls = 1;
    let done = false;
    while (!done) {
      done = pool.ready([MB], 64);
      calls++;
    }
    // 512 pages: 1 in the first call, then 64 a call: 511 in 8 more
    expect(calls).toBe(9);
    expect(pool.keptBytes).toBe(2 * MB);
    // served now: nothing more to make
    expect(pool.ready([MB], 64)).toBe(true);
    expect(pool.keptBytes).toBe(2 * MB);
    // a run asking for 1.5 MB takes it (at least the size, at most twice it), all zero
    const b = pool.take(1.5 * MB)!;
    expect(b.byteLength).toBe(2 * MB);
    expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
  });

  it('one buffer for each size, the size itself when twice does not fit, and what does not fit at all left out', () => {
    const pool = new BufferPool(5 * MB, MB);
    // 2 MB twice: the first gets 4 MB (twice), the second 2 MB would pass 5 MB: left out; done
    while (!pool.ready([2 * MB, 2 * MB], 1 << 20));
    expect(pool.keptBytes).toBe(4 * MB);
    const pool2 = new BufferPool(5 * MB, MB);
    // 1.5 MB twice: 3 MB, then 1.5 MB (3 would not fit beside it): both served
    while (!pool2.ready([1.5 * MB, 1.5 * MB], 1 << 20));
    expect(pool2.keptBytes).toBe(4.5 * MB);
    expect(pool2.ready([1.5 * MB, 1.5 * MB], 1)).toBe(true);
  });

  it('lets kept buffers that serve none of the sizes go for room, the oldest first, and keeps one that serves', () => {
    const pool = new BufferPool(8 * MB, MB);
    // a run took 3 MB and 1 MB, then finished: both kept
    pool.take(3 * MB);
    pool.take(MB);
    pool.reclaim();
    expect(pool.keptBytes).toBe(4 * MB);
    // ready for 2 MB and 0.6 MB... below least: only the 2 MB counts; the 3 MB kept serves it (at most twice)
    expect(pool.ready([2 * MB, 0.5 * MB], 1 << 20)).toBe(true);
    expect(pool.keptBytes).toBe(4 * MB);
    // ready for 3.5 MB: 7 MB wanted; the 3 MB and 1 MB serve it not and go, oldest first, until 7 MB fit
    while (!pool.ready([3.5 * MB], 1 << 20));
    expect(pool.keptBytes).toBe(7 * MB);
  });

  it('a run under way takes the buffer being made when it fits (all zero), and clear drops it', () => {
    const pool = new BufferPool(10 * MB, MB);
    expect(pool.ready([MB], 3)).toBe(false);
    const b = pool.take(1.2 * MB)!;
    expect(b.byteLength).toBe(2 * MB);
    expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
    pool.reclaim();
    const other = new BufferPool(10 * MB, MB);
    expect(other.ready([MB], 3)).toBe(false);
    other.clear();
    // nothing half made is left to finish: a new one begins
    expect(other.ready([MB], 1 << 20)).toBe(true);
    expect(other.keptBytes).toBe(2 * MB);
  });

  it('a kept buffer that a run wrote is zeroed when taken; one made ready is handed over as made', () => {
    const pool = new BufferPool(10 * MB, MB);
    while (!pool.ready([MB], 1 << 20));
    const b = pool.take(MB)!;
    new Uint8Array(b).fill(7);
    pool.reclaim();
    const again = pool.take(MB)!;
    expect(again).toBe(b);
    expect(new Uint8Array(again, 0, MB).every((x) => x === 0)).toBe(true);
  });

  it('seedBufferBytes is what a fast book takes: its records, its active list and the active list doubled', () => {
    const asked: number[] = [];
    useLargeBuffers((bytes) => {
      asked.push(bytes);
      return null;
    });
    // 40 days of 100 buyers, nobody selling: every buyer stays active, so the active list, a quarter
    // of the buyers expected, doubles once they pass it (and again: only the first two are got ready)
    const s = flowScenario({ flow: { days: 40, seed: 1, orderAmount: 100, buyers: { perDay: 100 }, sell: { ratePerDay: 0 } } });
    const book = bookFor(s);
    runFlow(book, s);
    expect(seedRunBuffers(s)).toEqual(seedBufferBytes(4001));
    expect(asked.slice(0, 3)).toEqual(seedRunBuffers(s));
  });

  it('a run of 2^17 buyers or more (up to 2^22) also takes a buffer for its metrics, 8 bytes a buyer (the multiples kept for the distribution), and seedRunBuffers names it', () => {
    const asked: [number, BufferUse][] = [];
    useLargeBuffers((bytes, use) => {
      asked.push([bytes, use]);
      return null;
    });
    // 6,000 buyers a day for 100 days: 600,000 buyers (and the one seedRunBuffers counts over), past 2^17 = 131,072
    const s = flowScenario({ flow: { days: 100, seed: 1, orderAmount: 100, buyers: { perDay: 6000 }, sell: { ratePerDay: 0.01 } } });
    const run = runFlow(bookFor(s), s);
    if (!run.ok) throw new Error('run failed');
    flowResult(run, s);
    expect(asked.filter(([bytes, use]) => use === 'metrics' && bytes === 600_000 * 8)).toHaveLength(1);
    expect(seedRunBuffers(s)).toEqual([...seedBufferBytes(600_001), 600_001 * 8]);
    // under 2^17 none: the selection reads the book (a sweep's cell or a Monte Carlo seed: 100,000 buyers)
    expect(seedRunBuffers(flowScenario({ flow: { days: 100, seed: 1, orderAmount: 100, buyers: { perDay: 1000 } } }))).toEqual(seedBufferBytes(100_001));
  });
});

describe('a run on buffers that runs before it left dirty gives what a fresh run gives', () => {
  // selling, forced exits, repeat orders and growth: slots created every day, users leaving and coming back
  const input = {
    rules: { exitMultiple: 2 },
    flow: {
      days: 80,
      seed: 7,
      orderAmount: { kind: 'lognormal', mean: 800, cv: 0.8 },
      buyers: { perDay: 30, growth: { kind: 'exponential', ratePerDay: 0.02 } },
      repeat: { probabilityPerDay: 0.02 },
      sell: { ratePerDay: 0.03, portion: 0.5 },
    },
  } as const;
  const s = flowScenario(input);
  // another run before it: other buyers, so the buffers hold other figures
  const before = flowScenario({ ...input, flow: { ...input.flow, seed: 8, buyers: { perDay: 45, growth: { kind: 'linear', addPerDay: 1 } } } });
  const rounding = flowScenario({ ...input, rules: { ...input.rules, rounding: { points: 2, price: 4, money: 2 } } });
  const roundingBefore = { ...before, rules: rounding.rules };

  // room for 16 slots at first: the records and the active list grow (doubling) through the run, each growth a buffer taken
  const books: [string, (r: RulesV1) => Book<unknown>, FlowScenarioV1, FlowScenarioV1][] = [
    ['the fast book', (r) => new FastSeedBook(fast, r, 16) as Book<unknown>, s, before],
    ['the rounded float book', (r) => new FastRoundingBook(fast, r, 16) as Book<unknown>, rounding, roundingBefore],
    ['the exact book', (r) => new SeedBook(exact, r, 16) as Book<unknown>, s, before],
  ];
  const resultOf = (make: (r: RulesV1) => Book<unknown>, sc: FlowScenarioV1) => {
    const out = runFlow(make(sc.rules), sc);
    if (!out.ok) throw new Error('run failed');
    return flowResult(out, sc);
  };

  for (const [name, make, sc, earlier] of books) {
    it(name, () => {
      const fresh = resultOf(make, sc);
      // every buffer the pool gives, from 0 bytes up (least 0), and which of them it gave before
      const pool = new BufferPool(1 << 30, 0);
      const seen = new Set<ArrayBuffer>();
      let again = 0;
      useLargeBuffers((bytes) => {
        const b = pool.take(bytes)!;
        if (seen.has(b)) again++;
        seen.add(b);
        return b;
      });
      resultOf(make, earlier);
      pool.reclaim();
      // as the earlier run left them (places in the heap, flags, figures that look like a record's)
      expect(resultOf(make, sc)).toEqual(fresh);
      pool.reclaim();
      // as dirty as memory gets: every byte 0xff (NaN in a double, -1 in an int32)
      for (const b of seen) new Uint8Array(b).fill(0xff);
      const reused = resultOf(make, sc);
      pool.reclaim();
      expect(reused).toEqual(fresh);
      if (name === 'the exact book') expect(seen.size).toBe(0);
      else {
        // it did run on the earlier run's buffers: records and active list, grown a few times over each
        expect(again).toBeGreaterThan(4);
      }
    });
  }
});

describe('a model of the family on columns that runs before it left dirty gives what a fresh run gives', () => {
  const family = (model: unknown, split: object, seed: number): FamilyScenario => {
    const v = validateScenario({
      model,
      rules: { split },
      flow: { days: 120, seed, orderAmount: { kind: 'lognormal', mean: 600, cv: 0.6 }, buyers: { perDay: 40, growth: { kind: 'exponential', ratePerDay: 0.01 } }, repeat: { probabilityPerDay: 0.02 }, cohortDays: 30 },
    });
    if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    return v.scenario as FamilyScenario;
  };
  const MODELS: [string, unknown, object][] = [
    ['release', { kind: 'release', k: 1, ratePerDay: 0.002, of: 'original' }, { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 }],
    ['queue, first in first out', { kind: 'queue', k: 1.2, mode: 'fifo' }, { cost: 0.5, distribution: 0, platform: 0.2, pool: 0.3 }],
    ['queue, even', { kind: 'queue', k: 1.2, mode: 'even' }, { cost: 0.5, distribution: 0, platform: 0.2, pool: 0.3 }],
    ['rights', { kind: 'rights', unit: 500, k: 1, capPerDay: 1 }, { cost: 0.84, distribution: 0, platform: 0, pool: 0.16 }],
  ];
  for (const [name, model, split] of MODELS) {
    it(name, () => {
      const s = family(model, split, 3);
      const fresh = simulateFamily(s, { exact: false, follow: 5 });
      const pool = new BufferPool(1 << 30, 0);
      const seen = new Set<ArrayBuffer>();
      const asked = new Set<string>();
      let again = 0;
      useLargeBuffers((bytes, use) => {
        asked.add(use);
        const b = pool.take(bytes)!;
        if (seen.has(b)) again++;
        seen.add(b);
        return b;
      });
      simulateFamily(family(model, split, 4), { exact: false, follow: 2 });
      pool.reclaim();
      for (const b of seen) new Uint8Array(b).fill(0xff);
      const reused = simulateFamily(s, { exact: false, follow: 5 });
      pool.reclaim();
      expect(asked).toEqual(new Set(['columns']));
      expect(again).toBeGreaterThan(4);
      expect(reused).toEqual(fresh);
    });
  }
});
