/**
 * The scripted engine's view of the seed's book: users by name, each event returning what it did
 * (points issued, a sale's value and pay, the ids forced out, in the order they were sold out), and
 * the refusals of events the state does not allow (LedgerError). Every rule is the book's
 * (book.ts, rules.ts); this layer only names users and checks a sale before making it.
 */
import type { Arith } from '../../arith.ts';
import type { ExitTest, RuleChangeV1, RulesV1 } from '../../scenario/index.ts';
import { SeedBook } from './book.ts';
import { LedgerError, type Split } from './records.ts';
import * as R from './rules.ts';

export { LedgerError, type Split } from './records.ts';

export type Status = 'active' | 'exited';
export type ExitReason = 'forced' | 'sold' | 'settled';
export type SellHow = { points: number } | { value: number } | { all: true };

/** A user of the ledger, read from the book's records. */
export class User<T> {
  constructor(
    private readonly book: Ledger<T>,
    readonly slot: number,
    readonly id: string,
  ) {}
  /** how many times the user entered (first order, then each re-entry after an exit) */
  get entries(): number {
    return this.book.entriesOf(this.slot);
  }
  get spent(): T {
    return this.book.spentOf(this.slot);
  }
  /** spend since the last (re)entry */
  get basis(): T {
    return this.book.basisOf(this.slot);
  }
  /** points received since the last (re)entry */
  get obtained(): T {
    return this.book.obtainedOf(this.slot);
  }
  get holding(): T {
    return this.book.holdingOf(this.slot);
  }
  /** cash received from sales, all entries */
  get cash(): T {
    return this.book.cashOf(this.slot);
  }
  /** cash received since the last (re)entry */
  get cashSinceEntry(): T {
    return this.book.cashSinceEntryOf(this.slot);
  }
  get status(): Status {
    return this.book.isActive(this.slot) ? 'active' : 'exited';
  }
  get exitReason(): ExitReason | undefined {
    return this.book.exitReasonOf(this.slot);
  }
  get exitedAtStep(): number | undefined {
    const s = this.book.exitDayOf(this.slot);
    return s < 0 ? undefined : s;
  }
  /** day of the first order (time-driven runs; 0 in scripts) */
  get firstDay(): number {
    return this.book.firstDayOf(this.slot);
  }
  /** first day on which cash received reached total spend (realised break-even), if ever */
  get breakEvenDay(): number | undefined {
    const d = this.book.breakEvenDayOf(this.slot);
    return d < 0 ? undefined : d;
  }
  /** ever forced out at the exit multiple */
  get hitExit(): boolean {
    return this.book.hitExitOf(this.slot);
  }
}

export class Ledger<T> extends SeedBook<T> {
  readonly users: User<T>[] = [];
  private readonly byId = new Map<string, User<T>>();
  private anonymous = 0;
  /** relative slack for "sell by value" matching the whole holding despite rounding of value / price */
  private readonly slack: T;

  /** tracking: keep the solvency accumulators (time-driven runs need them; scripts do not) */
  constructor(A: Arith<T>, rules: RulesV1, opts: { tracking?: boolean } = {}) {
    super(A, rules);
    this.tracking = opts.tracking ?? false;
    this.named = true;
    this.entries = [];
    this.exits = [];
    this.slack = A.of(A.mode === 'exact' ? '1e-30' : '1e-9');
  }

  protected override newSlot(id?: string): number {
    const slot = super.newSlot();
    const u = new User(this, slot, id ?? `#${++this.anonymous}`);
    this.users.push(u);
    this.byId.set(u.id, u);
    return slot;
  }

  user(id: string): User<T> | undefined {
    return this.byId.get(id);
  }

  /** the ids forced out since the event began */
  private forced(): string[] {
    const out = this.exits!.map((slot) => this.users[slot]!.id);
    this.exits!.length = 0;
    return out;
  }

  get accounts() {
    return this.totals;
  }
  /** users whose status is active */
  get activeUsers(): number {
    return this.activeCount;
  }
  /** slots of active users, in the book's order */
  get activeList(): number[] {
    return Array.from({ length: this.activeCount }, (_, i) => this.activeAt(i));
  }
  get exitMultiple(): T | null {
    return this.m;
  }
  /** the rules in force now */
  get live(): { g: T; w: T; m: T | null; split: Split<T>; exitTest: ExitTest } {
    return { g: this.g, w: this.w, m: this.m, split: this.split, exitTest: this.exitTest };
  }
  /** points locked for legacy members, not yet released */
  get locked(): T {
    return this.lockedPoints;
  }

  // --- events ------------------------------------------------------------------------------

  override newOrder(amount: number): void {
    this.order(undefined, amount);
  }

  /** newOrder for each (one call each: a subclass's newOrder sees every new buyer's order) */
  override newOrders(amounts: Float64Array, n: number): void {
    for (let k = 0; k < n; k++) this.newOrder(amounts[k]!);
  }

  /** order(user, amount): RULEBOOK §3.1. An undefined user is a new anonymous buyer. */
  order(userId: string | undefined, amount: number | T): { user: User<T>; issued: T; forced: string[] } {
    const id = userId ?? `#${++this.anonymous}`;
    const slot = this.byId.get(id)?.slot ?? this.newSlot(id);
    this.exits!.length = 0;
    this.orderAmount = typeof amount === 'number' ? this.A.of(amount) : amount;
    this.orderFor(slot);
    return { user: this.users[slot]!, issued: this.lastIssued, forced: this.forced() };
  }

  /** sell(user, points | value | all): RULEBOOK §3.2, refusing a sale the state does not allow */
  sell(userId: string, how: SellHow): { user: User<T>; sold: T; value: T; paid: T; forced: string[] } {
    const A = this.A;
    const u = this.byId.get(userId);
    if (u === undefined) throw new LedgerError('sell.user', `no user "${userId}" has ordered yet, so there is nothing to sell`);
    const holding = u.holding;
    let q: T;
    if ('all' in how) {
      q = holding;
    } else if ('points' in how) {
      q = this.pts(A.of(how.points));
    } else {
      q = this.pts(A.div(A.of(how.value), this.quotedPrice));
      // value / price can land a hair above the holding when the value is the holding's whole worth
      const unit = this.roundPoints;
      const tol = A.add(A.mul(holding, this.slack), unit < 0 ? A.zero : A.of(`1e-${unit}`));
      if (A.cmp(q, holding) > 0 && A.cmp(A.sub(q, holding), tol) <= 0) q = holding;
    }
    const field = 'all' in how ? 'sell.all' : 'points' in how ? 'sell.points' : 'sell.value';
    if (A.isZero(holding)) {
      throw new LedgerError(field, `user "${userId}" holds no points${u.status === 'exited' ? ` (exited at step ${u.exitedAtStep})` : ''}; there is nothing to sell`);
    }
    if (A.isZero(q)) {
      throw new LedgerError(field, `the sale rounds to 0 points at the platform's ${this.roundPoints} point decimals; nothing to sell`);
    }
    if (A.cmp(q, holding) > 0) {
      const p = this.quotedPrice;
      // worth as holding x P / N where the price is unrounded: 210 x 300 / 210 is 300, not 300.00...01
      const worth = this.roundPrice < 0 ? A.div(A.mul(holding, this.pool), this.points) : A.mul(holding, p);
      throw new LedgerError(
        field,
        'value' in how
          ? `user "${userId}" holds ${A.str(holding)} points worth ${A.str(worth)} at price ${A.str(p)}; cannot sell a value of ${how.value}`
          : `user "${userId}" holds ${A.str(holding)} points; cannot sell ${A.str(q)}`,
      );
    }
    this.exits!.length = 0;
    this.toSell = q;
    this.sellPoints(u.slot, false, false);
    const value = this.saleValue;
    const paid = this.salePaid;
    this.settle();
    return { user: u, sold: q, value, paid, forced: this.forced() };
  }

  override subsidy(amount: number | T): { forced: string[] } {
    this.exits!.length = 0;
    super.subsidy(amount);
    return { forced: this.forced() };
  }

  override withdraw(amount: number | T | { share: number }): { forced: string[] } {
    this.exits!.length = 0;
    super.withdraw(amount);
    return { forced: this.forced() };
  }

  override changeRules(change: RuleChangeV1): { forced: string[] } {
    this.exits!.length = 0;
    super.changeRules(change);
    return { forced: this.forced() };
  }

  // --- reading ---------------------------------------------------------------------------

  /**
   * The price at which the points a user obtained since entry are worth k x that spend
   * (k x basis / obtained): 1 for break-even, m for the forced exit under the seed's reading.
   */
  priceForMultiple(u: User<T>, k: number | T): T | undefined {
    const A = this.A;
    if (A.isZero(u.obtained)) return undefined;
    return R.thresholdPrice(A, R.exitNum(A, typeof k === 'number' ? A.of(k) : k, u.basis, A.zero, R.EXIT_TEST_CODE.obtained), u.obtained);
  }

  /** the exit test of the rules, on the price the platform trades at */
  qualifies(u: User<T>): boolean {
    return this.qualifiesSlot(u.slot);
  }
}
