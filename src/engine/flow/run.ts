/**
 * The day loop of time-driven runs (RULEBOOK §7): day by day, dated events first, then orders (new
 * buyers, then repeat purchases), then sales (random sellers, then take-profit); forced exits
 * follow every single event inside the book. The same driver runs the exact and the fast book; it
 * keeps each day's raw figures in the book's own number type, from which metrics/ computes the
 * figures of RULEBOOK §8.
 */
import { exact, fast } from '../arith.ts';
import type { Book } from '../book.ts';
import { SeedBook } from '../models/seed/book.ts';
import { FastSeedBook } from '../models/seed/book.fast.ts';
import { FastRoundingBook } from '../models/seed/book.rounding.fast.ts';
import { LedgerError, seedBufferBytes } from '../models/seed/records.ts';
import { Referral } from '../referral.ts';
import { keptMultiplesBytes } from '../metrics/cohorts.ts';
import type { DayRowOf, Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { BuyerCounter, OrderFlow, eventsByDay, expectedTotalBuyers } from './orders.ts';
import { Rng, Slots } from './rng.ts';
import { RUN, STOP_TEST, drawSellers, eventTag, type SellersAhead } from './sellers.ts';

/** What the driver keeps per day, in the book's own number type: the day's row, and what active users need. */
export interface DayRaw<T> extends DayRowOf<T> {
  needBreakEven: T;
  needExitPromise: T | null;
}

/** What happened to legacy members (RULEBOOK §3.6). */
export interface LegacyRaw<T> {
  releases: Array<{ day: number; releasedEach: T; priceBefore: T; priceAfter: T }>;
  /** share of legacy members whole at the end of each day from the conversion on */
  wholeByDay: Array<{ day: number; whole: number }>;
}

/**
 * The back-office profile's figures per day (RULEBOOK §9.2), kept when the rules set a floor, a
 * ceiling or a points cap: paid at the day's settlement (a part of the day row's `paid`), what it
 * left and the platform kept, and sales due that the pool could not pay (under a floor).
 */
export interface OfficeDayRaw<T> {
  day: number;
  settled: T;
  kept: T;
  unpaid: T;
}

export type FlowRun<T> =
  | { ok: true; book: Book<T>; days: DayRaw<T>[]; stoppedOn: number | null; lastBuyer: number; referral: Referral<T> | null; legacy: LegacyRaw<T> | null; office: OfficeDayRaw<T>[] | null }
  | { ok: false; problems: Problem[] };

// The same buyers in every run of a scenario (RULEBOOK §9): the order flow's stream and the keyed
// decisions, their tags and the day's sellers, are in sellers.ts.

/** Shuffle the picks in place (Fisher-Yates on a keyed generator): a run sells in random order. */
function shuffle(picks: Slots, rng: Rng): void {
  const b = picks.buf;
  for (let i = picks.n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = b[i]!;
    b[i] = b[j]!;
    b[j] = t;
  }
}

/** How a run goes about its work, never what it computes: `sellers`, each day's sellers drawn ahead (sellers.ts, SellersAhead). */
export interface FlowRunOptions {
  sellers?: SellersAhead | null;
}

/** the seed's loop's order flow: with referral, each new buyer's join draws from the flow's stream (referral.join) */
export const seedOrderFlow = (f: FlowScenarioV1['flow']): OrderFlow => new OrderFlow(f, { loopDraws: Boolean(f.referral) });

export function runFlow<T>(book: Book<T>, s: FlowScenarioV1, onDay?: (d: number, referral: Referral<T> | null) => void, opts: FlowRunOptions = {}): FlowRun<T> {
  const A = book.A;
  const f = s.flow;
  // the order flow's own stream; decisions draw from keyed generators (sellers.ts)
  const flow = seedOrderFlow(f);
  const events = s.events ?? [];
  const byDay = eventsByDay(events);
  if (f.sell.takeProfit !== null) book.setTakeProfit(f.sell.takeProfit);
  const referral = f.referral ? new Referral(book, f.referral) : null;
  const lg = f.legacy;
  const legacy: LegacyRaw<T> | null = lg ? { releases: [], wholeByDay: [] } : null;
  const releaseDays = new Map<number, number>();
  if (lg) {
    const first = lg.release.firstDay ?? lg.day;
    for (let k = 0; k < lg.release.batches; k++) releaseDays.set(first + k * lg.release.everyDays, k);
  }
  let releaseEach = A.zero;
  const picks = new Slots();
  const ahead = opts.sellers ?? null;
  const days: DayRaw<T>[] = [];
  const r = s.rules;
  const office: OfficeDayRaw<T>[] | null = r.minPrice !== undefined || r.maxPrice !== undefined || r.pointsCap !== undefined ? [] : null;
  let stoppedOn: number | null = null;
  let lastBuyer = -1;
  const t = book.totals;
  // running totals at the end of the previous day: a day's flows are the differences
  const snapshot = () => ({
    orders: t.orders,
    poolInflow: t.poolInflow,
    paid: t.paid,
    withheld: t.withheld,
    subsidies: t.subsidies,
    withdrawals: t.withdrawals,
    settled: book.settledPaid,
    kept: book.kept,
    unpaid: book.unpaid,
    orderCount: book.ordersCount,
    salesCount: book.salesCount,
    forcedCount: book.forcedCount,
  });
  let prev = snapshot();

  for (let d = 1; d <= f.days; d++) {
    book.day = d;
    if (lg && d === lg.day) {
      book.addLegacy(lg.members, lg.liabilityPerMember, lg.pointShare);
      releaseEach = A.div(book.lockedEach, A.of(lg.release.batches));
    }
    let runs = 0;
    let stopTests = 0;
    for (const i of byDay.get(d) ?? []) {
      const e = events[i]!;
      try {
        if (e.subsidy) book.subsidy(e.subsidy.amount);
        else if (e.withdraw) book.withdraw(e.withdraw.amount ?? { share: e.withdraw.share! });
        else if (e.rules) book.changeRules(e.rules);
        else if (e.stopOrders) stoppedOn ??= d;
        else if (e.run || e.stopTest) {
          if (e.stopTest) stoppedOn ??= d;
          const keyed = Rng.keyed(f.seed, d, e.run ? eventTag(RUN, runs++) : eventTag(STOP_TEST, stopTests++));
          if (e.run) keyed.pick(e.run.share, book.userCount, picks);
          else {
            picks.n = 0;
            for (let k = 0; k < book.userCount; k++) picks.push(k);
          }
          shuffle(picks, keyed);
          for (let k = 0; k < picks.n; k++) if (book.isActive(picks.buf[k]!)) book.sellShare(picks.buf[k]!, 1);
        }
      } catch (err) {
        if (!(err instanceof LedgerError)) throw err;
        return { ok: false, problems: [{ path: `events[${i}].${e.withdraw?.share !== undefined ? 'withdraw.share' : err.field}`, message: `${err.message} (day ${d})` }] };
      }
    }
    const batch = releaseDays.get(d);
    if (lg && legacy && batch !== undefined) {
      // the last batch releases what is left, so that every locked point is released
      const last = batch === lg.release.batches - 1;
      const each = last ? A.sub(book.lockedEach, A.mul(releaseEach, A.of(lg.release.batches - 1))) : releaseEach;
      if (A.isZero(book.pool)) {
        // points put into circulation against an empty pool would have no price (RULEBOOK §3.5)
        return {
          ok: false,
          problems: [
            {
              path: lg.release.firstDay !== undefined ? 'flow.legacy.release.firstDay' : 'flow.legacy.release',
              message: `the release on day ${d} would put points into circulation while the pool is empty, which leaves them no price; release after orders have put cash in the pool (set release.firstDay later than day ${d})`,
            },
          ],
        };
      }
      const priceBefore = book.price;
      const priceAfter = book.releaseLegacy(each, last);
      legacy.releases.push({ day: d, releasedEach: each, priceBefore, priceAfter });
    }
    const nNew = flow.newBuyers(d);
    let nRepeat = 0;
    if (stoppedOn === null) {
      // buyers of earlier days (legacy members, who spend coins, place no cash orders here)
      const legacySlots = book.legacySlots;
      const earlier = book.userCount - legacySlots.count;
      if (nNew > 0) {
        if (referral) {
          for (let k = 0; k < nNew; k++) {
            const amount = flow.amount();
            const u = book.userCount;
            referral.join(u, flow.rng);
            book.newOrder(amount);
            referral.order(u, amount, true);
          }
        } else book.newOrders(flow.amountsOf(nNew), nNew);
        lastBuyer = book.userCount - 1;
      }
      // each earlier buyer with the repeat probability, active or not: an exited buyer re-enters (RULEBOOK §2)
      flow.repeaters(earlier, picks);
      for (let k = 0; k < picks.n; k++) {
        const b = picks.buf[k]!;
        const slot = legacySlots.count > 0 && b >= legacySlots.from ? b + legacySlots.count : b;
        const amount = flow.amount();
        book.repeatOrder(slot, amount);
        referral?.order(slot, amount, false);
        nRepeat++;
      }
    }
    const rate = f.sell.ratePerDay;
    if (rate > 0) {
      // who sells: slots drawn on the day's own generator; a picked buyer sells only if active.
      // Drawn ahead when the provider has them for this day, seed, rate and buyer count, else here
      const got = ahead?.take(d, book.userCount) ?? null;
      if (got !== null && got.day === d && got.buyers === book.userCount && got.seed === f.seed && got.rate === rate) book.sellPicked(got.slots, got.count, f.sell.portion);
      else {
        drawSellers(f.seed, d, rate, book.userCount, picks);
        book.sellPicked(picks.buf, picks.n, f.sell.portion);
      }
      ahead?.release(d);
    }
    if (f.sell.takeProfit !== null) book.takeProfit();
    // the back office's day-end job (RULEBOOK §9.2): the settlement at the price ceiling, after the day's sales
    book.settleAtCeiling();
    referral?.endDay();
    if (lg && legacy && d >= lg.day) legacy.wholeByDay.push({ day: d, whole: legacyWhole(book, lg.liabilityPerMember) });

    const m = book.rulesNow.m;
    days.push({
      day: d,
      orders: book.ordersCount - prev.orderCount,
      newBuyers: stoppedOn === null ? nNew : 0,
      repeatOrders: nRepeat,
      sales: book.salesCount - prev.salesCount,
      forcedExits: book.forcedCount - prev.forcedCount,
      spend: A.sub(t.orders, prev.orders),
      poolInflow: A.sub(t.poolInflow, prev.poolInflow),
      paid: A.sub(t.paid, prev.paid),
      withheld: A.sub(t.withheld, prev.withheld),
      subsidies: A.sub(t.subsidies, prev.subsidies),
      withdrawals: A.sub(t.withdrawals, prev.withdrawals),
      activeUsers: book.activeCount,
      // the price the platform trades at (with rounding: the stored price)
      price: book.quotedPrice,
      pool: book.pool,
      points: book.points,
      needBreakEven: book.needActive,
      needExitPromise: m === null ? null : A.sub(A.mul(m, book.basisActive), book.cashActive),
      referralPaid: referral ? referral.paidToday : A.zero,
      lockedPoints: book.lockedPoints,
    });
    if (referral) referral.paidToday = A.zero;
    office?.push({ day: d, settled: A.sub(book.settledPaid, prev.settled), kept: A.sub(book.kept, prev.kept), unpaid: A.sub(book.unpaid, prev.unpaid) });
    prev = snapshot();
    onDay?.(d, referral);
  }
  return { ok: true, book, days, stoppedOn, lastBuyer, referral, legacy, office };
}

/**
 * The buyer count each day's sales begin with (index d, days 1..flow.days; 0 unused), worked out
 * before the run for a provider of sellers drawn ahead (SellersAhead). It follows runFlow: on the
 * legacy day, the members before anything else; a day's new buyers unless orders have stopped (a
 * stopOrders or stopTest event, that day or earlier); repeat orders and referral joins add nobody.
 * A prediction only: runFlow checks each day's count and draws the sellers itself where they differ.
 */
export function buyersBeforeSales(s: FlowScenarioV1): Int32Array {
  const f = s.flow;
  const counter = new BuyerCounter(f.buyers.perDay, f.buyers.growth);
  let stopDay = Infinity;
  for (const e of s.events ?? []) if ((e.stopOrders || e.stopTest) && e.day < stopDay) stopDay = e.day;
  const out = new Int32Array(f.days + 1);
  let n = 0;
  for (let d = 1; d <= f.days; d++) {
    if (f.legacy && d === f.legacy.day) n += f.legacy.members;
    const nNew = counter.next(d);
    if (d < stopDay) n += nNew;
    out[d] = n;
  }
  return out;
}

/** legacy members whole now: cash received + realisable value of their points >= the liability */
function legacyWhole<T>(book: Book<T>, liability: number): number {
  const A = book.A;
  const L = A.of(liability);
  const keep = A.sub(A.one, book.rulesNow.w);
  let whole = 0;
  const { from, count } = book.legacySlots;
  for (let u = from; u < from + count; u++) {
    if (A.cmp(A.add(book.cashOf(u), A.mul(A.mul(keep, book.holdingOf(u)), book.price)), L) >= 0) whole++;
  }
  return whole;
}

/** the users a run of s expects (its fast book's capacity): the flow's buyers and any legacy members */
function expectedUsersOf(s: FlowScenarioV1): number {
  return expectedTotalBuyers(s.flow) + (s.flow.legacy?.members ?? 0);
}

/** the big buffers (bytes) a fast run of s takes, its book's (records.ts seedBufferBytes) and its metrics' (cohorts.ts keptMultiplesBytes): what a host may get ready ahead of it */
export function seedRunBuffers(s: FlowScenarioV1): number[] {
  const users = expectedUsersOf(s);
  const multiples = keptMultiplesBytes(users);
  return multiples > 0 ? [...seedBufferBytes(users), multiples] : seedBufferBytes(users);
}

/**
 * A fresh book for a scenario: exact when asked or when the rules ask for platform rounding, unless
 * `roundingOnFloats` asks for the rounded float book (book.rounding.fast.ts: the same source with its
 * rounding kept, on float64; the explorer's back-office profile runs on it and says so; held to the
 * exact path by test/engine/rounding-fast.test.ts). Without rounding `roundingOnFloats` changes nothing.
 */
export function bookFor(s: FlowScenarioV1, opts: { exact?: boolean; roundingOnFloats?: boolean } = {}): Book<unknown> {
  const rounds = s.rules.rounding !== undefined;
  if (opts.exact === true || (rounds && opts.roundingOnFloats !== true)) return new SeedBook(exact, s.rules) as Book<unknown>;
  const users = expectedUsersOf(s);
  return rounds ? (new FastRoundingBook(fast, s.rules, users) as Book<unknown>) : (new FastSeedBook(fast, s.rules, users) as Book<unknown>);
}
