/**
 * A large run's sellers drawn ahead (src/cli/picks-thread.ts, picks-ring.ts, picks-worker.ts) and the
 * day loop's provider hook (runFlow's `sellers`, src/engine/flow/sellers.ts): a run that takes its
 * sellers from the provider gives the same result as one that draws them itself, on scenarios with
 * legacy members, referral, repeats and stop events, on the fast and the exact book; a provider
 * whose picks are for another day, seed, rate or buyer count is not used (the run draws in place);
 * the ring wraps, waits when full and leaves out days it cannot hold or that the run drew itself.
 *
 * Expected values: the run without a provider (the engine's own draws) is the yardstick, and each
 * check of the provider is shown able to fail by a provider whose picks would change the run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bookFor, buyersBeforeSales, drawSellers, flowResult, runFlow, validateScenario, type Book, type DrawnSellers, type FlowScenarioV1, type ScenarioInput, type SellersAhead } from '../../src/engine/index.ts';
import { Slots } from '../../src/engine/picks.ts';
import { drawAhead, PicksReader, picksShared, type PicksShared } from '../../src/cli/picks-ring.ts';
import { LARGE_RUN, sellersThread } from '../../src/cli/picks-thread.ts';

const scenario = (input: ScenarioInput): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
};

/** the whole result document of a run (with its sellers from `sellers`, or drawn in place), as JSON; a scenario with rounding on floats runs on the rounded float book */
function resultOf(s: FlowScenarioV1, exact: boolean, sellers: SellersAhead | null = null): string {
  const book = bookFor(s, { exact, roundingOnFloats: true }) as Book<unknown>;
  const run = runFlow(book, s, undefined, { sellers });
  if (!run.ok) throw new Error(JSON.stringify(run.problems));
  return JSON.stringify(flowResult(run, s));
}

/** a reader over a ring the thread's code has filled beforehand, in this thread (the ring large enough for every day) */
function filled(s: FlowScenarioV1, buyers = buyersBeforeSales(s)): { reader: PicksReader; sh: PicksShared } {
  const sh = picksShared(s.flow.seed, s.flow.sell.ratePerDay, buyers, 1 << 16);
  drawAhead(sh);
  return { reader: new PicksReader(sh), sh };
}

/** a provider's days as the run sees them: offered (not null), for the run's own buyer count, and their slots */
function counting(p: SellersAhead) {
  const stats = { offered: 0, matched: 0, slots: 0 };
  const provider: SellersAhead = {
    take: (d, n) => {
      const got = p.take(d, n);
      if (got) {
        stats.offered++;
        if (got.buyers === n) stats.matched++;
        stats.slots += got.count;
      }
      return got;
    },
    release: (d) => p.release(d),
  };
  return { provider, stats };
}

/**
 * p, its take waiting (up to `ms` in all) until the thread has written the day: the run then takes
 * every day from the thread, however the machine's load schedules it (without it, a run that outran
 * a thread starved of a core drew the days itself, and the ring had not wrapped by the run's end:
 * CI on f50e8bb, 1,835 slots taken from a ring of 4,096)
 */
function paced(p: SellersAhead, sh: PicksShared, ms = 10_000): SellersAhead {
  const until = Date.now() + ms;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  return {
    take: (d, n) => {
      while (Atomics.load(sh.ctrl, 0) < d && Date.now() < until) Atomics.wait(nap, 0, 0, 1);
      return p.take(d, n);
    },
    release: (d) => p.release(d),
  };
}

// legacy members on day 6, referral joins, repeats (legacy members excepted), take-profit, a rule change,
// fractional buyers a day (exponential growth), a run on the pool, orders stopped on day 31
const RICH: ScenarioInput = {
  rules: { exitMultiple: 2 },
  flow: {
    days: 40,
    seed: 7,
    orderAmount: { kind: 'lognormal', mean: 900, cv: 0.7 },
    buyers: { perDay: 12.5, growth: { kind: 'exponential', ratePerDay: 0.03 } },
    repeat: { probabilityPerDay: 0.05 },
    sell: { ratePerDay: 0.08, portion: 0.5, takeProfit: 1.2 },
    referral: { probability: 0.6, rewards: { direct: 0.05, indirect: 0.02 } },
    legacy: { members: 37, liabilityPerMember: 1000, day: 6, release: { batches: 3, everyDays: 5, firstDay: 10 } },
  },
  events: [
    { day: 12, rules: { exitMultiple: 3 } },
    { day: 20, run: { share: 0.3 } },
    { day: 31, stopOrders: true },
  ],
};
// a stop test ends orders on day 25 (and sells everyone out); repeats, no legacy, no referral
const STOP_TEST: ScenarioInput = {
  rules: { exitMultiple: 3 },
  flow: { days: 30, seed: 3, orderAmount: 1000, buyers: { perDay: 20 }, repeat: { probabilityPerDay: 0.02 }, sell: { ratePerDay: 0.05, portion: 1 } },
  events: [{ day: 25, stopTest: true }],
};
// the back office's rounding: the exact book, or the rounded float book (roundingOnFloats)
const ROUNDED: ScenarioInput = {
  rules: { exitMultiple: 2, minPrice: 1, rounding: { points: 2, money: 2, mode: 'down' } },
  flow: { days: 25, seed: 5, orderAmount: 1000, buyers: { perDay: 9 }, sell: { ratePerDay: 0.1, portion: 1 } },
};

describe('buyersBeforeSales: the buyer count each day\'s sales begin with, worked out before the run', () => {
  it('counts new buyers by the order flow, legacy members on their day, nobody after orders stop', () => {
    // 10 a day; 4 legacy members on day 3; orders stopped on day 5: days 1..4 add 10 each, day 3 adds 4 more
    const s = scenario({
      flow: { days: 6, seed: 1, orderAmount: 100, buyers: { perDay: 10 }, repeat: { probabilityPerDay: 0.5 }, legacy: { members: 4, liabilityPerMember: 10, day: 3, release: { batches: 1, everyDays: 1, firstDay: 4 } } },
      events: [{ day: 5, stopOrders: true }],
    });
    expect([...buyersBeforeSales(s)]).toEqual([0, 10, 20, 34, 44, 44, 44]);
    // 0.4 a day: the running sum's floor, 0.4, 0.8, 1.2, 1.6, 2.0 -> 0, 0, 1, 1, 2
    const slow = scenario({ flow: { days: 5, seed: 1, orderAmount: 100, buyers: { perDay: 0.4 } } });
    expect([...buyersBeforeSales(slow)]).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it("matches the run: every day's count of every scenario here is the run's own", () => {
    for (const input of [RICH, STOP_TEST, ROUNDED]) {
      const s = scenario(input);
      const { provider, stats } = counting(filled(s).reader);
      resultOf(s, false, provider);
      expect(stats.offered).toBe(s.flow.days);
      expect(stats.matched).toBe(s.flow.days);
    }
  });
});

describe('runFlow with its sellers drawn ahead', () => {
  for (const [name, input] of [
    ['legacy members, referral, repeats, a run and stopped orders', RICH],
    ['a stop test', STOP_TEST],
    ['platform rounding', ROUNDED],
  ] as const) {
    for (const exact of [false, true]) {
      it(`${name}, ${exact ? 'exact' : 'fast'} book: the same result as drawing in place`, () => {
        const s = scenario(input);
        const { provider, stats } = counting(filled(s).reader);
        const want = resultOf(s, exact);
        expect(resultOf(s, exact, provider)).toBe(want);
        expect(stats.matched).toBe(s.flow.days);
      });
    }
  }

  it("a provider's picks for another day, buyer count, seed or rate are not used: the run draws them in place", () => {
    const s = scenario(RICH);
    const want = resultOf(s, false);
    const f = s.flow;
    const drawn = (d: number, n: number, seed = f.seed, rate = f.sell.ratePerDay): DrawnSellers => {
      const out = new Slots();
      drawSellers(seed, d, rate, n, out);
      return { day: d, buyers: n, seed, rate, slots: out.buf, count: out.n };
    };
    // picks that would change the run, each labelled with what it was drawn for
    const wrong: Array<[string, (d: number, n: number) => DrawnSellers]> = [
      ['the next day', (d, n) => drawn(d + 1, n)],
      ['half the buyers', (d, n) => drawn(d, n >> 1)],
      ['another seed', (d, n) => drawn(d, n, f.seed + 1)],
      ['another rate', (d, n) => drawn(d, n, f.seed, f.sell.ratePerDay * 2)],
    ];
    for (const [what, draw] of wrong) {
      const { provider, stats } = counting({ take: draw, release: () => {} });
      expect(resultOf(s, false, provider), what).toBe(want);
      expect(stats.offered, what).toBe(f.days);
      // the control: the same picks labelled as the day's own are taken, and change the run (so the check above can fail)
      const lying: SellersAhead = { take: (d, n) => ({ ...draw(d, n), day: d, buyers: n, seed: f.seed, rate: f.sell.ratePerDay }), release: () => {} };
      expect(resultOf(s, false, lying), what).not.toBe(want);
    }
  });

  it('a day whose predicted buyer count is off is drawn in place, the others taken', () => {
    const s = scenario(RICH);
    const buyers = buyersBeforeSales(s);
    // day 9 drawn over half its buyers: its picks only among the first half (the control above shows such picks change the run)
    buyers[9] = buyers[9]! >> 1;
    const { provider, stats } = counting(filled(s, buyers).reader);
    expect(resultOf(s, false, provider)).toBe(resultOf(s, false));
    expect(stats.offered).toBe(s.flow.days);
    expect(stats.matched).toBe(s.flow.days - 1);
  });
});

describe('the ring', () => {
  const s = scenario(STOP_TEST);
  const buyers = buyersBeforeSales(s);
  const f = s.flow;
  const own = (d: number) => {
    const out = new Slots();
    drawSellers(f.seed, d, f.sell.ratePerDay, buyers[d]!, out);
    return [...out.buf.subarray(0, out.n)];
  };

  it("a day with more sellers than the ring holds is left to the run; the days around it are the engine's own draws", () => {
    // a ring of 24 slots: 5% of 20..500 buyers a day is 1..25 sellers, so the last days (about 25 each) do not fit
    const sh = picksShared(f.seed, f.sell.ratePerDay, buyers, 24);
    const reader = new PicksReader(sh);
    let fits = 0;
    let left = 0;
    // the thread's code runs here, one day at a time: release each day as soon as it is written, so the ring never fills
    const out: Array<number[] | null> = [];
    for (let d = 1; d <= f.days; d++) {
      const one = { ...sh, buyers: buyers.subarray(0, d + 1) };
      // drawAhead skips the days already released and stops after day d
      drawAhead(one);
      const got = reader.take(d, buyers[d]!);
      out.push(got ? [...got.slots.subarray(0, got.count)] : null);
      reader.release(d);
    }
    out.forEach((got, i) => {
      const want = own(i + 1);
      if (want.length > 24) {
        expect(got, `day ${i + 1}`).toBeNull();
        left++;
      } else {
        expect(got, `day ${i + 1}`).toEqual(want);
        fits++;
      }
    });
    // both kinds happened
    expect(left).toBeGreaterThan(0);
    expect(fits).toBeGreaterThan(0);
  });

  it('days the run is already done with are skipped, and not offered', () => {
    const sh = picksShared(f.seed, f.sell.ratePerDay, buyers, 1 << 12);
    const reader = new PicksReader(sh);
    // the run drew days 1..10 itself before the thread started
    reader.release(10);
    drawAhead(sh);
    for (let d = 1; d <= 10; d++) expect(reader.take(d, buyers[d]!)).toBeNull();
    for (let d = 11; d <= f.days; d++) expect([...reader.take(d, buyers[d]!)!.slots]).toEqual(own(d));
  });
});

describe('the thread (picks-worker.ts, started as the command starts it)', () => {
  let reader: PicksReader | null = null;
  afterEach(() => reader?.stop());

  it('only for runs of LARGE_RUN buyers or more, with sales', () => {
    expect(sellersThread(scenario(STOP_TEST))).toBeNull();
    const noSales = scenario({ flow: { days: 100, seed: 1, orderAmount: 10, buyers: { perDay: LARGE_RUN / 100 } } });
    expect(sellersThread(noSales, 0)).toBeNull();
    // LARGE_RUN buyers by the last day, legacy members counted: 100 days of LARGE_RUN / 100 - 1, and 100 members
    const large = (members: number) =>
      scenario({ flow: { days: 100, seed: 1, orderAmount: 10, buyers: { perDay: LARGE_RUN / 100 - 1 }, sell: { ratePerDay: 0.01, portion: 1 }, legacy: { members, liabilityPerMember: 10, day: 50, release: { batches: 1, everyDays: 1 } } } });
    expect(sellersThread(large(99))).toBeNull();
    reader = sellersThread(large(100));
    expect(reader).not.toBeNull();
  });

  it('draws ahead in its own thread, waiting for room in a small ring that it wraps; the run takes what it has drawn and gives the same result', async () => {
    // 60 days of 200 new buyers, 10% selling: about 20 to 1,200 sellers a day, 36,600 in all, through a ring of 4,096
    const s = scenario({ rules: { exitMultiple: 2 }, flow: { days: 60, seed: 9, orderAmount: 500, buyers: { perDay: 200 }, repeat: { probabilityPerDay: 0.01 }, sell: { ratePerDay: 0.1, portion: 1 } } });
    reader = sellersThread(s, 0, 4096);
    expect(reader).not.toBeNull();
    // let the thread start (tsx loads its TypeScript) and fill the ring: it then waits for the run
    const sh = (reader as unknown as { sh: PicksShared }).sh;
    const until = Date.now() + 20_000;
    while (Atomics.load(sh.ctrl, 0) < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const done = Atomics.load(sh.ctrl, 0);
    expect(done).toBeGreaterThanOrEqual(3);
    // full: the thread has not drawn every day (it holds about 4,096 of the 36,600 slots)
    expect(done).toBeLessThan(s.flow.days);
    const { provider, stats } = counting(paced(reader!, sh));
    expect(resultOf(s, false, provider)).toBe(resultOf(s, false));
    // every day from the thread (the run waits for each: paced), through the ring more than once (it wrapped)
    expect(stats.matched).toBe(s.flow.days);
    expect(stats.slots).toBeGreaterThan(4096);
  });
});
