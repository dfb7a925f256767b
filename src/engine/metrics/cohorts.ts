/**
 * Cohorts (RULEBOOK §8): users grouped by the period of their first order, with their spend, cash
 * from points, referral income, realisable value, return multiple, shares broken even and hit the
 * exit multiple, and median days to realised break-even.
 */
import type { Book } from '../book.ts';
import type { Referral } from '../referral.ts';
import type { CohortRow } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { selectInPlace } from './select.ts';
import { fig, ratio, share } from './figures.ts';

const NEVER = 0x7fffffff;

/** lower median of days[lo..hi] (NEVER for never); null when the median user never broke even */
function medianDays(days: Int32Array, lo: number, hi: number): number | null {
  if (hi < lo) return null;
  const v = selectInPlace(days, lo + Math.floor((hi - lo) / 2), lo, hi);
  return v === NEVER ? null : v;
}


/**
 * Cohort figures as of now, and every buyer's realised return multiple, in one pass over the users.
 * Buyers are created in order of their first day, so, once legacy members (who bought nothing here)
 * are left out, each cohort is a contiguous range of the compacted list.
 */
export function cohortsNow<T>(
  book: Book<T>,
  s: FlowScenarioV1,
  ref: Referral<T> | null,
): { cohorts: CohortRow[]; realised: T[] | Float64Array; legacyPaid: T; brokeEven: number } {
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
    from: -1,
    to: -2,
  }));
  const n = book.userCount;
  let legacyPaid = A.zero;
  let buyers = 0;
  const fastMode = A.mode === 'fast';
  const realised: T[] | Float64Array = fastMode ? new Float64Array(n) : new Array<T>(n);
  const beDays = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    if (book.isLegacy(u)) {
      legacyPaid = A.add(legacyPaid, book.cashOf(u));
      continue;
    }
    const i = buyers++;
    const firstDay = book.firstDayOf(u);
    const k = Math.floor((firstDay - 1) / period);
    const row = c[k]!;
    if (row.from < 0) row.from = i;
    row.to = i;
    const spent = book.spentOf(u);
    const cash = book.cashOf(u);
    const realisable = A.mul(A.mul(keep, book.holdingOf(u)), price);
    row.users++;
    row.spend = A.add(row.spend, spent);
    row.cash = A.add(row.cash, cash);
    if (ref) row.referral = A.add(row.referral, ref.income[u]!);
    row.realisable = A.add(row.realisable, realisable);
    const be = book.breakEvenDayOf(u);
    if (be >= 0) row.be++;
    if (A.cmp(A.add(cash, realisable), spent) >= 0) row.paper++;
    if (book.hitExitOf(u)) row.hit++;
    beDays[i] = be < 0 ? NEVER : be - firstDay;
    const r = A.div(cash, spent);
    if (fastMode) (realised as Float64Array)[i] = A.num(r);
    else (realised as T[])[i] = r;
  }
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
    medianDaysToBreakEven: medianDays(beDays, row.from, row.to),
  }));
  const brokeEven = c.reduce((n, row) => n + row.be, 0);
  return { brokeEven, cohorts, realised: fastMode ? (realised as Float64Array).subarray(0, buyers) : (realised as T[]).slice(0, buyers), legacyPaid };
}
