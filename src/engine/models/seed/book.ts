/**
 * The seed's book: the ledger of users and the events of RULEBOOK §3 over the state of §2, one
 * source for both number systems. `new SeedBook(exact, rules)` runs it on decimals (40 digits);
 * the fast path's `FastSeedBook` (book.fast.ts) is this source specialised to float64 by
 * scripts/specialise-fast.ts (the calculator's calls become operators, nothing else changes; never
 * edit it). The rules' formulas are in rules.ts, written once over the arithmetic interface, and the
 * ledger of users is one structure over either number kind:
 *
 * - each slot's lifelong figures (spend, cash received) and its integers (break-even day, its place
 *   in the active list while active or its exit step while out, flags, place in the exit heap) in
 *   one 32-byte record (records.ts: on the fast path a Float64Array and an Int32Array over one
 *   buffer; on the exact path an array of decimals and an Int32Array);
 * - an active user's figures since entry (basis, obtained, holding, cash since entry) in a record
 *   by its place in the active list (entry appends, exit moves the last one into its place): a
 *   buyer who has left holds none, so ten million buyers with two million active cost about 60
 *   bytes a buyer on the fast path rather than 86 (BYTES_PER_USER, BYTES_PER_ACTIVE). The figures
 *   since entry are read again after an exit only for legacy members (who come back with them), the
 *   scripted engine's named users and the latest new buyer (required growth), and kept for those
 *   (keepFigures);
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
import { AS, AT, BASIS, BE, CASH, CSE, FLG, FS, HIT_EXIT, HOLD, HPOS, IS, KS, LS, LSEQ, LSLOT, LedgerError, OBT, SOLD_OUT, SPENT, activeOf, exitOf, outAfter, recordsOf, seedCapacities, storeOf, type Split, type Store } from './records.ts';
import * as R from './rules.ts';
// the exit by settlement at a price ceiling (RULEBOOK §9.2)
import { SETTLED } from './records.ts';
/** the bits set in a 32-bit word */
function bitCount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
/**
 * voluntary sales' picks whose records are read ahead of their sales at a time (sellPicked): 64
 * rather than 32, more reads in flight at once (bench/engine-10m.json, 8 interleaved pairs:
 * main-thread user time 3.16 -> 3.08 s, wall 3.81 -> 3.57 s, medians under load; the explorer's
 * 300-a-day year unchanged); 128 no better
 */
const AHEAD = 64;

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
  /** slots' lifelong figures (stride FS) */
  protected F: Store<T>;
  /** slots' integers (stride IS) */
  protected I: Int32Array;
  /**
   * a bit a slot, set while the slot is on the active list (its record's AT is its place there):
   * 1.25 MB for ten million slots, which stays in the cache where the records (320 MB) do not, so a
   * day's picks of buyers who have left (about two in three on the engine scenario) cost no read of
   * memory (isActive, readAhead)
   */
  protected on: Int32Array;
  /** active users' figures since entry by place in the active list (stride AS) */
  private AF: Store<T>;
  /** room in AF and alist, in users */
  private acap: number;
  /** the active list (stride LS): each active user's slot and entry sequence; a user's place in it is in its record (AT) */
  private alist: Int32Array;
  activeCount = 0;
  /** the latest new buyer's slot (the one required growth reads), -1 before any */
  private lastNew = -1;
  /** figures since entry kept after an exit (stride KS), for named users and the latest new buyer, by slot */
  private exitFigures = new Map<number, T[]>();
  /** legacy members' figures since entry while they are out (stride KS, by place among them) */
  private legacyKept: Store<T> | null = null;
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

  /** bytes held per buyer slot on the fast path by the typed arrays (its record, which holds its flags, its place in the active list and its place in the exit heap; take-profit adds a heap) */
  static readonly BYTES_PER_USER = FS * 8;
  /** and per active user: its record in the active list (figures since entry, slot and entry sequence) and (holding points) an entry in the exit heap */
  static readonly BYTES_PER_ACTIVE = AS * 8 + SlotHeap.BYTES_PER_ENTRY;

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
    this.aheadFigure = z;
    this.toSell = z;
    this.orderAmount = z;
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
    const { cap, acap } = seedCapacities(expectedUsers);
    this.cap = cap;
    const rec = recordsOf(A, cap);
    this.F = rec.F;
    this.I = rec.I;
    this.on = new Int32Array((cap + 31) >> 5);
    // active users: room for a quarter of the buyers expected, doubling beyond. Room never written
    // costs address space, not memory, and is not copied into a new buffer (touched again) as it
    // fills: the 10-million-order run (two million active) copied 128 MB in five doublings from a
    // sixteenth, and its peak RSS was about 35 MB higher
    this.acap = acap;
    const act = activeOf(A, this.acap);
    this.AF = act.AF;
    this.alist = act.alist;
    // the exit heap keeps each slot's place in the slot's record
    this.heap = new SlotHeap<T>(this.A, this.cap, this.tie, this.I, this.on);
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
    const rec = recordsOf(this.A, cap, { F: this.F, I: this.I });
    this.F = rec.F;
    this.I = rec.I;
    const on = new Int32Array((cap + 31) >> 5);
    on.set(this.on);
    this.on = on;
    this.heap.grow(cap, rec.I, on);
    this.tpHeap?.grow(cap);
    this.cap = cap;
  }

  /** room for twice as many active users */
  private growActive(): void {
    const acap = this.acap * 2;
    const act = activeOf(this.A, acap, { AF: this.AF, alist: this.alist });
    this.AF = act.AF;
    this.alist = act.alist;
    this.acap = acap;
  }

  /** the place in the active list of a user coming in, with a new entry sequence, its record since entry all zero */
  private enter(u: number): number {
    if (this.activeCount === this.acap) this.growActive();
    // back after an exit: its entry in the exit heap from before may still stand, stale, while it is on the list
    if (this.I[u * IS + AT]! < -1) this.heap.maybeStaleOnList();
    const at = this.activeCount++;
    this.I[u * IS + AT] = at;
    this.on[u >> 5] = this.on[u >> 5]! | (1 << (u & 31));
    this.alist[at * LS + LSLOT] = u;
    this.alist[at * LS + LSEQ] = ++this.entrySeq;
    const r = at * AS;
    const AF = this.AF;
    this.changes++;
    AF[r + BASIS] = this.A.zero;
    AF[r + OBT] = this.A.zero;
    AF[r + HOLD] = this.A.zero;
    AF[r + CSE] = this.A.zero;
    return at;
  }

  /**
   * A user at place `at` leaves the active list: its figures since entry kept where they are read
   * again (legacy members, named users, the latest new buyer), the last user moved into its place.
   */
  private leave(u: number, at: number): void {
    const AF = this.AF;
    const r = at * AS;
    this.keepFigures(u, r);
    const last = --this.activeCount;
    this.changes++;
    if (at !== last) {
      const v = this.alist[last * LS + LSLOT]!;
      this.alist[at * LS + LSLOT] = v;
      this.alist[at * LS + LSEQ] = this.alist[last * LS + LSEQ]!;
      this.I[v * IS + AT] = at;
      const q = last * AS;
      AF[r + BASIS] = AF[q + BASIS]!;
      AF[r + OBT] = AF[q + OBT]!;
      AF[r + HOLD] = AF[q + HOLD]!;
      AF[r + CSE] = AF[q + CSE]!;
    }
    this.I[u * IS + AT] = outAfter(this.step);
    this.on[u >> 5] = this.on[u >> 5]! & ~(1 << (u & 31));
  }

  /** keep a leaving user's figures since entry (its record at r) where they are read again: legacy members, named users, the latest new buyer */
  private keepFigures(u: number, r: number): void {
    const AF = this.AF;
    if (this.isLegacy(u)) {
      const k = (u - this.legacyFrom) * KS;
      const L = this.legacyKept!;
      L[k] = AF[r + BASIS]!;
      L[k + 1] = AF[r + OBT]!;
      L[k + 2] = AF[r + CSE]!;
    } else if (this.named || u === this.lastNew) this.exitFigures.set(u, [AF[r + BASIS]!, AF[r + OBT]!, AF[r + CSE]!]);
  }

  /** a figure since entry (BASIS, OBT or CSE) of a user, active or not: 0 once out, unless kept */
  private sinceEntry(u: number, field: number): T {
    const at = this.I[u * IS + AT]!;
    if (at >= 0) return this.AF[at * AS + field]!;
    const k = field === BASIS ? 0 : field === OBT ? 1 : 2;
    if (this.isLegacy(u)) return this.legacyKept![(u - this.legacyFrom) * KS + k]!;
    return this.exitFigures.get(u)?.[k] ?? this.A.zero;
  }

  /** a fresh slot: exited, nothing held, never broke even */
  protected newSlot(_id?: string): number {
    if (this.userCount === this.cap) this.grow();
    const u = this.userCount++;
    this.changes++;
    this.I[u * IS + BE] = -1;
    this.I[u * IS + AT] = outAfter(-1);
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
    const r = this.I[u * IS + AT]! * AS;
    return R.exitNum(this.A, this.m!, this.AF[r + BASIS]!, this.AF[r + CSE]!, this.test);
  }
  private den(u: number): T {
    const r = this.I[u * IS + AT]! * AS;
    return R.exitDen(this.AF[r + OBT]!, this.AF[r + HOLD]!, this.test);
  }

  /** re-file a user in the heaps after a change (out of them when exited or holding nothing) */
  private rekey(u: number): void {
    const A = this.A;
    const at = this.I[u * IS + AT]!;
    const hold = at < 0 ? A.zero : this.AF[at * AS + HOLD]!;
    const live = this.I[u * IS + AT]! >= 0 && !A.isZero(hold);
    if (!live || this.m === null) {
      // out of the heap while on the list: its entry stays, stale, with its on-list bit set
      if (at >= 0) this.heap.maybeStaleOnList();
      this.heap.delete(u);
    }
    else {
      // from the record here rather than through num(u) and den(u): on the fast path a double returned by a call that is not inlined is a heap number allocated per call (one an order)
      const r = at * AS;
      this.heap.nextKey = R.thresholdKey(A, R.exitNum(A, this.m, this.AF[r + BASIS]!, this.AF[r + CSE]!, this.test), R.exitDen(this.AF[r + OBT]!, hold, this.test));
      this.heap.set(u, this.alist[at * LS + LSEQ]!);
    }
    const tp = this.tpHeap;
    if (tp !== null) {
      if (!live) tp.delete(u);
      else {
        tp.nextKey = R.thresholdKey(A, R.takeProfitNum(A, this.tpK!, this.AF[at * AS + BASIS]!), hold);
        tp.set(u, this.alist[at * LS + LSEQ]!);
      }
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
    const r = this.I[u * IS + AT]! * AS;
    const basis = this.AF[r + BASIS]!;
    const cse = this.AF[r + CSE]!;
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

  /** put a user on the active list with a new entry sequence; a legacy member comes back with the figures since conversion it left with */
  private activate(u: number): void {
    const r = this.enter(u) * AS;
    if (this.isLegacy(u)) {
      const k = (u - this.legacyFrom) * KS;
      const L = this.legacyKept!;
      this.AF[r + BASIS] = L[k]!;
      this.AF[r + OBT] = L[k + 1]!;
      this.AF[r + CSE] = L[k + 2]!;
    }
  }

  // --- events ------------------------------------------------------------------------------

  /** an order by a new buyer */
  newOrder(amount: number): void {
    this.oneAmount[0] = amount;
    this.newOrders(this.oneAmount, 1);
  }
  private readonly oneAmount = new Float64Array(1);

  /**
   * orders by n new buyers, of amounts[0..n-1], in order (newOrder for each). A day's new buyers
   * come through here: the amounts are read from an array inside the book rather than handed to
   * it one call each, because on the fast path a double handed to a call that is not inlined is a
   * heap number allocated per order (1.1 million, 17 MB, in the explorer's year at 300 buyers a day)
   */
  newOrders(amounts: Float64Array, n: number): void {
    for (let k = 0; k < n; k++) {
      const u = this.newSlot();
      // the latest new buyer's figures since entry are kept if it leaves (required growth reads them); the one before's go
      // (the map is nearly always empty: a look at its size, not a hash lookup, per new order)
      if (!this.named && this.lastNew >= 0 && this.exitFigures.size > 0) this.exitFigures.delete(this.lastNew);
      this.lastNew = u;
      this.orderAmount = this.A.of(amounts[k]!);
      this.orderFor(u);
    }
  }

  /** an order by an earlier buyer (an exited one re-enters) */
  repeatOrder(slot: number, amount: number): void {
    this.orderAmount = this.A.of(amount);
    this.orderFor(slot);
  }

  /** the last order's points issued (a field, not a return value: no allocation per order) */
  protected declare lastIssued: T;

  /** the amount of the order orderFor places (a field, not an argument: see toSell) */
  protected declare orderAmount: T;

  /** order of orderAmount by slot u: RULEBOOK §3.1 */
  protected orderFor(u: number): void {
    const A = this.A;
    const amt = this.orderAmount;
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
    // enter: new, or re-entering after an exit (basis and obtained restart: a fresh record since entry)
    let at: number;
    if (this.I[u * IS + AT]! < 0) {
      at = this.enter(u);
      if (this.named) this.entries![u]!++;
    } else {
      at = this.I[u * IS + AT]!;
      // out of the solvency sums while it changes (one entering has nothing in them yet)
      if (this.tracking) this.account(u, false);
    }
    const AF = this.AF;
    const r = at * AS;
    F[f + SPENT] = A.add(F[f + SPENT]!, amt);
    AF[r + BASIS] = A.add(AF[r + BASIS]!, amt);
    AF[r + OBT] = A.add(AF[r + OBT]!, issued);
    if (A.isZero(AF[r + HOLD]!) && !A.isZero(issued)) this.holders++;
    AF[r + HOLD] = this.onPoints(A.add(AF[r + HOLD]!, issued));
    this.changes++;
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

  /** the points the next sellPoints sells when not the whole holding (see sellPoints) */
  protected declare toSell: T;

  /**
   * The sale itself, voluntary or forced (RULEBOOK §3.2): pays (1 - w) x value, keeps w x value in
   * the pool. It sells the whole holding when `all`, else the points in `toSell`. Not an argument:
   * on the fast path this call is not inlined into its callers, and a double handed to it, or one
   * merged with an argument that may be something else, is a heap number allocated per sale (8
   * million on bench/engine-10m.json), where a field the constructor made a double is written in place.
   */
  protected sellPoints(u: number, all: boolean, forced: boolean): void {
    const A = this.A;
    const F = this.F;
    const I = this.I;
    const f = u * FS;
    const at = this.I[u * IS + AT]!;
    const AF = this.AF;
    const r = at * AS;
    const q = all ? AF[r + HOLD]! : this.toSell;
    if (this.tracking) this.account(u, false);
    const value = A.mul(q, this.quotedPrice);
    const due = this.money(R.salePaid(A, this.w, value));
    let paid = due;
    // never more than the pool holds: a sale at the floor can owe more (§9.2, reported as unpaid); without a floor only float error or platform rounding reach this
    if (A.cmp(paid, this.pool) > 0) paid = this.pool;
    this.pool = A.sub(this.pool, paid);
    this.points = A.sub(this.points, q);
    const hold = this.onPoints(A.sub(AF[r + HOLD]!, q));
    AF[r + HOLD] = hold;
    this.changes++;
    const cash = A.add(F[f + CASH]!, paid);
    F[f + CASH] = cash;
    AF[r + CSE] = A.add(AF[r + CSE]!, paid);
    const t = this.totals;
    t.paid = A.add(t.paid, paid);
    t.withheld = A.add(t.withheld, A.sub(value, due));
    if (this.hasFloor) this.unpaid = A.add(this.unpaid, A.sub(due, paid));
    if (forced) {
      this.forcedCount++;
      this.I[u * IS + FLG] = this.I[u * IS + FLG]! | HIT_EXIT;
    } else this.salesCount++;
    if (I[u * IS + BE]! < 0 && R.brokeEven(A, cash, F[f + SPENT]!)) I[u * IS + BE] = this.today;
    if (A.isZero(hold)) {
      this.holders--;
      // nobody holds points any more: under a floor the price is the floor (§9.2)
      if (this.holders === 0 && this.hasFloor) this.price = this.minPrice;
      this.leave(u, at);
      if (this.activeCount === 0) {
        // nobody left: the running sums are exactly zero, whatever rounding they carried
        this.needActive = A.zero;
        this.basisActive = A.zero;
        this.cashActive = A.zero;
      }
      // (leave wrote the exit step)
      I[u * IS + FLG] = forced ? I[u * IS + FLG]! & ~(SOLD_OUT | SETTLED) : (I[u * IS + FLG]! & ~SETTLED) | SOLD_OUT;
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
    // the seed's fast book: the top entry's key is the least of all, stale entries' included (a
    // stale entry keeps its place in the heap's order), so a price under it reaches no live
    // threshold: nearly every event ends here, without peek's read of the top slot's record
    if (this.A.mode === 'fast' && this.roundPrice < 0 && this.A.cmp(this.price, this.A.mul(heap.topKey() as T, this.A.of(R.BELOW_KEY))) < 0) return 0;
    let n = 0;
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      if (this.A.mode === 'fast') {
        if (this.roundPrice >= 0) {
          // the rounded float book: a threshold a stored price meets exactly in decimals, which float noise sets a hair above it, is met
          if (!R.reached(this.A, this.quotedPrice, this.num(u), this.den(u)) && !R.reachedWithin(this.A, this.tie!, this.quotedPrice, this.num(u), this.den(u))) break;
        } else {
          // the seed's fast book: the heap's key (the quotient) first, which rules out nearly every
          // event's check without reading the record; the test itself decides near the key (R.BELOW_KEY)
          const below = this.A.mul(heap.topKey() as T, this.A.of(R.BELOW_KEY));
          if (this.A.cmp(this.price, below) < 0) break;
          if (!R.reached(this.A, this.price, this.num(u), this.den(u))) break;
        }
      } else {
        // the exact heap's key is the threshold's fraction, from the record as it last changed: the
        // test reads it there, a multiplication (m x basis) fewer per event (the fast heap holds the
        // quotient, so the fast path reads the record)
        const k = heap.keyOf(u) as R.Fraction<T>;
        if (!R.reached(this.A, this.quotedPrice, k.num, k.den)) break;
      }
      this.sellPoints(u, true, true);
      if (this.named) this.exits!.push(u);
      n++;
    }
    return n;
  }

  /** a voluntary sale of a share of an active user's holding (time-driven runs): 1 sells it all; returns the forced exits it brought */
  sellShare(slot: number, portion: number): number {
    const A = this.A;
    if (this.I[slot * IS + AT]! < 0) return 0;
    const hold = this.AF[this.I[slot * IS + AT]! * AS + HOLD]!;
    if (A.isZero(hold)) return 0;
    const q = portion >= 1 ? hold : this.pts(A.mul(hold, A.of(portion)));
    if (A.isZero(q)) return 0;
    this.toSell = q;
    this.sellPoints(slot, portion >= 1, false);
    return this.settle();
  }

  /**
   * Voluntary sales by the slots picked (`slots[0..n-1]`), in that order: each one active when its
   * turn comes sells `portion` of its holding (sellShare). On the fast path what the sales of a batch
   * of picks will read is read ahead of them (readAhead), in a pipeline one batch deep: before a
   * batch's sales, the records in the active list of this batch (at the places read one batch
   * earlier) and the slots' records of the next batch, all at once. The reads of a wave wait on
   * nothing but memory, so the fetches of a large book overlap instead of stalling each sale in turn,
   * and a record and its record in the active list (which waits on the place the first holds) no
   * longer cost two stalls a batch but one.
   */
  sellPicked(slots: Int32Array, n: number, portion: number): void {
    const ahead = AHEAD;
    const fast = this.A.mode === 'fast';
    if (fast) {
      this.aheadN = 0;
      this.readAhead(slots, 0, ahead < n ? ahead : n);
    }
    for (let k0 = 0; k0 < n; k0 += ahead) {
      const k1 = k0 + ahead < n ? k0 + ahead : n;
      // on the fast path only the batch's picks that were on the list when readAhead looked (no sale
      // takes anyone onto it), in their order: the others would each cost a branch guessed wrong as often as not
      const picks = fast ? this.aheadSel : slots;
      const from = fast ? 0 : k0;
      const to = fast ? this.aheadSelN : k1;
      if (fast) this.readAhead(slots, k1, k1 + ahead < n ? k1 + ahead : n);
      for (let j = from; j < to; j++) {
        const b = picks[j]!;
        if (this.isActive(b)) this.sellShare(b, portion);
      }
    }
  }

  /** what readAhead read, kept so that the reads are not optimised away */
  protected ahead = 0;
  /** the places in the active list readAhead read last (aheadAt[0..aheadN-1]), for its next call */
  private readonly aheadAt = new Int32Array(AHEAD);
  /** the picks readAhead found on the list last (aheadSel[0..aheadSelN-1]), for the batch's sales; it fills the other of the two buffers next */
  private aheadSel = new Int32Array(AHEAD);
  private aheadSelN = 0;
  private aheadSelOther = new Int32Array(AHEAD);
  private aheadN = 0;
  protected declare aheadFigure: T;

  /**
   * Read into the cache what the sales of the batch about to sell will read of the active list (the
   * records at the places the last call read), and the records of the slots[k0..k1-1] of the next
   * batch, keeping the places they hold for the next call. A pick's record holds its place; the
   * on-list bits (cached) leave out the picks who have left, most of them, so nothing of theirs is
   * read. The picks on the list are picked out first, without a branch, and their records read in a
   * loop of their own: a branch on each pick's bit (which way it goes is a coin toss) between the
   * reads let few of them be in flight at once (10M command, 8 interleaved pairs: main-thread user
   * time 3.17 -> 2.92 s median). A place read a batch ahead may be out of date by the time it is used (an exit moves the
   * last user of the list into the leaver's place): then a line is read for nothing, and the sale
   * reads the place it finds. A place read was valid then, so within the records' buffer (which
   * never shrinks). Nothing changes.
   */
  private readAhead(slots: Int32Array, k0: number, k1: number): void {
    const I = this.I;
    const AF = this.AF;
    const on = this.on;
    const ats = this.aheadAt;
    let x = this.A.zero;
    const m0 = this.aheadN;
    for (let j = 0; j < m0; j++) x = this.A.add(x, AF[ats[j]! * AS + HOLD]!);
    // the picks still on the list, kept without a branch (into the buffer the batch now selling does not read); then their records read, none waiting on another
    const sel = this.aheadSelOther;
    this.aheadSelOther = this.aheadSel;
    this.aheadSel = sel;
    let m = 0;
    for (let k = k0; k < k1; k++) {
      const b = slots[k]!;
      sel[m] = b;
      m += (on[b >> 5]! >>> (b & 31)) & 1;
    }
    let s = 0;
    for (let j = 0; j < m; j++) {
      const b = sel[j]!;
      ats[j] = I[b * IS + AT]!;
      s += I[b * IS + HPOS]!;
    }
    this.aheadN = m;
    this.aheadSelN = m;
    this.ahead = s;
    this.aheadFigure = x;
  }

  /** turn on take-profit at k x basis (holding x price >= k x basis sells the whole holding) */
  setTakeProfit(k: number): void {
    this.tpK = this.A.of(k);
    this.tpHeap ??= new SlotHeap<T>(this.A, this.cap, this.tie);
    for (let i = 0; i < this.activeCount; i++) this.rekey(this.alist[i * LS + LSLOT]!);
  }

  /** sell out every active holder whose holding is worth k x basis, lowest threshold first */
  takeProfit(): { sold: number; forced: number } {
    const heap = this.tpHeap;
    let sold = 0;
    let forced = 0;
    if (heap === null) return { sold, forced };
    for (let u = heap.peek(); u >= 0; u = heap.peek()) {
      const r = this.I[u * IS + AT]! * AS;
      const hold = this.AF[r + HOLD]!;
      let at = R.reached(this.A, this.quotedPrice, R.takeProfitNum(this.A, this.tpK!, this.AF[r + BASIS]!), hold);
      // on the rounded float book as in settle (decimals compare as they are)
      if (this.roundPrice >= 0) {
        if (this.A.mode === 'fast') at = at || R.reachedWithin(this.A, this.tie!, this.quotedPrice, R.takeProfitNum(this.A, this.tpK!, this.AF[r + BASIS]!), hold);
      }
      if (!at) break;
      this.sellPoints(u, true, false);
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
    const AF = this.AF;
    let left = this.pool;
    let paidAll = A.zero;
    let holders = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const u = this.alist[i * LS + LSLOT]!;
      const f = u * FS;
      const r = i * AS;
      const hold = AF[r + HOLD]!;
      if (!A.isZero(hold)) {
        holders++;
        let pay = this.money(R.settlementPay(A, hold, p));
        if (A.cmp(pay, left) > 0) pay = left;
        left = A.sub(left, pay);
        paidAll = A.add(paidAll, pay);
        const cash = A.add(F[f + CASH]!, pay);
        F[f + CASH] = cash;
        AF[r + CSE] = A.add(AF[r + CSE]!, pay);
        AF[r + HOLD] = A.zero;
        this.changes++;
        if (I[u * IS + BE]! < 0 && R.brokeEven(A, cash, F[f + SPENT]!)) I[u * IS + BE] = this.today;
      }
      this.keepFigures(u, r);
      I[u * IS + AT] = outAfter(this.step);
      this.on[u >> 5] = this.on[u >> 5]! & ~(1 << (u & 31));
      I[u * IS + FLG] = (I[u * IS + FLG]! & ~SOLD_OUT) | SETTLED;
    }
    this.activeCount = 0;
    this.changes++;
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
    // out until their first release, with basis L kept for it
    const kept = storeOf(A, n * KS);
    this.legacyKept = kept;
    for (let i = 0; i < n; i++) {
      const u = this.newSlot(`legacy-${i + 1}`);
      // an entry sequence, as the orders before the conversion had (the one that counts is given at the first release)
      ++this.entrySeq;
      if (this.named) this.entries![u]!++;
      kept[(u - this.legacyFrom) * KS] = L;
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
    for (let u = this.legacyFrom; u < this.legacyFrom + this.legacyCount; u++) {
      if (this.I[u * IS + AT]! < 0) this.activate(u);
      else if (this.tracking) this.account(u, false);
      const AF = this.AF;
      const q = this.I[u * IS + AT]! * AS;
      if (A.isZero(AF[q + HOLD]!) && !A.isZero(r)) this.holders++;
      AF[q + HOLD] = A.add(AF[q + HOLD]!, r);
      this.changes++;
      AF[q + OBT] = A.add(AF[q + OBT]!, r);
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
      for (let u = 0; u < this.userCount; u++) if (this.I[u * IS + AT]! >= 0) this.rekey(u);
    }
    this.settle();
  }

  // --- reading ---------------------------------------------------------------------------

  /** the exit test of the rules, on the price the platform trades at */
  qualifiesSlot(u: number): boolean {
    if (this.m === null || this.I[u * IS + AT]! < 0 || this.A.isZero(this.holdingOf(u))) return false;
    return R.reached(this.A, this.quotedPrice, this.num(u), this.den(u));
  }
  activeAt(i: number): number {
    return this.alist[i * LS + LSLOT]!;
  }
  isActive(slot: number): boolean {
    return (this.on[slot >> 5]! & (1 << (slot & 31))) !== 0;
  }
  spentOf(u: number): T {
    return this.F[u * FS + SPENT]!;
  }
  cashOf(u: number): T {
    return this.F[u * FS + CASH]!;
  }
  /** points held (0 once out) */
  holdingOf(u: number): T {
    const at = this.I[u * IS + AT]!;
    return at < 0 ? this.A.zero : this.AF[at * AS + HOLD]!;
  }
  /**
   * The holdings of slots from..to-1 into out[0..to-from-1] (0 for a user who is out): what a walk of
   * every user in slot order (the cohorts) reads a block at a time. Read by slot, each active user's
   * holding is a line at random in the active list (128 MB for two million active); instead the
   * first call after any change copies the holdings in one pass down the active list into an array
   * in slot order of the active users only (holdingsByRank), and a walk reads it as a stream: a slot
   * is active when its bit is on, and its rank among active slots is the count of bits below it.
   */
  holdingsOf(from: number, to: number, out: Store<T>): void {
    if (this.ranked === null || this.rankedAt !== this.changes) this.holdingsByRank();
    const on = this.on;
    const H = this.ranked!;
    let r = this.rankOf(from);
    // each slot's holding without a branch on its bit (on or off the list is a coin toss): the
    // holding at its rank when on, else H's last place, a zero
    const zeroAt = this.rankedZero;
    for (let u = from; u < to; u++) {
      const bit = (on[u >> 5]! >>> (u & 31)) & 1;
      out[u - from] = H[(r & -bit) | (zeroAt & (bit - 1))]!;
      r += bit;
    }
    // the walk's last block: let the copy go
    if (to >= this.userCount) this.ranked = null;
  }
  /** changes to holdings or to the active list (any event), so that a copy of them knows it is out of date */
  private changes = 0;
  /** the active users' holdings in slot order (holdingsOf), as of `rankedAt` changes, or null */
  private ranked: Store<T> | null = null;
  private rankedAt = -1;
  /** the zero's place in `ranked` (its last) */
  private rankedZero = 0;
  /** for each word of `on`, the active slots before it */
  private rankBase = new Int32Array(0);
  /** the rank of slot u among the active slots: how many active slots come before it */
  private rankOf(u: number): number {
    const w = u >> 5;
    return this.rankBase[w]! + bitCount(this.on[w]! & ~(-1 << (u & 31)));
  }
  private holdingsByRank(): void {
    const on = this.on;
    const words = (this.userCount + 31) >> 5;
    const base = this.rankBase.length >= words ? this.rankBase : new Int32Array(words);
    let c = 0;
    for (let w = 0; w < words; w++) {
      base[w] = c;
      c += bitCount(on[w]!);
    }
    this.rankBase = base;
    const n = this.activeCount;
    // one place more, a zero: what holdingsOf reads for a slot off the list
    // (a big buffer of the host's, taken again run after run: 4 MB a million active users not faulted in afresh)
    const H = storeOf(this.A, n + 1, undefined, 'metrics');
    H[n] = this.A.zero;
    const AF = this.AF;
    const alist = this.alist;
    for (let i = 0; i < n; i++) H[this.rankOf(alist[i * LS + LSLOT]!)] = AF[i * AS + HOLD]!;
    this.ranked = H;
    this.rankedZero = n;
    this.rankedAt = this.changes;
  }
  /** spend since the last entry; once out, kept only for legacy members, named users and the latest new buyer (0 for others) */
  basisOf(u: number): T {
    return this.sinceEntry(u, BASIS);
  }
  /** points obtained since the last entry; once out, as basisOf */
  obtainedOf(u: number): T {
    return this.sinceEntry(u, OBT);
  }
  /** cash received since the last entry; once out, as basisOf */
  cashSinceEntryOf(u: number): T {
    return this.sinceEntry(u, CSE);
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
    return exitOf(this.I[u * IS + AT]!);
  }
  hitExitOf(u: number): boolean {
    return (this.I[u * IS + FLG]! & HIT_EXIT) !== 0;
  }
  /** how the last exit came: a voluntary sale, or forced (undefined while active or never exited) */
  exitReasonOf(u: number): 'sold' | 'forced' | 'settled' | undefined {
    if (this.exitDayOf(u) < 0) return undefined;
    const fl = this.I[u * IS + FLG]!;
    if ((fl & SETTLED) !== 0) return 'settled';
    return (fl & SOLD_OUT) !== 0 ? 'sold' : 'forced';
  }
  entriesOf(u: number): number {
    return this.entries?.[u] ?? 0;
  }
}
