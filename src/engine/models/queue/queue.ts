/**
 * Queue rebate (排队返现 / 排队免单, RULEBOOK §9.4). Each order joins one queue with an entitlement
 * E = min(k x A, cap). On each order the fund first receives its share (the ledger does that), then
 * pays the queue as it stands, then the new entry joins the tail. Money left with no entry waiting
 * stays in the fund. Two ways of paying:
 *
 * - fifo: the head is paid up to what it is owed, then the next, while money lasts. A head pointer
 *   and what the head has been paid so far; an entry's start offset (the entitlements ahead of it,
 *   summed) says what it had been paid by any day from the cumulative payments of that day.
 * - even: water-filling. A running level L is what every waiting entry has received since the start;
 *   an entry joining at level L0 is complete when L reaches L0 + E, its target, kept in a min-heap.
 *   A payment raises L for all n waiting entries at once: to the smallest target when the money
 *   covers (target - L) x n (completing that entry and any at the same target, then sharing again),
 *   else by money / n. An order costs O(log n) amortised.
 *
 * Ties (a payment that covers what is owed exactly, in real numbers): the exact path completes an
 * entry when the money falls short of what it is owed by at most EXACT_TIE of the figures that
 * amount was computed from (40-digit quotients of the even queue's shares carry noise there; fifo:
 * the entitlement; even: the target level times the entries waiting), the fast path at FAST_TIE
 * (float64 noise); the shortfall, below that tolerance, is not paid. So a completion on an exact tie
 * lands on the same order on both paths; a near-tie closer than FAST_TIE but not exact may complete
 * one order apart (RULEBOOK §2's allowance).
 */
import { tieOf, type Arith } from '../../arith.ts';
import { type Column, column } from '../../family/columns.ts';
import type { FamilyLedger } from '../../family/ledger.ts';
import type { FamilyModel } from '../../family/model.ts';
import type { FamilyModelV1, ModelChangeV1 } from '../../scenario/schema.ts';
import { TargetHeap } from '../../family/target-heap.ts';


type QueueParams = Extract<FamilyModelV1, { kind: 'queue' }>;

export class QueueModel<T> implements FamilyModel<T> {
  readonly kind = 'queue' as const;
  /** a queue has no schedule: nothing falls due, nothing defaults */
  readonly dueToday: T;
  readonly defaultToday: T;
  readonly dividendToday: T | null = null;
  readonly mode: QueueParams['mode'];
  /** the promise multiple and cap of entries made from now on */
  private k: T;
  private cap: T | null;
  private readonly tie: T;
  private readonly A: Arith<T>;

  /** fifo: the head entry (the first not paid in full) and what it has been paid */
  private head = 0;
  private headPaid: T;
  /** fifo: entitlements of every entry so far, summed (the next entry's start offset) */
  private promisedSum: T;
  /** fifo: each entry's start offset */
  private readonly start: Column<T>;
  /** fifo: paid to the queue so far */
  private paidSum: T;

  /** even: the level, the waiting entries' targets, each entry's join level */
  private level: T;
  private readonly heap: TargetHeap<T> | null;
  private readonly joinLevel: Column<T>;

  /** per day t (index t), the fifo's cumulative payments or the even queue's level at the day's end */
  private readonly history: T[];
  private lastDay = 0;

  constructor(
    readonly ledger: FamilyLedger<T>,
    readonly params: QueueParams,
  ) {
    const A = (this.A = ledger.A);
    this.dueToday = A.zero;
    this.defaultToday = A.zero;
    this.mode = params.mode;
    this.k = A.of(params.k);
    this.cap = params.cap === null ? null : A.of(params.cap);
    this.tie = tieOf(A);
    this.headPaid = A.zero;
    this.promisedSum = A.zero;
    this.paidSum = A.zero;
    this.level = A.zero;
    const fifo = this.mode === 'fifo';
    const n = ledger.expected.entries;
    this.start = column(A, fifo ? n : 0);
    this.joinLevel = column(A, fifo ? 0 : n);
    this.heap = fifo ? null : new TargetHeap(A, n);
    this.history = [A.zero];
  }

  /** entries waiting (not yet paid in full) */
  get waiting(): number {
    return this.mode === 'fifo' ? this.ledger.entryCount - this.head : this.heap!.size;
  }

  /** pay the queue as it stands, then the order's entry joins it */
  order(buyer: number, amount: T): void {
    const A = this.A;
    const L = this.ledger;
    if (A.cmp(L.fund, A.zero) > 0) {
      const paid = this.mode === 'fifo' ? this.payFifo(L.fund) : this.payEven(L.fund);
      if (!A.isZero(paid)) L.pay(paid);
    }
    const kA = A.mul(this.k, amount);
    const E = this.cap !== null && A.cmp(this.cap, kA) < 0 ? this.cap : kA;
    const e = L.addEntry(buyer, amount, E);
    if (this.mode === 'fifo') {
      this.start.push(this.promisedSum);
      this.promisedSum = A.add(this.promisedSum, E);
    } else {
      this.joinLevel.push(this.level);
      this.heap!.push(A.add(this.level, E), e);
    }
  }

  /**
   * true when `money` pays `owed` in full, or falls short of it only by an exact tie: by at most the
   * tie tolerance of `scale`, the size of the figures `owed` was computed from (fifo: the entry's
   * entitlement; even: the target level times the entries waiting, as `owed` is a difference of levels)
   */
  private covers(money: T, owed: T, scale: T): boolean {
    const A = this.A;
    if (A.cmp(money, owed) >= 0) return true;
    return A.cmp(A.sub(owed, money), A.mul(this.tie, scale)) <= 0;
  }

  /** fifo: the head first, then the next, while money lasts; returns what was paid */
  private payFifo(fund: T): T {
    const A = this.A;
    const L = this.ledger;
    const n = L.entryCount;
    let money = fund;
    let paid = A.zero;
    while (this.head < n && A.cmp(money, A.zero) > 0) {
      const E = L.entryPromise.get(this.head);
      const owed = A.sub(E, this.headPaid);
      if (this.covers(money, owed, E)) {
        const x = A.cmp(money, owed) < 0 ? money : owed;
        paid = A.add(paid, x);
        money = A.sub(money, x);
        L.done(this.head);
        this.head++;
        this.headPaid = A.zero;
      } else {
        this.headPaid = A.add(this.headPaid, money);
        paid = A.add(paid, money);
        money = A.zero;
      }
    }
    this.paidSum = A.add(this.paidSum, paid);
    return paid;
  }

  /** even: water-filling over the waiting entries; returns what was paid */
  private payEven(fund: T): T {
    const A = this.A;
    const L = this.ledger;
    const heap = this.heap!;
    let money = fund;
    let paid = A.zero;
    while (heap.size > 0 && A.cmp(money, A.zero) > 0) {
      const target = heap.minKey;
      const n = A.of(heap.size);
      let need = A.mul(A.sub(target, this.level), n);
      if (A.isNeg(need)) need = A.zero;
      if (this.covers(money, need, A.mul(target, n))) {
        const x = A.cmp(money, need) < 0 ? money : need;
        paid = A.add(paid, x);
        money = A.sub(money, x);
        this.level = target;
        // every entry whose target the level has reached (to a tie) is complete
        const reach = A.add(target, A.mul(this.tie, target));
        while (heap.size > 0 && A.cmp(heap.minKey, reach) <= 0) L.done(heap.pop());
      } else {
        this.level = A.add(this.level, A.div(money, n));
        paid = A.add(paid, money);
        money = A.zero;
      }
    }
    return paid;
  }

  endDay(day: number): void {
    const v = this.mode === 'fifo' ? this.paidSum : this.level;
    for (let d = this.lastDay + 1; d < day; d++) this.history[d] = this.history[this.lastDay]!;
    this.history[day] = v;
    this.lastDay = day;
  }

  change(c: ModelChangeV1): void {
    // the validator refuses the other models' fields before the run (scenario/checks.ts, MODEL_CHANGE_KEYS)
    if (c.k !== undefined) this.k = this.A.of(c.k);
    if (c.cap !== undefined) this.cap = c.cap === null ? null : this.A.of(c.cap);
  }

  /** what entry e had been paid by the end of day t: O(1) from the day's cumulative payments or level */
  paidBy(e: number, t: number): T {
    const A = this.A;
    const L = this.ledger;
    if (t < L.entryDay.get(e)) return A.zero;
    const E = L.entryPromise.get(e);
    const doneDay = L.entryDoneDay.get(e);
    if (doneDay >= 0 && doneDay <= t) return E;
    const fifo = this.mode === 'fifo';
    const now = t > this.lastDay ? (fifo ? this.paidSum : this.level) : this.history[t]!;
    const got = A.sub(now, fifo ? this.start.get(e) : this.joinLevel.get(e));
    if (A.cmp(got, A.zero) <= 0) return A.zero;
    return A.cmp(got, E) > 0 ? E : got;
  }
}
