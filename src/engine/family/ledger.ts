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
import { type Column, type ColumnOf, IntColumn, NoneOrIntColumn, RunColumn, column } from './columns.ts';

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

/**
 * A buyer's items (its orders, or its entries) as a singly linked list in the order they were made:
 * first[b], then next[i] until -1. The ledger does not keep them on the hot path: they are linked
 * from the item's owner column when first read (the result document reads them), and brought up to
 * date on a later read if items were added since, so an order or a promise costs no list writes and
 * a run that is never written up holds no lists.
 */
class BuyerLists {
  readonly first: NoneOrIntColumn;
  readonly last: NoneOrIntColumn;
  readonly next: NoneOrIntColumn;
  /** items linked so far */
  linked = 0;
  constructor(owners: number, items: number) {
    this.first = new NoneOrIntColumn(owners);
    this.last = new NoneOrIntColumn(owners);
    this.next = new NoneOrIntColumn(items);
  }
  /** link items linked..items-1 of owners 0..owners-1 */
  update(owner: IntColumn, owners: number, items: number): this {
    if (this.first.length < owners) {
      this.first.extend(owners);
      this.last.extend(owners);
    }
    if (this.linked === items) return this;
    this.next.extend(items);
    // slots hold an index + 1, 0 for none (NoneOrIntColumn): a buyer's last item links nowhere and
    // writes nothing
    const first = this.first.array;
    const last = this.last.array;
    const next = this.next.array;
    const of = owner.array;
    for (let i = this.linked; i < items; i++) {
      const b = of[i]!;
      const l = last[b]!;
      if (l === 0) first[b] = i + 1;
      else next[l - 1] = i + 1;
      last[b] = i + 1;
    }
    this.linked = items;
    return this;
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
  /** in runs: buyers are numbered in order of their first order */
  readonly firstDay: RunColumn<number>;

  // orders
  readonly orderBuyer: IntColumn;
  /** in runs: the orders of a day come together */
  readonly orderDay: RunColumn<number>;
  readonly orderAmount: Column<T>;

  // entries (promises)
  readonly entryBuyer: IntColumn;
  readonly entryDay: RunColumn<number>;
  /** the spend an entry stands for: the order's amount (release, queue) or the unit (rights) */
  readonly entryCost: ColumnOf<T>;
  readonly entryPromise: ColumnOf<T>;
  /** the day the entry was paid in full; -1 while not */
  readonly entryDoneDay: NoneOrIntColumn;
  /** the order during which it was paid in full (a queue's entries); -1 otherwise */
  readonly entryDoneOrder: NoneOrIntColumn;

  /**
   * true when every order makes exactly one entry, its promise (the release, the queue): entry e
   * is then order e, and its buyer, day and cost are the order's columns themselves (one copy of
   * each, not two)
   */
  readonly entryPerOrder: boolean;

  /** the buyers, orders and entries the run expects (the columns' first capacity): a model sizes its own columns by them */
  readonly expected: { readonly buyers: number; readonly orders: number; readonly entries: number };

  // what addEntry writes beside the buyer: in runs when entries are not orders (the rights made on
  // a day under one set of terms share their cost and promise), else the promise of each order
  private readonly costs: RunColumn<T> | null;
  private readonly promises: Column<T> | RunColumn<T>;

  private orderLists: BuyerLists | null = null;
  private entryLists: BuyerLists | null = null;

  constructor(
    readonly A: Arith<T>,
    share: number,
    capacity = 16,
    opts: { entryPerOrder?: boolean; orders?: number; entries?: number } = {},
  ) {
    this.fund = A.zero;
    this.share = A.of(share);
    this.totals = { orders: A.zero, inflow: A.zero, subsidies: A.zero, withdrawals: A.zero, paid: A.zero, promised: A.zero, defaults: A.zero };
    const orders = Math.max(capacity, opts.orders ?? capacity);
    this.entryPerOrder = opts.entryPerOrder === true;
    const entries = this.entryPerOrder ? orders : (opts.entries ?? capacity);
    this.expected = { buyers: capacity, orders, entries };
    this.spent = column(A, capacity);
    this.firstDay = new RunColumn<number>();
    this.orderBuyer = new IntColumn(orders);
    this.orderDay = new RunColumn<number>();
    this.orderAmount = column(A, orders);
    this.entryBuyer = this.entryPerOrder ? this.orderBuyer : new IntColumn(entries);
    this.entryDay = this.entryPerOrder ? this.orderDay : new RunColumn<number>();
    this.costs = this.entryPerOrder ? null : new RunColumn<T>();
    this.entryCost = this.costs ?? this.orderAmount;
    this.entryPromise = this.promises = this.entryPerOrder ? column(A, entries) : new RunColumn<T>();
    this.entryDoneDay = new NoneOrIntColumn(entries);
    this.entryDoneOrder = new NoneOrIntColumn(entries);
  }

  get buyerCount(): number {
    return this.spent.length;
  }
  get entryCount(): number {
    return this.entryPromise.length;
  }
  /** promised and not yet paid */
  get outstanding(): T {
    return this.A.sub(this.totals.promised, this.totals.paid);
  }

  // each buyer's orders and entries, in order (linked when first read: BuyerLists)
  private ordersOf(): BuyerLists {
    const l = this.orderLists;
    // up to date: every order linked, and a slot for every buyer (a buyer's first order comes with it)
    if (l !== null && l.linked === this.orderCount && l.first.length === this.buyerCount) return l;
    return (this.orderLists ??= new BuyerLists(this.buyerCount, this.orderCount)).update(this.orderBuyer, this.buyerCount, this.orderCount);
  }
  private entriesOf(): BuyerLists {
    // one entry per order: a buyer's entries are its orders
    if (this.entryPerOrder) return this.ordersOf();
    const l = this.entryLists;
    if (l !== null && l.linked === this.entryCount && l.first.length === this.buyerCount) return l;
    return (this.entryLists ??= new BuyerLists(this.buyerCount, this.entryCount)).update(this.entryBuyer, this.buyerCount, this.entryCount);
  }
  /** a buyer's first order; -1 before it */
  get firstOrder(): NoneOrIntColumn {
    return this.ordersOf().first;
  }
  get lastOrder(): NoneOrIntColumn {
    return this.ordersOf().last;
  }
  /** the same buyer's next order; -1 after its last */
  get nextOrder(): NoneOrIntColumn {
    return this.ordersOf().next;
  }
  /** a buyer's first entry; -1 while none */
  get firstEntry(): NoneOrIntColumn {
    return this.entriesOf().first;
  }
  get lastEntry(): NoneOrIntColumn {
    return this.entriesOf().last;
  }
  /** the same buyer's next entry; -1 after its last */
  get nextEntry(): NoneOrIntColumn {
    return this.entriesOf().next;
  }

  /** a new buyer's slot */
  newBuyer(): number {
    this.firstDay.push(this.day);
    return this.spent.push(this.A.zero);
  }

  /** an order: the buyer's spend, the fund's share; returns the order's index (its number is index + 1) */
  order(buyer: number, amount: T): number {
    const A = this.A;
    const o = this.orderBuyer.push(buyer);
    this.orderDay.push(this.day);
    this.orderAmount.push(amount);
    this.spent.set(buyer, A.add(this.spent.get(buyer), amount));
    const inflow = A.mul(amount, this.share);
    this.fund = A.add(this.fund, inflow);
    const t = this.totals;
    t.orders = A.add(t.orders, amount);
    t.inflow = A.add(t.inflow, inflow);
    this.orderCount++;
    return o;
  }

  /**
   * a promise to a buyer made today; returns the entry's index. In a ledger of one entry per order
   * it is the promise of the order just made, and costs what it did: its buyer, day and cost are
   * the order's own (entry e is order e)
   */
  addEntry(buyer: number, cost: T, promise: T): number {
    if (this.entryPerOrder) {
      const e = this.entryCount;
      if (e !== this.orderCount - 1 || buyer !== this.orderBuyer.get(e) || cost !== this.orderAmount.get(e)) throw new Error('a ledger of one entry per order takes the promise of the order just made, at its amount');
      return this.promised(promise);
    }
    this.entryBuyer.push(buyer);
    this.entryDay.push(this.day);
    this.costs!.push(cost);
    return this.promised(promise);
  }

  /**
   * n promises alike, to a buyer, made today (the rights one order makes): what n calls of addEntry
   * would do, their runs extended at once; returns the first entry's index
   */
  addEntries(buyer: number, n: number, cost: T, promise: T): number {
    if (this.entryPerOrder) throw new Error('a ledger of one entry per order takes one promise per order: addEntry');
    const e = this.entryCount;
    const A = this.A;
    const t = this.totals;
    for (let i = 0; i < n; i++) {
      this.entryBuyer.push(buyer);
      t.promised = A.add(t.promised, promise);
    }
    this.entryDay.pushRun(this.day, n);
    this.costs!.pushRun(cost, n);
    this.entryDoneDay.extend(e + n);
    this.entryDoneOrder.extend(e + n);
    (this.promises as RunColumn<T>).pushRun(promise, n);
    return e;
  }

  private promised(promise: T): number {
    this.entryDoneDay.push();
    this.entryDoneOrder.push();
    this.totals.promised = this.A.add(this.totals.promised, promise);
    return this.promises.push(promise);
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
