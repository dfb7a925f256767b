/**
 * Daily release (消费全返 / 静态释放, RULEBOOK §9.3). Each order of amount A promises its buyer
 * k x A, released as cash from the fund at a rate r a day: of the **original** promise (k x A x r a
 * day, the last release being what is left) or of the **remaining** one (r x what is still owed; the
 * release that would leave less than 0.01 owed pays all of it). A day's orders come first; every
 * promise made on an earlier day then receives its release. When the fund holds less than the day's
 * total due, every due release is paid the same fraction (fund / due) and the fund is emptied; the
 * unpaid part is the day's default, still owed and not added to the next day's due.
 *
 * One record per entry day: the promises of one day get the same fraction of their due every day,
 * so each owes the same share u of its promise (1 when made, 0 when complete) and the day's record
 * (its promise total and u) serves them all. A promise is touched once more, when its record
 * completes (ledger.done).
 *
 * Nor does a day visit every record. Each day applies one step to the u of every record in the
 * same phase (a linear phase: u - pi x r, pi being the day's paid fraction; a share phase:
 * u x (1 - pi x r); the last phase: u x (1 - pi)), so the day's due is kept as a few totals (r x
 * the promises on the rate, r x what the share records owe, what the last records owe), each moved
 * by the day's step, and a record is visited only when it changes phase. The same step keeps the
 * records in order: in the original mode an older record never owes a larger share than a younger
 * one, so records reach their last release oldest first (a pointer); in the remaining mode each
 * record's distance to its 0.01 shrinks by the same factor, so the nearest comes first (a heap).
 * A day costs O(1) plus O(log days) for each record that changes phase, whatever the number of
 * records (and, in the remaining mode, on a day the rate changes, a look at each record in its
 * last phase, which a lower rate can put back on its share; completing a record marks each of its
 * promises once).
 *
 * The remaining mode's completion ("less than 0.01 owed") is per promise in principle, and the
 * promises of a day differ in amount (lognormal amounts): here the day's **largest** promise decides.
 * Its record pays what all its promises owe on the day when the largest would owe less than 0.01
 * after a release: then every promise of the day would, so none is paid early; a smaller promise
 * finishes with that release rather than on the earlier day its own 0.01 would have ended it, so it
 * is at most 0.01 short meanwhile (the smallest deciding would pay a large promise in full on its
 * first day whenever a 0.01 order shares its day).
 *
 * A record's u on any day, for its phase changes and for what a promise had been paid (paidBy), is
 * read from per-day levels (levels.ts): the record keeps one short list of phases (the day each
 * began and u then), and u on day t is that start and the days' steps between: O(log days).
 */
import { EXACT_TIE } from '../../arith.ts';
import type { FamilyLedger } from '../../family/ledger.ts';
import type { FamilyModel } from '../../family/model.ts';
import type { FamilyModelV1, ModelChangeV1 } from '../../scenario/schema.ts';
import { DayProducts, DaySums, RecordHeap } from './levels.ts';

type Params = Extract<FamilyModelV1, { kind: 'release' }>;

/** a record's phase: what its release is that day */
const LINEAR = 0; // original mode: r of the promise
const SHARE = 1; // remaining mode: r of what is still owed
const LAST = 2; // all that is still owed (its last release, or what is left of it after a default)

/**
 * Ties. A release's phase turns on a comparison with a threshold: the original mode's last release
 * comes when what is owed is at most r of the promise, the remaining mode's when its largest
 * promise would owe less than 0.01 after a release. Decimal inputs meet these thresholds exactly
 * (1 - 9 x 0.1 is 0.1; 0.5 x 0.02 is 0.01), but on the fast path the share owed is a sum or
 * product of float steps and lands a few 1e-16 either side (1 - 0.1 - ... - 0.1 is
 * 0.10000000000000014), which would move such a completion by a day. So within TIE of its threshold a share counts as on
 * it, and a tie goes as the rule says for equality: "at most r" is last, "less than 0.01" is not.
 * The same holds for the fund against the day's due: a fund short by no more than TIE of the due
 * (relative) holds what is due, up to rounding, and pays the day in full (no default): a fund that
 * receives exactly what is promised (k equal to the pool share) must not default by 1e-13 on its
 * promises' last day.
 * The fast path's TIE, 1e-10 (of the promise; relative for the 0.01), is far above the rounding
 * of 3,650 days of steps (under 1e-12) and far below any difference a scenario means; the exact
 * path allows its 40-digit noise (EXACT_TIE). A share truly within 1e-10 of a threshold may then
 * complete a day apart on the two paths, as §2 allows an exit at a tie to move by one event.
 */
const FAST_TIE = 1e-10;

export class ReleaseModel<T> implements FamilyModel<T> {
  readonly kind = 'release' as const;
  dueToday: T;
  defaultToday: T;
  dividendToday: T | null = null;
  /** the first day with a default (the release's failure, §9.6); null while none */
  firstDefaultDay: number | null = null;

  private readonly remaining: boolean;
  private k: T;
  private r: T;
  private rateChanged = false;
  private readonly tie: T;
  /** 0.01, less the tie: a share below it is less than 0.01 */
  private readonly centLess: T;

  // one record per entry day (index g), in order of days
  private readonly gDay: number[] = [];
  private readonly gFirst: number[] = [];
  private readonly gCount: number[] = [];
  private readonly gPromise: T[] = [];
  /** the day's largest promise (the remaining mode's completion) */
  private readonly gMax: T[] = [];
  /** its latest phase (index into the phase list), -1 before its first release */
  private readonly gPhase: number[] = [];
  /** the day it completed; -1 while not */
  private readonly gDone: number[] = [];
  /** promises of records 0..g-1 (cum[g]) */
  private readonly cumPromise: T[];
  /** records made on an earlier day: they release */
  private joined = 0;

  // phases of records: a list per record, newest first through pPrev
  private readonly pPrev: number[] = [];
  private readonly pStart: number[] = [];
  private readonly pKind: number[] = [];
  /** u when the phase began (at the end of the day before its start) */
  private readonly pOwed: T[] = [];

  // the day's due, as totals
  /** what the records in their last phase owe */
  private lastOwed: T;
  /** original mode: records head..b-1 are in their last phase, b..joined-1 on the rate */
  private head = 0;
  private b = 0;
  /** remaining mode: what the share records owe, those records by nearness to their last release, and the last ones */
  private shareOwed: T;
  private readonly share: RecordHeap<T>;
  /** a running product of the share step since the heap's keys were last scaled */
  private scale: T;
  private last: number[] = [];

  // the day's levels, day 1 on (day t's paid fraction pi_t; r_t the rate that day)
  /** pi x r: a linear phase's step */
  private readonly paidOfPromise: DaySums<T>;
  /** 1 - pi x r: a share phase's factor */
  private readonly keptOfShare: DayProducts<T>;
  /** 1 - pi: a last phase's factor */
  private readonly keptOfLast: DayProducts<T>;
  private days = 0;

  constructor(
    readonly ledger: FamilyLedger<T>,
    readonly params: Params,
  ) {
    const A = ledger.A;
    this.dueToday = A.zero;
    this.defaultToday = A.zero;
    this.remaining = params.of === 'remaining';
    this.k = A.of(params.k);
    this.r = A.of(params.ratePerDay);
    this.tie = A.of(A.mode === 'exact' ? EXACT_TIE : FAST_TIE);
    this.centLess = A.mul(A.of('0.01'), A.sub(A.one, this.tie));
    this.cumPromise = [A.zero];
    this.lastOwed = A.zero;
    this.shareOwed = A.zero;
    this.share = new RecordHeap(A);
    this.scale = A.one;
    this.paidOfPromise = new DaySums(A);
    this.keptOfShare = new DayProducts(A);
    this.keptOfLast = new DayProducts(A);
  }

  order(buyer: number, amount: T): void {
    const A = this.ledger.A;
    const promise = A.mul(this.k, amount);
    const e = this.ledger.addEntry(buyer, amount, promise);
    let g = this.gDay.length - 1;
    if (g < 0 || this.gDay[g] !== this.ledger.day) {
      g = this.gDay.length;
      this.gDay.push(this.ledger.day);
      this.gFirst.push(e);
      this.gCount.push(0);
      this.gPromise.push(A.zero);
      this.gMax.push(A.zero);
      this.gPhase.push(-1);
      this.gDone.push(-1);
      this.cumPromise.push(this.cumPromise[g]!);
    }
    this.gCount[g]!++;
    this.gPromise[g] = A.add(this.gPromise[g]!, promise);
    this.cumPromise[g + 1] = A.add(this.cumPromise[g + 1]!, promise);
    if (A.cmp(promise, this.gMax[g]!) > 0) this.gMax[g] = promise;
  }

  /** what record g owes (a share of its promise) at the end of day t, from its current phase on */
  private owed(g: number, t: number): T {
    return this.owedIn(this.gPhase[g]!, t);
  }
  private owedIn(p: number, t: number): T {
    const A = this.ledger.A;
    const s = this.pStart[p]!;
    const u0 = this.pOwed[p]!;
    const kind = this.pKind[p]!;
    if (kind === LINEAR) return A.sub(u0, this.paidOfPromise.sum(s, t));
    return A.mul(u0, (kind === SHARE ? this.keptOfShare : this.keptOfLast).product(s, t));
  }
  /** record g enters a phase on day `day`, owing u */
  private enter(g: number, day: number, kind: number, u: T): void {
    const p = this.gPhase[g]!;
    if (p >= 0 && this.pStart[p] === day) {
      // it changes phase again on the day it began one: the later phase is the day's
      this.pKind[p] = kind;
      return;
    }
    this.gPhase[g] = this.pStart.length;
    this.pPrev.push(p);
    this.pStart.push(day);
    this.pKind.push(kind);
    this.pOwed.push(u);
  }
  /** original mode: owing at most r of the promise (within the tie), its release is its last */
  private lastByRate(u: T): boolean {
    const A = this.ledger.A;
    return A.cmp(A.sub(u, this.r), this.tie) <= 0;
  }
  /** remaining mode: its largest promise would owe less than 0.01 after the release */
  private lastByCent(g: number, u: T): boolean {
    const A = this.ledger.A;
    return A.cmp(A.mul(A.mul(A.sub(A.one, this.r), u), this.gMax[g]!), this.centLess) < 0;
  }
  /** remaining mode: record g, owing u, goes on its share (the heap's key: how far its largest promise is from 0.01) */
  private toShare(g: number, day: number, u: T): void {
    const A = this.ledger.A;
    if (this.share.size === 0) this.scale = A.one;
    this.share.push(g, A.div(A.mul(u, this.gMax[g]!), this.scale));
    this.shareOwed = A.add(this.shareOwed, A.mul(this.gPromise[g]!, u));
    this.enter(g, day, SHARE, u);
  }
  private toLast(g: number, day: number, u: T): void {
    const A = this.ledger.A;
    this.lastOwed = A.add(this.lastOwed, A.mul(this.gPromise[g]!, u));
    this.enter(g, day, LAST, u);
  }
  private complete(g: number, day: number): void {
    this.gDone[g] = day;
    for (let e = this.gFirst[g]!, end = e + this.gCount[g]!; e < end; e++) this.ledger.done(e);
  }

  /** the phase changes of day `day`, before its release: records made earlier join, others move on */
  private phases(day: number): void {
    const A = this.ledger.A;
    const y = day - 1;
    if (!this.remaining) {
      // records made on earlier days go on the rate; they are the youngest and owe the most
      for (; this.joined < this.gDay.length && this.gDay[this.joined]! < day; this.joined++) this.enter(this.joined, day, LINEAR, A.one);
      // after the rate fell: the youngest in their last phase may owe more than r again
      while (this.b > this.head) {
        const g = this.b - 1;
        const u = this.owed(g, y);
        if (this.lastByRate(u)) break;
        this.lastOwed = A.sub(this.lastOwed, A.mul(this.gPromise[g]!, u));
        this.enter(g, day, LINEAR, u);
        this.b--;
      }
      // the oldest on the rate owing at most r: their last release
      while (this.b < this.joined) {
        const u = this.owed(this.b, y);
        if (!this.lastByRate(u)) break;
        this.toLast(this.b, day, u);
        this.b++;
      }
      if (this.b === this.head) this.lastOwed = A.zero;
      return;
    }
    // remaining mode: after the rate fell, a record in its last phase may be back on its share
    if (this.rateChanged) {
      const still: number[] = [];
      for (const g of this.last) {
        const u = this.owed(g, y);
        if (this.lastByCent(g, u)) still.push(g);
        else {
          this.lastOwed = A.sub(this.lastOwed, A.mul(this.gPromise[g]!, u));
          this.toShare(g, day, u);
        }
      }
      this.last = still;
      if (still.length === 0) this.lastOwed = A.zero;
    }
    for (; this.joined < this.gDay.length && this.gDay[this.joined]! < day; this.joined++) {
      const g = this.joined;
      if (this.lastByCent(g, A.one)) {
        this.toLast(g, day, A.one);
        this.last.push(g);
      } else this.toShare(g, day, A.one);
    }
    // the records nearest their 0.01 first
    while (this.share.size > 0) {
      const g = this.share.top();
      const u = this.owed(g, y);
      if (!this.lastByCent(g, u)) break;
      this.share.pop();
      this.shareOwed = A.sub(this.shareOwed, A.mul(this.gPromise[g]!, u));
      this.toLast(g, day, u);
      this.last.push(g);
    }
    if (this.share.size === 0) this.shareOwed = A.zero;
  }

  endDay(day: number): void {
    const A = this.ledger.A;
    const L = this.ledger;
    this.phases(day);
    this.rateChanged = false;
    // the day's total due, over the records made on earlier days
    const onRate = this.remaining ? this.shareOwed : A.sub(this.cumPromise[this.joined]!, this.cumPromise[this.b]!);
    const due = A.add(A.mul(this.r, onRate), this.lastOwed);
    // what the fund pays of it: all, or everything it holds, pro rata
    let pi = A.one;
    let paid = due;
    if (A.cmp(L.fund, due) < 0) {
      paid = L.fund;
      // a fund short by no more than the tie of the due is rounding (a fund that holds exactly
      // what is due, as when it receives all that is promised, k = pool share): the day pays in full
      if (A.cmp(A.sub(due, paid), A.mul(due, this.tie)) > 0) pi = A.div(paid, due);
    }
    if (!A.isZero(paid)) L.pay(paid);
    const full = A.cmp(pi, A.one) === 0;
    this.dueToday = due;
    this.defaultToday = full ? A.zero : A.sub(due, paid);
    if (this.firstDefaultDay === null && !full) this.firstDefaultDay = day;
    // the day's levels
    const step = A.mul(pi, this.r);
    const keptOfShare = A.sub(A.one, step);
    const keptOfLast = A.sub(A.one, pi);
    this.paidOfPromise.push(step);
    this.keptOfShare.push(keptOfShare);
    this.keptOfLast.push(keptOfLast);
    this.days = day;
    // the totals move by the day's step; a last release paid in full completes its record
    if (this.remaining) {
      this.shareOwed = A.mul(this.shareOwed, keptOfShare);
      this.scale = A.mul(this.scale, keptOfShare);
      if (this.share.size > 0 && A.num(this.scale) < 1e-100) {
        // keep the heap's keys within float range: the order stays
        this.share.scale(this.scale);
        this.scale = A.one;
      }
      if (full) {
        for (const g of this.last) this.complete(g, day);
        this.last = [];
      }
    } else if (full) {
      for (let g = this.head; g < this.b; g++) this.complete(g, day);
      this.head = this.b;
    }
    this.lastOwed = full ? A.zero : A.mul(this.lastOwed, keptOfLast);
  }

  change(c: ModelChangeV1): void {
    // promises already made keep their k; the rate applies to every promise from today on
    if (c.k !== undefined) this.k = this.ledger.A.of(c.k);
    if (c.ratePerDay !== undefined) {
      this.r = this.ledger.A.of(c.ratePerDay);
      this.rateChanged = true;
    }
  }

  /** the record last found by recordOf: a sweep over the promises in order asks about it again, or the next */
  private asked = 0;
  /** the record holding entry e (records hold consecutive entries) */
  private recordOf(e: number): number {
    const first = this.gFirst;
    const n = first.length;
    for (let g = this.asked; g < n && g <= this.asked + 1; g++) {
      if (first[g]! <= e && (g + 1 === n || first[g + 1]! > e)) return (this.asked = g);
    }
    let lo = 0;
    let hi = this.gFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.gFirst[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return (this.asked = lo);
  }

  paidBy(e: number, t: number): T {
    const A = this.ledger.A;
    const g = this.recordOf(e);
    const promise = this.ledger.entryPromise.get(e);
    if (this.gDone[g]! >= 0 && t >= this.gDone[g]!) return promise;
    t = Math.min(t, this.days);
    let p = this.gPhase[g]!;
    while (p >= 0 && this.pStart[p]! > t) p = this.pPrev[p]!;
    if (p < 0) return A.zero;
    // the promises of a record share u: the last record asked about each day keeps its u, so a
    // cohort's sweep over a record's promises (one day, or the same binary search) reads it once
    if (this.askedPhase[t] !== p) {
      this.askedPhase[t] = p;
      this.askedOwed[t] = this.owedIn(p, t);
    }
    return A.mul(promise, A.sub(A.one, this.askedOwed[t]!));
  }
  /** by day: the phase last asked about, and its u that day */
  private readonly askedPhase: number[] = [];
  private readonly askedOwed: T[] = [];
}
