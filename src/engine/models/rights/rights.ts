/**
 * Dividend rights (满 N 返 N, RULEBOOK §9.5). Each time a buyer's cumulative spend reaches or passes
 * a multiple of the unit U, the buyer gets one right (a ledger entry of cost U), owed k x U. At each
 * day's end every right made on an earlier day is paid an equal dividend, min(capPerDay, fund /
 * rights waiting), each at most what it still owes (water-filled as in §9.4); a right ends when paid
 * in full.
 *
 * - Rights from spend: each buyer keeps the spend not yet turned into a right (its progress toward
 *   the next one); an order adds its amount, and every full unit in the progress makes a right. One
 *   order may make several. A dated change of the unit applies to rights made from then on: the
 *   progress carries over as money (spend counts once, toward the next right at the unit in force
 *   when it is made), and a buyer whose progress already reaches the new unit gets the right(s) on
 *   the next order (no step walks the buyers).
 * - Paying: a running level L is what every waiting right has been paid since the start. Rights
 *   made on one day under one set of terms join together at the level after that day's dividend
 *   (they are paid from the next day), as one group with one target, L_join + k x U, kept in a
 *   min-heap (family/target-heap.ts, shared with the even queue). A day's dividend raises L for all n
 *   waiting rights at once: to the smallest target when the fund covers (target - L) x n and the
 *   day's cap allows it (completing that group, then sharing again), else to the cap, or by
 *   fund / n. A day costs O(log groups) per group completed; marking a completed right done is O(1)
 *   per right, once in its life.
 * - What was due: what the waiting rights would have been paid with an unlimited fund, each the cap
 *   or what it still owed if less; the default is what of it was not paid. A day with a default is a
 *   day "under the cap" (§9.6): a right finishing with less than the cap still to go is no default.
 * - paidBy(e, t) = min(promise, level at the end of day t - the group's join level), or the promise
 *   once the right is done: O(log groups) from the level's day history.
 *
 * Ties (a fund that covers what a step needs exactly, in real numbers; a spend that reaches a
 * multiple of the unit exactly): within the calculator's relative tie (arith.ts tieOf: EXACT_TIE
 * exact, FAST_TIE fast) they count as covered / reached; the shortfall below that tolerance is not
 * paid. So an exact tie lands on the same day (or order) on both paths.
 */
import { type Arith, tieOf } from '../../arith.ts';
import { type Column, IntColumn, column } from '../../family/columns.ts';
import type { FamilyLedger } from '../../family/ledger.ts';
import type { FamilyModel } from '../../family/model.ts';
import type { FamilyModelV1, ModelChangeV1 } from '../../scenario/schema.ts';
import { TargetHeap } from '../../family/target-heap.ts';

type RightsParams = Extract<FamilyModelV1, { kind: 'rights' }>;

export class RightsModel<T> implements FamilyModel<T> {
  readonly kind = 'rights' as const;
  dueToday: T;
  defaultToday: T;
  /** what each right waiting at the day's end was paid that day (0 when none waited) */
  dividendToday: T;
  private readonly A: Arith<T>;
  private readonly tie: T;
  /** terms of rights made from now on, and the daily cap of every right */
  private unit: T;
  private unitLow: T;
  private promise: T;
  private k: T;
  private cap: T;

  /** per buyer slot: spend not yet turned into a right */
  private readonly progress: Column<T>;

  /** groups: the rights made on one day under one set of terms (consecutive entries) */
  private readonly gFirst = new IntColumn();
  private readonly gCount = new IntColumn();
  private readonly gDay = new IntColumn();
  /** the level a group joined at (set at the end of its day) */
  private readonly gJoin: Column<T>;
  /** the group today's rights go into; -1 until the next right after a day's end or a change */
  private open = -1;
  /** the first group made today (groups from it on join at the day's end) */
  private pendingFrom = 0;

  /** the level, the rights waiting (joined and not paid in full), the groups' targets */
  private level: T;
  private waiting = 0;
  private readonly heap: TargetHeap<T>;
  /** the level at the end of each day (index: day; 0 before day 1) */
  private readonly levelAt: Column<T>;

  constructor(
    readonly ledger: FamilyLedger<T>,
    readonly params: RightsParams,
  ) {
    const A = (this.A = ledger.A);
    this.tie = tieOf(A);
    this.dueToday = A.zero;
    this.defaultToday = A.zero;
    this.dividendToday = A.zero;
    this.k = A.of(params.k);
    this.cap = A.of(params.capPerDay);
    this.unit = this.unitLow = this.promise = A.zero;
    this.setUnit(A.of(params.unit));
    this.progress = column(A, ledger.expected.buyers);
    this.gJoin = column(A);
    this.level = A.zero;
    this.heap = new TargetHeap(A);
    this.levelAt = column(A);
    this.levelAt.push(A.zero);
  }

  private setUnit(u: T): void {
    const A = this.A;
    this.unit = u;
    this.unitLow = A.sub(u, A.mul(u, this.tie));
    this.promise = A.mul(this.k, u);
    this.open = -1;
  }

  /** rights waiting to be paid (joined, not paid in full) */
  get rightsWaiting(): number {
    return this.waiting;
  }

  /** the order's spend toward the buyer's next right; every full unit makes one */
  order(buyer: number, amount: T): void {
    const A = this.A;
    const progress = this.progress;
    while (progress.length <= buyer) progress.push(A.zero);
    let p = A.add(progress.get(buyer), amount);
    if (A.cmp(p, this.unitLow) < 0) {
      progress.set(buyer, p);
      return;
    }
    let n = 0;
    do {
      p = A.sub(p, this.unit);
      n++;
    } while (A.cmp(p, this.unitLow) >= 0);
    // a tie leaves a hair below zero: nothing
    progress.set(buyer, A.isNeg(p) ? A.zero : p);
    const L = this.ledger;
    let g = this.open;
    if (g < 0 || this.gFirst.get(g) + this.gCount.get(g) !== L.entryCount) {
      g = this.open = this.gFirst.push(L.entryCount);
      this.gCount.push(0);
      this.gDay.push(L.day);
    }
    L.addEntries(buyer, n, this.unit, this.promise);
    this.gCount.set(g, this.gCount.get(g) + n);
  }

  /** true when `money` pays `owed` in full, or falls short of it only by a tie */
  private covers(money: T, owed: T): boolean {
    const A = this.A;
    if (A.cmp(money, owed) >= 0) return true;
    return A.cmp(A.sub(owed, money), A.mul(this.tie, owed)) <= 0;
  }

  /** the day's dividend to the rights made on earlier days, then today's rights join */
  endDay(day: number): void {
    const A = this.A;
    const L = this.ledger;
    const heap = this.heap;
    let paid = A.zero;
    let div = A.zero;
    let short = A.zero;
    if (this.waiting > 0) {
      const capTop = A.add(this.level, this.cap);
      let binding = false;
      for (;;) {
        const target = heap.minKey;
        const toTarget = A.cmp(target, capTop) <= 0;
        const reach = toTarget ? target : capTop;
        let step = A.sub(reach, this.level);
        if (A.isNeg(step)) step = A.zero;
        const need = A.mul(step, A.of(this.waiting));
        const fund = L.fund;
        if (this.covers(fund, need)) {
          const x = A.cmp(fund, need) < 0 ? fund : need;
          if (!A.isZero(x)) L.pay(x);
          paid = A.add(paid, x);
          this.level = reach;
          if (!toTarget) {
            div = this.cap;
            break;
          }
          div = A.add(div, step);
          // every group whose target the level has reached (to a tie) is paid in full
          const reachTie = A.add(target, A.mul(this.tie, target));
          while (heap.size > 0 && A.cmp(heap.minKey, reachTie) <= 0) this.complete(heap.pop());
          if (this.waiting === 0) break;
        } else {
          const s = A.div(fund, A.of(this.waiting));
          L.pay(fund);
          paid = A.add(paid, fund);
          this.level = A.add(this.level, s);
          div = A.add(div, s);
          binding = true;
          break;
        }
      }
      if (binding) short = this.shortfall(capTop, div);
    }
    this.dividendToday = div;
    this.defaultToday = short;
    this.dueToday = A.add(paid, short);
    // today's rights join at the level after today's dividend: paid from tomorrow
    const groups = this.gFirst.length;
    for (let g = this.pendingFrom; g < groups; g++) {
      this.gJoin.push(this.level);
      heap.push(A.add(this.level, L.entryPromise.get(this.gFirst.get(g))), g);
      this.waiting += this.gCount.get(g);
    }
    this.pendingFrom = groups;
    this.open = -1;
    while (this.levelAt.length < day) this.levelAt.push(this.levelAt.get(this.levelAt.length - 1));
    this.levelAt.push(this.level);
  }

  private complete(g: number): void {
    const L = this.ledger;
    const first = this.gFirst.get(g);
    const n = this.gCount.get(g);
    for (let e = first; e < first + n; e++) L.done(e);
    this.waiting -= n;
  }

  /**
   * A day the fund ran short: what the rights still waiting were owed at the cap, each the cap or
   * what it owed at the day's start if less (target - start level), less the dividend each got.
   * = waiting x (cap - div) - sum over groups with target < capTop of count x (capTop - target);
   * those groups are taken off the heap and put back (they are the few about to finish).
   */
  private shortfall(capTop: T, div: T): T {
    const A = this.A;
    const heap = this.heap;
    let short = A.mul(A.of(this.waiting), A.sub(this.cap, div));
    const near: number[] = [];
    const keys: T[] = [];
    while (heap.size > 0 && A.cmp(heap.minKey, capTop) < 0) {
      const key = heap.minKey;
      const g = heap.pop();
      near.push(g);
      keys.push(key);
      short = A.sub(short, A.mul(A.of(this.gCount.get(g)), A.sub(capTop, key)));
    }
    for (let i = 0; i < near.length; i++) heap.push(keys[i]!, near[i]!);
    return A.isNeg(short) ? A.zero : short;
  }

  /** k and unit for rights made from now on, the cap for every right (the validator refuses other models' fields: checks.ts MODEL_CHANGE_KEYS) */
  change(c: ModelChangeV1): void {
    const A = this.A;
    if (c.k !== undefined) this.k = A.of(c.k);
    if (c.capPerDay !== undefined) this.cap = A.of(c.capPerDay);
    if (c.k !== undefined || c.unit !== undefined) this.setUnit(c.unit !== undefined ? A.of(c.unit) : this.unit);
  }

  /** the group last found by groupOf: a sweep over the rights in order asks about it again, or the next */
  private asked = 0;
  /** the group entry e belongs to: the last group starting at or before it */
  private groupOf(e: number): number {
    const first = this.gFirst;
    const n = first.length;
    for (let g = this.asked; g < n && g <= this.asked + 1; g++) {
      if (first.get(g) <= e && (g + 1 === n || first.get(g + 1) > e)) return (this.asked = g);
    }
    let lo = 0;
    let hi = this.gFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.gFirst.get(mid) <= e) lo = mid;
      else hi = mid - 1;
    }
    return (this.asked = lo);
  }

  /** what right e had been paid by the end of day t */
  paidBy(e: number, t: number): T {
    const A = this.A;
    const L = this.ledger;
    const promise = L.entryPromise.get(e);
    const doneDay = L.entryDoneDay.get(e);
    if (doneDay >= 0 && doneDay <= t) return promise;
    const g = this.groupOf(e);
    if (g >= this.gJoin.length || t <= this.gDay.get(g)) return A.zero;
    const last = this.levelAt.length - 1;
    const got = A.sub(this.levelAt.get(t < last ? t : last), this.gJoin.get(g));
    if (A.cmp(got, A.zero) <= 0) return A.zero;
    return A.cmp(got, promise) > 0 ? promise : got;
  }
}
