/**
 * The same buyers in every run of a scenario (RULEBOOK §9; timeline.ts): the order flow (new buyers,
 * their amounts, referral parents, which earlier buyer buys again and for how much) never depends on
 * what the model does, and who sells on a day is a function of (seed, day, buyer) alone. Checked by
 * running a scenario with and without each stress event of stress.ts, on both books, and comparing
 * what must not move; and that a repeat purchase by an exited buyer re-enters them (RULEBOOK §2) on
 * the exact book and on the fast book alike.
 */
import { describe, expect, it } from 'vitest';
import type { Book } from '../../src/engine/book.ts';
import { Rng, Slots } from '../../src/engine/flow/rng.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import { STRESS_KINDS, stressEvent, type StressKind } from '../../src/engine/stress.ts';
import { bookFor, runFlow } from '../../src/engine/flow/run.ts';
import { seedBooks } from './helpers.ts';

const scenario = (input: ScenarioInput): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
};

const EVENT_DAY = 20;
const BASE: ScenarioInput = {
  rules: { exitMultiple: 2 },
  flow: {
    days: 40,
    seed: 11,
    orderAmount: { kind: 'lognormal', mean: 900, cv: 0.7 },
    buyers: { perDay: 12, growth: { kind: 'exponential', ratePerDay: 0.02 } },
    repeat: { probabilityPerDay: 0.05 },
    // portion 0.5: a daily sale is told apart from a run's or a stop test's (which sell everything)
    sell: { ratePerDay: 0.08, portion: 0.5, takeProfit: 1.2 },
    referral: { probability: 0.7, rewards: { direct: 0.05, indirect: 0.02 } },
  },
};

/** one run, recording each order (day, slot, amount, new?), the daily sellers' picks and the referral parents */
function traced(s: FlowScenarioV1, exact: boolean) {
  const book = bookFor(s, { exact }) as Book<unknown>;
  const orders: Array<{ day: number; slot: number; amount: number; fresh: boolean; wasActive: boolean }> = [];
  const picks = new Map<number, number[]>();
  const sellers = new Map<number, number[]>();
  const newOrder = book.newOrder.bind(book);
  const repeatOrder = book.repeatOrder.bind(book);
  const isActive = book.isActive.bind(book);
  const sellShare = book.sellShare.bind(book);
  let inDailySells = false;
  book.newOrder = (amount) => {
    orders.push({ day: book.day, slot: book.userCount, amount, fresh: true, wasActive: false });
    newOrder(amount);
  };
  book.repeatOrder = (slot, amount) => {
    orders.push({ day: book.day, slot, amount, fresh: false, wasActive: isActive(slot) });
    repeatOrder(slot, amount);
  };
  // the slots picked to sell: a day's sellers as the driver hands them to sellPicked (the fast book
  // then asks isActive only of those still on the list), and those a run or a stop test asks
  // isActive of (in these scenarios the driver asks it of nothing else)
  const record = (slot: number) => {
    const list = picks.get(book.day) ?? [];
    list.push(slot);
    picks.set(book.day, list);
  };
  const sellPicked = book.sellPicked.bind(book);
  let inPicked = false;
  book.sellPicked = (slots, n, portion) => {
    for (let k = 0; k < n; k++) record(slots[k]!);
    inPicked = true;
    try {
      sellPicked(slots, n, portion);
    } finally {
      inPicked = false;
    }
  };
  book.isActive = (slot) => {
    if (!inPicked) record(slot);
    return isActive(slot);
  };
  book.sellShare = (slot, portion) => {
    inDailySells = portion === 0.5;
    if (inDailySells) {
      const list = sellers.get(book.day) ?? [];
      list.push(slot);
      sellers.set(book.day, list);
    }
    sellShare(slot, portion);
  };
  const run = runFlow(book, s);
  if (!run.ok) throw new Error(JSON.stringify(run.problems));
  const parents = Array.from(run.referral!.parent.subarray(0, book.userCount));
  return { run, book, orders, picks, sellers, parents };
}

const withStress = (kind: StressKind): FlowScenarioV1 => {
  const base = scenario(BASE);
  return { ...base, events: [...(base.events ?? []), stressEvent({ kind, day: EVENT_DAY })] };
};

describe('the same buyers with and without each stress event', () => {
  for (const exact of [false, true]) {
    const base = traced(scenario(BASE), exact);
    it(`${exact ? 'exact' : 'fast'}: the baseline exercises what the checks rely on`, () => {
      // repeat purchases by buyers who had sold out, and many daily sellers
      expect(base.orders.filter((o) => !o.fresh && !o.wasActive).length).toBeGreaterThan(0);
      expect(base.orders.filter((o) => !o.fresh && o.wasActive).length).toBeGreaterThan(0);
      expect([...base.sellers.values()].flat().length).toBeGreaterThan(50);
      expect(base.parents.filter((p) => p >= 0).length).toBeGreaterThan(50);
    });
    for (const kind of STRESS_KINDS) {
      it(`${exact ? 'exact' : 'fast'}, ${kind} on day ${EVENT_DAY}: the same orders, referral parents and daily sellers' picks`, () => {
        const st = traced(withStress(kind), exact);
        const stops = kind === 'stop-orders' || kind === 'stop-test';
        // every order before the event's day is the same (buyer, day, amount), and so is every day's row
        const before = (o: { day: number }) => o.day < EVENT_DAY;
        expect(st.orders.filter(before)).toEqual(base.orders.filter(before));
        const rows = (r: typeof base) => JSON.stringify(r.run.days.filter(before));
        expect(rows(st)).toBe(rows(base));
        if (stops) {
          // no order from the stop on
          expect(st.orders.filter((o) => o.day >= EVENT_DAY)).toEqual([]);
        } else {
          // the whole flow of orders: who, on which day, how much; whether the buyer was active
          // when buying again may differ (the event moves who holds points), nothing else
          const flow = (r: typeof base) => r.orders.map(({ day, slot, amount, fresh }) => ({ day, slot, amount, fresh }));
          expect(flow(st)).toEqual(flow(base));
          expect(st.parents).toEqual(base.parents);
          for (let u = 0; u < base.book.userCount; u++) {
            expect(st.book.firstDayOf(u)).toBe(base.book.firstDayOf(u));
            expect(String(st.book.spentOf(u))).toBe(String(base.book.spentOf(u)));
          }
          const perDay = (r: typeof base) => r.run.days.map((d) => [d.newBuyers, d.repeatOrders, d.orders, String(d.spend)]);
          expect(perDay(st)).toEqual(perDay(base));
        }
        // who is asked whether they sell: the same slots on every day. A stop test first asks every
        // slot on its day (then the day's sellers are asked); a run asks its own random picks, so
        // its day is left out here (the next test checks the run's order)
        for (let d = 1; d <= 40; d++) {
          if (kind === 'run' && d === EVENT_DAY) continue;
          const a = base.picks.get(d) ?? [];
          let b = st.picks.get(d) ?? [];
          const n = st.book.userCount;
          if (kind === 'stop-test' && d === EVENT_DAY) {
            expect([...b.slice(0, n)].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, k) => k));
            b = b.slice(n);
          }
          // after a stop there are fewer buyers: the picks are the baseline's among the slots that exist
          expect(b, `day ${d}`).toEqual(stops && d >= EVENT_DAY ? a.filter((x) => x < n) : a);
          // a picked buyer sells exactly when active: the sellers are picks, in the picks' order
          const sold = st.sellers.get(d) ?? [];
          expect(sold.every((x) => b.includes(x))).toBe(true);
        }
        // and the sellers on a day among buyers who sold in one run and are active in the other's end
        // of that day are the same: checked through the picks above, since a pick sells iff active
      });
    }
  }
});

describe('a run on the pool and the stop test sell in an order fixed by seed and day', () => {
  it('the buyers active in both runs sell in the same relative order', () => {
    // with and without a 50% skim on day 10, a stop test on day 30: the order of sales among buyers
    // active in both runs is the same
    const base = scenario({ ...BASE, events: [{ day: 30, stopTest: true }] });
    const skim = scenario({ ...BASE, events: [{ day: 10, withdraw: { share: 0.5 } }, { day: 30, stopTest: true }] });
    const order = (s: FlowScenarioV1) => {
      const book = bookFor(s) as Book<unknown>;
      const sold: number[] = [];
      const sellShare = book.sellShare.bind(book);
      book.sellShare = (slot, portion) => {
        if (book.day === 30 && portion === 1) sold.push(slot);
        sellShare(slot, portion);
      };
      const run = runFlow(book, s);
      if (!run.ok) throw new Error('run failed');
      return sold;
    };
    const a = order(base);
    const b = order(skim);
    const both = new Set(a.filter((x) => b.includes(x)));
    expect(both.size).toBeGreaterThan(20);
    expect(a.filter((x) => both.has(x))).toEqual(b.filter((x) => both.has(x)));
  });
});

describe('keyed generators', () => {
  it('the same (seed, key, tag) give the same draws; changing any one gives others', () => {
    const draws = (r: Rng) => Array.from({ length: 8 }, () => r.u32());
    expect(draws(Rng.keyed(5, 3, 1))).toEqual(draws(Rng.keyed(5, 3, 1)));
    const seen = new Set([JSON.stringify(draws(Rng.keyed(5, 3, 1)))]);
    for (const [s, k, t] of [
      [6, 3, 1],
      [5, 4, 1],
      [5, 3, 2],
      [0, 0, 0],
      [3, 5, 1],
    ] as const)
      seen.add(JSON.stringify(draws(Rng.keyed(s, k, t))));
    expect(seen.size).toBe(6);
  });
  it('pick(p, n) picks the slots that a loop of skip(p) picks', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const out = new Slots();
    for (const [p, n] of [[0.001, 20_000], [0.3, 200], [0.9, 50], [0.05, 400]] as const) {
      b.pick(p, n, out);
      const want: number[] = [];
      for (let i = a.skip(p); i < n; i += 1 + a.skip(p)) want.push(i);
      expect([...out.buf.subarray(0, out.n)]).toEqual(want);
      expect(want.length).toBeGreaterThan(0); // each case picks something, so the comparison can fail
    }
    b.pick(1, 7, out); // p = 1: every slot, without a draw
    expect([...out.buf.subarray(0, out.n)]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    b.pick(0, 7, out);
    expect(out.n).toBe(0);
  });
});

describe('a repeat order by an exited buyer re-enters them (RULEBOOK §2), on both books', () => {
  const rules = scenario(BASE).rules;
  for (const [name, make] of seedBooks(rules)) {
    it(name, () => {
      const book = make();
      const A = book.A;
      const num = (x: unknown) => Number(A.str(x as never));
      book.day = 1;
      book.newOrder(1000);
      book.newOrder(1000);
      // buyer 0 sells everything: exited
      book.sellShare(0, 1);
      expect(book.isActive(0)).toBe(false);
      expect(book.activeCount).toBe(1);
      const cash = num(book.cashOf(0));
      const priceBefore = num(book.price);
      book.day = 2;
      book.repeatOrder(0, 500);
      // back in: active again, basis and obtained restart from this order (RULEBOOK §2), spend and
      // cash keep their history, first day stays day 1; the order issues g x 0.3 x 500 / p points
      expect(book.isActive(0)).toBe(true);
      expect(book.activeCount).toBe(2);
      expect(book.ordersCount).toBe(3);
      expect(num(book.spentOf(0))).toBe(1500);
      expect(num(book.basisOf(0))).toBe(500);
      expect(num(book.cashSinceEntryOf(0))).toBe(0);
      expect(num(book.cashOf(0))).toBe(cash);
      expect(book.firstDayOf(0)).toBe(1);
      expect(book.exitDayOf(0)).toBe(-1);
      const issued = (0.7 * 0.3 * 500) / priceBefore;
      expect(num(book.obtainedOf(0))).toBeCloseTo(issued, 9);
      expect(num(book.holdingOf(0))).toBeCloseTo(issued, 9);
      // the holdings add up to the circulating points
      expect(num(book.holdingOf(0)) + num(book.holdingOf(1))).toBeCloseTo(num(book.points), 9);
      // and it can be forced out and sold again like anyone else
      book.sellShare(0, 1);
      expect(book.isActive(0)).toBe(false);
    });
  }
});
