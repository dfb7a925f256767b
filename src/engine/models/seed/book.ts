/**
 * The seed's book: the ledger of users and the events of RULEBOOK §3 over the state of §2, one
 * source for both number systems. `new SeedBook(exact, rules)` runs it on decimals (40 digits);
 * the fast path's `FastSeedBook` (book.fast.ts) is this source specialised to float64 by
 * scripts/specialise-fast.ts (the calculator's calls become operators, nothing else changes; never
 * edit it). The rules' formulas are in rules.ts, written once over the arithmetic interface, and the
 * ledger of users is one structure over either number kind:
 *
 * - each user's six money and points figures in one record of `F` (a Float64Array on the fast
 *   path, 86 bytes a buyer in all; an array of decimals on the exact path), its four integers in
 *   one Int32Array record and its flags in a Uint8Array, so that a randomly chosen seller costs two
 *   or three cache lines rather than one per field;
 * - the active users' slots in a list (entry appends, exit swaps the last one in), so that the same
 *   random draws pick the same users on both paths;
 * - forced exits and take-profit through heaps keyed by threshold price (heap.ts), ties by
 *   earliest entry;
 * - running accumulators for the solvency figures (RULEBOOK §8).
 *
 * Every event applies itself, then the forced-exit pass (§3.3). Platform rounding (the rules'
 * `rounding`) runs on the exact path; the fast path refuses it, and the rounded float book
 * (book.rounding.fast.ts, `FastRoundingBook`, generated from this source with its rounding kept)
 * runs it on float64 when asked (bookFor's `roundingOnFloats`). The back-office profile's price
 * floor, points cap and day-end settlement at a price ceiling (RULEBOOK §9.2; `minPrice`,
 * `pointsCap`, `maxPrice`) run on both paths. The scripted engine's named users
 * and its refusals of impossible sales are in ledger.ts, a thin layer over this book.
 */
import type { Arith, RoundingMode } from '../../arith.ts';
import { EXACT_TIE, FAST_TIE } from '../../arith.ts';
import type { Book, BookTotals, Settlement } from '../../book.ts';
import type { RuleChangeV1, RulesV1 } from '../../scenario/index.ts';
import { SlotHeap } from './heap.ts';
import { ACTIVE, APOS, BASIS, BE, CASH, CSE, EXIT, FS, HIT_EXIT, HOLD, IS, LedgerError, OBT, SEQ, SOLD_OUT, SPENT, storeOf, type Split, type Store } from './records.ts';
import * as R from './rules.ts';
// the exit by settlement at a price ceiling (RULEBOOK §9.2)
import { SETTLED } from './records.ts';

export class SeedBook<T> implements Book<T> {
  private today = 0;
  /** first slot created on or after the start of each day: users are created in day order */
  private readonly dayStart: number[] = [0];
  /** current step, 1-based, stamped on exits (a time-driven run's step is its day) */
  step = 0;

  get day(): number {
    return this.today;
  }
  set day(d: number) {
    while (this.dayStart.length <= d) this.dayStart.push(this.userCount);
    this.today = d;
    this.step = d;
  }

  /** profit pool P, cash */
  declare pool: T;
  /** circulating points N */
  declare points: T;
  /** price P / N, recomputed whenever P or N changes; the last price while N = 0 */
  declare price: T;

  // Figures in the number type are `declare`d, so that a field first holds the number the
  // constructor gives it (not undefined): V8 then keeps a float field unboxed and updates it in place
  // rather than allocating a number at every store, which cost the fast path about a third.

  // rules in force
  protected declare g: T;
  protected declare w: T;
  /** null: forced exits off */
  protected declare m: T | null;
  protected test: number;
  protected split: Split<T>;
  protected exitTest: RulesV1['exitTest'];
  /** null: take-profit off */
  private tpK: T | null = null;
  // platform rounding (exact path only): decimals, -1 when off
  protected readonly roundPoints: number;
  protected readonly roundPrice: number;
  protected readonly roundMoney: number;
  protected readonly roundMode: RoundingMode;
  /** decimals of the gift's value, truncated from the order (RULEBOOK §9.2); -1 when off */
  protected readonly roundGift: number;
  // the back-office profile (RULEBOOK §9.2): each off unless the rules set it; the fast book runs them too
  /** the price floor minPrice */
  protected readonly hasFloor: boolean;
  protected declare minPrice: T;
  /** the cap on circulating points */
  protected readonly hasCap: boolean;
  protected declare pointsCap: T;
  /** the settlement at the price ceiling maxPrice, a day-end job (settleAtCeiling) */
  protected readonly hasCeiling: boolean;
  protected declare maxPrice: T;
  /** the price after a settlement: the floor, or the initial price without one */
  protected declare restartPrice: T;
  /** sales due and not paid because the pool could not (only under a floor, §9.2), in total */
  declare unpaid: T;
  /** paid to holders at settlements (a part of totals.paid), in total */
  declare settledPaid: T;
  /** what settlements left in the pool, kept by the platform, in total */
  declare kept: T;
  /** each settlement at the ceiling, in order */
  readonly settlements: Settlement<T>[] = [];
  /** ties between thresholds (arith.ts EXACT_TIE; FAST_TIE on the rounded float book), null on the seed's fast path */
  private readonly tie: T | null;

  // per user
  private cap: number;
  userCount = 0;
  protected F: Store<T>;
  protected I: Int32Array;
  protected flags: Uint8Array;
  /** active users' slots; a user's place in it is I[APOS] */
  private alist: Int32Array;
  activeCount = 0;
  private holders = 0;
  private entrySeq = 0;
  private readonly heap: SlotHeap<T>;
  /** allocated when take-profit is turned on */
  private tpHeap: SlotHeap<T> | null = null;
  /**
   * The scripted engine's Ledger names its users and reports each event's figures: `named` on, it
   * keeps the entries per slot, the slots forced out by the event, and the last order's and sale's
   * figures. Time-driven runs need none of it (the fast book has none of it: the specialiser drops
   * what `if (this.named)` guards).
   */
  protected named = false;
  /** entries per slot (first order, then each re-entry after an exit), when named */
  protected entries: number[] | null = null;
  /** slots forced out, in order, appended to while not null (the scripted engine reads them) */
  protected exits: number[] | null = null;

  forcedCount = 0;
  salesCount = 0;
  ordersCount = 0;
  readonly totals: BookTotals<T>;
  /**
   * Solvency accumulators over active users (RULEBOOK §8), kept while `tracking` is on (time-driven
   * runs): need = sum of max(0, basis - cash since entry); basis and cash since entry summed. The
   * fast book always keeps them (the specialiser makes what `if (this.tracking)` guards unconditional).
   */
  tracking = true;
  declare needActive: T;
  declare basisActive: T;
  declare cashActive: T;

  /** bytes held per buyer slot on the fast path by the typed arrays (exit heap and active list included; take-profit adds a heap) */
  static readonly BYTES_PER_USER = FS * 8 + IS * 4 + 1 + 4 + SlotHeap.BYTES_PER_SLOT;

  constructor(
    readonly A: Arith<T>,
    rules: RulesV1,
    expectedUsers = 1024,
  ) {
    if (A.mode === 'fast' && rules.rounding !== undefined) throw new Error('the fast path has no platform rounding; run such scenarios exact');
    const z = A.zero;
    this.pool = z;
    this.points = z;
    this.needActive = z;
    this.basisActive = z;
    this.cashActive = z;
    this.lockedEach = z;
    this.lockedPoints = z;
    this.saleValue = z;
    this.salePaid = z;
    this.lastIssued = z;
    this.totals = { orders: z, cost: z, distributionPaid: z, distributionKept: z, platform: z, poolInflow: z, subsidies: z, withdrawals: z, paid: z, withheld: z };
    this.unpaid = z;
    this.settledPaid = z;
    this.kept = z;
    this.hasFloor = rules.minPrice !== undefined;
    this.minPrice = A.of(rules.minPrice ?? 0);
    this.hasCap = rules.pointsCap !== undefined;
    this.pointsCap = A.of(rules.pointsCap ?? 0);
    this.hasCeiling = rules.maxPrice !== undefined;
    this.maxPrice = A.of(rules.maxPrice ?? 0);
    this.restartPrice = this.hasFloor ? this.minPrice : A.of(rules.initialPrice);
    // the price starts at the initial price, never below the floor
    this.price = this.hasFloor ? R.floored(A, this.minPrice, A.of(rules.initialPrice)) : A.of(rules.initialPrice);
    this.g = A.of(rules.giftRatio);
    this.w = A.of(rules.sellWithholding);
    this.m = rules.exitMultiple === null ? null : A.of(rules.exitMultiple);
    this.exitTest = rules.exitTest;
    this.test = R.EXIT_TEST_CODE[rules.exitTest];
    this.split = this.splitOf(rules.split);
    const r = rules.rounding;
    this.roundPoints = r?.points ?? -1;
    this.roundPrice = r?.price ?? -1;
    this.roundMoney = r?.money ?? -1;
    this.roundMode = r?.mode ?? 'half-even';
    this.roundGift = r?.gift ?? -1;
    this.tie = A.mode === 'exact' ? A.of(EXACT_TIE) : null;
    // the rounded float book orders thresholds with FAST_TIE (quotients of decimals, equal ones common), the seed's fast book with none
    if (this.roundPrice >= 0) {
      if (A.mode === 'fast') this.tie = A.of(FAST_TIE);
    }
    const cap = Math.max(16, expectedUsers);
    this.cap = cap;
    this.F = storeOf(A, cap * FS);
    this.I = new Int32Array(cap * IS);
    this.flags = new Uint8Array(cap);
    this.alist = new Int32Array(cap);
    this.heap = this.newHeap();
  }

  private newHeap(): SlotHeap<T> {
    return new SlotHeap<T>(this.A, this.cap, this.I, this.tie);
  }

  private splitOf(s: { cost: number; distribution: number; platform: number; pool: number }): Split<T> {
    const A = this.A;
    return { cost: A.of(s.cost), distribution: A.of(s.distribution), platform: A.of(s.platform), pool: A.of(s.pool) };
  }

  get rulesNow(): { g: T; w: T; m: T | null; poolShare: T; distributionShare: T } {
    return { g: this.g, w: this.w, m: this.m, poolShare: this.split.pool, distributionShare: this.split.distribution };
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.F = storeOf(this.A, cap * FS, this.F);
    const I = new Int32Array(cap * IS);
    I.set(this.I);
    this.I = I;
    const fl = new Uint8Array(cap);
    fl.set(this.flags);
    this.flags = fl;
    const al = new Int32Array(cap);
    al.set(this.alist);
    this.alist = al;
    this.heap.grow(cap, I);
    this.tpHeap?.grow(cap, I);
    this.cap = cap;
  }

  /** a fresh slot: exited, nothing held, never broke even */
  protected newSlot(_id?: string): number {
    if (this.userCount === this.cap) this.grow();
    const u = this.userCount++;
    this.I[u * IS + BE] = -1;
    this.I[u * IS + EXIT] = -1;
    this.I[u * IS + APOS] = -1;
    if (this.named) this.entries!.push(0);
    return u;
  }

  // --- rounding (off unless the rules ask for it; never on the fast path) --------------------

  /** points rounded to the platform's point decimals */
  protected pts(x: T): T {
    return this.roundPoints < 0 ? x : this.A.round(x, this.roundPoints, this.roundMode);
  }
  /**
   * Money rounds down to the money decimals whatever the mode (the mode is for points and price):
   * an order's shares round down and the platform keeps the remainder; a payout rounds down, so
   * that no one is paid more than the rule gives and the amount withheld is never negative.
   */
  protected money(x: T): T {
    return this.roundMoney < 0 ? x : this.A.round(x, this.roundMoney, 'down');
  }
  /** points rounded down to the platform's point decimals (room below the points cap is never rounded up) */
  protected ptsDown(x: T): T {
    return this.roundPoints < 0 ? x : this.A.round(x, this.roundPoints, 'down');
  }
  /**
   * A figure the platform stores on its point (money) decimals after a change: a holding, the
   * circulating points, the pool, the room left below the points cap. Decimals keep it as it is; the rounded float book puts it back on
   * its decimals (Arith.snap), because a float64 sum or difference of such figures drifts off them by
   * a few units in the last place (a holding of 0.065 left by a sale as 0.06500000000000002), and the
   * platform's next rounding would read the drift. Off without rounding (the fast path has neither).
   */
  protected onPoints(x: T): T {
    return this.roundPoints < 0 ? x : this.A.snap(x, this.roundPoints);
  }
  protected onMoney(x: T): T {
    return this.roundMoney < 0 ? x : this.A.snap(x, this.roundMoney);
  }
  /**
   * The price the platform trades at: P / N, rounded to the platform's price decimals if set
   * (never below one unit of the last decimal, so that a tiny price cannot round to 0), and never
   * below the floor (RULEBOOK §9.2: p_stored = max(minPrice, trunc4(P / N))). Without rounding it is
   * `price`, which reprice already keeps at or above the floor.
   */
  get quotedPrice(): T {
    const d = this.roundPrice;
    if (d < 0) return this.price;
    const q = this.A.round(this.price, d, this.roundMode);
    const p = this.A.isZero(q) ? this.A.of(`1e-${d}`) : q;
    return this.hasFloor ? R.floored(this.A, this.minPrice, p) : p;
  }

  // --- thresholds: the user qualifies when price x den >= num ------------------------------

  private num(u: number): T {
    const f = u * FS;
    return R.exitNum(this.A, this.m!, this.F[f + BASIS]!, this.F[f + CSE]!, this.test);
  }
  private den(u: number): T {
    const f = u * FS;
    return R.exitDen(this.F[f + OBT]!, this.F[f + HOLD]!, this.test);
  }

  /** re-file a user in the heaps after a change (out of them when exited or holding nothing) */
  private rekey(u: number): void {
    const A = this.A;
    const hold = this.F[u * FS + HOLD]!;
    const live = (this.flags[u]! & ACTIVE) !== 0 && !A.isZero(hold);
    if (!live || this.m === null) this.heap.delete(u);
    else this.heap.set(u, R.thresholdKey(A, this.num(u), this.den(u)));
    const tp = this.tpHeap;
    if (tp !== null) {
      if (!live) tp.delete(u);
      else tp.set(u, R.thresholdKey(A, R.takeProfitNum(A, this.tpK!, this.F[u * FS + BASIS]!), hold));
    }
  }

  private reprice(): void {
    if (this.holders === 0) this.points = this.A.zero;
    // under platform rounding the pool and the points stay on their decimals (onMoney, onPoints), so that P / N truncates as on decimals
    if (this.roundMoney >= 0) this.pool = this.onMoney(this.pool);
    if (this.roundPoints >= 0) this.points = this.onPoints(this.points);
    if (!this.A.isZero(this.points)) {
      const p = R.priceOf(this.A, this.pool, this.points);
      this.price = this.hasFloor ? R.floored(this.A, this.minPrice, p) : p;
    }
  }

  /** remove an active user's share from the solvency accumulators (add: false), or add it back after a change */
  private account(u: number, add: boolean): void {
    const A = this.A;
    const basis = this.F[u * FS + BASIS]!;
    const cse = this.F[u * FS + CSE]!;
    const need = R.needOf(A, basis, cse);
    if (add) {
      this.needActive = A.add(this.needActive, need);
      this.basisActive = A.add(this.basisActive, basis);
      this.cashActive = A.add(this.cashActive, cse);
    } else {
      this.needActive = A.sub(this.needActive, need);
      this.basisActive = A.sub(this.basisActive, basis);
      this.cashActive = A.sub(this.cashActive, cse);
    }
  }

  /** put a user on the active list with a new entry sequence */
  private activate(u: number): void {
    const at = this.activeCount++;
    this.I[u * IS + APOS] = at;
    this.alist[at] = u;
    this.flags[u] = this.flags[u]! | ACTIVE;
    this.I[u * IS + SEQ] = ++this.entrySeq;
    this.I[u * IS + EXIT] = -1;
  }

  // --- events ------------------------------------------------------------------------------

  /** an order by a new buyer */
  newOrder(amount: number): void {
    this.orderFor(this.newSlot(), this.A.of(amount));
  }

  /** an order by an earlier buyer (an exited one re-enters) */
  repeatOrder(slot: number, amount: number): void {
    this.orderFor(slot, this.A.of(amount));
  }

  /** the last order's points issued (a field, not a return value: no allocation per order) */
  protected declare lastIssued: T;

  /** order: RULEBOOK §3.1 */
  protected orderFor(u: number, amt: T): void {
    const A = this.A;
    const s = this.split;
    this.ordersCount++;
    let cost: T, distribution: T, inflow: T, platform: T;
    if (this.roundMoney >= 0) {
      cost = this.money(A.mul(amt, s.cost));
      distribution = this.money(A.mul(amt, s.distribution));
      inflow = this.money(A.mul(amt, s.pool));
      // the platform keeps what rounding left over
      platform = A.sub(A.sub(A.sub(amt, cost), distribution), inflow);
    } else {
      cost = A.mul(amt, s.cost);
      distribution = A.mul(amt, s.distribution);
      inflow = A.mul(amt, s.pool);
      platform = A.mul(amt, s.platform);
    }
    let gift: T;
    // the back office's gift (§9.2): g x (amount x pool share), truncated, rather than g x the rounded inflow
    if (this.roundGift >= 0) gift = A.round(R.giftOf(A, this.g, A.mul(amt, s.pool)), this.roundGift, 'down');
    else gift = R.giftOf(A, this.g, inflow);
    let issued = this.pts(R.pointsIssued(A, gift, this.quotedPrice));
    // the points cap (§9.2): the issue is cut to the room left below it; the pool still receives its share
    if (this.hasCap) issued = R.cappedIssue(A, issued, this.ptsDown(this.onPoints(A.sub(this.pointsCap, this.points))));
    const t = this.totals;
    t.orders = A.add(t.orders, amt);
    t.cost = A.add(t.cost, cost);
    t.distributionKept = A.add(t.distributionKept, distribution);
    t.platform = A.add(t.platform, platform);
    t.poolInflow = A.add(t.poolInflow, inflow);

    const F = this.F;
    const f = u * FS;
    // enter: new, or re-entering after an exit (basis and obtained restart)
    if ((this.flags[u]! & ACTIVE) === 0) {
      // activate(u), written out: one call less on the hot path lets V8 inline the rest of it
      const at = this.activeCount++;
      this.I[u * IS + APOS] = at;
      this.alist[at] = u;
      this.flags[u] = this.flags[u]! | ACTIVE;
      this.I[u * IS + SEQ] = ++this.entrySeq;
      this.I[u * IS + EXIT] = -1;
      if (this.named) this.entries![u]!++;
      F[f + BASIS] = A.zero;
      F[f + OBT] = A.zero;
      F[f + CSE] = A.zero;
    }
    if (this.tracking) this.account(u, false);
    F[f + SPENT] = A.add(F[f + SPENT]!, amt);
    F[f + BASIS] = A.add(F[f + BASIS]!, amt);
    F[f + OBT] = A.add(F[f + OBT]!, issued);
    if (A.isZero(F[f + HOLD]!) && !A.isZero(issued)) this.holders++;
    F[f + HOLD] = this.onPoints(A.add(F[f + HOLD]!, issued));
    if (this.tracking) this.account(u, true);

    this.pool = A.add(this.pool, inflow);
    this.points = A.add(this.points, issued);
    this.reprice();
    this.rekey(u);
    if (this.named) this.lastIssued = issued;
    this.settle();
  }

  /** the last sale's value and pay (fields, not a returned object: no allocation per sale) */
  protected declare saleValue: T;
  protected declare salePaid: T;

  /** the sale itself, voluntary or forced (RULEBOOK §3.2): pays (1 - w) x value, keeps w x value in the pool */
  protected sellPoints(u: number, q: T, forced: boolean): void {
    const A = this.A;
    const F = this.F;
    const I = this.I;
    const f = u * FS;
    if (this.tracking) this.account(u, false);
    const value = A.mul(q, this.quotedPrice);
    const due = this.money(R.salePaid(A, this.w, value));
    let paid = due;
    // never more than the pool holds: a sale at the floor can owe more (§9.2, reported as unpaid); without a floor only float error or platform rounding reach this
    if (A.cmp(paid, this.pool) > 0) paid = this.pool;
    this.pool = A.sub(this.pool, paid);
    this.points = A.sub(this.points, q);
    const hold = this.onPoints(A.sub(F[f + HOLD]!, q));
    F[f + HOLD] = hold;
    const cash = A.add(F[f + CASH]!, paid);
    F[f + CASH] = cash;
    F[f + CSE] = A.add(F[f + CSE]!, paid);
    const t = this.totals;
    t.paid = A.add(t.paid, paid);
    t.withheld = A.add(t.withheld, A.sub(value, due));
    if (this.hasFloor) this.unpaid = A.add(this.unpaid, A.sub(due, paid));
    if (forced) {
      this.forcedCount++;
      this.flags[u] = this.flags[u]! | HIT_EXIT;
    } else this.salesCount++;
    if (I[u * IS + BE]! < 0 && R.brokeEven(A, cash, F[f + SPENT]!)) I[u * IS + BE] = this.today;
    if (A.isZero(hold)) {
      this.holders--;
      // nobody holds points any more: under a floor the price is the floor (§9.2)
      if (this.holders === 0 && this.hasFloor) this.price = this.minPrice;
      const at = I[u * IS + APOS]!;
      const last = this.alist[--this.activeCount]!;
      if (last !== u) {
        this.alist[at] = last;
        I[last * IS + APOS] = at;
      }
      I[u * IS + APOS] = -1;
      if (this.activeCount === 0) {
        // nobody left: the running sums are exactly zero, whatever rounding they carried
        this.needActive = A.zero;
        this.basisActive = A.zero;
        this.cashActive = A.zero;
      }
      this.flags[u] = forced ? this.flags[u]! & ~(ACTIVE | SOLD_OUT | SETTLED) : (this.flags[u]! & ~(ACTIVE | SETTLED)) | SOLD_OUT;
      I[u * IS + EXIT] = this.step;
      this.heap.delete(u);
      this.tpHeap?.delete(u);
    } else {
      this.rekey(u);
      if (this.tracking) this.account(u, true);
    }
    this.reprice();
    if (this.named) {
      this.saleValue = value;
      this.salePaid = paid;
    }
  }

  /**
   * Forced exits after an event (RULEBOOK §3.3): sell out every qualifying active user, lowest
   * threshold price first (ties: earliest entry), until none qualifies. Each forced sale lifts the
   * price, so one exit can bring on the next (the cascade). Returns how many were forced out.
   */
  protected settle(): number {
    const heap = this.heap;
    let n = 0;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      if (this.A.mode === 'fast') {
        let at = R.reached(this.A, this.quotedPrice, this.num(u), this.den(u));
        // the rounded float book: a threshold a stored price meets exactly in decimals, which float noise sets a hair above it, is met
        if (this.roundPrice >= 0) at = at || R.reachedWithin(this.A, this.tie!, this.quotedPrice, this.num(u), this.den(u));
        if (!at) break;
      } else {
        // the exact heap's key is the threshold's fraction, from the record as it last changed: the
        // test reads it there, a multiplication (m x basis) fewer per event (the fast heap holds the
        // quotient, so the fast path reads the record)
        const k = heap.keyOf(u) as R.Fraction<T>;
        if (!R.reached(this.A, this.quotedPrice, k.num, k.den)) break;
      }
      this.sellPoints(u, this.F[u * FS + HOLD]!, true);
      if (this.named) this.exits!.push(u);
      n++;
    }
    return n;
  }

  /** a voluntary sale of a share of an active user's holding (time-driven runs): 1 sells it all; returns the forced exits it brought */
  sellShare(slot: number, portion: number): number {
    const A = this.A;
    const hold = this.F[slot * FS + HOLD]!;
    if ((this.flags[slot]! & ACTIVE) === 0 || A.isZero(hold)) return 0;
    const q = portion >= 1 ? hold : this.pts(A.mul(hold, A.of(portion)));
    if (A.isZero(q)) return 0;
    this.sellPoints(slot, q, false);
    return this.settle();
  }

  /** turn on take-profit at k x basis (holding x price >= k x basis sells the whole holding) */
  setTakeProfit(k: number): void {
    this.tpK = this.A.of(k);
    this.tpHeap ??= this.newHeap();
    for (let i = 0; i < this.activeCount; i++) this.rekey(this.alist[i]!);
  }

  /** sell out every active holder whose holding is worth k x basis, lowest threshold first */
  takeProfit(): { sold: number; forced: number } {
    const heap = this.tpHeap;
    let sold = 0;
    let forced = 0;
    if (heap === null) return { sold, forced };
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      const f = u * FS;
      const hold = this.F[f + HOLD]!;
      let at = R.reached(this.A, this.quotedPrice, R.takeProfitNum(this.A, this.tpK!, this.F[f + BASIS]!), hold);
      // on the rounded float book as in settle (decimals compare as they are)
      if (this.roundPrice >= 0) {
        if (this.A.mode === 'fast') at = at || R.reachedWithin(this.A, this.tie!, this.quotedPrice, R.takeProfitNum(this.A, this.tpK!, this.F[f + BASIS]!), hold);
      }
      if (!at) break;
      this.sellPoints(u, hold, false);
      sold++;
      forced += this.settle();
    }
    return { sold, forced };
  }

  /**
   * The settlement at a price ceiling (RULEBOOK §9.2), a day-end job: the day loop calls it after
   * the day's sales. When the price the platform trades at has reached maxPrice, every holder is
   * paid holding x price (money-rounded, no withholding; never more than the pool has left), all
   * points are cancelled and every active user exits (reason settled; an order brings them back, as
   * any exited buyer), the pool goes to 0 with what the payouts left kept by the platform, and the
   * price restarts at the floor (the initial price without one). Walks the active users once per
   * settlement, never per order. Returns whether it ran.
   */
  settleAtCeiling(): boolean {
    const A = this.A;
    if (!this.hasCeiling) return false;
    const p = this.quotedPrice;
    if (!R.ceilingReached(A, p, this.maxPrice)) return false;
    const F = this.F;
    const I = this.I;
    let left = this.pool;
    let paidAll = A.zero;
    let holders = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const u = this.alist[i]!;
      const f = u * FS;
      const hold = F[f + HOLD]!;
      if (!A.isZero(hold)) {
        holders++;
        let pay = this.money(R.settlementPay(A, hold, p));
        if (A.cmp(pay, left) > 0) pay = left;
        left = A.sub(left, pay);
        paidAll = A.add(paidAll, pay);
        const cash = A.add(F[f + CASH]!, pay);
        F[f + CASH] = cash;
        F[f + CSE] = A.add(F[f + CSE]!, pay);
        F[f + HOLD] = A.zero;
        if (I[u * IS + BE]! < 0 && R.brokeEven(A, cash, F[f + SPENT]!)) I[u * IS + BE] = this.today;
      }
      I[u * IS + APOS] = -1;
      I[u * IS + EXIT] = this.step;
      this.flags[u] = (this.flags[u]! & ~(ACTIVE | SOLD_OUT)) | SETTLED;
    }
    this.activeCount = 0;
    this.holders = 0;
    this.heap.clear();
    this.tpHeap?.clear();
    this.needActive = A.zero;
    this.basisActive = A.zero;
    this.cashActive = A.zero;
    this.points = A.zero;
    this.pool = A.zero;
    this.totals.paid = A.add(this.totals.paid, paidAll);
    this.settledPaid = A.add(this.settledPaid, paidAll);
    this.kept = A.add(this.kept, left);
    this.settlements.push({ day: this.today, price: p, holders, paid: paidAll, kept: left });
    this.price = this.restartPrice;
    return true;
  }

  // --- legacy members (RULEBOOK §3.6) ---------------------------------------------------------

  private legacyFrom = -1;
  private legacyCount = 0;
  /** locked points each legacy member was gifted */
  declare lockedEach: T;
  /** points gifted to legacy members and not yet released (not in N) */
  declare lockedPoints: T;

  /**
   * Convert n old members, each owed L, into members holding locked points worth `share` x L at
   * today's price. No cash comes in: they spent nothing on this platform (spent 0), and their basis
   * is the liability L, which the exit test and the solvency figures measure them against. They
   * wait, exited, for their first release.
   */
  addLegacy(n: number, liability: number, share: number): { lockedEach: T } {
    const A = this.A;
    const L = A.of(liability);
    const each = this.pts(R.legacyPoints(A, A.of(share), L, this.quotedPrice));
    this.legacyFrom = this.userCount;
    this.legacyCount = n;
    for (let i = 0; i < n; i++) {
      const u = this.newSlot(`legacy-${i + 1}`);
      this.I[u * IS + SEQ] = ++this.entrySeq;
      if (this.named) this.entries![u]!++;
      this.F[u * FS + BASIS] = L;
    }
    this.lockedEach = each;
    this.lockedPoints = A.mul(each, A.of(n));
    return { lockedEach: each };
  }

  get legacySlots(): { from: number; count: number } {
    return { from: this.legacyFrom, count: this.legacyCount };
  }

  isLegacy(slot: number): boolean {
    return slot >= this.legacyFrom && slot < this.legacyFrom + this.legacyCount;
  }

  /**
   * Release r points to every legacy member from the locked stock into circulation: N rises with no
   * cash, so the price falls by exactly the dilution N / (N + released). A legacy member coming back
   * keeps basis (the liability) and cash since conversion. Returns the price right after the
   * release, before the forced exits it brings.
   */
  releaseLegacy(r: T, last = false): T {
    const A = this.A;
    const F = this.F;
    for (let u = this.legacyFrom; u < this.legacyFrom + this.legacyCount; u++) {
      const f = u * FS;
      if ((this.flags[u]! & ACTIVE) === 0) this.activate(u);
      else if (this.tracking) this.account(u, false);
      if (A.isZero(F[f + HOLD]!) && !A.isZero(r)) this.holders++;
      F[f + HOLD] = A.add(F[f + HOLD]!, r);
      F[f + OBT] = A.add(F[f + OBT]!, r);
      if (this.tracking) this.account(u, true);
      this.points = A.add(this.points, r);
      this.rekey(u);
    }
    // the last batch empties the stock exactly, whatever the rounding of the batches
    this.lockedPoints = last ? A.zero : R.lockedAfter(A, this.lockedPoints, r, A.of(this.legacyCount));
    this.reprice();
    const priceAfter = this.price;
    this.settle();
    return priceAfter;
  }

  /** subsidy(S): financing money into the pool, RULEBOOK §3.4 */
  subsidy(amount: number | T): void {
    const A = this.A;
    const s = typeof amount === 'number' ? A.of(amount) : amount;
    this.pool = A.add(this.pool, s);
    this.totals.subsidies = A.add(this.totals.subsidies, s);
    this.reprice();
    this.settle();
  }

  /** withdraw(X): the operator takes cash out of the pool, RULEBOOK §3.5: an amount, or a share of the pool */
  withdraw(request: number | T | { share: number }): void {
    const A = this.A;
    const x = typeof request === 'number' ? A.of(request) : typeof request === 'object' && request !== null && 'share' in request ? A.mul(this.pool, A.of(request.share)) : (request as T);
    // a share of an empty pool is nothing to take (under a price floor, sales can empty the pool while points circulate, §9.2)
    if (A.isZero(x)) return;
    const circulating = !A.isZero(this.points);
    const left = A.sub(this.pool, x);
    if (!R.withdrawalAllowed(A, this.pool, x, circulating)) {
      throw new LedgerError(
        'withdraw.amount',
        circulating
          ? `withdrawing ${A.str(x)} would leave the pool at ${A.str(left)}; while ${A.str(this.points)} points circulate the pool must stay above 0 (it holds ${A.str(this.pool)})`
          : `the pool holds only ${A.str(this.pool)}; cannot withdraw ${A.str(x)}`,
      );
    }
    this.pool = left;
    this.totals.withdrawals = A.add(this.totals.withdrawals, x);
    this.reprice();
    this.settle();
  }

  /** rule change from this event on, RULEBOOK §3.8 */
  changeRules(change: RuleChangeV1): void {
    const A = this.A;
    if (change.split !== undefined) this.split = this.splitOf(change.split);
    if (change.giftRatio !== undefined) this.g = A.of(change.giftRatio);
    if (change.sellWithholding !== undefined) this.w = A.of(change.sellWithholding);
    if (change.exitTest !== undefined) {
      this.exitTest = change.exitTest;
      this.test = R.EXIT_TEST_CODE[change.exitTest];
    }
    if (change.exitMultiple !== undefined) this.m = change.exitMultiple === null ? null : A.of(change.exitMultiple);
    if (change.exitMultiple !== undefined || change.exitTest !== undefined) {
      this.heap.clear();
      for (let u = 0; u < this.userCount; u++) if ((this.flags[u]! & ACTIVE) !== 0) this.rekey(u);
    }
    this.settle();
  }

  // --- reading ---------------------------------------------------------------------------

  /** the exit test of the rules, on the price the platform trades at */
  qualifiesSlot(u: number): boolean {
    if (this.m === null || (this.flags[u]! & ACTIVE) === 0 || this.A.isZero(this.F[u * FS + HOLD]!)) return false;
    return R.reached(this.A, this.quotedPrice, this.num(u), this.den(u));
  }
  activeAt(i: number): number {
    return this.alist[i]!;
  }
  isActive(slot: number): boolean {
    return (this.flags[slot]! & ACTIVE) !== 0;
  }
  spentOf(u: number): T {
    return this.F[u * FS + SPENT]!;
  }
  cashOf(u: number): T {
    return this.F[u * FS + CASH]!;
  }
  holdingOf(u: number): T {
    return this.F[u * FS + HOLD]!;
  }
  basisOf(u: number): T {
    return this.F[u * FS + BASIS]!;
  }
  obtainedOf(u: number): T {
    return this.F[u * FS + OBT]!;
  }
  cashSinceEntryOf(u: number): T {
    return this.F[u * FS + CSE]!;
  }
  /** the last day whose first slot is at or before u (binary search over days) */
  firstDayOf(u: number): number {
    const s = this.dayStart;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  breakEvenDayOf(u: number): number {
    return this.I[u * IS + BE]!;
  }
  /** the step (a time-driven run's day) of the last exit; -1 while active or never exited */
  exitDayOf(u: number): number {
    return this.I[u * IS + EXIT]!;
  }
  hitExitOf(u: number): boolean {
    return (this.flags[u]! & HIT_EXIT) !== 0;
  }
  /** how the last exit came: a voluntary sale, or forced (undefined while active or never exited) */
  exitReasonOf(u: number): 'sold' | 'forced' | 'settled' | undefined {
    if (this.I[u * IS + EXIT]! < 0) return undefined;
    if ((this.flags[u]! & SETTLED) !== 0) return 'settled';
    return (this.flags[u]! & SOLD_OUT) !== 0 ? 'sold' : 'forced';
  }
  entriesOf(u: number): number {
    return this.entries?.[u] ?? 0;
  }
}
