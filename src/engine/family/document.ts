/**
 * The result document of a family run (RULEBOOK §9.1): the day rows, the cohorts with each buyer's
 * realised break-even day, the model's failure in its own terms, and the promises themselves when
 * there are few. Through the run's own calculator; a buyer's cash by any day comes from the model's
 * `paidBy`, so nothing here walks the promises per day.
 */
import { fig, ratio, share } from '../metrics/figures.ts';
import { selectInPlace } from '../metrics/select.ts';
import type { FamilyScenario, FamilyRun } from './run.ts';
import type { FamilyCohortRow, FamilyDayRow, FamilyEntryRow, FamilyResult } from './result.ts';
import type { FamilyLedger } from './ledger.ts';
import type { FamilyModel } from './model.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../version.ts';
import { WaitTally } from './waits.ts';

/** the promises are listed one by one in the result when a run makes at most this many */
export const ENTRY_LIST_LIMIT = 10_000;
const NEVER = 0x7fffffff;

/** buyer b's cash on its promises by the end of day t */
export function cashBy<T>(ledger: FamilyLedger<T>, model: FamilyModel<T>, b: number, t: number): T {
  const A = ledger.A;
  const next = ledger.nextEntry;
  const day = ledger.entryDay;
  let cash = A.zero;
  for (let e = ledger.firstEntry.get(b); e >= 0; e = next.get(e)) {
    if (day.get(e) > t) break;
    cash = A.add(cash, model.paidBy(e, t));
  }
  return cash;
}

/**
 * The first day-end on which buyer b's cash received reached its spend so far (realised break-even,
 * RULEBOOK §8), or -1. Between two of its order days the spend is fixed and the cash only grows, so
 * each such stretch is searched by halving; the first stretch that reaches its spend decides. The
 * cash only grows and the spend never falls: once the cash at the run's end (`cashAtEnd`, the
 * buyer's cash by lastDay, when the caller has summed it already) is short of the spend so far, no
 * later stretch reaches it either.
 */
export function breakEvenDay<T>(ledger: FamilyLedger<T>, model: FamilyModel<T>, b: number, lastDay: number, cashAtEnd: T = cashBy(ledger, model, b, lastDay)): number {
  const A = ledger.A;
  let o = ledger.firstOrder.get(b);
  // the first order is part of the first day's spend: cash at the end short of it never reaches that
  if (o < 0 || A.cmp(cashAtEnd, ledger.orderAmount.get(o)) < 0) return -1;
  const next = ledger.nextOrder;
  const day = ledger.orderDay;
  let spend = A.zero;
  while (o >= 0) {
    const from = day.get(o);
    // every order of that day
    while (o >= 0 && day.get(o) === from) {
      spend = A.add(spend, ledger.orderAmount.get(o));
      o = next.get(o);
    }
    if (A.cmp(cashAtEnd, spend) < 0) return -1;
    const to = o >= 0 ? day.get(o) - 1 : lastDay;
    if (A.cmp(o >= 0 ? cashBy(ledger, model, b, to) : cashAtEnd, spend) >= 0) {
      let lo = from;
      let hi = to;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (A.cmp(cashBy(ledger, model, b, mid), spend) >= 0) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
  }
  return -1;
}

export function familyResult<T>(run: Extract<FamilyRun<T>, { ok: true }>, s: FamilyScenario): FamilyResult {
  const { ledger, model } = run;
  const A = ledger.A;
  const lastDay = s.flow.days;

  const days: FamilyDayRow[] = run.days.map((r) => ({
    day: r.day,
    orders: r.orders,
    newBuyers: r.newBuyers,
    repeatOrders: r.repeatOrders,
    spend: fig(A, r.spend),
    fundInflow: fig(A, r.inflow),
    paid: fig(A, r.paid),
    subsidies: fig(A, r.subsidies),
    withdrawals: fig(A, r.withdrawals),
    fund: fig(A, r.fund),
    promised: fig(A, r.promisedToday),
    outstanding: fig(A, r.outstanding),
    coverage: ratio(A, r.fund, r.outstanding),
    due: fig(A, r.due),
    defaults: fig(A, r.defaults),
    promises: r.entries,
    completed: r.completed,
    shareComplete: r.entries === 0 ? null : share(A, r.completed, r.entries),
    dividendPerRight: r.dividend === null ? null : fig(A, r.dividend),
  }));

  // cohorts: buyers are numbered in order of their first order, so each cohort is a range of them
  const period = s.flow.cohortDays;
  const nCohorts = Math.ceil(lastDay / period);
  const n = ledger.buyerCount;
  const firstEntry = ledger.firstEntry;
  const nextEntry = ledger.nextEntry;
  const beDays = new Int32Array(n);
  // how long each cohort's promises waited to be paid in full (waits.ts)
  const waits = new WaitTally(lastDay);
  const cohorts: FamilyCohortRow[] = [];
  let brokeEven = 0;
  let b = 0;
  for (let c = 0; c < nCohorts; c++) {
    const fromDay = c * period + 1;
    const toDay = Math.min(lastDay, (c + 1) * period);
    const first = b;
    let spend = A.zero;
    let promised = A.zero;
    let cash = A.zero;
    let be = 0;
    let complete = 0;
    for (; b < n && ledger.firstDay.get(b) <= toDay; b++) {
      spend = A.add(spend, ledger.spent.get(b));
      let all = firstEntry.get(b) >= 0;
      let buyerCash = A.zero;
      for (let e = firstEntry.get(b); e >= 0; e = nextEntry.get(e)) {
        promised = A.add(promised, ledger.entryPromise.get(e));
        const paid = model.paidBy(e, lastDay);
        cash = A.add(cash, paid);
        // the buyer's own, summed as cashBy sums it
        buyerCash = A.add(buyerCash, paid);
        if (ledger.entryDoneDay.get(e) < 0) all = false;
        waits.add(ledger.entryDay.get(e), ledger.entryDoneDay.get(e));
      }
      if (all) complete++;
      const day = breakEvenDay(ledger, model, b, lastDay, buyerCash);
      beDays[b] = day < 0 ? NEVER : day - ledger.firstDay.get(b);
      if (day >= 0) be++;
    }
    brokeEven += be;
    const users = b - first;
    let median: number | null = null;
    if (users > 0) {
      const v = selectInPlace(beDays, first + Math.floor((users - 1) / 2), first, b - 1);
      median = v === NEVER ? null : v;
    }
    cohorts.push({
      cohort: c + 1,
      fromDay,
      toDay,
      users,
      spend: fig(A, spend),
      promised: fig(A, promised),
      cashReceived: fig(A, cash),
      outstanding: fig(A, A.sub(promised, cash)),
      returnMultiple: ratio(A, cash, spend),
      shareOfPromise: ratio(A, cash, promised),
      shareBrokeEven: share(A, be, users),
      shareComplete: share(A, complete, users),
      medianDaysToBreakEven: median,
      waits: waits.take(),
    });
  }

  // the model's failure in its own terms
  const firstDefault = run.days.find((r) => A.cmp(r.defaults, A.zero) > 0) ?? null;
  let lowest: { day: number; c: T } | null = null;
  for (const r of run.days) {
    if (A.cmp(r.outstanding, A.zero) <= 0) continue;
    const c = A.div(r.fund, r.outstanding);
    if (lowest === null || A.cmp(c, lowest.c) < 0) lowest = { day: r.day, c };
  }

  const t = ledger.totals;
  let entries: FamilyEntryRow[] | null = null;
  if (ledger.entryCount <= ENTRY_LIST_LIMIT) {
    entries = [];
    for (let e = 0; e < ledger.entryCount; e++) {
      const doneDay = ledger.entryDoneDay.get(e);
      const doneOrder = ledger.entryDoneOrder.get(e);
      entries.push({
        entry: e + 1,
        buyer: ledger.entryBuyer.get(e) + 1,
        day: ledger.entryDay.get(e),
        cost: fig(A, ledger.entryCost.get(e)),
        promise: fig(A, ledger.entryPromise.get(e)),
        paid: fig(A, model.paidBy(e, lastDay)),
        completedDay: doneDay < 0 ? null : doneDay,
        completedOrder: doneDay < 0 || model.kind !== 'queue' ? null : doneOrder,
      });
    }
  }

  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: A.mode },
    model: s.model,
    fundShare: fig(A, A.of(s.rules.split.pool)),
    final: { fund: fig(A, ledger.fund), outstanding: fig(A, ledger.outstanding), coverage: ratio(A, ledger.fund, ledger.outstanding) },
    counts: { users: n, orders: ledger.orderCount, promises: ledger.entryCount, completed: ledger.completed, waiting: ledger.entryCount - ledger.completed },
    days,
    cohorts,
    failure: {
      firstDefaultDay: firstDefault ? firstDefault.day : null,
      firstDefault: firstDefault ? { day: firstDefault.day, due: fig(A, firstDefault.due), paid: fig(A, A.sub(firstDefault.due, firstDefault.defaults)), default: fig(A, firstDefault.defaults) } : null,
      totalDefaults: fig(A, t.defaults),
      waitingAtEnd: ledger.entryCount - ledger.completed,
      outstandingAtEnd: fig(A, ledger.outstanding),
      lowestCoverage: lowest ? { day: lowest.day, coverage: fig(A, lowest.c) } : null,
    },
    stoppedOn: run.stoppedOn,
    aggregate: {
      totalSpend: fig(A, t.orders),
      fundInflow: fig(A, t.inflow),
      subsidies: fig(A, t.subsidies),
      withdrawals: fig(A, t.withdrawals),
      paid: fig(A, t.paid),
      promised: fig(A, t.promised),
      paidShareOfSpend: ratio(A, t.paid, t.orders),
      shareBrokeEven: share(A, brokeEven, n),
    },
    entries,
  };
}
