/**
 * What a scripted run returns. Every money and points figure is a decimal string at full
 * precision (exact mode), so that a reader can check it to the cent and beyond.
 */
import type { ComplianceFlag } from './compliance.ts';
import type { AccountsOf } from './accounts.ts';
import type { Fig } from './number-format.ts';
import type { Problem } from './problem.ts';

export { formatProblem, type Problem } from './problem.ts';
export type { Fig } from './number-format.ts';
export type { AccountsOf } from './accounts.ts';
export type { FamilyResult, FamilyDayRow, FamilyCohortRow, FamilyEntryRow } from './family/result.ts';
export type EventKind = 'order' | 'sell' | 'subsidy' | 'withdraw' | 'rules';

export interface StateFigures {
  /** price after the step: pool / circulating points (last price while no points circulate) */
  price: string;
  /** profit pool 盈利池, cash */
  pool: string;
  /** circulating points 流通积分 */
  points: string;
}

export interface StepResult extends StateFigures {
  /** 1-based index into the expanded script */
  step: number;
  event: EventKind;
  /** the buyer or seller, for order and sell */
  user?: string;
  /** order: the amount paid; subsidy/withdraw: the amount moved */
  amount?: string;
  /** order: points issued to the buyer */
  issued?: string;
  /** sell: points sold */
  sold?: string;
  /** sell: marked value of the points sold (points x price) */
  value?: string;
  /** sell: cash paid to the seller, (1 - w) x value */
  paid?: string;
  /** users forced out by this step, in the order they were sold out (the cascade) */
  forcedExits: string[];
}

export interface UserResult {
  spent: string;
  /** points held now */
  points: string;
  /** cash received from selling points, all entries */
  cash: string;
  status: 'active' | 'exited';
  /** times the user entered: the first order, then each order after an exit */
  entries: number;
  /** settled (at a price ceiling, RULEBOOK §9.2) only in time-driven runs: a script with rules.maxPrice is refused */
  exitReason?: 'forced' | 'sold' | 'settled';
  exitedAtStep?: number;
}

/** A scripted result's accounts: each figure a decimal string (accounts.ts declares the ten). */
export type Accounts = AccountsOf<string>;

export interface ScriptResult {
  engine: { name: string; version: string; mode: 'exact' };
  final: StateFigures;
  steps: StepResult[];
  users: Record<string, UserResult>;
  accounts: Accounts;
}

export type RunOutcome = { ok: true; result: ScriptResult } | { ok: false; problems: Problem[] };


// --- time-driven runs (RULEBOOK §7-§8) -------------------------------------------------------
// Figures are JSON numbers on the fast path and decimal strings on the exact path (`--exact`).


/**
 * One day: flows are that day's, state is at the end of the day; over the kind of figure (the
 * driver keeps them in its book's number type while it runs, the result document as Fig).
 */
export interface DayRowOf<V> {
  day: number;
  /** orders placed: new buyers plus repeat purchases */
  orders: number;
  newBuyers: number;
  repeatOrders: number;
  /** voluntary sales (random sellers and take-profit) */
  sales: number;
  forcedExits: number;
  spend: V;
  poolInflow: V;
  /** cash paid to sellers, voluntary and forced */
  paid: V;
  /** value kept in the pool on those sales */
  withheld: V;
  subsidies: V;
  withdrawals: V;
  /** referral rewards paid that day (out of the distribution share; not from the pool) */
  referralPaid: V;
  /** legacy points gifted and not yet released (not in circulation) */
  lockedPoints: V;
  activeUsers: number;
  price: V;
  pool: V;
  points: V;
}

export type DayRow = DayRowOf<Fig>;

/** The pool against what active users are owed, at the end of each day. */
export interface SolvencyRow {
  day: number;
  /** sum over active users of max(0, basis - cash since entry): what they need to break even */
  needBreakEven: Fig;
  /** sum over active users of m x basis - cash since entry; null when forced exits are off */
  needExitPromise: Fig | null;
  /** pool / needBreakEven; null when nothing is needed */
  coverageBreakEven: Fig | null;
  /** pool / needExitPromise; null when forced exits are off or nothing is promised */
  coverageExitPromise: Fig | null;
  /**
   * max(0, needBreakEven - pool): the pool's shortfall against what active users need to break
   * even, in money; the outside money that, paid into the pool that day, would close it
   */
  shortfallBreakEven: Fig;
  /** max(0, needExitPromise - pool): the same against the exit promise; null when forced exits are off */
  shortfallExitPromise: Fig | null;
}

/** One shortfall over the run: at the end, and its largest value with the first day it was reached. */
export interface ShortfallSummary {
  /** on the last day; null when the last day has no such need (exits turned off by a rule change) */
  end: Fig | null;
  largest: Fig;
  /** the first day the largest value was reached (the first day with the need when it is 0 throughout) */
  largestDay: number;
}

/** Users grouped by the period of their first order. */
export interface CohortRow {
  cohort: number;
  fromDay: number;
  toDay: number;
  users: number;
  spend: Fig;
  /** cash received from selling points */
  cashFromPoints: Fig;
  /** referral income, kept apart from point income (0 until referral rewards exist) */
  referralIncome: Fig;
  /** what the points still held would fetch now: (1 - w) x holding x price */
  realisableValue: Fig;
  /** (cash from points + realisable value) / spend */
  returnMultiple: Fig | null;
  /** share that has ever had cash received >= spend */
  shareBrokeEvenRealised: Fig;
  /** share with cash + realisable value >= spend on the last day */
  shareBrokeEvenOnPaper: Fig;
  /** share ever forced out at the exit multiple */
  shareHitExitMultiple: Fig;
  /** median over the cohort of days from first order to realised break-even; null when the median user never broke even */
  medianDaysToBreakEven: number | null;
}

export interface RequiredGrowthRow {
  multiple: Fig;
  /** how many times the price must rise from today for the latest buyer's points to be worth multiple x spend */
  priceFold: Fig | null;
  /** how many times the pool must grow with orders alone: priceFold^(1 / (1 - g)) */
  poolFold: Fig | null;
  /** days that takes if the modelled order flow continues; null with a reason when it never does */
  days: number | null;
  reason?: string;
}

export interface RequiredGrowth {
  /** the latest new buyer */
  buyer: { id: string; day: number; spend: Fig; points: Fig } | null;
  multiples: RequiredGrowthRow[];
  reason?: string;
  /** the day orders stopped (a stop event or the stop test), when they did: no growth comes after it (RULEBOOK §8) */
  stoppedOn?: number;
}

export interface FlowResult {
  engine: { name: string; version: string; mode: 'exact' | 'fast' };
  final: { price: Fig; pool: Fig; points: Fig };
  counts: { users: number; activeUsers: number; orders: number; sales: number; forcedExits: number };
  days: DayRow[];
  solvency: SolvencyRow[];
  /** the solvency rows' shortfalls summed up: against the need to break even and the exit promise (null when forced exits are off) */
  shortfall: { breakEven: ShortfallSummary; exitPromise: ShortfallSummary | null };
  cohorts: CohortRow[];
  requiredGrowth: RequiredGrowth;
  /**
   * The exit multiple in force over the run: from day 1, then from each day a rule change (a
   * dated event, a stress test's included) set another; null: forced exits off. The last is the
   * one in force at the end.
   */
  exitMultiples: { fromDay: number; multiple: number | null }[];
  /** realised return multiple (cash from points / spend) over all buyers: minimum, deciles 10..90, maximum */
  distribution: { measure: 'realisedReturnMultiple'; percentiles: number[]; values: Fig[] };
  aggregate: {
    totalSpend: Fig;
    /** cash paid to buyers for points (legacy members apart) */
    cashPaidToUsers: Fig;
    /** cash paid to converted legacy members for their released points */
    cashPaidToLegacyMembers: Fig;
    /** share of all buyers who have ever had cash from points >= spend (realised break-even) */
    shareBrokeEvenRealised: Fig;
    /** cashPaidToUsers / totalSpend */
    paidShareOfSpend: Fig | null;
    /** the pool's share of each order, beside it */
    poolShare: Fig;
    poolInflow: Fig;
    subsidies: Fig;
    withdrawals: Fig;
    pool: Fig;
    cost: Fig;
    platform: Fig;
    /** referral rewards paid; with distributionKept, it sums to the distribution share of all spend */
    distributionPaid: Fig;
    distributionKept: Fig;
  };
  /** the referral network that formed and what it paid; null without referral */
  referral: {
    referredUsers: number;
    /** users nobody referred: the tops of organisations */
    roots: number;
    largestOrganisation: { members: number; levels: number };
    deepestChain: number;
    /** the most levels between a buyer and an upline paid on that buyer's order */
    maxPaidDistance: number;
    paidByKind: Record<string, Fig>;
    payments: Record<string, number>;
    paidOnJoiningOrders: Fig;
  } | null;
  /** converted legacy members (RULEBOOK §3.6); null without a conversion */
  legacy: {
    members: number;
    liabilityPerMember: Fig;
    /** the liability turned into consumption coins: spent on goods, they bring no cash to the pool */
    coinsIssued: Fig;
    lockedPointsEach: Fig;
    lockedPointsLeft: Fig;
    /** each batch: points released, the price before and after, and the dilution (after / before) */
    releases: Array<{ day: number; releasedEach: Fig; releasedTotal: Fig; priceBefore: Fig; priceAfter: Fig; dilution: Fig | null }>;
    /** share of legacy members whole (cash received + realisable value of their points >= liability) at each day's end */
    wholeByDay: Array<{ day: number; share: number }>;
    firstDayHalfWhole: number | null;
    firstDayAllWhole: number | null;
    shareWholeAtEnd: number;
  } | null;
  /**
   * The back-office profile (RULEBOOK §9.2): present when the rules set a price floor (minPrice), a
   * price ceiling (maxPrice) or a points cap (pointsCap); null otherwise. A settlement's payouts are
   * cash paid to holders: they are in the day row's `paid` (and the aggregate's cash paid to users),
   * and `days[i].settled` says how much of that day's `paid` they were. The pool's identity then
   * reads pool = inflows + subsidies - paid - withdrawals - kept.
   */
  backOffice: {
    minPrice: number | null;
    maxPrice: number | null;
    pointsCap: number | null;
    /** per day: paid at the day-end settlement (a part of the day row's paid), what it left in the pool and the platform kept, and what sales were due and the pool could not pay (under the floor) */
    days: Array<{ day: number; settled: Fig; kept: Fig; unpaidSales: Fig }>;
    /** each settlement: its day, the price it ran at (at or above maxPrice), the holders paid, paid to them in all, kept by the platform */
    settlements: Array<{ day: number; price: Fig; holders: number; paid: Fig; kept: Fig }>;
    totals: { settlements: number; settled: Fig; kept: Fig; unpaidSales: Fig };
  } | null;
  /**
   * the compliance lens: facts per flag (src/engine/compliance.ts), worded by the page in its own
   * language (src/i18n/compliance.ts); the engine itself returns no sentences
   */
  compliance: { note: string; noteZh: string; flags: ComplianceFlag[] };
}
