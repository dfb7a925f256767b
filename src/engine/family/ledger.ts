/**
 * What every model of the family shares (RULEBOOK §9): the fund and its accounts, the buyers and
 * their orders, and the promises ("entries": a release's promise, a queue's entry, a right), each
 * with its buyer, the day it was made, what it stands for (cost) and what it promises. A model
 * (models/release, queue, rights) decides how the fund pays the entries out; it pays through
 * `pay`, so that the invariants of §9 hold by construction:
 *   fund = inflows + subsidies - paid - withdrawals,  outstanding = promised - paid.
 * Written once over the calculator: the exact path runs it on decimals, the fast one on float64.
 */
import type { Arith } from '../arith.ts';
import { type Column, IntColumn, column } from './columns.ts';

export interface FamilyTotals<T> {
  /** money spent on orders */
  orders: T;
  /** the fund's share of orders */
  inflow: T;
  subsidies: T;
  withdrawals: T;
  /** paid to buyers on their promises */
  paid: T;
  /** promised over all entries */
  promised: T;
  /** payments that fell due and were not paid (a release's default), summed over days */
  defaults: T;
}

/** raised on a dated event the fund cannot carry out (a withdrawal beyond what it holds) */
export class FundError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class FamilyLedger<T> {
  day = 0;
  /** the number of orders so far (1-based order numbers) */
  orderCount = 0;
  fund: T;
  /** the fund's share of each order (the split's pool share) */
  share: T;
  readonly totals: FamilyTotals<T>;
  completed = 0;

  // buyers (slots from 0, in order of their first order)
  readonly spent: Column<T>;
  readonly firstDay = new IntColumn();
  readonly firstOrder = new IntColumn();
  readonly lastOrder = new IntColumn();
  readonly firstEntry = new IntColumn();
  readonly lastEntry = new IntColumn();

  // orders
  readonly orderBuyer = new IntColumn();
  readonly orderDay = new IntColumn();
  readonly orderAmount: Column<T>;
  readonly nextOrder = new IntColumn();

  // entries (promises)
  readonly entryBuyer = new IntColumn();
  readonly entryDay = new IntColumn();
  /** the spend an entry stands for: the order's amount (release, queue) or the unit (rights) */
  readonly entryCost: Column<T>;
  readonly entryPromise: Column<T>;
  /** the day the entry was paid in full; -1 while not */
  readonly entryDoneDay = new IntColumn();
  /** the order during which it was paid in full (a queue's entries); -1 otherwise */
  readonly entryDoneOrder = new IntColumn();
  readonly nextEntry = new IntColumn();

  constructor(
    readonly A: Arith<T>,
    share: number,
    capacity = 16,
  ) {
    this.fund = A.zero;
    this.share = A.of(share);
    this.totals = { orders: A.zero, inflow: A.zero, subsidies: A.zero, withdrawals: A.zero, paid: A.zero, promised: A.zero, defaults: A.zero };
    this.spent = column(A, capacity);
    this.orderAmount = column(A, capacity);
    this.entryCost = column(A, capacity);
    this.entryPromise = column(A, capacity);
  }

  get buyerCount(): number {
    return this.spent.length;
  }
  get entryCount(): number {
    return this.entryBuyer.length;
  }
  /** promised and not yet paid */
  get outstanding(): T {
    return this.A.sub(this.totals.promised, this.totals.paid);
  }

  /** a new buyer's slot */
  newBuyer(): number {
    const b = this.spent.push(this.A.zero);
    this.firstDay.push(this.day);
    this.firstOrder.push(-1);
    this.lastOrder.push(-1);
    this.firstEntry.push(-1);
    this.lastEntry.push(-1);
    return b;
  }

  /** an order: the buyer's spend, the fund's share; returns the order's index (its number is index + 1) */
  order(buyer: number, amount: T): number {
    const A = this.A;
    const o = this.orderBuyer.push(buyer);
    this.orderDay.push(this.day);
    this.orderAmount.push(amount);
    this.nextOrder.push(-1);
    const last = this.lastOrder.get(buyer);
    if (last < 0) this.firstOrder.set(buyer, o);
    else this.nextOrder.set(last, o);
    this.lastOrder.set(buyer, o);
    this.spent.set(buyer, A.add(this.spent.get(buyer), amount));
    const inflow = A.mul(amount, this.share);
    this.fund = A.add(this.fund, inflow);
    this.totals.orders = A.add(this.totals.orders, amount);
    this.totals.inflow = A.add(this.totals.inflow, inflow);
    this.orderCount++;
    return o;
  }

  /** a promise to a buyer made today; returns the entry's index */
  addEntry(buyer: number, cost: T, promise: T): number {
    const e = this.entryBuyer.push(buyer);
    this.entryDay.push(this.day);
    this.entryCost.push(cost);
    this.entryPromise.push(promise);
    this.entryDoneDay.push(-1);
    this.entryDoneOrder.push(-1);
    this.nextEntry.push(-1);
    const last = this.lastEntry.get(buyer);
    if (last < 0) this.firstEntry.set(buyer, e);
    else this.nextEntry.set(last, e);
    this.lastEntry.set(buyer, e);
    this.totals.promised = this.A.add(this.totals.promised, promise);
    return e;
  }

  /** pay buyers `amount` out of the fund (a model's payment, to one entry or many) */
  pay(amount: T): void {
    this.fund = this.A.sub(this.fund, amount);
    this.totals.paid = this.A.add(this.totals.paid, amount);
  }

  /** an entry paid in full now */
  done(e: number): void {
    this.entryDoneDay.set(e, this.day);
    this.entryDoneOrder.set(e, this.orderCount);
    this.completed++;
  }

  /** payments due and not paid */
  defaulted(amount: T): void {
    this.totals.defaults = this.A.add(this.totals.defaults, amount);
  }

  subsidy(amount: number): void {
    const x = this.A.of(amount);
    this.fund = this.A.add(this.fund, x);
    this.totals.subsidies = this.A.add(this.totals.subsidies, x);
  }

  /** an amount, or a share of the fund; never more than the fund holds */
  withdraw(w: number | { share: number }): void {
    const A = this.A;
    const x = typeof w === 'number' ? A.of(w) : A.mul(this.fund, A.of(w.share));
    if (A.cmp(x, this.fund) > 0) throw new FundError(`takes ${A.str(x)} but the fund holds ${A.str(this.fund)}; a withdrawal takes at most what the fund holds`, 'withdraw.amount');
    this.fund = A.sub(this.fund, x);
    this.totals.withdrawals = A.add(this.totals.withdrawals, x);
  }
}
