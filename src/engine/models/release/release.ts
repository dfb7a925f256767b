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
 * (its promise total and u) serves them all. The day's walk visits the records still releasing,
 * never a promise; a promise is touched once more, when its record completes (ledger.done).
 *
 * The remaining mode's completion ("less than 0.01 owed") is per promise in principle, and the
 * promises of a day differ in amount (lognormal amounts): here the day's **largest** promise decides.
 * Its record pays what all its promises owe on the day when the largest would owe less than 0.01
 * after a release: then every promise of the day would, so none is paid early; a smaller promise
 * finishes with that release rather than on the earlier day its own 0.01 would have ended it, so it
 * is at most 0.01 short meanwhile (the smallest deciding would pay a large promise in full on its
 * first day whenever a 0.01 order shares its day).
 *
 * What a promise had been paid by the end of any day (paidBy) is read from per-day levels
 * (levels.ts): a record's u moves by the same step as every record in the same phase (a linear
 * phase: u - paid fraction x r; a share phase: u x (1 - paid fraction x r); its last phase:
 * u x (1 - paid fraction)), so the record keeps one short list of phases (where each began and u
 * then), and u on day t is that start and the level between: O(log days) a question.
 */
import { EXACT_TIE } from '../../arith.ts';
import type { FamilyLedger } from '../../family/ledger.ts';
import type { FamilyModel } from '../../family/model.ts';
import type { FamilyModelV1, ModelChangeV1 } from '../../scenario/schema.ts';
import { DayProducts, DaySums } from './levels.ts';

type Params = Extract<FamilyModelV1, { kind: 'release' }>;

/** a record's phase: what its release is that day */
const LINEAR = 0; // original mode: r of the promise
const SHARE = 1; // remaining mode: r of what is still owed
const LAST = 2; // all that is still owed (its last release, or what is left of it after a default)

/**
 * Ties. A release's phase turns on a comparison with a threshold: the original mode's last release
 * comes when what is owed is at most r of the promise, the remaining mode's when its largest
 * promise would owe less than 0.01 after a release. Decimal inputs meet these thresholds exactly
 * (1 - 999 x 0.001 is 0.001; 0.5 x 0.02 is 0.01), but on the fast path the share owed is a sum or
 * product of float steps and lands a few 1e-16 either side (0.001 is not a binary fraction), which
 * would move every such completion by a day. So within TIE of its threshold a share counts as on
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
  /** the share of its promises still owed: 1 when made, 0 when complete */
  private readonly gOwed: T[] = [];
  /** its latest phase (index into the phase list), -1 before its first release */
  private readonly gPhase: number[] = [];
  /** the day it completed; -1 while not */
  private readonly gDone: number[] = [];
  /** records still releasing, in order of days */
  private active: number[] = [];
  /** a record made today, which starts releasing tomorrow */
  private today = -1;

  // phases of records: a list per record, newest first through pPrev
  private readonly pPrev: number[] = [];
  private readonly pStart: number[] = [];
  private readonly pKind: number[] = [];
  private readonly pOwed: T[] = [];

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
    this.paidOfPromise = new DaySums(A);
    this.keptOfShare = new DayProducts(A);
    this.keptOfLast = new DayProducts(A);
  }

  order(buyer: number, amount: T): void {
    const A = this.ledger.A;
    const promise = A.mul(this.k, amount);
    const e = this.ledger.addEntry(buyer, amount, promise);
    let g = this.today;
    if (g < 0) {
      g = this.today = this.gDay.length;
      this.gDay.push(this.ledger.day);
      this.gFirst.push(e);
      this.gCount.push(0);
      this.gPromise.push(A.zero);
      this.gMax.push(A.zero);
      this.gOwed.push(A.one);
      this.gPhase.push(-1);
      this.gDone.push(-1);
    }
    this.gCount[g]!++;
    this.gPromise[g] = A.add(this.gPromise[g]!, promise);
    if (A.cmp(promise, this.gMax[g]!) > 0) this.gMax[g] = promise;
  }

  /** record g's phase today, from what it owes and today's rate */
  private phaseOf(g: number): number {
    const A = this.ledger.A;
    const u = this.gOwed[g]!;
    if (!this.remaining) return A.cmp(A.sub(u, this.r), this.tie) <= 0 ? LAST : LINEAR;
    // the release that would leave its largest promise owing less than 0.01 pays all it owes
    const after = A.mul(A.mul(A.sub(A.one, this.r), u), this.gMax[g]!);
    return A.cmp(after, this.centLess) < 0 ? LAST : SHARE;
  }

  /** the share of record g's promises due in a phase */
  private dueShare(g: number, phase: number): T {
    const A = this.ledger.A;
    return phase === LINEAR ? this.r : phase === SHARE ? A.mul(this.r, this.gOwed[g]!) : this.gOwed[g]!;
  }

  endDay(day: number): void {
    const A = this.ledger.A;
    const L = this.ledger;
    // the day's total due, over the records made on earlier days
    let due = A.zero;
    for (const g of this.active) due = A.add(due, A.mul(this.gPromise[g]!, this.dueShare(g, this.phaseOf(g))));
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
    this.dueToday = due;
    this.defaultToday = A.cmp(pi, A.one) === 0 ? A.zero : A.sub(due, paid);
    if (this.firstDefaultDay === null && !A.isZero(this.defaultToday)) this.firstDefaultDay = day;
    // each record gets pi of its due; a last release paid in full completes it
    const full = A.cmp(pi, A.one) === 0;
    const still: number[] = [];
    for (const g of this.active) {
      const phase = this.phaseOf(g);
      const p = this.gPhase[g]!;
      if (p < 0 || this.pKind[p] !== phase) {
        this.gPhase[g] = this.pStart.length;
        this.pPrev.push(p);
        this.pStart.push(day);
        this.pKind.push(phase);
        this.pOwed.push(this.gOwed[g]!);
      }
      if (phase === LAST && full) {
        this.gOwed[g] = A.zero;
        this.gDone[g] = day;
        for (let e = this.gFirst[g]!, end = e + this.gCount[g]!; e < end; e++) L.done(e);
      } else {
        this.gOwed[g] = A.sub(this.gOwed[g]!, A.mul(pi, this.dueShare(g, phase)));
        still.push(g);
      }
    }
    if (this.today >= 0) still.push(this.today);
    this.active = still;
    this.today = -1;
    // the day's levels
    const step = A.mul(pi, this.r);
    this.paidOfPromise.push(step);
    this.keptOfShare.push(A.sub(A.one, step));
    this.keptOfLast.push(A.sub(A.one, pi));
    this.days = day;
  }

  change(c: ModelChangeV1): void {
    // promises already made keep their k; the rate applies to every promise from today on
    if (c.k !== undefined) this.k = this.ledger.A.of(c.k);
    if (c.ratePerDay !== undefined) this.r = this.ledger.A.of(c.ratePerDay);
  }

  /** the record holding entry e (records hold consecutive entries) */
  private recordOf(e: number): number {
    let lo = 0;
    let hi = this.gFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.gFirst[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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
    const s = this.pStart[p]!;
    const u0 = this.pOwed[p]!;
    const kind = this.pKind[p]!;
    const u =
      kind === LINEAR
        ? A.sub(u0, this.paidOfPromise.sum(s, t))
        : A.mul(u0, (kind === SHARE ? this.keptOfShare : this.keptOfLast).product(s, t));
    return A.mul(promise, A.sub(A.one, u));
  }
}
