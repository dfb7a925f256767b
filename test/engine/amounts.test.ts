/**
 * The order flow's amount cache (src/engine/flow/amounts.ts; orders.ts OrderFlow reads it): a run
 * reading kept amounts reads, bit for bit, the amounts it would have drawn from `new Rng(seed)`:
 * a prefix drawn ahead served to a longer and a shorter run, a run crossing the cap (the entry's
 * generator copied with its Box-Muller spare), an entry let go under a run, two seeds, two runs
 * reading one entry in turn. And only where nothing else draws from the flow's stream: fixed
 * amounts, repeat purchases and referral keep nothing and give what they give without it. Whole
 * runs give the same result with and without the cache on the fast, rounded float and exact books
 * and every model of the family, with entries made, read, and cut short by the cap.
 *
 * The expected amounts are `amountSource` on a fresh `new Rng(seed)` (orders.ts: the flow's own
 * draw, tested against the lognormal's mean and cv in rng.test.ts), never the cache's output.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AmountCache, keepAmounts, keptAmounts, type AmountReader, type DrawOn } from '../../src/engine/flow/amounts.ts';
import { amountSource, OrderFlow } from '../../src/engine/flow/orders.ts';
import { Rng } from '../../src/engine/flow/rng.ts';
import { seedOrderFlow } from '../../src/engine/flow/run.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { familyOrderFlow, type FamilyScenario } from '../../src/engine/family/run.ts';
import { simulateFamily } from '../../src/engine/family/simulate.ts';
import type { FlowV1 } from '../../src/engine/scenario/schema.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import { flowScenario } from './flow-compare.ts';

afterEach(() => keepAmounts(0));

const RULE = { kind: 'lognormal', mean: 1000, cv: 0.6 } as const;
const drawOn: DrawOn = (rng) => amountSource(RULE, rng).next;
const fresh = (seed: number) => () => new Rng(seed);

/** the first n amounts of a seed as a run without the cache draws them */
function drawn(seed: number, n: number): number[] {
  const next = amountSource(RULE, new Rng(seed)).next;
  return Array.from({ length: n }, next);
}
const read = (next: () => number, n: number) => Array.from({ length: n }, next);
const key = (seed: number) => `${seed} ${RULE.mean} ${RULE.cv}`;

describe('AmountCache: a run reads the amounts it would have drawn', () => {
  it('a prefix drawn ahead, served to a longer run and to a shorter one', () => {
    const c = new AmountCache(1 << 20, 4, 0);
    // drawn ahead in two budgets: 3,000 then the rest of 10,000
    expect(c.prepare(key(1), fresh(1), drawOn, 10_000, 3_000)).toBe(false);
    expect(c.drawn(key(1))).toBe(3_000);
    expect(c.prepare(key(1), fresh(1), drawOn, 10_000, 1 << 20)).toBe(true);
    expect(c.drawn(key(1))).toBe(10_000);
    // longer: the 10,000 kept and 20,000 more drawn into the entry as the run goes
    expect(read(c.reader(key(1), fresh(1), drawOn, 30_000).next, 30_000)).toEqual(drawn(1, 30_000));
    expect(c.drawn(key(1))).toBeGreaterThanOrEqual(30_000);
    // shorter: a prefix of what is kept
    expect(read(c.reader(key(1), fresh(1), drawOn, 5_000).next, 5_000)).toEqual(drawn(1, 5_000));
  });

  it('a run crossing the cap goes on from a copy of the entry\'s generator, its normal draw\'s spare with it', () => {
    // an odd cap: the entry's generator stands between the two normals of a Box-Muller pair
    for (const cap of [9_999, 10_000]) {
      const c = new AmountCache(cap, 4, 0);
      expect(read(c.reader(key(2), fresh(2), drawOn, 50_000).next, 25_000)).toEqual(drawn(2, 25_000));
      expect(c.heldValues).toBe(cap);
      expect(c.drawn(key(2))).toBe(cap);
      // the copy drew for that run alone: the next run reads the entry from its start, then draws its own past the cap again
      expect(read(c.reader(key(2), fresh(2), drawOn, 50_000).next, 12_000)).toEqual(drawn(2, 12_000));
    }
  });

  it('two seeds, two runs of one key read in turn, and an entry let go under a run', () => {
    const c = new AmountCache(1 << 20, 1, 0);
    const a1 = c.reader(key(3), fresh(3), drawOn, 100).next;
    const a2 = c.reader(key(3), fresh(3), drawOn, 100).next;
    const got1: number[] = [];
    const got2: number[] = [];
    // in turn, unevenly: each extends the entry the other reads
    for (let i = 0; i < 9_000; i++) {
      got1.push(a1());
      if (i % 3 === 0) got2.push(a2());
    }
    // another seed with room for one entry: seed 3's is let go while a1 and a2 read it
    const b = c.reader(key(4), fresh(4), drawOn, 100).next;
    expect(c.drawn(key(3))).toBe(0);
    for (let i = 0; i < 20_000; i++) {
      got1.push(a1());
      got2.push(a2());
    }
    expect(read(b, 8_000)).toEqual(drawn(4, 8_000));
    expect(got1).toEqual(drawn(3, 29_000));
    expect(got2).toEqual(drawn(3, 23_000));
  });

  it('holds at most maxValues in all and maxEntries entries, the least recently used let go first', () => {
    // each entry's room: the orders expected and a block (4,096) more
    const c = new AmountCache(40_000, 2, 0);
    c.prepare(key(5), fresh(5), drawOn, 12_000, 1 << 20);
    c.prepare(key(6), fresh(6), drawOn, 12_000, 1 << 20);
    expect(c.heldValues).toBe(2 * 16_096);
    // seed 5 used again: seed 6 is now the least recently used, and a third entry lets it go
    c.reader(key(5), fresh(5), drawOn, 100);
    c.prepare(key(7), fresh(7), drawOn, 1_000, 1 << 20);
    expect([c.drawn(key(5)), c.drawn(key(6)), c.drawn(key(7))]).toEqual([12_000, 0, 1_000]);
    // seed 7 grown to 25,000 (room 29,096): seed 5's 16,096 goes to stay within 40,000
    expect(c.prepare(key(7), fresh(7), drawOn, 25_000, 1 << 20)).toBe(true);
    expect(c.drawn(key(5))).toBe(0);
    expect(c.heldValues).toBeLessThanOrEqual(40_000);
    expect(read(c.reader(key(7), fresh(7), drawOn, 100).next, 26_000)).toEqual(drawn(7, 26_000));
  });
});

describe('AmountCache: blocks of amounts (AmountReader.block) are the amounts one at a time would be', () => {
  /** n amounts read as blocks of the given sizes in turn, with a next() between blocks when `between` */
  const inBlocks = (r: AmountReader, sizes: number[], between = false): number[] => {
    const out: number[] = [];
    for (const m of sizes) {
      const b = r.block(m);
      expect(b.length).toBeGreaterThanOrEqual(m);
      out.push(...b.subarray(0, m));
      if (between) out.push(r.next());
    }
    return out;
  };
  const sizes = [1, 300, 4_095, 4_097, 0, 2_000, 9_000, 7, 5_000];
  const total = sizes.reduce((a, b) => a + b, 0);

  it('from a fresh entry, from one drawn ahead, and mixed with next()', () => {
    expect(inBlocks(new AmountCache(1 << 20, 4, 0).reader(key(11), fresh(11), drawOn, 100), sizes)).toEqual(drawn(11, total));
    const c = new AmountCache(1 << 20, 4, 0);
    c.prepare(key(11), fresh(11), drawOn, 6_000, 1 << 20);
    expect(inBlocks(c.reader(key(11), fresh(11), drawOn, 6_000), sizes, true)).toEqual(drawn(11, total + sizes.length));
  });

  it('across the cap (an odd one: between the two normals of a pair), and with the entry let go under the reader', () => {
    for (const cap of [9_999, 10_000]) {
      const c = new AmountCache(cap, 4, 0);
      expect(inBlocks(c.reader(key(12), fresh(12), drawOn, 50_000), sizes, true)).toEqual(drawn(12, total + sizes.length));
      expect(c.drawn(key(12))).toBe(cap);
    }
    const c = new AmountCache(1 << 20, 1, 0);
    const r = c.reader(key(13), fresh(13), drawOn, 100);
    const first = inBlocks(r, [5_000]);
    // another key with room for one entry: key 13's is let go while r reads it
    c.reader(key(14), fresh(14), drawOn, 100);
    expect([...first, ...inBlocks(r, [3_000, 20_000], true)]).toEqual(drawn(13, 28_002));
  });
});

describe('OrderFlow reads the cache only where nothing else draws from its stream', () => {
  const flow = (extra: Partial<FlowV1> = {}): FlowV1 => flowScenario({ flow: { days: 100, seed: 9, orderAmount: RULE, buyers: { perDay: 100 }, ...extra } as never }).flow;
  /** n amounts of a flow, drawing the stream as the seed's loop does (repeats drawn after each 100 amounts) */
  const amountsOf = (f: OrderFlow, n: number) => read(() => f.amount(), n);

  it('lognormal amounts, no repeats, no referral: kept, the same amounts', () => {
    const cache = keepAmounts(1 << 20, { least: 0 })!;
    const f = flow();
    expect(amountsOf(seedOrderFlow(f), 5_000)).toEqual(drawn(9, 5_000));
    expect(cache.drawn(`9 ${RULE.mean} ${RULE.cv}`)).toBeGreaterThanOrEqual(5_000);
    expect(amountsOf(familyOrderFlow(f as FamilyScenario['flow']), 7_000)).toEqual(drawn(9, 7_000));
    // drawn ahead for the run (its 10,001 expected orders), then read
    keepAmounts(1 << 20, { least: 0 });
    expect(seedOrderFlow(f).prepareAmounts(4_000)).toBe(false);
    expect(seedOrderFlow(f).prepareAmounts(1 << 20)).toBe(true);
    expect(keptAmounts()!.drawn(`9 ${RULE.mean} ${RULE.cv}`)).toBe(10_001);
    expect(amountsOf(seedOrderFlow(f), 10_500)).toEqual(drawn(9, 10_500));
  });

  it('fixed amounts, cv 0, repeats, referral and a run under the least size keep nothing, and draw as without the cache', () => {
    const cases: [string, FlowV1][] = [
      ['fixed', flow({ orderAmount: { kind: 'fixed', amount: 700 } })],
      ['cv 0', flow({ orderAmount: { kind: 'lognormal', mean: 700, cv: 0 } })],
      ['repeats', flow({ repeat: { probabilityPerDay: 0.01 } })],
      ['referral', flow({ referral: { probability: 0.5 } } as never)],
    ];
    for (const [name, f] of cases) {
      const cache = keepAmounts(1 << 20, { least: 0 })!;
      const cached = seedOrderFlow(f);
      keepAmounts(0);
      const plain = seedOrderFlow(f);
      // the stream as the loop draws it: amounts, with the repeaters' picks (and the referral's draws) between them
      const seq = (o: OrderFlow) => {
        const out: number[] = [];
        const slots = { buf: new Int32Array(64), n: 0, push(x: number) { if (this.n < 64) this.buf[this.n++] = x; } };
        for (let d = 0; d < 50; d++) {
          for (let k = 0; k < 20; k++) out.push(o.amount());
          o.repeaters(1_000, slots as never);
          out.push(slots.n);
          if (f.referral) out.push(o.rng.next());
        }
        return out;
      };
      expect(seq(cached), name).toEqual(seq(plain));
      expect(cache.heldValues, name).toBe(0);
    }
    // under the cache's least size (AMOUNTS_LEAST by default): the 10,001 orders expected keep nothing
    const cache = keepAmounts(1 << 20)!;
    expect(amountsOf(seedOrderFlow(flow()), 1_000)).toEqual(drawn(9, 1_000));
    expect(cache.heldValues).toBe(0);
  });

  it('amountsOf(n) gives the next n amounts, kept or drawn, mixed with amount()', () => {
    const blocks = (o: OrderFlow) => {
      const out: number[] = [];
      for (const m of [100, 0, 4_500, 1, 6_000]) {
        out.push(...o.amountsOf(m).subarray(0, m));
        out.push(o.amount());
      }
      return out;
    };
    keepAmounts(1 << 20, { least: 0 });
    expect(blocks(seedOrderFlow(flow()))).toEqual(drawn(9, 10_606));
    keepAmounts(0);
    expect(blocks(seedOrderFlow(flow()))).toEqual(drawn(9, 10_606));
    // fixed amounts: drawn here, the same amount each
    expect(Array.from(seedOrderFlow(flow({ orderAmount: { kind: 'fixed', amount: 700 } })).amountsOf(3).subarray(0, 3))).toEqual([700, 700, 700]);
  });

  it('a loop that has not said it draws from the stream cannot read it', () => {
    expect(() => seedOrderFlow(flow()).rng).toThrow(/loopDraws/);
    expect(() => seedOrderFlow(flow({ referral: { probability: 0.5 } } as never)).rng).not.toThrow();
  });
});

describe('a run gives the same result with and without the cache', () => {
  const input = (seed: number, extra: object = {}) => ({
    rules: { exitMultiple: 2 },
    flow: { days: 60, seed, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.9 }, buyers: { perDay: 40, growth: { kind: 'exponential', ratePerDay: 0.02 } }, sell: { ratePerDay: 0.03, portion: 0.5 }, ...extra },
  });
  const books: [string, { exact?: boolean; roundingOnFloats?: boolean }, object][] = [
    ['the fast book', {}, {}],
    ['the rounded float book', { roundingOnFloats: true }, { rounding: { points: 2, price: 4, money: 2 } }],
    ['the exact book', { exact: true }, {}],
  ];
  for (const [name, opts, rules] of books) {
    it(`${name}: entries made, read again, cut short by the cap; two seeds; repeats and referral`, () => {
      const scenarios = [
        input(11),
        input(12),
        input(11, { repeat: { probabilityPerDay: 0.02 } }),
        input(11, { referral: { probability: 0.4 } }),
      ].map((i) => {
        const s = flowScenario(i as never);
        return { ...s, rules: { ...s.rules, ...rules } };
      });
      const result = (s: (typeof scenarios)[number]) => {
        const out = simulateFlow(s, opts);
        if (!out.ok) throw new Error('run failed');
        return out.result;
      };
      const without = scenarios.map(result);
      // ~3,000 orders a run: a cap of 1,001 makes each run past it draw on a copy of the entry's generator
      for (const cap of [1 << 20, 1_001]) {
        const cache = keepAmounts(cap, { least: 0 })!;
        expect(scenarios.map(result)).toEqual(without);
        // read again from the entries the first runs made
        expect(scenarios.map(result)).toEqual(without);
        // the two seeds without repeats or referral kept amounts (~4,600 orders each), the others none; under the
        // small cap one entry at a time: seed 12's, run last, took the room of seed 11's
        if (cap > 10_000) expect([cache.drawn('11 800 0.9'), cache.drawn('12 800 0.9')].every((n) => n > 4_000)).toBe(true);
        else expect([cache.drawn('11 800 0.9'), cache.drawn('12 800 0.9')]).toEqual([0, cap]);
        expect(cache.heldValues).toBeLessThanOrEqual(cap);
      }
    });
  }

  it('every model of the family', () => {
    const family = (model: unknown, split: object, seed: number): FamilyScenario => {
      const v = validateScenario({ model, rules: { split }, flow: { days: 90, seed, orderAmount: { kind: 'lognormal', mean: 600, cv: 0.6 }, buyers: { perDay: 40 }, cohortDays: 30 } });
      if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      return v.scenario as FamilyScenario;
    };
    const MODELS: [unknown, object][] = [
      [{ kind: 'release', k: 1, ratePerDay: 0.002, of: 'original' }, { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 }],
      [{ kind: 'queue', k: 1.2, mode: 'fifo' }, { cost: 0.5, distribution: 0, platform: 0.2, pool: 0.3 }],
      [{ kind: 'queue', k: 1.2, mode: 'even' }, { cost: 0.5, distribution: 0, platform: 0.2, pool: 0.3 }],
      [{ kind: 'rights', unit: 500, k: 1, capPerDay: 1 }, { cost: 0.84, distribution: 0, platform: 0, pool: 0.16 }],
    ];
    const runs = () => MODELS.flatMap(([model, split]) => [1, 2].map((seed) => simulateFamily(family(model, split, seed), { exact: false, follow: 5 })));
    const without = runs();
    // ~3,600 orders a run, a cap of 2,000 amounts in all: each run past it draws on a copy of its entry's generator, seeds 1 and 2 taking each other's room
    const cache = keepAmounts(2_000, { least: 0 })!;
    expect(runs()).toEqual(without);
    expect([cache.drawn('1 600 0.6'), cache.drawn('2 600 0.6')]).toEqual([0, 2_000]);
    expect(runs()).toEqual(without);
  });
});
