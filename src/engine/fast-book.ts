/**
 * The fast path: the rules of RULEBOOK §3 on float64, with per-user state in flat typed arrays
 * (about 90 bytes a buyer), forced exits and take-profit through heaps keyed by threshold price,
 * and running accumulators for the solvency figures. It is a specialised copy of the Ledger's
 * inner loop, step for step in the same order of operations, held to the exact Ledger by the
 * differential tests (test/engine/differential.test.ts). No platform rounding here: scenarios
 * that ask for it run on the exact path.
 */
import { fast } from './arith.ts';
import type { Book, BookTotals } from './book.ts';
import { SlotHeap } from './fast-heap.ts';
import { LedgerError } from './ledger.ts';
import type { ExitTest, RuleChangeV1, RulesV1 } from './scenario.ts';

const ACTIVE = 1;
const HIT_EXIT = 2;

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
  private spent: Float64Array;
  private basis: Float64Array;
  private obtained: Float64Array;
  private holding: Float64Array;
  private cash: Float64Array;
  private cse: Float64Array;
  private beDay: Int32Array;
  private exitDay: Int32Array;
  private apos: Int32Array;
  private flags: Uint8Array;
  /** entry sequence: ties between thresholds go to the earliest entry */
  private seq: Int32Array;

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
    this.spent = new Float64Array(cap);
    this.basis = new Float64Array(cap);
    this.obtained = new Float64Array(cap);
    this.holding = new Float64Array(cap);
    this.cash = new Float64Array(cap);
    this.cse = new Float64Array(cap);
    this.beDay = new Int32Array(cap);
    this.exitDay = new Int32Array(cap);
    this.apos = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
    this.seq = new Int32Array(cap);
    this.alist = new Int32Array(cap);
    this.heap = new SlotHeap(cap, this.seq);
  }

  get rulesNow() {
    return { g: this.g, w: this.w, m: Number.isNaN(this.m) ? null : this.m, poolShare: this.sPool, distributionShare: this.sDist };
  }

  /** bytes held per buyer slot by the typed arrays (exit heap and active list included; take-profit adds a heap) */
  static readonly BYTES_PER_USER = 6 * 8 + 4 * 4 + 1 + 4 + SlotHeap.BYTES_PER_SLOT;

  private grow(): void {
    const cap = this.cap * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.spent = f(this.spent);
    this.basis = f(this.basis);
    this.obtained = f(this.obtained);
    this.holding = f(this.holding);
    this.cash = f(this.cash);
    this.cse = f(this.cse);
    this.beDay = i(this.beDay);
    this.exitDay = i(this.exitDay);
    this.apos = i(this.apos);
    const fl = new Uint8Array(cap);
    fl.set(this.flags);
    this.flags = fl;
    this.seq = i(this.seq);
    this.alist = i(this.alist);
    this.heap.grow(cap, this.seq);
    this.tpHeap?.grow(cap, this.seq);
    this.cap = cap;
  }

  // --- thresholds: the user qualifies when price x den >= num ------------------------------

  private num(u: number): number {
    const t = this.m * this.basis[u]!;
    return this.test === 2 ? t - this.cse[u]! : t;
  }
  private den(u: number): number {
    return this.test === 0 ? this.obtained[u]! : this.holding[u]!;
  }
  /**
   * Heap order by the threshold price num / den (the exact path compares the cross products; the
   * two differ only for thresholds within a rounding error of each other), ties by earliest entry.
   * The exit test itself is the rulebook's: price x den >= num.
   */
  private rekey(u: number): void {
    const live = (this.flags[u]! & ACTIVE) !== 0 && this.holding[u] !== 0;
    if (!live || Number.isNaN(this.m)) this.heap.delete(u);
    else this.heap.set(u, this.num(u) / this.den(u));
    const tp = this.tpHeap;
    if (tp !== null) {
      if (!live) tp.delete(u);
      else tp.set(u, (this.tpK * this.basis[u]!) / this.holding[u]!);
    }
  }

  private reprice(): void {
    if (this.holders === 0) this.points = 0;
    if (this.points !== 0) this.price = this.pool / this.points;
  }

  private needOf(u: number): number {
    const d = this.basis[u]! - this.cse[u]!;
    return d < 0 ? 0 : d;
  }

  // --- events ------------------------------------------------------------------------------

  newOrder(amount: number): void {
    if (this.userCount === this.cap) this.grow();
    const u = this.userCount++;
    this.beDay[u] = -1;
    this.exitDay[u] = -1;
    this.apos[u] = -1;
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

    // enter: new, or re-entering after an exit (basis and obtained restart)
    if ((this.flags[u]! & ACTIVE) === 0) {
      this.activeCount++;
      this.apos[u] = this.activeCount - 1;
      this.alist[this.activeCount - 1] = u;
      this.flags[u] = this.flags[u]! | ACTIVE;
      this.seq[u] = ++this.entrySeq;
      this.basis[u] = 0;
      this.obtained[u] = 0;
      this.cse[u] = 0;
      this.exitDay[u] = -1;
    }
    // unbook
    this.needActive -= this.needOf(u);
    this.basisActive -= this.basis[u]!;
    this.cashActive -= this.cse[u]!;

    this.spent[u] = this.spent[u]! + amt;
    this.basis[u] = this.basis[u]! + amt;
    this.obtained[u] = this.obtained[u]! + issued;
    if (this.holding[u] === 0 && issued !== 0) this.holders++;
    this.holding[u] = this.holding[u]! + issued;
    // rebook
    this.needActive += this.needOf(u);
    this.basisActive += this.basis[u]!;
    this.cashActive += this.cse[u]!;

    this.pool += inflow;
    this.points += issued;
    this.reprice();
    this.rekey(u);
    this.settle();
  }

  private sellPoints(u: number, q: number, forced: boolean): void {
    this.needActive -= this.needOf(u);
    this.basisActive -= this.basis[u]!;
    this.cashActive -= this.cse[u]!;
    const value = q * this.price;
    let paid = (1 - this.w) * value;
    if (paid > this.pool) paid = this.pool;
    this.pool -= paid;
    this.points -= q;
    this.holding[u] = this.holding[u]! - q;
    this.cash[u] = this.cash[u]! + paid;
    this.cse[u] = this.cse[u]! + paid;
    this.totals.paid += paid;
    this.totals.withheld += value - paid;
    if (forced) {
      this.forcedCount++;
      this.flags[u] = this.flags[u]! | HIT_EXIT;
    } else this.salesCount++;
    if (this.beDay[u]! < 0 && this.cash[u]! >= this.spent[u]!) this.beDay[u] = this.day;
    if (this.holding[u] === 0) {
      this.holders--;
      const at = this.apos[u]!;
      const last = this.alist[--this.activeCount]!;
      if (last !== u) {
        this.alist[at] = last;
        this.apos[last] = at;
      }
      this.apos[u] = -1;
      this.flags[u] = this.flags[u]! & ~ACTIVE;
      this.exitDay[u] = this.day;
      this.heap.delete(u);
      this.tpHeap?.delete(u);
    } else {
      this.rekey(u);
      this.needActive += this.needOf(u);
      this.basisActive += this.basis[u]!;
      this.cashActive += this.cse[u]!;
    }
    this.reprice();
  }

  private settle(): void {
    const heap = this.heap;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      if (this.price * this.den(u) < this.num(u)) return;
      this.sellPoints(u, this.holding[u]!, true);
    }
  }

  sellShare(slot: number, portion: number): void {
    if ((this.flags[slot]! & ACTIVE) === 0 || this.holding[slot] === 0) return;
    const q = portion >= 1 ? this.holding[slot]! : this.holding[slot]! * portion;
    if (q === 0) return;
    this.sellPoints(slot, q, false);
    this.settle();
  }

  setTakeProfit(k: number): void {
    this.tpK = k;
    this.tpHeap ??= new SlotHeap(this.cap, this.seq);
    for (let i = 0; i < this.activeCount; i++) this.rekey(this.alist[i]!);
  }

  takeProfit(): void {
    const heap = this.tpHeap;
    if (heap === null) return;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      if (this.price * this.holding[u]! < this.tpK * this.basis[u]!) return;
      this.sellPoints(u, this.holding[u]!, false);
      this.settle();
    }
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
    return this.spent[u]!;
  }
  cashOf(u: number) {
    return this.cash[u]!;
  }
  holdingOf(u: number) {
    return this.holding[u]!;
  }
  basisOf(u: number) {
    return this.basis[u]!;
  }
  obtainedOf(u: number) {
    return this.obtained[u]!;
  }
  cashSinceEntryOf(u: number) {
    return this.cse[u]!;
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
    return this.beDay[u]!;
  }
  exitDayOf(u: number) {
    return this.exitDay[u]!;
  }
  hitExitOf(u: number) {
    return (this.flags[u]! & HIT_EXIT) !== 0;
  }
}
