/**
 * What a time-driven run needs from a model's book. The seed's book (models/seed/book.ts) is one
 * implementation over either number system: `new SeedBook(exact, rules)` on decimals,
 * `new SeedBook(fast, rules)` on float64; the differential tests hold the two to each other.
 */
import type { Arith } from './arith.ts';
import type { RuleChangeV1 } from './scenario/index.ts';

export interface Book<T> {
  readonly A: Arith<T>;
  day: number;
  // events: each applies its forced exits before returning
  newOrder(amount: number): void;
  /** orders by n new buyers, of amounts[0..n-1], in order: newOrder for each */
  newOrders(amounts: Float64Array, n: number): void;
  repeatOrder(slot: number, amount: number): void;
  /** voluntary sale of a share of an active user's holding (1: all of it) */
  sellShare(slot: number, portion: number): void;
  /** sellShare(slot, portion) for each of slots[0..n-1] in order that is active when its turn comes */
  sellPicked(slots: Int32Array, n: number, portion: number): void;
  setTakeProfit(k: number): void;
  takeProfit(): void;
  subsidy(amount: number): void;
  /** an amount, or a share of the pool; throws LedgerError when it would empty the pool while points circulate */
  withdraw(amount: number | { share: number }): void;
  changeRules(change: RuleChangeV1): void;
  /** the settlement at a price ceiling (RULEBOOK §9.2), a day-end job; returns whether it ran (never without rules.maxPrice) */
  settleAtCeiling(): boolean;
  /** convert n legacy members owed `liability` each into locked points worth share x liability */
  addLegacy(n: number, liability: number, share: number): void;
  /** release `each` points to every legacy member; the last batch leaves no locked points; returns the price right after the release, before any forced exit it brings */
  releaseLegacy(each: T, last: boolean): T;
  isLegacy(slot: number): boolean;
  /** legacy members' slots: [from, from + count) */
  readonly legacySlots: { from: number; count: number };
  readonly lockedEach: T;
  readonly lockedPoints: T;

  // state
  readonly pool: T;
  readonly points: T;
  readonly price: T;
  /** the price the platform trades at: the price rounded to the platform's price decimals and floored (RULEBOOK §9.2); the price itself without rounding */
  readonly quotedPrice: T;
  /** back-office profile (RULEBOOK §9.2), running totals: sales due and not paid under a floor, paid at settlements (a part of totals.paid), kept by the platform at settlements */
  readonly unpaid: T;
  readonly settledPaid: T;
  readonly kept: T;
  readonly settlements: readonly Settlement<T>[];
  readonly activeCount: number;
  activeAt(i: number): number;
  isActive(slot: number): boolean;
  readonly forcedCount: number;
  readonly salesCount: number;
  readonly ordersCount: number;
  readonly totals: BookTotals<T>;
  readonly needActive: T;
  readonly basisActive: T;
  readonly cashActive: T;
  readonly rulesNow: { g: T; w: T; m: T | null; poolShare: T; distributionShare: T };

  // users, for the final metrics
  readonly userCount: number;
  spentOf(slot: number): T;
  cashOf(slot: number): T;
  holdingOf(slot: number): T;
  /** holdingOf(slot) for slots from..to-1, into out[0..to-from-1] (a walk of every user reads them a block at a time) */
  holdingsOf(from: number, to: number, out: { [i: number]: T }): void;
  basisOf(slot: number): T;
  obtainedOf(slot: number): T;
  cashSinceEntryOf(slot: number): T;
  firstDayOf(slot: number): number;
  /** -1 when never */
  breakEvenDayOf(slot: number): number;
  /** -1 while active or never exited */
  exitDayOf(slot: number): number;
  hitExitOf(slot: number): boolean;
}

/** One settlement at the price ceiling (RULEBOOK §9.2): the day, the price it ran at, the holders paid, what they were paid and what the platform kept. */
export interface Settlement<V> {
  day: number;
  price: V;
  holders: number;
  paid: V;
  kept: V;
}

export interface BookTotals<T> {
  orders: T;
  cost: T;
  distributionPaid: T;
  distributionKept: T;
  platform: T;
  poolInflow: T;
  subsidies: T;
  withdrawals: T;
  paid: T;
  withheld: T;
}
