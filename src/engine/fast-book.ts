/**
 * The fast path: the rules of RULEBOOK §3 on float64, with per-user state in flat typed arrays
 * (86 bytes a buyer), forced exits and take-profit through heaps keyed by threshold price, and
 * running accumulators for the solvency figures. It is a specialised copy of the Ledger's inner
 * loop, step for step in the same order of operations, held to the exact Ledger by the
 * differential tests (test/engine/differential.test.ts). No platform rounding here: scenarios
 * that ask for it run on the exact path.
 *
 * Layout: each user's six money and points figures sit together in one Float64Array record, and
 * its four integers in one Int32Array record, so that a randomly chosen seller costs two or three
 * cache lines rather than one per field.
 */
import { fast } from './arith.ts';
import type { Book, BookTotals } from './book.ts';
import { SlotHeap, TIE_OFFSET, TIE_STRIDE } from './fast-heap.ts';
import { LedgerError } from './ledger.ts';
import type { ExitTest, RuleChangeV1, RulesV1 } from './scenario.ts';

const ACTIVE = 1;
const HIT_EXIT = 2;

// Float64 record
const FS = 6;
const SPENT = 0;
const BASIS = 1;
const OBT = 2;
const HOLD = 3;
const CASH = 4;
const CSE = 5;
// Int32 record
const IS = TIE_STRIDE;
const BE = 0;
const EXIT = 1;
const APOS = 2;
const SEQ = TIE_OFFSET;

const TEST_CODE: Record<ExitTest, number> = { obtained: 0, holding: 1, total: 2 };

export class FastBook implements Book<number> {
  readonly A = fast;
  private today = 0;
  /** first slot created on or after the start of each day: users are created in day order */
  private readonly dayStart: number[] = [0];

  get day(): number {
    return this.today;
  }
  set day(d: number) {
    while (this.dayStart.length <= d) this.dayStart.push(this.userCount);
    this.today = d;
  }

  pool = 0;
  points = 0;
  price: number;

  // rules in force
  private g: number;
  private w: number;
  /** NaN: forced exits off */
  private m: number;
  private test: number;
  private sCost: number;
  private sDist: number;
  private sPlat: number;
  private sPool: number;
  /** NaN: take-profit off */
  private tpK = NaN;

  // per user
  private cap: number;
  userCount = 0;
  private F: Float64Array;
  private I: Int32Array;
  private flags: Uint8Array;
  /** active users' slots; a user's place in it is I[APOS] */
  private alist: Int32Array;
  activeCount = 0;
  private holders = 0;
  private entrySeq = 0;
  private readonly heap: SlotHeap;
  /** allocated when take-profit is turned on */
  private tpHeap: SlotHeap | null = null;

  forcedCount = 0;
  salesCount = 0;
  ordersCount = 0;
  readonly totals: BookTotals<number> = {
    orders: 0,
    cost: 0,
    distributionPaid: 0,
    distributionKept: 0,
    platform: 0,
    poolInflow: 0,
    subsidies: 0,
    withdrawals: 0,
    paid: 0,
    withheld: 0,
  };
  needActive = 0;
  basisActive = 0;
  cashActive = 0;

  /** bytes held per buyer slot by the typed arrays (exit heap and active list included; take-profit adds a heap) */
  static readonly BYTES_PER_USER = FS * 8 + IS * 4 + 1 + 4 + SlotHeap.BYTES_PER_SLOT;

  constructor(rules: RulesV1, expectedUsers = 1024) {
    if (rules.rounding !== undefined) throw new Error('the fast path has no platform rounding; run such scenarios exact');
    this.price = rules.initialPrice;
    this.g = rules.giftRatio;
    this.w = rules.sellWithholding;
    this.m = rules.exitMultiple ?? NaN;
    this.test = TEST_CODE[rules.exitTest];
    this.sCost = rules.split.cost;
    this.sDist = rules.split.distribution;
    this.sPlat = rules.split.platform;
    this.sPool = rules.split.pool;
    const cap = Math.max(16, expectedUsers);
    this.cap = cap;
    this.F = new Float64Array(cap * FS);
    this.I = new Int32Array(cap * IS);
    this.flags = new Uint8Array(cap);
    this.alist = new Int32Array(cap);
    this.heap = new SlotHeap(cap, this.I);
  }

  get rulesNow() {
    return { g: this.g, w: this.w, m: Number.isNaN(this.m) ? null : this.m, poolShare: this.sPool, distributionShare: this.sDist };
  }

  private grow(): void {
    const cap = this.cap * 2;
    const F = new Float64Array(cap * FS);
    F.set(this.F);
    this.F = F;
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

  // --- thresholds: the user qualifies when price x den >= num ------------------------------

  private num(u: number): number {
    const t = this.m * this.F[u * FS + BASIS]!;
    return this.test === 2 ? t - this.F[u * FS + CSE]! : t;
  }
  private den(u: number): number {
    return this.F[u * FS + (this.test === 0 ? OBT : HOLD)]!;
  }

  /**
   * Heap order by the threshold price num / den (the exact path compares the cross products; the
   * two differ only for thresholds within a rounding error of each other), ties by earliest entry.
   * The exit test itself is the rulebook's: price x den >= num.
   */
  private rekey(u: number): void {
    const hold = this.F[u * FS + HOLD]!;
    const live = (this.flags[u]! & ACTIVE) !== 0 && hold !== 0;
    if (!live || Number.isNaN(this.m)) this.heap.delete(u);
    else this.heap.set(u, this.num(u) / this.den(u));
    const tp = this.tpHeap;
    if (tp !== null) {
      if (!live) tp.delete(u);
      else tp.set(u, (this.tpK * this.F[u * FS + BASIS]!) / hold);
    }
  }

  private reprice(): void {
    if (this.holders === 0) this.points = 0;
    if (this.points !== 0) this.price = this.pool / this.points;
  }

  /** remove (sign -1) or add back (sign 1) an active user's share of the solvency accumulators */
  private book(u: number, sign: number): void {
    const F = this.F;
    const basis = F[u * FS + BASIS]!;
    const cse = F[u * FS + CSE]!;
    const need = basis - cse;
    if (sign < 0) {
      this.needActive -= need < 0 ? 0 : need;
      this.basisActive -= basis;
      this.cashActive -= cse;
    } else {
      this.needActive += need < 0 ? 0 : need;
      this.basisActive += basis;
      this.cashActive += cse;
    }
  }

  // --- events ------------------------------------------------------------------------------

  newOrder(amount: number): void {
    if (this.userCount === this.cap) this.grow();
    const u = this.userCount++;
    this.I[u * IS + BE] = -1;
    this.I[u * IS + EXIT] = -1;
    this.I[u * IS + APOS] = -1;
    this.orderFor(u, amount);
  }

  repeatOrder(slot: number, amount: number): void {
    this.orderFor(slot, amount);
  }

  private orderFor(u: number, amt: number): void {
    this.ordersCount++;
    const cost = amt * this.sCost;
    const distribution = amt * this.sDist;
    const inflow = amt * this.sPool;
    const platform = amt * this.sPlat;
    const issued = (this.g * inflow) / this.price;
    const t = this.totals;
    t.orders += amt;
    t.cost += cost;
    t.distributionKept += distribution;
    t.platform += platform;
    t.poolInflow += inflow;

    const F = this.F;
    const I = this.I;
    const f = u * FS;
    // enter: new, or re-entering after an exit (basis and obtained restart)
    if ((this.flags[u]! & ACTIVE) === 0) {
      const at = this.activeCount++;
      I[u * IS + APOS] = at;
      this.alist[at] = u;
      this.flags[u] = this.flags[u]! | ACTIVE;
      I[u * IS + SEQ] = ++this.entrySeq;
      F[f + BASIS] = 0;
      F[f + OBT] = 0;
      F[f + CSE] = 0;
      I[u * IS + EXIT] = -1;
    }
    this.book(u, -1);
    F[f + SPENT] = F[f + SPENT]! + amt;
    F[f + BASIS] = F[f + BASIS]! + amt;
    F[f + OBT] = F[f + OBT]! + issued;
    if (F[f + HOLD] === 0 && issued !== 0) this.holders++;
    F[f + HOLD] = F[f + HOLD]! + issued;
    this.book(u, 1);

    this.pool += inflow;
    this.points += issued;
    this.reprice();
    this.rekey(u);
    this.settle();
  }

  private sellPoints(u: number, q: number, forced: boolean): void {
    const F = this.F;
    const I = this.I;
    const f = u * FS;
    this.book(u, -1);
    const value = q * this.price;
    let paid = (1 - this.w) * value;
    if (paid > this.pool) paid = this.pool;
    this.pool -= paid;
    this.points -= q;
    const hold = F[f + HOLD]! - q;
    F[f + HOLD] = hold;
    const cash = F[f + CASH]! + paid;
    F[f + CASH] = cash;
    F[f + CSE] = F[f + CSE]! + paid;
    this.totals.paid += paid;
    this.totals.withheld += value - paid;
    if (forced) {
      this.forcedCount++;
      this.flags[u] = this.flags[u]! | HIT_EXIT;
    } else this.salesCount++;
    if (I[u * IS + BE]! < 0 && cash >= F[f + SPENT]!) I[u * IS + BE] = this.today;
    if (hold === 0) {
      this.holders--;
      const at = I[u * IS + APOS]!;
      const last = this.alist[--this.activeCount]!;
      if (last !== u) {
        this.alist[at] = last;
        I[last * IS + APOS] = at;
      }
      I[u * IS + APOS] = -1;
      if (this.activeCount === 0) {
        // nobody left: the running sums are exactly zero, whatever rounding they carried
        this.needActive = 0;
        this.basisActive = 0;
        this.cashActive = 0;
      }
      this.flags[u] = this.flags[u]! & ~ACTIVE;
      I[u * IS + EXIT] = this.today;
      this.heap.delete(u);
      this.tpHeap?.delete(u);
    } else {
      this.rekey(u);
      this.book(u, 1);
    }
    this.reprice();
  }

  private settle(): void {
    const heap = this.heap;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      if (this.price * this.den(u) < this.num(u)) return;
      this.sellPoints(u, this.F[u * FS + HOLD]!, true);
    }
  }

  sellShare(slot: number, portion: number): void {
    const hold = this.F[slot * FS + HOLD]!;
    if ((this.flags[slot]! & ACTIVE) === 0 || hold === 0) return;
    const q = portion >= 1 ? hold : hold * portion;
    if (q === 0) return;
    this.sellPoints(slot, q, false);
    this.settle();
  }

  setTakeProfit(k: number): void {
    this.tpK = k;
    this.tpHeap ??= new SlotHeap(this.cap, this.I);
    for (let i = 0; i < this.activeCount; i++) this.rekey(this.alist[i]!);
  }

  takeProfit(): void {
    const heap = this.tpHeap;
    if (heap === null) return;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      const f = u * FS;
      if (this.price * this.F[f + HOLD]! < this.tpK * this.F[f + BASIS]!) return;
      this.sellPoints(u, this.F[f + HOLD]!, false);
      this.settle();
    }
  }

  // --- legacy members: the same steps as the Ledger's ------------------------------------------

  private legacyFrom = -1;
  private legacyCount = 0;
  lockedEach = 0;
  lockedPoints = 0;

  addLegacy(n: number, liability: number, share: number): void {
    const each = (share * liability) / this.price;
    this.legacyFrom = this.userCount;
    this.legacyCount = n;
    for (let i = 0; i < n; i++) {
      if (this.userCount === this.cap) this.grow();
      const u = this.userCount++;
      this.I[u * IS + BE] = -1;
      this.I[u * IS + EXIT] = -1;
      this.I[u * IS + APOS] = -1;
      this.I[u * IS + SEQ] = ++this.entrySeq;
      this.F[u * FS + BASIS] = liability;
    }
    this.lockedEach = each;
    this.lockedPoints = each * n;
  }

  get legacySlots() {
    return { from: this.legacyFrom, count: this.legacyCount };
  }

  isLegacy(slot: number): boolean {
    return slot >= this.legacyFrom && slot < this.legacyFrom + this.legacyCount;
  }

  releaseLegacy(r: number, last = false): number {
    const F = this.F;
    const I = this.I;
    for (let u = this.legacyFrom; u < this.legacyFrom + this.legacyCount; u++) {
      const f = u * FS;
      if ((this.flags[u]! & ACTIVE) === 0) {
        const at = this.activeCount++;
        I[u * IS + APOS] = at;
        this.alist[at] = u;
        this.flags[u] = this.flags[u]! | ACTIVE;
        I[u * IS + SEQ] = ++this.entrySeq;
        I[u * IS + EXIT] = -1;
      } else this.book(u, -1);
      if (F[f + HOLD] === 0 && r !== 0) this.holders++;
      F[f + HOLD] = F[f + HOLD]! + r;
      F[f + OBT] = F[f + OBT]! + r;
      this.book(u, 1);
      this.points += r;
      this.rekey(u);
    }
    // one subtraction for the batch, never below zero: float residue must not show as negative stock
    this.lockedPoints = last ? 0 : Math.max(0, this.lockedPoints - r * this.legacyCount);
    this.reprice();
    const priceAfter = this.price;
    this.settle();
    return priceAfter;
  }

  subsidy(amount: number): void {
    this.pool += amount;
    this.totals.subsidies += amount;
    this.reprice();
    this.settle();
  }

  withdraw(request: number | { share: number }): void {
    const amount = typeof request === 'number' ? request : this.pool * request.share;
    const circulating = this.points !== 0;
    const left = this.pool - amount;
    if (circulating ? !(amount - this.pool < 0) || left === 0 : left < 0) {
      throw new LedgerError(
        'withdraw.amount',
        circulating
          ? `withdrawing ${amount} would leave the pool at ${left}; while ${this.points} points circulate the pool must stay above 0 (it holds ${this.pool})`
          : `the pool holds only ${this.pool}; cannot withdraw ${amount}`,
      );
    }
    this.pool = left;
    this.totals.withdrawals += amount;
    this.reprice();
    this.settle();
  }

  changeRules(change: RuleChangeV1): void {
    if (change.split !== undefined) {
      this.sCost = change.split.cost;
      this.sDist = change.split.distribution;
      this.sPlat = change.split.platform;
      this.sPool = change.split.pool;
    }
    if (change.giftRatio !== undefined) this.g = change.giftRatio;
    if (change.sellWithholding !== undefined) this.w = change.sellWithholding;
    if (change.exitTest !== undefined) this.test = TEST_CODE[change.exitTest];
    if (change.exitMultiple !== undefined) this.m = change.exitMultiple ?? NaN;
    if (change.exitMultiple !== undefined || change.exitTest !== undefined) {
      this.heap.clear();
      for (let u = 0; u < this.userCount; u++) if ((this.flags[u]! & ACTIVE) !== 0) this.rekey(u);
    }
    this.settle();
  }

  // --- reading ---------------------------------------------------------------------------

  activeAt(i: number): number {
    return this.alist[i]!;
  }
  isActive(slot: number): boolean {
    return (this.flags[slot]! & ACTIVE) !== 0;
  }
  spentOf(u: number) {
    return this.F[u * FS + SPENT]!;
  }
  cashOf(u: number) {
    return this.F[u * FS + CASH]!;
  }
  holdingOf(u: number) {
    return this.F[u * FS + HOLD]!;
  }
  basisOf(u: number) {
    return this.F[u * FS + BASIS]!;
  }
  obtainedOf(u: number) {
    return this.F[u * FS + OBT]!;
  }
  cashSinceEntryOf(u: number) {
    return this.F[u * FS + CSE]!;
  }
  /** the last day whose first slot is at or before u (binary search over days) */
  firstDayOf(u: number) {
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
  breakEvenDayOf(u: number) {
    return this.I[u * IS + BE]!;
  }
  exitDayOf(u: number) {
    return this.I[u * IS + EXIT]!;
  }
  hitExitOf(u: number) {
    return (this.flags[u]! & HIT_EXIT) !== 0;
  }
}
