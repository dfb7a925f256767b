/**
 * The ledger: the rules of RULEBOOK §3 over the state of §2, written once against the arithmetic
 * interface so that exact (decimal) and fast (float64) runs share every rule.
 *
 * Every public event method applies the event, then runs the forced-exit pass (§3.3), and returns
 * the ids of the users it forced out, in the order they were sold out.
 */
import { EXACT_TIE, type Arith, type RoundingMode } from './arith.ts';
import { IndexedHeap } from './heap.ts';
import type { ExitTest, RuleChangeV1, RulesV1 } from './scenario.ts';

/** An event that the state does not allow (selling points not held, draining the pool). */
export class LedgerError extends Error {
  /** field: where in the event, relative to the script entry, e.g. "sell.points" */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export interface Split<T> {
  cost: T;
  distribution: T;
  platform: T;
  pool: T;
}

interface LiveRules<T> {
  split: Split<T>;
  g: T;
  w: T;
  /** null: forced exits off */
  m: T | null;
  exitTest: ExitTest;
  rounding: { points?: number; price?: number; money?: number; mode: RoundingMode } | undefined;
}

export type Status = 'active' | 'exited';
export type ExitReason = 'forced' | 'sold';

export interface User<T> {
  readonly id: string;
  /** index in the ledger's user list */
  readonly slot: number;
  /** order of (re)entry, for tie-breaking exits: earliest entry first */
  entrySeq: number;
  /** how many times the user entered (first order, then each re-entry after an exit) */
  entries: number;
  spent: T;
  /** spend since the last (re)entry */
  basis: T;
  /** points received since the last (re)entry */
  obtained: T;
  holding: T;
  /** cash received from sales, all entries */
  cash: T;
  /** cash received since the last (re)entry */
  cashSinceEntry: T;
  status: Status;
  exitReason: ExitReason | undefined;
  exitedAtStep: number | undefined;
  /** day of the first order (time-driven runs; 0 in scripts) */
  firstDay: number;
  /** first day on which cash received reached total spend (realised break-even), if ever */
  breakEvenDay: number | undefined;
  /** ever forced out at the exit multiple */
  hitExit: boolean;
  /** position in the active list, -1 when exited */
  activePos: number;
}

export interface Accounts<T> {
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

/** a threshold price as a fraction, num / den with den > 0 */
interface Threshold<T> {
  num: T;
  den: T;
}

export type SellHow = { points: number } | { value: number } | { all: true };

export class Ledger<T> {
  /** profit pool P, cash */
  pool: T;
  /** circulating points N */
  points: T;
  /** price P / N, recomputed whenever P or N changes; the last price while N = 0 */
  price: T;
  readonly users: User<T>[] = [];
  readonly accounts: Accounts<T>;
  /** current step, 1-based; stamped on exits */
  step = 0;
  /** current day of a time-driven run (RULEBOOK §7) */
  day = 0;
  /** slots of active users, in a fixed order (entry appends, exit swaps the last one in) */
  readonly activeList: number[] = [];
  /** running counts: forced exits, voluntary sales */
  forcedCount = 0;
  salesCount = 0;
  /**
   * Solvency accumulators over active users (RULEBOOK §8), kept only when `tracking` is on:
   * need = sum of max(0, basis - cash since entry); basis and cash since entry summed.
   */
  tracking = false;
  needActive: T;
  basisActive: T;
  cashActive: T;
  /** users holding points (N is set to exactly 0 when this reaches 0) */
  private holders = 0;
  private active = 0;
  private entrySeq = 0;
  private anonymous = 0;
  private readonly byId = new Map<string, User<T>>();
  private rules: LiveRules<T>;
  private readonly heap: IndexedHeap<Threshold<T>>;
  /** take-profit (time-driven runs): users whose holding is worth k x basis sell it all */
  private takeProfitK: T | null = null;
  private readonly tpHeap: IndexedHeap<Threshold<T>>;
  /** relative slack for "sell by value" matching the whole holding despite rounding of value / price */
  private readonly slack: T;

  constructor(
    readonly A: Arith<T>,
    rules: RulesV1,
  ) {
    const z = A.zero;
    this.needActive = z;
    this.basisActive = z;
    this.cashActive = z;
    this.pool = z;
    this.points = z;
    this.price = A.of(rules.initialPrice);
    this.accounts = {
      orders: z,
      cost: z,
      distributionPaid: z,
      distributionKept: z,
      platform: z,
      poolInflow: z,
      subsidies: z,
      withdrawals: z,
      paid: z,
      withheld: z,
    };
    this.rules = {
      split: this.splitOf(rules.split),
      g: A.of(rules.giftRatio),
      w: A.of(rules.sellWithholding),
      m: rules.exitMultiple === null ? null : A.of(rules.exitMultiple),
      exitTest: rules.exitTest,
      rounding: rules.rounding,
    };
    this.slack = A.of(A.mode === 'exact' ? '1e-30' : '1e-9');
    // a before b when num_a / den_a < num_b / den_b (dens are positive), ties by earliest entry;
    // on the exact path thresholds within EXACT_TIE relative are a tie (arith.ts)
    const tie = A.mode === 'exact' ? A.of(EXACT_TIE) : null;
    const abs = (x: T) => (A.isNeg(x) ? A.sub(A.zero, x) : x);
    const less = (ka: Threshold<T>, a: number, kb: Threshold<T>, b: number) => {
      const x = A.mul(ka.num, kb.den);
      const y = A.mul(kb.num, ka.den);
      let c = A.cmp(x, y);
      if (c !== 0 && tie !== null) {
        const ax = abs(x);
        const ay = abs(y);
        if (A.cmp(abs(A.sub(x, y)), A.mul(tie, A.cmp(ax, ay) > 0 ? ax : ay)) <= 0) c = 0;
      }
      return c < 0 || (c === 0 && this.users[a]!.entrySeq < this.users[b]!.entrySeq);
    };
    this.heap = new IndexedHeap<Threshold<T>>(less);
    this.tpHeap = new IndexedHeap<Threshold<T>>(less);
  }

  private splitOf(s: { cost: number; distribution: number; platform: number; pool: number }): Split<T> {
    const A = this.A;
    return { cost: A.of(s.cost), distribution: A.of(s.distribution), platform: A.of(s.platform), pool: A.of(s.pool) };
  }

  // --- rounding (off unless the rules ask for it) ------------------------------------------

  private roundTo(x: T, decimals: number | undefined): T {
    const r = this.rules.rounding;
    return r === undefined || decimals === undefined ? x : this.A.round(x, decimals, r.mode);
  }
  /**
   * Money rounds down to the money decimals whatever the mode (the mode is for points and price):
   * an order's shares round down and the platform keeps the remainder; a payout rounds down, so
   * that no one is paid more than the rule gives and the amount withheld is never negative.
   */
  private money(x: T): T {
    const d = this.rules.rounding?.money;
    return d === undefined ? x : this.A.round(x, d, 'down');
  }
  private pts(x: T): T {
    return this.roundTo(x, this.rules.rounding?.points);
  }

  /**
   * The price the platform trades at: P / N, rounded to the platform's price decimals if set
   * (never below one unit of the last decimal, so that a tiny price cannot round to 0).
   */
  get quotedPrice(): T {
    const d = this.rules.rounding?.price;
    if (d === undefined) return this.price;
    const q = this.roundTo(this.price, d);
    return this.A.isZero(q) ? this.A.of(`1e-${d}`) : q;
  }

  get exitMultiple(): T | null {
    return this.rules.m;
  }
  /** the rules in force now */
  get live(): { g: T; w: T; m: T | null; split: Split<T>; exitTest: ExitTest } {
    const r = this.rules;
    return { g: r.g, w: r.w, m: r.m, split: r.split, exitTest: r.exitTest };
  }

  /** users whose status is active */
  get activeUsers(): number {
    return this.active;
  }

  user(id: string): User<T> | undefined {
    return this.byId.get(id);
  }

  private reprice(): void {
    if (this.holders === 0) this.points = this.A.zero;
    if (!this.A.isZero(this.points)) this.price = this.A.div(this.pool, this.points);
  }

  // --- events ------------------------------------------------------------------------------

  /** order(user, amount): RULEBOOK §3.1. An undefined user is a new anonymous buyer. */
  order(userId: string | undefined, amount: number | T): { user: User<T>; issued: T; forced: string[] } {
    const A = this.A;
    const s = this.rules.split;
    const amt = typeof amount === 'number' ? A.of(amount) : amount;
    let cost: T, distribution: T, inflow: T, platform: T;
    if (this.rules.rounding?.money !== undefined) {
      cost = this.money(A.mul(amt, s.cost));
      distribution = this.money(A.mul(amt, s.distribution));
      inflow = this.money(A.mul(amt, s.pool));
      platform = A.sub(A.sub(A.sub(amt, cost), distribution), inflow);
    } else {
      cost = A.mul(amt, s.cost);
      distribution = A.mul(amt, s.distribution);
      inflow = A.mul(amt, s.pool);
      platform = A.mul(amt, s.platform);
    }
    const issued = this.pts(A.div(A.mul(this.rules.g, inflow), this.quotedPrice));

    const acc = this.accounts;
    acc.orders = A.add(acc.orders, amt);
    acc.cost = A.add(acc.cost, cost);
    acc.distributionKept = A.add(acc.distributionKept, distribution);
    acc.platform = A.add(acc.platform, platform);
    acc.poolInflow = A.add(acc.poolInflow, inflow);

    const u = this.enter(userId);
    if (this.tracking) this.unbook(u);
    u.spent = A.add(u.spent, amt);
    u.basis = A.add(u.basis, amt);
    u.obtained = A.add(u.obtained, issued);
    if (A.isZero(u.holding) && !A.isZero(issued)) this.holders++;
    u.holding = A.add(u.holding, issued);
    if (this.tracking) this.rebook(u);

    this.pool = A.add(this.pool, inflow);
    this.points = A.add(this.points, issued);
    this.reprice();
    this.rekey(u);
    return { user: u, issued, forced: this.settle() };
  }

  /** the buyer's record: new, re-entering after an exit (basis and obtained restart), or active */
  private enter(userId: string | undefined): User<T> {
    const A = this.A;
    const id = userId ?? `#${++this.anonymous}`;
    let u = this.byId.get(id);
    if (u === undefined) {
      u = {
        id,
        slot: this.users.length,
        entrySeq: 0,
        entries: 0,
        spent: A.zero,
        basis: A.zero,
        obtained: A.zero,
        holding: A.zero,
        cash: A.zero,
        cashSinceEntry: A.zero,
        status: 'exited',
        exitReason: undefined,
        exitedAtStep: undefined,
        firstDay: this.day,
        breakEvenDay: undefined,
        hitExit: false,
        activePos: -1,
      };
      this.users.push(u);
      this.byId.set(id, u);
    }
    if (u.status === 'exited') {
      this.active++;
      u.activePos = this.activeList.length;
      this.activeList.push(u.slot);
      u.status = 'active';
      u.entrySeq = ++this.entrySeq;
      u.entries++;
      u.basis = A.zero;
      u.obtained = A.zero;
      u.cashSinceEntry = A.zero;
      u.exitReason = undefined;
      u.exitedAtStep = undefined;
    }
    return u;
  }

  /** sell(user, points | value | all): RULEBOOK §3.2 */
  sell(userId: string, how: SellHow): { user: User<T>; sold: T; value: T; paid: T; forced: string[] } {
    const A = this.A;
    const u = this.byId.get(userId);
    if (u === undefined) throw new LedgerError('sell.user', `no user "${userId}" has ordered yet, so there is nothing to sell`);
    let q: T;
    if ('all' in how) {
      q = u.holding;
    } else if ('points' in how) {
      q = this.pts(A.of(how.points));
    } else {
      q = this.pts(A.div(A.of(how.value), this.quotedPrice));
      // value / price can land a hair above the holding when the value is the holding's whole worth
      const unit = this.rules.rounding?.points;
      const tol = A.add(A.mul(u.holding, this.slack), unit === undefined ? A.zero : A.of(`1e-${unit}`));
      if (A.cmp(q, u.holding) > 0 && A.cmp(A.sub(q, u.holding), tol) <= 0) q = u.holding;
    }
    const field = 'all' in how ? 'sell.all' : 'points' in how ? 'sell.points' : 'sell.value';
    if (A.isZero(u.holding)) {
      throw new LedgerError(field, `user "${userId}" holds no points${u.status === 'exited' ? ` (exited at step ${u.exitedAtStep})` : ''}; there is nothing to sell`);
    }
    if (A.isZero(q)) {
      throw new LedgerError(field, `the sale rounds to 0 points at the platform's ${this.rules.rounding?.points} point decimals; nothing to sell`);
    }
    if (A.cmp(q, u.holding) > 0) {
      const p = this.quotedPrice;
      // worth as holding x P / N where the price is unrounded: 210 x 300 / 210 is 300, not 300.00...01
      const worth = this.rules.rounding?.price === undefined ? A.div(A.mul(u.holding, this.pool), this.points) : A.mul(u.holding, p);
      throw new LedgerError(
        field,
        'value' in how
          ? `user "${userId}" holds ${A.str(u.holding)} points worth ${A.str(worth)} at price ${A.str(p)}; cannot sell a value of ${how.value}`
          : `user "${userId}" holds ${A.str(u.holding)} points; cannot sell ${A.str(q)}`,
      );
    }
    const { value, paid } = this.sellPoints(u, q, 'sold');
    return { user: u, sold: q, value, paid, forced: this.settle() };
  }

  /** the sale itself, voluntary or forced: pays (1 - w) x value, keeps w x value in the pool */
  private sellPoints(u: User<T>, q: T, reason: ExitReason): { value: T; paid: T } {
    const A = this.A;
    if (this.tracking) this.unbook(u);
    const p = this.quotedPrice;
    const value = A.mul(q, p);
    let paid = this.money(A.mul(A.sub(A.one, this.rules.w), value));
    if (A.cmp(paid, this.pool) > 0) paid = this.pool; // only reachable through platform rounding
    this.pool = A.sub(this.pool, paid);
    this.points = A.sub(this.points, q);
    u.holding = A.sub(u.holding, q);
    u.cash = A.add(u.cash, paid);
    u.cashSinceEntry = A.add(u.cashSinceEntry, paid);
    this.accounts.paid = A.add(this.accounts.paid, paid);
    this.accounts.withheld = A.add(this.accounts.withheld, A.sub(value, paid));
    if (reason === 'forced') {
      this.forcedCount++;
      u.hitExit = true;
    } else this.salesCount++;
    if (u.breakEvenDay === undefined && A.cmp(u.cash, u.spent) >= 0) u.breakEvenDay = this.day;
    if (A.isZero(u.holding)) {
      this.holders--;
      this.active--;
      const last = this.activeList.pop()!;
      if (last !== u.slot) {
        this.activeList[u.activePos] = last;
        this.users[last]!.activePos = u.activePos;
      }
      u.activePos = -1;
      if (this.active === 0) {
        // nobody left: the running sums are exactly zero, whatever rounding they carried
        this.needActive = A.zero;
        this.basisActive = A.zero;
        this.cashActive = A.zero;
      }
      u.status = 'exited';
      u.exitReason = reason;
      u.exitedAtStep = this.step;
      this.heap.delete(u.slot);
      this.tpHeap.delete(u.slot);
    } else {
      this.rekey(u);
      if (this.tracking) this.rebook(u);
    }
    this.reprice();
    return { value, paid };
  }

  /** a voluntary sale of a share of an active user's holding (time-driven runs): 1 sells it all */
  sellShare(slot: number, portion: number): { forced: number } {
    const u = this.users[slot]!;
    if (u.status !== 'active' || this.A.isZero(u.holding)) return { forced: 0 };
    const q = portion >= 1 ? u.holding : this.pts(this.A.mul(u.holding, this.A.of(portion)));
    if (this.A.isZero(q)) return { forced: 0 };
    this.sellPoints(u, q, 'sold');
    return { forced: this.settle().length };
  }

  /** remove an active user's share from the solvency accumulators */
  private unbook(u: User<T>): void {
    if (u.status !== 'active') return;
    const A = this.A;
    this.needActive = A.sub(this.needActive, this.needOf(u));
    this.basisActive = A.sub(this.basisActive, u.basis);
    this.cashActive = A.sub(this.cashActive, u.cashSinceEntry);
  }
  /** add it back after a change */
  private rebook(u: User<T>): void {
    if (u.status !== 'active') return;
    const A = this.A;
    this.needActive = A.add(this.needActive, this.needOf(u));
    this.basisActive = A.add(this.basisActive, u.basis);
    this.cashActive = A.add(this.cashActive, u.cashSinceEntry);
  }
  /** what an active user still needs to break even: max(0, basis - cash since entry) */
  needOf(u: User<T>): T {
    const d = this.A.sub(u.basis, u.cashSinceEntry);
    return this.A.isNeg(d) ? this.A.zero : d;
  }

  // --- legacy members (RULEBOOK §3.6) ---------------------------------------------------------

  /** slots of legacy members: [legacyFrom, legacyFrom + legacyCount) */
  legacyFrom = -1;
  legacyCount = 0;
  /** points gifted to legacy members and not yet released (not in N) */
  locked: T | undefined;

  /**
   * Convert n old members, each owed L, into members holding locked points worth `share` x L at
   * today's price. No cash comes in: they spent nothing on this platform (spent 0), and their basis
   * is the liability L, which the exit test and the solvency figures measure them against.
   */
  addLegacy(n: number, liability: number, share: number): { lockedEach: T } {
    const A = this.A;
    const L = A.of(liability);
    const each = this.pts(A.div(A.mul(A.of(share), L), this.quotedPrice));
    this.legacyFrom = this.users.length;
    this.legacyCount = n;
    for (let i = 0; i < n; i++) {
      const u = this.enter(`legacy-${i + 1}`);
      // enter() made them active with nothing: they wait, exited, for their first release
      this.active--;
      this.activeList.pop();
      u.activePos = -1;
      u.status = 'exited';
      u.basis = L;
    }
    this.locked = A.mul(each, A.of(n));
    return { lockedEach: each };
  }

  isLegacy(slot: number): boolean {
    return slot >= this.legacyFrom && slot < this.legacyFrom + this.legacyCount;
  }

  /**
   * Release r points to every legacy member from the locked stock into circulation: N rises with no
   * cash, so the price falls by exactly the dilution N / (N + released).
   */
  releaseLegacy(r: T, last = false): { priceAfter: T; forced: string[] } {
    const A = this.A;
    for (let slot = this.legacyFrom; slot < this.legacyFrom + this.legacyCount; slot++) {
      const u = this.users[slot]!;
      if (u.status === 'exited') {
        // back in: a legacy member keeps basis (the liability) and cash since conversion
        this.active++;
        u.activePos = this.activeList.length;
        this.activeList.push(slot);
        u.status = 'active';
        u.entrySeq = ++this.entrySeq;
        u.exitReason = undefined;
        u.exitedAtStep = undefined;
      } else if (this.tracking) this.unbook(u);
      if (A.isZero(u.holding) && !A.isZero(r)) this.holders++;
      u.holding = A.add(u.holding, r);
      u.obtained = A.add(u.obtained, r);
      if (this.tracking) this.rebook(u);
      this.points = A.add(this.points, r);
      this.rekey(u);
    }
    // the last batch empties the stock exactly, whatever the rounding of the batches
    this.locked = last ? A.zero : A.sub(this.locked!, A.mul(r, A.of(this.legacyCount)));
    this.reprice();
    const priceAfter = this.price;
    return { priceAfter, forced: this.settle() };
  }

  /** subsidy(S): financing money into the pool, RULEBOOK §3.4 */
  subsidy(amount: number | T): { forced: string[] } {
    const A = this.A;
    const s = typeof amount === 'number' ? A.of(amount) : amount;
    this.pool = A.add(this.pool, s);
    this.accounts.subsidies = A.add(this.accounts.subsidies, s);
    this.reprice();
    return { forced: this.settle() };
  }

  /** withdraw(X): the operator takes cash out of the pool, RULEBOOK §3.5 */
  withdraw(amount: number | T): { forced: string[] } {
    const A = this.A;
    const x = typeof amount === 'number' ? A.of(amount) : amount;
    const circulating = !A.isZero(this.points);
    const left = A.sub(this.pool, x);
    if (circulating ? !A.isNeg(A.sub(x, this.pool)) || A.isZero(left) : A.isNeg(left)) {
      throw new LedgerError(
        'withdraw.amount',
        circulating
          ? `withdrawing ${A.str(x)} would leave the pool at ${A.str(left)}; while ${A.str(this.points)} points circulate the pool must stay above 0 (it holds ${A.str(this.pool)})`
          : `the pool holds only ${A.str(this.pool)}; cannot withdraw ${A.str(x)}`,
      );
    }
    this.pool = left;
    this.accounts.withdrawals = A.add(this.accounts.withdrawals, x);
    this.reprice();
    return { forced: this.settle() };
  }

  /** rule change from this event on, RULEBOOK §3.8 */
  changeRules(change: RuleChangeV1): { forced: string[] } {
    const A = this.A;
    const r = this.rules;
    if (change.split !== undefined) r.split = this.splitOf(change.split);
    if (change.giftRatio !== undefined) r.g = A.of(change.giftRatio);
    if (change.sellWithholding !== undefined) r.w = A.of(change.sellWithholding);
    if (change.exitTest !== undefined) r.exitTest = change.exitTest;
    if (change.exitMultiple !== undefined) r.m = change.exitMultiple === null ? null : A.of(change.exitMultiple);
    if (change.exitMultiple !== undefined || change.exitTest !== undefined) {
      this.heap.clear();
      for (const u of this.users) if (u.status === 'active') this.rekey(u);
    }
    return { forced: this.settle() };
  }

  // --- forced exits ------------------------------------------------------------------------

  /**
   * A user's exit threshold as a fraction num / den of the price: the user qualifies exactly when
   * price x den >= num, which is the rulebook's test itself:
   *   obtained: obtained x p >= m x basis                  (num m x basis, den obtained)
   *   holding:  holding x p >= m x basis                   (num m x basis, den holding)
   *   total:    cash since entry + holding x p >= m x basis (num m x basis - cash, den holding)
   * Keeping the fraction (not its quotient) spares a division per order and keeps the heap's order
   * and the test in exact agreement.
   */
  private thresholdOf(u: User<T>): Threshold<T> | undefined {
    const A = this.A;
    const m = this.rules.m;
    if (m === null || u.status !== 'active' || A.isZero(u.holding)) return undefined;
    const target = A.mul(m, u.basis);
    switch (this.rules.exitTest) {
      case 'obtained':
        return { num: target, den: u.obtained };
      case 'holding':
        return { num: target, den: u.holding };
      case 'total':
        return { num: A.sub(target, u.cashSinceEntry), den: u.holding };
    }
  }

  private rekey(u: User<T>): void {
    const key = this.thresholdOf(u);
    if (key === undefined) this.heap.delete(u.slot);
    else this.heap.set(u.slot, key);
    if (this.takeProfitK !== null) {
      if (u.status !== 'active' || this.A.isZero(u.holding)) this.tpHeap.delete(u.slot);
      else this.tpHeap.set(u.slot, { num: this.A.mul(this.takeProfitK, u.basis), den: u.holding });
    }
  }

  /** turn on take-profit at k x basis (holding x price >= k x basis sells the whole holding) */
  setTakeProfit(k: number): void {
    this.takeProfitK = this.A.of(k);
    for (const slot of this.activeList) this.rekey(this.users[slot]!);
  }

  /** sell out every active holder whose holding is worth k x basis, lowest threshold first */
  takeProfit(): { sold: number; forced: number } {
    let sold = 0;
    let forced = 0;
    for (let slot = this.tpHeap.peek(); slot !== undefined; slot = this.tpHeap.peek()) {
      const t = this.tpHeap.key(slot)!;
      if (this.A.cmp(this.A.mul(this.quotedPrice, t.den), t.num) < 0) break;
      const u = this.users[slot]!;
      this.sellPoints(u, u.holding, 'sold');
      sold++;
      forced += this.settle().length;
    }
    return { sold, forced };
  }

  /**
   * The price at which the points a user obtained since entry are worth k x that spend
   * (k x basis / obtained): 1 for break-even, m for the forced exit under the seed's reading.
   */
  priceForMultiple(u: User<T>, k: number | T): T | undefined {
    const A = this.A;
    if (A.isZero(u.obtained)) return undefined;
    return A.div(A.mul(typeof k === 'number' ? A.of(k) : k, u.basis), u.obtained);
  }

  /** the exit test of the rules, on the price the platform trades at */
  qualifies(u: User<T>): boolean {
    const t = this.thresholdOf(u);
    return t !== undefined && this.A.cmp(this.A.mul(this.quotedPrice, t.den), t.num) >= 0;
  }

  /**
   * Forced exits after an event: sell out every qualifying active user, lowest threshold price
   * first (ties: earliest entry), until none qualifies. Each forced sale lifts the price, so one
   * exit can bring on the next (the cascade).
   */
  private settle(): string[] {
    const forced: string[] = [];
    for (let slot = this.heap.peek(); slot !== undefined; slot = this.heap.peek()) {
      const u = this.users[slot]!;
      const t = this.heap.key(slot)!;
      if (this.A.cmp(this.A.mul(this.quotedPrice, t.den), t.num) < 0) break;
      this.sellPoints(u, u.holding, 'forced');
      forced.push(u.id);
    }
    return forced;
  }
}
