/**
 * Time-driven runs (RULEBOOK §7): day by day, dated events first, then orders (new buyers, then
 * repeat purchases), then sales (random sellers, then take-profit); forced exits follow every
 * single event inside the book. The same driver runs the exact and the fast book, and computes
 * the metrics of RULEBOOK §8 through the book's arithmetic.
 */
import type { Arith } from './arith.ts';
import type { Book } from './book.ts';
import { ExactBook } from './book.ts';
import { FastBook } from './fast-book.ts';
import { BuyerCounter, amountSource, expectedBuyers, expectedTotalBuyers, flowDecays } from './flow.ts';
import { LedgerError } from './ledger.ts';
import { Rng, Slots } from './rng.ts';
import { Referral, REWARD_KINDS } from './referral.ts';
import { COMPLIANCE_NOTE, COMPLIANCE_NOTE_ZH, complianceOf } from './compliance.ts';
import { selectInPlace, selectRanks } from './select.ts';
import type { FlowScenarioV1 } from './scenario/index.ts';
import type { CohortRow, DayRow, Fig, FlowResult, Problem, RequiredGrowth, SolvencyRow } from './result.ts';
import { ENGINE_NAME, ENGINE_VERSION } from './version.ts';

/** What the driver keeps per day, in the book's own number type. */
export interface DayRaw<T> {
  day: number;
  orders: number;
  newBuyers: number;
  repeatOrders: number;
  sales: number;
  forcedExits: number;
  spend: T;
  poolInflow: T;
  paid: T;
  withheld: T;
  subsidies: T;
  withdrawals: T;
  activeUsers: number;
  price: T;
  pool: T;
  points: T;
  needBreakEven: T;
  needExitPromise: T | null;
  referralPaid: T;
  lockedPoints: T;
}

/** What happened to legacy members (RULEBOOK §3.6). */
interface LegacyRaw<T> {
  releases: Array<{ day: number; releasedEach: T; priceBefore: T; priceAfter: T }>;
  /** share of legacy members whole at the end of each day from the conversion on */
  wholeByDay: Array<{ day: number; whole: number }>;
}

export type FlowRun<T> =
  | { ok: true; book: Book<T>; days: DayRaw<T>[]; stoppedOn: number | null; lastBuyer: number; referral: Referral<T> | null; legacy: LegacyRaw<T> | null }
  | { ok: false; problems: Problem[] };

/**
 * The same buyers in every run of a scenario (RULEBOOK §9): a run draws from two kinds of stream.
 * - The order flow, `new Rng(seed)`: new buyers' amounts, referral joins, which earlier buyer buys
 *   again (each buyer of an earlier day with the repeat probability, legacy members excepted) and
 *   the repeat amounts. None of it depends on what the model does, so a what-if (a stress event, a
 *   rule change) leaves every order of the scenario where it was.
 * - Decisions, `Rng.keyed(seed, day, tag)`: one short generator per day and kind of decision, drawn
 *   over buyer slots 0..userCount-1 (which the order flow fixes), never over the active list. Whether
 *   buyer b sells on day d is therefore a function of (seed, day, b) alone; a picked buyer acts only
 *   if active. A run on the pool and the stop test shuffle the picked slots on their own keyed
 *   generator, so the order of sales among buyers active in two runs is the same in both.
 */
const SELLS = 1;
const RUN = 2;
const STOP_TEST = 3;
/**
 * A dated event's decision tag: its kind and its rank among the day's events of that kind (0 for
 * the first run of the day), so that adding another event to a scenario never moves the draws of
 * those already in it.
 */
const eventTag = (kind: number, rank: number) => ((rank << 2) | kind) >>> 0;

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

export function runFlow<T>(book: Book<T>, s: FlowScenarioV1, onDay?: (d: number, referral: Referral<T> | null) => void): FlowRun<T> {
  const A = book.A;
  const f = s.flow;
  // the order flow's own stream; decisions draw from keyed generators (see SELLS above)
  const rng = new Rng(f.seed);
  const amounts = amountSource(f.orderAmount, rng);
  const buyers = new BuyerCounter(f.buyers.perDay, f.buyers.growth);
  const events = s.events ?? [];
  const byDay = new Map<number, number[]>();
  events.forEach((e, i) => {
    const list = byDay.get(e.day);
    if (list) list.push(i);
    else byDay.set(e.day, [i]);
  });
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
  const days: DayRaw<T>[] = [];
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
    const nNew = buyers.next(d);
    let nRepeat = 0;
    if (stoppedOn === null) {
      // buyers of earlier days (legacy members, who spend coins, place no cash orders here)
      const legacySlots = book.legacySlots;
      const earlier = book.userCount - legacySlots.count;
      if (nNew > 0) {
        if (referral) {
          for (let k = 0; k < nNew; k++) {
            const amount = amounts.next();
            const u = book.userCount;
            referral.join(u, rng);
            book.newOrder(amount);
            referral.order(u, amount, true);
          }
        } else for (let k = 0; k < nNew; k++) book.newOrder(amounts.next());
        lastBuyer = book.userCount - 1;
      }
      const pr = f.repeat?.probabilityPerDay ?? 0;
      if (pr > 0) {
        // each earlier buyer with probability pr, active or not: an exited buyer re-enters (RULEBOOK §2)
        rng.pick(pr, earlier, picks);
        for (let k = 0; k < picks.n; k++) {
          const b = picks.buf[k]!;
          const slot = legacySlots.count > 0 && b >= legacySlots.from ? b + legacySlots.count : b;
          const amount = amounts.next();
          book.repeatOrder(slot, amount);
          referral?.order(slot, amount, false);
          nRepeat++;
        }
      }
    }
    const rate = f.sell.ratePerDay;
    if (rate > 0) {
      // who sells: slots drawn on the day's own generator; a picked buyer sells only if active
      const keyed = Rng.keyed(f.seed, d, SELLS);
      keyed.pick(rate, book.userCount, picks);
      const portion = f.sell.portion;
      for (let k = 0; k < picks.n; k++) {
        const b = picks.buf[k]!;
        if (book.isActive(b)) book.sellShare(b, portion);
      }
    }
    if (f.sell.takeProfit !== null) book.takeProfit();
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
      price: book.price,
      pool: book.pool,
      points: book.points,
      needBreakEven: book.needActive,
      needExitPromise: m === null ? null : A.sub(A.mul(m, book.basisActive), book.cashActive),
      referralPaid: referral ? referral.paidToday : A.zero,
      lockedPoints: book.lockedPoints,
    });
    if (referral) referral.paidToday = A.zero;
    prev = snapshot();
    onDay?.(d, referral);
  }
  return { ok: true, book, days, stoppedOn, lastBuyer, referral, legacy };
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

// --- metrics (RULEBOOK §8) ---------------------------------------------------------------------

const PERCENTILES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

function fig<T>(A: Arith<T>, x: T): Fig {
  return A.mode === 'fast' ? A.num(x) : A.str(x);
}
function ratio<T>(A: Arith<T>, a: T, b: T): Fig | null {
  return A.isZero(b) ? null : fig(A, A.div(a, b));
}
/** RULEBOOK §8 shortfall: max(0, need - pool), the money the pool lacks against a need (one place for it) */
export function shortfallOf<T>(A: Arith<T>, need: T, pool: T): T {
  const d = A.sub(need, pool);
  return A.isNeg(d) ? A.zero : d;
}

/**
 * A shortfall over the driver's days: its largest value with the first day it was reached, and its
 * value at the end (null when the last day has no such need: exits turned off by a rule change).
 * Days without the need do not count; null when no day has it.
 */
export function shortfallSummaryOf<T>(
  A: Arith<T>,
  days: readonly DayRaw<T>[],
  need: (r: DayRaw<T>) => T | null,
): { end: T | null; largest: T; largestDay: number } | null {
  let largest: T | null = null;
  let largestDay = 0;
  let end: T | null = null;
  for (const r of days) {
    const n = need(r);
    end = n === null ? null : shortfallOf(A, n, r.pool);
    if (end !== null && (largest === null || A.cmp(end, largest) > 0)) {
      largest = end;
      largestDay = r.day;
    }
  }
  return largest === null ? null : { end, largest, largestDay };
}

function share<T>(A: Arith<T>, k: number, n: number): Fig {
  return n === 0 ? fig(A, A.zero) : fig(A, A.div(A.of(k), A.of(n)));
}
const NEVER = 0x7fffffff;

/** lower median of days[lo..hi] (NEVER for never); null when the median user never broke even */
function medianDays(days: Int32Array, lo: number, hi: number): number | null {
  if (hi < lo) return null;
  const v = selectInPlace(days, lo + Math.floor((hi - lo) / 2), lo, hi);
  return v === NEVER ? null : v;
}

/** Percentile by the lower nearest rank: the value at index floor(q x (n - 1)) of the sorted list. */
function percentiles<T>(A: Arith<T>, values: T[] | Float64Array): Fig[] {
  const n = values.length;
  if (n === 0) return PERCENTILES.map(() => fig(A, A.zero));
  const ranks = PERCENTILES.map((q) => Math.floor((q / 100) * (n - 1)));
  if (values instanceof Float64Array) return selectRanks(values, ranks).map((v) => fig(A, v as T));
  const sorted = [...values].sort((a, b) => A.cmp(a, b));
  return ranks.map((k) => fig(A, sorted[k]!));
}

function requiredGrowth<T>(run: Extract<FlowRun<T>, { ok: true }>, s: FlowScenarioV1): RequiredGrowth {
  const { book } = run;
  const A = book.A;
  const f = s.flow;
  const { g, m, poolShare } = book.rulesNow;
  const u = run.lastBuyer;
  const multiples = [A.one, A.of(2)];
  if (m !== null && A.cmp(m, A.of(2)) !== 0) multiples.push(m);
  if (u < 0) {
    return { buyer: null, multiples: [], reason: 'no buyer has ordered', ...(run.stoppedOn !== null ? { stoppedOn: run.stoppedOn } : {}) };
  }
  const buyer = { id: `#${u + 1}`, day: book.firstDayOf(u), spend: fig(A, book.spentOf(u)), points: fig(A, book.obtainedOf(u)) };
  const obtained = book.obtainedOf(u);
  const gNum = A.num(g);
  const stopped = run.stoppedOn !== null;
  const perBuyer = amountSource(f.orderAmount, new Rng(0)).mean * A.num(poolShare);
  const meanInflow = (d: number) => expectedBuyers(f.buyers.perDay, f.buyers.growth, d) * perBuyer;
  const pool0 = A.num(book.pool);
  const rows = multiples.map((k) => {
    const row = { multiple: fig(A, k), priceFold: null as Fig | null, poolFold: null as Fig | null, days: null as number | null } as RequiredGrowth['multiples'][number];
    if (A.isZero(obtained)) {
      row.reason = 'the latest buyer holds no points';
      return row;
    }
    // price needed for the points obtained to be worth k x basis, against today's price
    let priceFold = A.div(A.mul(k, book.basisOf(u)), A.mul(obtained, book.price));
    if (A.cmp(priceFold, A.one) < 0) priceFold = A.one;
    row.priceFold = fig(A, priceFold);
    if (gNum >= 1) {
      row.reason = 'with a gift ratio of 1, orders do not lift the price';
      return row;
    }
    const poolFold = Math.pow(A.num(priceFold), 1 / (1 - gNum));
    row.poolFold = A.mode === 'fast' ? poolFold : String(poolFold);
    // after a stop no order lifts the pool again: "never: orders stopped on day N" (RULEBOOK §8),
    // even where the latest buyer's points obtained would be worth enough at today's price (they
    // may long have been sold for less)
    if (stopped) {
      row.reason = `orders stopped on day ${run.stoppedOn}`;
      return row;
    }
    if (poolFold <= 1) {
      row.days = 0;
      return row;
    }
    if (A.isZero(poolShare)) {
      row.reason = 'no share of an order enters the pool';
      return row;
    }
    const need = pool0 * (poolFold - 1);
    let got = 0;
    const LIMIT = 1_000_000;
    for (let d = f.days + 1; d <= f.days + LIMIT; d++) {
      const inflow = meanInflow(d);
      got += inflow;
      if (got >= need) {
        row.days = d - f.days;
        return row;
      }
      if (inflow === 0 && flowDecays(f.buyers.perDay, f.buyers.growth)) break;
    }
    if (flowDecays(f.buyers.perDay, f.buyers.growth)) {
      row.reason = 'the modelled order flow dwindles to nothing before the pool grows enough';
      return row;
    }
    const last = meanInflow(f.days + LIMIT);
    row.days = LIMIT + Math.ceil((need - got) / last);
    return row;
  });
  return stopped ? { buyer, multiples: rows, stoppedOn: run.stoppedOn! } : { buyer, multiples: rows };
}

/** The whole result document of a time-driven run. */
/** The exit multiple in force from day 1 and from each day a rule change within the run sets another. */
export function exitMultiplesOf(s: FlowScenarioV1): FlowResult['exitMultiples'] {
  const out: FlowResult['exitMultiples'] = [{ fromDay: 1, multiple: s.rules.exitMultiple }];
  const changes = (s.events ?? [])
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.rules?.exitMultiple !== undefined && e.day <= s.flow.days)
    .sort((a, b) => a.e.day - b.e.day || a.i - b.i);
  for (const { e } of changes) {
    const m = e.rules!.exitMultiple as number | null;
    const last = out[out.length - 1]!;
    if (last.fromDay === e.day) last.multiple = m;
    else if (last.multiple !== m) out.push({ fromDay: e.day, multiple: m });
  }
  // a change on day 1 that sets what was in force, or two changes that cancel: say each multiple once in a row
  return out.filter((x, i) => i === 0 || x.multiple !== out[i - 1]!.multiple);
}

export function flowResult<T>(run: Extract<FlowRun<T>, { ok: true }>, s: FlowScenarioV1): FlowResult {
  const { book } = run;
  const A = book.A;
  const ref = run.referral;

  const days: DayRow[] = run.days.map((r) => ({
    day: r.day,
    orders: r.orders,
    newBuyers: r.newBuyers,
    repeatOrders: r.repeatOrders,
    sales: r.sales,
    forcedExits: r.forcedExits,
    spend: fig(A, r.spend),
    poolInflow: fig(A, r.poolInflow),
    paid: fig(A, r.paid),
    withheld: fig(A, r.withheld),
    subsidies: fig(A, r.subsidies),
    withdrawals: fig(A, r.withdrawals),
    referralPaid: fig(A, r.referralPaid),
    lockedPoints: fig(A, r.lockedPoints),
    activeUsers: r.activeUsers,
    price: fig(A, r.price),
    pool: fig(A, r.pool),
    points: fig(A, r.points),
  }));
  const solvency: SolvencyRow[] = run.days.map((r) => ({
    day: r.day,
    needBreakEven: fig(A, r.needBreakEven),
    needExitPromise: r.needExitPromise === null ? null : fig(A, r.needExitPromise),
    coverageBreakEven: ratio(A, r.pool, r.needBreakEven),
    coverageExitPromise: r.needExitPromise === null || A.isNeg(r.needExitPromise) ? null : ratio(A, r.pool, r.needExitPromise),
    shortfallBreakEven: fig(A, shortfallOf(A, r.needBreakEven, r.pool)),
    shortfallExitPromise: r.needExitPromise === null ? null : fig(A, shortfallOf(A, r.needExitPromise, r.pool)),
  }));
  const summary = (need: (r: DayRaw<T>) => T | null) => {
    const x = shortfallSummaryOf(A, run.days, need);
    return x && { end: x.end === null ? null : fig(A, x.end), largest: fig(A, x.largest), largestDay: x.largestDay };
  };
  const shortfall = {
    breakEven: summary((r) => r.needBreakEven) ?? { end: fig(A, A.zero), largest: fig(A, A.zero), largestDay: 1 },
    exitPromise: summary((r) => r.needExitPromise),
  };

  const { cohorts, realised, legacyPaid, brokeEven } = cohortsNow(book, s, ref);
  const t = book.totals;
  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: A.mode },
    final: { price: fig(A, book.price), pool: fig(A, book.pool), points: fig(A, book.points) },
    counts: { users: realised.length, activeUsers: book.activeCount, orders: book.ordersCount, sales: book.salesCount, forcedExits: book.forcedCount },
    days,
    solvency,
    shortfall,
    cohorts,
    requiredGrowth: requiredGrowth(run, s),
    exitMultiples: exitMultiplesOf(s),
    distribution: { measure: 'realisedReturnMultiple', percentiles: PERCENTILES, values: percentiles(A, realised) },
    aggregate: {
      totalSpend: fig(A, t.orders),
      cashPaidToUsers: fig(A, A.sub(t.paid, legacyPaid)),
      paidShareOfSpend: ratio(A, A.sub(t.paid, legacyPaid), t.orders),
      cashPaidToLegacyMembers: fig(A, legacyPaid),
      shareBrokeEvenRealised: share(A, brokeEven, realised.length),
      poolShare: fig(A, book.rulesNow.poolShare),
      poolInflow: fig(A, t.poolInflow),
      subsidies: fig(A, t.subsidies),
      withdrawals: fig(A, t.withdrawals),
      pool: fig(A, book.pool),
      cost: fig(A, t.cost),
      platform: fig(A, t.platform),
      distributionPaid: fig(A, ref ? ref.totalPaid : t.distributionPaid),
      distributionKept: fig(A, ref ? keptAfter(A, t.distributionKept, ref.totalPaid) : t.distributionKept),
    },
    referral: ref ? referralSummary(A, ref) : null,
    legacy: run.legacy && s.flow.legacy ? legacySummary(A, run.legacy, s.flow.legacy, book) : null,
    // the explorer still reads the old text fields: filled in from the facts by the page's wording (temporary, issue 13)
    compliance: { note: COMPLIANCE_NOTE, noteZh: COMPLIANCE_NOTE_ZH, flags: complianceOf(A, s, ref) },
  };
}

/**
 * Cohort figures as of now, and every buyer's realised return multiple, in one pass over the users.
 * Buyers are created in order of their first day, so, once legacy members (who bought nothing here)
 * are left out, each cohort is a contiguous range of the compacted list.
 */
export function cohortsNow<T>(
  book: Book<T>,
  s: FlowScenarioV1,
  ref: Referral<T> | null,
): { cohorts: CohortRow[]; realised: T[] | Float64Array; legacyPaid: T; brokeEven: number } {
  const A = book.A;
  const keep = A.sub(A.one, book.rulesNow.w);
  const price = book.price;
  const period = s.flow.cohortDays;
  const nCohorts = Math.ceil(s.flow.days / period);
  const c = Array.from({ length: nCohorts }, () => ({
    users: 0,
    spend: A.zero,
    cash: A.zero,
    referral: A.zero,
    realisable: A.zero,
    be: 0,
    paper: 0,
    hit: 0,
    from: -1,
    to: -2,
  }));
  const n = book.userCount;
  let legacyPaid = A.zero;
  let buyers = 0;
  const fastMode = A.mode === 'fast';
  const realised: T[] | Float64Array = fastMode ? new Float64Array(n) : new Array<T>(n);
  const beDays = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    if (book.isLegacy(u)) {
      legacyPaid = A.add(legacyPaid, book.cashOf(u));
      continue;
    }
    const i = buyers++;
    const firstDay = book.firstDayOf(u);
    const k = Math.floor((firstDay - 1) / period);
    const row = c[k]!;
    if (row.from < 0) row.from = i;
    row.to = i;
    const spent = book.spentOf(u);
    const cash = book.cashOf(u);
    const realisable = A.mul(A.mul(keep, book.holdingOf(u)), price);
    row.users++;
    row.spend = A.add(row.spend, spent);
    row.cash = A.add(row.cash, cash);
    if (ref) row.referral = A.add(row.referral, ref.income[u]!);
    row.realisable = A.add(row.realisable, realisable);
    const be = book.breakEvenDayOf(u);
    if (be >= 0) row.be++;
    if (A.cmp(A.add(cash, realisable), spent) >= 0) row.paper++;
    if (book.hitExitOf(u)) row.hit++;
    beDays[i] = be < 0 ? NEVER : be - firstDay;
    const r = A.div(cash, spent);
    if (fastMode) (realised as Float64Array)[i] = A.num(r);
    else (realised as T[])[i] = r;
  }
  const cohorts: CohortRow[] = c.map((row, k) => ({
    cohort: k + 1,
    fromDay: k * period + 1,
    toDay: Math.min(s.flow.days, (k + 1) * period),
    users: row.users,
    spend: fig(A, row.spend),
    cashFromPoints: fig(A, row.cash),
    referralIncome: fig(A, row.referral),
    realisableValue: fig(A, row.realisable),
    returnMultiple: ratio(A, A.add(row.cash, row.realisable), row.spend),
    shareBrokeEvenRealised: share(A, row.be, row.users),
    shareBrokeEvenOnPaper: share(A, row.paper, row.users),
    shareHitExitMultiple: share(A, row.hit, row.users),
    medianDaysToBreakEven: medianDays(beDays, row.from, row.to),
  }));
  const brokeEven = c.reduce((n, row) => n + row.be, 0);
  return { brokeEven, cohorts, realised: fastMode ? (realised as Float64Array).subarray(0, buyers) : (realised as T[]).slice(0, buyers), legacyPaid };
}

function legacySummary<T>(A: Arith<T>, raw: LegacyRaw<T>, lg: NonNullable<FlowScenarioV1['flow']['legacy']>, book: Book<T>): NonNullable<FlowResult['legacy']> {
  const n = lg.members;
  const firstAt = (share: number) => raw.wholeByDay.find((x) => x.whole >= share * n)?.day ?? null;
  const last = raw.wholeByDay[raw.wholeByDay.length - 1];
  return {
    members: n,
    liabilityPerMember: fig(A, A.of(lg.liabilityPerMember)),
    coinsIssued: fig(A, A.mul(A.of(lg.liabilityPerMember), A.of(n))),
    lockedPointsEach: fig(A, book.lockedEach),
    lockedPointsLeft: fig(A, book.lockedPoints),
    releases: raw.releases.map((r) => ({
      day: r.day,
      releasedEach: fig(A, r.releasedEach),
      releasedTotal: fig(A, A.mul(r.releasedEach, A.of(n))),
      priceBefore: fig(A, r.priceBefore),
      priceAfter: fig(A, r.priceAfter),
      dilution: A.isZero(r.priceBefore) ? null : fig(A, A.div(r.priceAfter, r.priceBefore)),
    })),
    wholeByDay: raw.wholeByDay.map((x) => ({ day: x.day, share: n === 0 ? 0 : x.whole / n })),
    firstDayHalfWhole: firstAt(0.5),
    firstDayAllWhole: firstAt(1),
    shareWholeAtEnd: last ? last.whole / n : 0,
  };
}

/**
 * The distribution share the platform kept: what no reward paid. Each order never pays beyond its
 * share (tested per order); summed over a run in another grouping, the two totals can differ in
 * the 40th digit, which must not print as a negative balance.
 */
function keptAfter<T>(A: Arith<T>, share: T, paid: T): T {
  const kept = A.sub(share, paid);
  return A.isNeg(kept) ? A.zero : kept;
}

function referralSummary<T>(A: Arith<T>, ref: Referral<T>): NonNullable<FlowResult['referral']> {
  const org = ref.organisation();
  const paidByKind = {} as Record<string, Fig>;
  const payments = {} as Record<string, number>;
  for (const k of REWARD_KINDS) {
    paidByKind[k] = fig(A, ref.paid[k]);
    payments[k] = ref.count[k];
  }
  return {
    referredUsers: ref.referred,
    roots: org.roots,
    largestOrganisation: { members: org.largestSize, levels: org.largestLevels },
    deepestChain: org.maxDepth + 1,
    maxPaidDistance: ref.maxPaidDistance,
    paidByKind,
    payments,
    paidOnJoiningOrders: fig(A, ref.paidOnJoining),
  };
}

/** A fresh book for a scenario: exact when asked or when the rules ask for platform rounding. */
export function bookFor(s: FlowScenarioV1, opts: { exact?: boolean } = {}): Book<unknown> {
  const useExact = opts.exact === true || s.rules.rounding !== undefined;
  const extra = s.flow.legacy?.members ?? 0;
  return useExact ? (new ExactBook(s.rules) as Book<unknown>) : (new FastBook(s.rules, expectedTotalBuyers(s.flow) + extra) as Book<unknown>);
}

export type FlowOutcome = { ok: true; result: FlowResult; book: Book<unknown> } | { ok: false; problems: Problem[] };

/**
 * Run a validated time-driven scenario: the fast path by default, the exact one when asked or when
 * the rules ask for platform rounding (the fast path has none).
 */
export function simulateFlow(s: FlowScenarioV1, opts: { exact?: boolean } = {}): FlowOutcome {
  const book = bookFor(s, opts);
  const run = runFlow(book, s);
  if (!run.ok) return run;
  return { ok: true, result: flowResult(run, s), book };
}
