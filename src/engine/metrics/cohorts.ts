/**
 * Cohorts (RULEBOOK §8): users grouped by the period of their first order, with their spend, cash
 * from points, referral income, realisable value, return multiple, shares broken even and hit the
 * exit multiple, and median days to realised break-even.
 */
import type { Book } from '../book.ts';
import type { Referral } from '../referral.ts';
import type { CohortRow } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { fig, ratio, share } from './figures.ts';
import { bigBuffer } from '../buffers.ts';
import { RANK_COUNTS_BYTES, RankCounts, VALUES_BLOCK, ValueBlock, type ValuesOf } from './select.ts';

/**
 * Above this many users the cohorts' pass counts the realised multiples for the distribution (4 MB of
 * counts, and an add a buyer): it saves the selection a pass over the book, which pays for itself
 * only on large runs; a Monte Carlo seed or a sweep cell (100,000 buyers) reads no distribution at
 * all. At the explorer's year of 300 buyers a day (1.1 million) the metrics took 38-40 ms of CPU in
 * node counting in the pass against 41-45 ms without (medians of 12 runs, 4 processes each).
 * Below the explorer's default year (368,000 buyers), so that its runs take this path too: at
 * 2^19 a worker that had run nothing larger met it first at a drag's release, and the JavaScript
 * engine threw out its compiled metrics there (type feedback it had never seen) and ran them
 * unoptimised: in Chromium, the release's metrics 88 ms in the worker against 23-33 ms on one that
 * had run a larger year (bench/targets.ts's sequence); in node 65-87 ms against 30-40. The default
 * year's metrics in node: 14-17 ms -> 12-13 ms (medians of 20 runs, three alternating pairs).
 */
const COUNT_IN_PASS_ABOVE = 1 << 17;

/**
 * Up to this many users, the pass that counts the multiples (above COUNT_IN_PASS_ABOVE) also keeps
 * them, 8 bytes a buyer for as long as the metrics take, so that the selection's second pass reads
 * one array rather than the book again (a slot's record and a division a buyer): the explorer's
 * year at 300 buyers a day (1.1 million), the metrics 30-33 ms of CPU in node, against 33-34 reading
 * the book (medians of 40, three processes each). The array is a big buffer of the host's
 * (buffers.ts), which the explorer's worker hands again run after run, rather than 2,000 pages
 * faulted in afresh. Above the
 * bound (the command's ten million buyers) the selection reads the book again: the memory a buyer
 * is held to (64 bytes) leaves no room for 8 more.
 */
const KEEP_MULTIPLES_UP_TO = 1 << 22;

/** the bytes of the multiples a fast run of about `users` users keeps (0: none kept), for a host getting its buffers ready (flow/run.ts seedRunBuffers) */
export const keptMultiplesBytes = (users: number): number => (users > COUNT_IN_PASS_ABOVE && users <= KEEP_MULTIPLES_UP_TO ? users * 8 : 0);

/** A cohort's days to realised break-even, counted by value (0..days, and never), read for its lower median. */
class DaysToBreakEven {
  private readonly counts: Int32Array;
  private n = 0;
  constructor(private readonly days: number) {
    this.counts = new Int32Array(days + 2);
  }
  /** days from first order to break-even, or -1 for never */
  add(d: number): void {
    this.counts[d < 0 ? this.days + 1 : d]!++;
    this.n++;
  }
  /** the lower median (the value at index floor((n - 1) / 2) in increasing order, never last); null when it is never or the cohort is empty; then empty again */
  medianAndReset(): number | null {
    if (this.n === 0) return null;
    const t = Math.floor((this.n - 1) / 2);
    let seen = 0;
    let v = 0;
    for (; v <= this.days; v++) {
      seen += this.counts[v]!;
      if (seen > t) break;
    }
    this.counts.fill(0);
    this.n = 0;
    return v > this.days ? null : v;
  }
}

/**
 * Buyers' realised return multiples (cash from points / spend): an array on the exact path; on the
 * fast one, read from the book when asked (metrics/distribution.ts), never held for long, and, for
 * more than COUNT_IN_PASS_ABOVE buyers, counted by their leading bits in the cohorts' pass (the
 * selection's first pass, RankCounts).
 */
export type Realised<T> = T[] | { length: number; valuesOf: ValuesOf; counted: RankCounts | undefined };

/**
 * Cohort figures as of now in one pass over the users, and every buyer's realised return multiple.
 * Buyers are created in order of their first day, so, once legacy members (who bought nothing here)
 * are left out, each cohort is a contiguous range of the compacted list, and its days to break-even
 * are counted while the pass is in it.
 */
export function cohortsNow<T>(
  book: Book<T>,
  s: FlowScenarioV1,
  ref: Referral<T> | null,
): { cohorts: CohortRow[]; realised: Realised<T>; legacyPaid: T; brokeEven: number } {
  const A = book.A;
  const keep = A.sub(A.one, book.rulesNow.w);
  const price = book.price;
  const period = s.flow.cohortDays;
  const nCohorts = Math.ceil(s.flow.days / period);
  const c = Array.from({ length: nCohorts }, () => ({
    users: 0,
    spend: A.zero,
    cash: A.zero,
    referral: A.zero,
    realisable: A.zero,
    be: 0,
    paper: 0,
    hit: 0,
  }));
  const n = book.userCount;
  let legacyPaid = A.zero;
  let buyers = 0;
  const fastMode = A.mode === 'fast';
  const realised: T[] | null = fastMode ? null : new Array<T>(n);
  const counted = fastMode && n > COUNT_IN_PASS_ABOVE ? new RankCounts(bigBuffer(RANK_COUNTS_BYTES, 'metrics')) : null;
  const toBreakEven = new DaysToBreakEven(s.flow.days);
  const medians: Array<number | null> = c.map(() => null);
  let open = -1;
  let row = c[0]!;
  // the first day of the slots [u, dayEnd) and its cohort: read once a day (slots are in order of
  // first day), not searched for every buyer; a cohort is a contiguous range of buyers, so its
  // median closes when the walk leaves it
  let firstDay = 0;
  let dayEnd = 0;
  // holdings read a block of slots ahead of the walk (Book.holdingsOf)
  const BLOCK = VALUES_BLOCK;
  const held: T[] | Float64Array = fastMode ? new Float64Array(BLOCK) : new Array<T>(BLOCK);
  // the block's realised multiples, when counted (as many as its slots at most: BLOCK is VALUES_BLOCK)
  const multiples = counted !== null ? new ValueBlock() : null;
  let nm = 0;
  // and every buyer's, in buyer order, when there are few enough to keep (KEEP_MULTIPLES_UP_TO)
  const keptBytes = fastMode ? keptMultiplesBytes(n) : 0;
  const kept = keptBytes > 0 ? new Float64Array(bigBuffer(keptBytes, 'metrics'), 0, n) : null;
  let keptN = 0;
  const legacy = book.legacySlots;
  const legacyEnd = legacy.count > 0 ? legacy.from + legacy.count : -1;
  for (let b0 = 0; b0 < n; b0 += BLOCK) {
    const b1 = Math.min(n, b0 + BLOCK);
    book.holdingsOf(b0, b1, held as { [i: number]: T });
    let u = b0;
    while (u < b1) {
      if (u < legacyEnd && u >= legacy.from) {
        legacyPaid = A.add(legacyPaid, book.cashOf(u));
        u++;
        continue;
      }
      if (u >= dayEnd) {
        firstDay = book.firstDayOf(u);
        dayEnd = endOfDay(book, u, firstDay, n);
        const k = Math.floor((firstDay - 1) / period);
        if (k !== open) {
          if (open >= 0) medians[open] = toBreakEven.medianAndReset();
          open = k;
          row = c[k]!;
        }
      }
      // a run of buyers [u, e): one first day (so one cohort), one block, no legacy member; the
      // cohort's sums kept in locals over it, added to in slot order as ever. (Legacy members are
      // created at the start of a day, so a day's end already stops a run at them; the run is cut
      // at them wherever they stand.)
      let e = dayEnd < b1 ? dayEnd : b1;
      if (u < legacy.from && legacy.from < e && legacy.count > 0) e = legacy.from;
      let spend = row.spend;
      let cashSum = row.cash;
      let referral = row.referral;
      let realisableSum = row.realisable;
      let be0 = 0;
      let paper = 0;
      let hit = 0;
      row.users += e - u;
      for (; u < e; u++) {
        const i = buyers++;
        const spent = book.spentOf(u);
        const cash = book.cashOf(u);
        const realisable = A.mul(A.mul(keep, held[u - b0] as T), price);
        spend = A.add(spend, spent);
        cashSum = A.add(cashSum, cash);
        if (ref) referral = A.add(referral, ref.income[u]!);
        realisableSum = A.add(realisableSum, realisable);
        const be = book.breakEvenDayOf(u);
        if (be >= 0) be0++;
        if (A.cmp(A.add(cash, realisable), spent) >= 0) paper++;
        if (book.hitExitOf(u)) hit++;
        toBreakEven.add(be < 0 ? -1 : be - firstDay);
        if (realised !== null) realised[i] = A.div(cash, spent);
        else if (multiples !== null) multiples.values[nm++] = A.num(A.div(cash, spent));
      }
      row.spend = spend;
      row.cash = cashSum;
      row.referral = referral;
      row.realisable = realisableSum;
      row.be += be0;
      row.paper += paper;
      row.hit += hit;
    }
    // at most one block of slots' multiples: counted a block at a time
    if (nm > 0) {
      counted!.addBlock(multiples!, nm);
      if (kept !== null) kept.set(multiples!.values.subarray(0, nm), keptN);
      keptN += nm;
      nm = 0;
    }
  }
  if (open >= 0) medians[open] = toBreakEven.medianAndReset();
  const cohorts: CohortRow[] = c.map((row, k) => ({
    cohort: k + 1,
    fromDay: k * period + 1,
    toDay: Math.min(s.flow.days, (k + 1) * period),
    users: row.users,
    spend: fig(A, row.spend),
    cashFromPoints: fig(A, row.cash),
    referralIncome: fig(A, row.referral),
    realisableValue: fig(A, row.realisable),
    returnMultiple: ratio(A, A.add(row.cash, row.realisable), row.spend),
    shareBrokeEvenRealised: share(A, row.be, row.users),
    shareBrokeEvenOnPaper: share(A, row.paper, row.users),
    shareHitExitMultiple: share(A, row.hit, row.users),
    medianDaysToBreakEven: medians[k]!,
  }));
  const brokeEven = c.reduce((n, row) => n + row.be, 0);
  if (realised !== null) return { brokeEven, cohorts, realised: realised.slice(0, buyers), legacyPaid };
  // the fast path reads each buyer's multiple again when the distribution asks (two passes): from
  // those kept (up to KEEP_MULTIPLES_UP_TO buyers), else from the book rather than holding n doubles
  if (kept !== null) {
    const keptOf = (i0: number, i1: number, out: Float64Array): void => out.set(kept.subarray(i0, i1));
    return { brokeEven, cohorts, realised: { length: buyers, valuesOf: keptOf, counted: counted ?? undefined }, legacyPaid };
  }
  const { from, count } = book.legacySlots;
  const valuesOf = (i0: number, i1: number, out: Float64Array): void => {
    for (let i = i0; i < i1; i++) {
      const u = count > 0 && i >= from ? i + count : i;
      out[i - i0] = A.num(A.div(book.cashOf(u), book.spentOf(u)));
    }
  };
  return { brokeEven, cohorts, realised: { length: buyers, valuesOf, counted: counted ?? undefined }, legacyPaid };
}

/** the first slot after u (at most n) whose first day is later than u's, `day`: a bisection over slots, since first days never fall with the slot */
function endOfDay<T>(book: Book<T>, u: number, day: number, n: number): number {
  let lo = u + 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (book.firstDayOf(mid) > day) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
