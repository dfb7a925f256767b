/**
 * What a time-driven run needs from a ledger. Two implementations: the exact Ledger (decimal,
 * one object per user, through the arithmetic interface) and the FastBook (float64, per-user state
 * in flat typed arrays, a specialised inner loop). Both apply the same rules in the same order and
 * keep the active list in the same order, so that the same random draws pick the same users; the
 * differential tests hold them to each other.
 */
import type { Arith } from './arith.ts';
import { exact } from './arith.ts';
import type { Decimal } from 'decimal.js';
import { Ledger } from './ledger.ts';
import type { RuleChangeV1, RulesV1 } from './scenario.ts';

export interface Book<T> {
  readonly A: Arith<T>;
  day: number;
  // events: each applies its forced exits before returning
  newOrder(amount: number): void;
  repeatOrder(slot: number, amount: number): void;
  /** voluntary sale of a share of an active user's holding (1: all of it) */
  sellShare(slot: number, portion: number): void;
  setTakeProfit(k: number): void;
  takeProfit(): void;
  subsidy(amount: number): void;
  /** an amount, or a share of the pool; throws LedgerError when it would empty the pool while points circulate */
  withdraw(amount: number | { share: number }): void;
  changeRules(change: RuleChangeV1): void;
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

/** The exact Ledger seen as a Book. */
export class ExactBook implements Book<Decimal> {
  readonly A = exact;
  readonly L: Ledger<Decimal>;
  ordersCount = 0;

  constructor(rules: RulesV1) {
    this.L = new Ledger(exact, rules);
    this.L.tracking = true;
  }

  get day() {
    return this.L.day;
  }
  set day(d: number) {
    this.L.day = d;
    this.L.step = d;
  }
  newOrder(amount: number) {
    this.ordersCount++;
    this.L.order(undefined, amount);
  }
  repeatOrder(slot: number, amount: number) {
    this.ordersCount++;
    this.L.order(this.L.users[slot]!.id, amount);
  }
  sellShare(slot: number, portion: number) {
    this.L.sellShare(slot, portion);
  }
  setTakeProfit(k: number) {
    this.L.setTakeProfit(k);
  }
  takeProfit() {
    this.L.takeProfit();
  }
  subsidy(amount: number) {
    this.L.subsidy(amount);
  }
  withdraw(amount: number | { share: number }) {
    this.L.withdraw(typeof amount === 'number' ? amount : exact.mul(this.L.pool, exact.of(amount.share)));
  }
  changeRules(change: RuleChangeV1) {
    this.L.changeRules(change);
  }
  private each = exact.zero;
  addLegacy(n: number, liability: number, share: number) {
    this.each = this.L.addLegacy(n, liability, share).lockedEach;
  }
  releaseLegacy(each: Decimal, last: boolean) {
    return this.L.releaseLegacy(each, last).priceAfter;
  }
  isLegacy(slot: number) {
    return this.L.isLegacy(slot);
  }
  get legacySlots() {
    return { from: this.L.legacyFrom, count: this.L.legacyCount };
  }
  get lockedEach() {
    return this.each;
  }
  get lockedPoints() {
    return this.L.locked ?? exact.zero;
  }
  get pool() {
    return this.L.pool;
  }
  get points() {
    return this.L.points;
  }
  get price() {
    return this.L.price;
  }
  get activeCount() {
    return this.L.activeList.length;
  }
  activeAt(i: number) {
    return this.L.activeList[i]!;
  }
  isActive(slot: number) {
    return this.L.users[slot]!.status === 'active';
  }
  get forcedCount() {
    return this.L.forcedCount;
  }
  get salesCount() {
    return this.L.salesCount;
  }
  get totals() {
    return this.L.accounts;
  }
  get needActive() {
    return this.L.needActive;
  }
  get basisActive() {
    return this.L.basisActive;
  }
  get cashActive() {
    return this.L.cashActive;
  }
  get rulesNow() {
    const r = this.L.live;
    return { g: r.g, w: r.w, m: r.m, poolShare: r.split.pool, distributionShare: r.split.distribution };
  }
  get userCount() {
    return this.L.users.length;
  }
  spentOf(slot: number) {
    return this.L.users[slot]!.spent;
  }
  cashOf(slot: number) {
    return this.L.users[slot]!.cash;
  }
  holdingOf(slot: number) {
    return this.L.users[slot]!.holding;
  }
  basisOf(slot: number) {
    return this.L.users[slot]!.basis;
  }
  obtainedOf(slot: number) {
    return this.L.users[slot]!.obtained;
  }
  cashSinceEntryOf(slot: number) {
    return this.L.users[slot]!.cashSinceEntry;
  }
  firstDayOf(slot: number) {
    return this.L.users[slot]!.firstDay;
  }
  breakEvenDayOf(slot: number) {
    return this.L.users[slot]!.breakEvenDay ?? -1;
  }
  exitDayOf(slot: number) {
    const u = this.L.users[slot]!;
    return u.status === 'exited' ? (u.exitedAtStep ?? -1) : -1;
  }
  hitExitOf(slot: number) {
    return this.L.users[slot]!.hitExit;
  }
}
