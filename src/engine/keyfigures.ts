/**
 * The key figures of a time-driven run: one place that reads them off a result, for the explorer,
 * the printed report, `simulate` (what-if baselines, comparisons) and the tests. Dependency-free
 * (types only), so that the page imports it as it is.
 */
import type { CohortRow, Fig, FlowResult } from './result.ts';

/** a figure as a number: fast-path numbers as they are, exact-path decimal strings parsed; null stays null */
export const num = (v: Fig | null | undefined): number | null => {
  if (v === null || v === undefined) return null;
  const x = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(x) ? x : null;
};

export interface KeyFigures {
  finalPrice: number | null;
  pool: number | null;
  users: number;
  activeUsers: number;
  orders: number;
  totalSpend: number | null;
  cashPaidToUsers: number | null;
  /** cash paid to buyers for points / all spend */
  paidShareOfSpend: number | null;
  /** share of all buyers who ever got their spend back in cash (realised) */
  shareBrokeEvenRealised: number | null;
  /** share of all buyers with cash + realisable value >= spend at the end (cohort-weighted) */
  shareBrokeEvenOnPaper: number | null;
  /** share of all buyers who never got their spend back in cash: 1 - shareBrokeEvenRealised */
  shareNeverBrokeEven: number | null;
  forcedExits: number;
  withdrawals: number | null;
  /** pool / what active buyers need to break even, on the last day; null when nothing is needed */
  coverageBreakEven: number | null;
  /** the same against the exit promise; null when forced exits are off or nothing is promised */
  coverageExitPromise: number | null;
  /** how many times the pool must grow for the latest buyer to break even; null when none is left or it cannot */
  poolFoldToBreakEven: number | null;
  /** days that takes at the modelled order flow; null: never (see requiredGrowth's reason) */
  daysToBreakEven: number | null;
  /** the day orders stopped, when they did (a stop event, a stop test) */
  ordersStoppedOn: number | null;
  /** the shortfall in money against the need to break even on the last day: max(0, need - pool) */
  shortfallBreakEven: number | null;
  /** its largest value over the run, and the first day it was reached */
  largestShortfallBreakEven: number | null;
  largestShortfallBreakEvenDay: number | null;
  /** the same against the exit promise; null when forced exits are off (on the last day, for the end) */
  shortfallExitPromise: number | null;
  largestShortfallExitPromise: number | null;
  largestShortfallExitPromiseDay: number | null;
}

/** Share of all buyers who ever broke even (realised) and on paper, weighted by cohort size. */
export function brokeEvenShares(cohorts: readonly CohortRow[]): { realised: number | null; onPaper: number | null; users: number } {
  let users = 0;
  let real = 0;
  let paper = 0;
  for (const c of cohorts) {
    users += c.users;
    real += c.users * (num(c.shareBrokeEvenRealised) ?? 0);
    paper += c.users * (num(c.shareBrokeEvenOnPaper) ?? 0);
  }
  return users === 0 ? { realised: null, onPaper: null, users } : { realised: real / users, onPaper: paper / users, users };
}

export function keyFigures(r: FlowResult): KeyFigures {
  const be = brokeEvenShares(r.cohorts);
  const last = r.solvency[r.solvency.length - 1];
  const one = r.requiredGrowth.multiples[0];
  return {
    finalPrice: num(r.final.price),
    pool: num(r.final.pool),
    users: r.counts.users,
    activeUsers: r.counts.activeUsers,
    orders: r.counts.orders,
    totalSpend: num(r.aggregate.totalSpend),
    cashPaidToUsers: num(r.aggregate.cashPaidToUsers),
    paidShareOfSpend: num(r.aggregate.paidShareOfSpend),
    shareBrokeEvenRealised: be.realised,
    shareBrokeEvenOnPaper: be.onPaper,
    shareNeverBrokeEven: be.realised === null ? null : 1 - be.realised,
    forcedExits: r.counts.forcedExits,
    withdrawals: num(r.aggregate.withdrawals),
    coverageBreakEven: num(last?.coverageBreakEven ?? null),
    coverageExitPromise: num(last?.coverageExitPromise ?? null),
    poolFoldToBreakEven: num(one?.poolFold ?? null),
    daysToBreakEven: one?.days ?? null,
    ordersStoppedOn: r.requiredGrowth.stoppedOn ?? null,
    shortfallBreakEven: num(r.shortfall.breakEven.end),
    largestShortfallBreakEven: num(r.shortfall.breakEven.largest),
    largestShortfallBreakEvenDay: r.shortfall.breakEven.largestDay,
    shortfallExitPromise: num(r.shortfall.exitPromise?.end ?? null),
    largestShortfallExitPromise: num(r.shortfall.exitPromise?.largest ?? null),
    largestShortfallExitPromiseDay: r.shortfall.exitPromise?.largestDay ?? null,
  };
}

export const KEY_FIGURES = [
  'finalPrice', 'pool', 'users', 'activeUsers', 'orders', 'totalSpend', 'cashPaidToUsers', 'paidShareOfSpend', 'shareBrokeEvenRealised',
  'shareBrokeEvenOnPaper', 'shareNeverBrokeEven', 'forcedExits', 'withdrawals', 'coverageBreakEven', 'coverageExitPromise',
  'poolFoldToBreakEven', 'daysToBreakEven', 'ordersStoppedOn', 'shortfallBreakEven', 'largestShortfallBreakEven',
  'largestShortfallBreakEvenDay', 'shortfallExitPromise', 'largestShortfallExitPromise', 'largestShortfallExitPromiseDay',
] as const satisfies readonly (keyof KeyFigures)[];

export type KeyFigureDifference = Record<keyof KeyFigures, number | null>;

/** b - a for every key figure; null where either side has none */
export function keyFigureDifference(a: KeyFigures, b: KeyFigures): KeyFigureDifference {
  const out = {} as KeyFigureDifference;
  for (const k of KEY_FIGURES) {
    const x = a[k];
    const y = b[k];
    out[k] = x === null || y === null ? null : y - x;
  }
  return out;
}

/** One cohort's figures as the comparison reads them. */
export interface CohortFigures {
  users: number;
  returnMultiple: number | null;
  shareBrokeEvenRealised: number | null;
  shareBrokeEvenOnPaper: number | null;
}

export interface CohortChange {
  /** the entry period: cohorts are matched by it */
  fromDay: number;
  toDay: number;
  a: CohortFigures;
  b: CohortFigures;
  /** b - a; null where either side has none */
  change: { returnMultiple: number | null; shareBrokeEvenRealised: number | null; shareBrokeEvenOnPaper: number | null };
}

const cohortFigures = (c: CohortRow): CohortFigures => ({
  users: c.users,
  returnMultiple: num(c.returnMultiple),
  shareBrokeEvenRealised: num(c.shareBrokeEvenRealised),
  shareBrokeEvenOnPaper: num(c.shareBrokeEvenOnPaper),
});
const minus = (x: number | null, y: number | null) => (x === null || y === null ? null : x - y);

/** Cohorts of two runs side by side, matched by entry period, where both have buyers in it. */
export function compareCohorts(a: readonly CohortRow[], b: readonly CohortRow[]): CohortChange[] {
  const bs = new Map(b.map((c) => [`${c.fromDay}-${c.toDay}`, c]));
  const out: CohortChange[] = [];
  for (const ca of a) {
    const cb = bs.get(`${ca.fromDay}-${ca.toDay}`);
    if (!cb || ca.users === 0 || cb.users === 0) continue;
    const fa = cohortFigures(ca);
    const fb = cohortFigures(cb);
    out.push({
      fromDay: ca.fromDay,
      toDay: ca.toDay,
      a: fa,
      b: fb,
      change: {
        returnMultiple: minus(fb.returnMultiple, fa.returnMultiple),
        shareBrokeEvenRealised: minus(fb.shareBrokeEvenRealised, fa.shareBrokeEvenRealised),
        shareBrokeEvenOnPaper: minus(fb.shareBrokeEvenOnPaper, fa.shareBrokeEvenOnPaper),
      },
    });
  }
  return out;
}

export interface DayPair {
  day: number;
  a: { price: number | null; pool: number | null; activeUsers: number; coverageBreakEven: number | null };
  b: { price: number | null; pool: number | null; activeUsers: number; coverageBreakEven: number | null };
}

/** The days both runs have, side by side. */
export function compareDays(a: FlowResult, b: FlowResult): DayPair[] {
  const n = Math.min(a.days.length, b.days.length);
  const side = (r: FlowResult, i: number) => ({
    price: num(r.days[i]!.price),
    pool: num(r.days[i]!.pool),
    activeUsers: r.days[i]!.activeUsers,
    coverageBreakEven: num(r.solvency[i]?.coverageBreakEven ?? null),
  });
  const out: DayPair[] = [];
  for (let i = 0; i < n; i++) if (a.days[i]!.day === b.days[i]!.day) out.push({ day: a.days[i]!.day, a: side(a, i), b: side(b, i) });
  return out;
}

/** What differs between two runs: the key figures (b - a), the cohorts by entry period, the days side by side. */
export function difference(a: FlowResult, b: FlowResult, opts: { days?: boolean } = {}) {
  const ka = keyFigures(a);
  const kb = keyFigures(b);
  return {
    keyFigures: keyFigureDifference(ka, kb),
    cohorts: compareCohorts(a.cohorts, b.cohorts),
    ...(opts.days === false ? {} : { days: compareDays(a, b) }),
  };
}
