/**
 * What a run of a model of the family returns (RULEBOOK §9.1): per day the fund against the
 * outstanding promise, per cohort §8's figures and what it recovered of its spend and its promise,
 * and each model's failure in its own terms (§9.6). Figures are JSON numbers on the fast path and
 * decimal strings on the exact one, as in the seed's result.
 */
import type { Fig } from '../number-format.ts';
import type { FamilyModelV1 } from '../scenario/schema.ts';
import type { PromiseWaits } from './waits.ts';

export interface FamilyDayRow {
  day: number;
  /** orders placed: new buyers plus repeat purchases */
  orders: number;
  newBuyers: number;
  repeatOrders: number;
  spend: Fig;
  /** the fund's share of the day's orders */
  fundInflow: Fig;
  /** paid to buyers on their promises that day */
  paid: Fig;
  subsidies: Fig;
  withdrawals: Fig;
  /** the fund at the end of the day */
  fund: Fig;
  /** promised that day */
  promised: Fig;
  /** promised and not yet paid, at the end of the day */
  outstanding: Fig;
  /** fund / outstanding; null when nothing is outstanding */
  coverage: Fig | null;
  /** payments that fell due that day (release: the day's releases; rights: the dividend at the daily cap; queue: none, it pays what comes in) */
  due: Fig;
  /** of those, what was not paid */
  defaults: Fig;
  /** promises made so far (entries of the queue, rights) */
  promises: number;
  /** of them, paid in full */
  completed: number;
  /** completed / promises; null before the first promise */
  shareComplete: Fig | null;
  /** rights: the dividend each waiting right received that day; null for the other models */
  dividendPerRight: Fig | null;
}

/** Buyers grouped by the period of their first order. */
export interface FamilyCohortRow {
  cohort: number;
  fromDay: number;
  toDay: number;
  users: number;
  spend: Fig;
  promised: Fig;
  /** cash received on their promises by the last day */
  cashReceived: Fig;
  outstanding: Fig;
  /** cash received / spend */
  returnMultiple: Fig | null;
  /** cash received / promised */
  shareOfPromise: Fig | null;
  /** share of the cohort that has ever had cash received >= spend (realised break-even) */
  shareBrokeEven: Fig;
  /** share of the cohort whose every promise was paid in full */
  shareComplete: Fig;
  /** median over the cohort of days from first order to realised break-even; null when the median buyer never broke even */
  medianDaysToBreakEven: number | null;
  /**
   * how long the cohort's promises (all of its buyers' promises, whenever made) waited to be paid in
   * full: over those completed, and apart from them those still owed at the end (censored) (waits.ts)
   */
  waits: PromiseWaits;
}

/** One promise, listed when a run makes at most ENTRY_LIST_LIMIT of them. */
export interface FamilyEntryRow {
  entry: number;
  /** the buyer's number, from 1 in order of first order */
  buyer: number;
  day: number;
  cost: Fig;
  promise: Fig;
  paid: Fig;
  /** the day it was paid in full; null: never */
  completedDay: number | null;
  /** the order (numbered from 1) during which it was paid in full: a queue's entries; null otherwise */
  completedOrder: number | null;
}

export interface FamilyResult {
  engine: { name: string; version: string; mode: 'exact' | 'fast' };
  /** the model and its parameters at the start (dated changes are the scenario's events) */
  model: FamilyModelV1;
  /** the fund's share of each order at the start */
  fundShare: Fig;
  final: { fund: Fig; outstanding: Fig; coverage: Fig | null };
  counts: { users: number; orders: number; promises: number; completed: number; waiting: number };
  days: FamilyDayRow[];
  cohorts: FamilyCohortRow[];
  /** how the model fails, in its own terms (RULEBOOK §9.6) */
  failure: {
    /** the first day a payment due was not paid in full (release: a default; rights: a day under the cap); null: never */
    firstDefaultDay: number | null;
    /** that day's due, paid and default */
    firstDefault: { day: number; due: Fig; paid: Fig; default: Fig } | null;
    /** defaults summed over the run */
    totalDefaults: Fig;
    /** promises waiting at the end, and the day orders stopped (a stop event or the stop test) when they did */
    waitingAtEnd: number;
    outstandingAtEnd: Fig;
    /** the lowest coverage (fund / outstanding) over the days with something outstanding, and its first day */
    lowestCoverage: { day: number; coverage: Fig } | null;
  };
  /** the day orders stopped; null: they never did */
  stoppedOn: number | null;
  aggregate: {
    totalSpend: Fig;
    fundInflow: Fig;
    subsidies: Fig;
    withdrawals: Fig;
    paid: Fig;
    promised: Fig;
    /** paid / spend */
    paidShareOfSpend: Fig | null;
    /** share of all buyers who have ever had cash received >= spend */
    shareBrokeEven: Fig;
  };
  /** every promise, when the run makes at most ENTRY_LIST_LIMIT of them; null otherwise */
  entries: FamilyEntryRow[] | null;
  /** one buyer followed day by day (family/follow.ts), present only when the run was asked to follow one (null: no new buyer on or after that day) */
  follow?: FamilyFollow | null;
}

/** A buyer followed day by day (family/follow.ts): the buyer at the end of one day. */
export interface FamilyFollowRow {
  day: number;
  /** spent on orders so far */
  spent: Fig;
  /** paid to the buyer on their promises so far (cash received) */
  paid: Fig;
  /** promised to the buyer on the orders so far and not yet paid */
  outstanding: Fig;
  /** paid / spent */
  multiple: Fig | null;
}

export interface FamilyFollow {
  /** the entry day asked for */
  asked: number;
  /** the buyer's entry day: the first day from `asked` on with a new buyer */
  day: number;
  /** the buyer's number, from 1 in order of first order (as in the result's entries) */
  buyer: number;
  /** from the entry day to the run's last day */
  rows: FamilyFollowRow[];
  /** the first day-end on which paid reached spent (realised break-even); null: never */
  breakEvenDay: number | null;
  /** the day the buyer's last promise was paid in full, when every one was by the run's end; null: some still owed, or none made */
  paidInFullDay: number | null;
}
