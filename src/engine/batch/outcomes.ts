/**
 * Outcomes: one number per run, named in a small vocabulary that sweeps print as CSV columns and
 * Monte Carlo summarises across seeds. Each is a RULEBOOK §8 figure, computed straight from the
 * driver's daily rows and the book (no result document is built: at 100,000 buyers that would cost
 * as much again as the run). Tests hold every outcome to the same figure read off `simulateFlow`.
 *
 * Vocabulary (`name` or `name:argument`); every value is a number, or null where it says so:
 *
 *   users                    buyers (users with at least one order; legacy members are not buyers
 *                            and count in none of the shares below)
 *   shareBrokeEven           share of all buyers who ever broke even, realised (cash received from
 *                            points >= spend), by the end of the run; null with no buyers
 *   shareBrokeEven:N         share of all buyers who broke even (realised) within N days of their
 *                            first order (break-even day - first day <= N). The denominator is every
 *                            buyer, also those who entered fewer than N days before the end
 *   shareHitExitMultiple     share of all buyers ever forced out at the exit multiple
 *   forcedExits              forced exits over the run (a buyer who re-enters may exit twice)
 *   finalPrice, finalPool    price and pool at the end of the last day
 *   paidShareOfSpend         cash paid to buyers for points / total spend; null with no orders
 *   daysUntilCoverageBelow:X first day whose end-of-day coverage (pool / what active users need to
 *                            break even) is below X; days when nothing is needed do not count;
 *                            null if never
 *   coverageBreakEven        coverage at the end of the last day: pool / what active users need to
 *                            break even (the last solvency row's coverageBreakEven); null when
 *                            nothing is needed
 *   coverageExitPromise      the same against the exit promise; null when exits are off or nothing
 *                            is promised
 *   lowestCoverageAfter:N    the lowest end-of-day coverage of the need to break even over the days
 *                            after day N (days N + 1 to the end); days when nothing is needed do not
 *                            count; null if none is left
 *   shortfallBreakEven       the shortfall in money at the end: max(0, need to break even - pool)
 *   shortfallExitPromise     the same against the exit promise; null when exits are off
 *   poolFoldFor1x, poolFoldFor2x, poolFoldForKx
 *                            how many times the pool must grow, with orders alone, for the latest
 *                            buyer's points to be worth K x spend (requiredGrowth's poolFold); null
 *                            when it has no answer (no buyer, no points, gift ratio 1)
 */
import type { Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/index.ts';
import { bookFor, runFlow, type FlowRun } from '../flow/run.ts';
import { shortfallOf } from '../metrics/solvency.ts';

export type OutcomeName =
  | 'users'
  | 'shareBrokeEven'
  | 'shareHitExitMultiple'
  | 'forcedExits'
  | 'finalPrice'
  | 'finalPool'
  | 'paidShareOfSpend'
  | 'daysUntilCoverageBelow'
  | 'coverageBreakEven'
  | 'coverageExitPromise'
  | 'lowestCoverageAfter'
  | 'shortfallBreakEven'
  | 'shortfallExitPromise'
  | 'poolFoldFor';

/** A parsed outcome: its label as written (the CSV column), its name and argument. */
export interface Outcome {
  label: string;
  name: OutcomeName;
  arg: number | null;
}

/** The outcomes a sweep prints when its file names none. */
export const DEFAULT_OUTCOMES = ['finalPrice', 'paidShareOfSpend', 'shareBrokeEven', 'shareHitExitMultiple', 'forcedExits'] as const;

export const OUTCOME_HELP =
  'users, shareBrokeEven, shareBrokeEven:N (days, a whole number >= 0), shareHitExitMultiple, forcedExits, finalPrice, finalPool, paidShareOfSpend, daysUntilCoverageBelow:X (X > 0), coverageBreakEven, coverageExitPromise, lowestCoverageAfter:N (days, a whole number >= 0), shortfallBreakEven, shortfallExitPromise, poolFoldFor1x, poolFoldFor2x, poolFoldForKx (K > 0)';

const PLAIN: readonly OutcomeName[] = [
  'users',
  'shareBrokeEven',
  'shareHitExitMultiple',
  'forcedExits',
  'finalPrice',
  'finalPool',
  'paidShareOfSpend',
  'coverageBreakEven',
  'coverageExitPromise',
  'shortfallBreakEven',
  'shortfallExitPromise',
];

/** Parse one outcome label, or say what is wrong with it and what is allowed. */
export function parseOutcome(label: string): Outcome | string {
  const fold = /^poolFoldFor(.*)x$/.exec(label);
  if (fold) {
    const k = Number(fold[1]);
    if (fold[1] === '' || !Number.isFinite(k) || k <= 0) return `"${label}": the multiple K in poolFoldForKx must be a number > 0, e.g. poolFoldFor1x`;
    return { label, name: 'poolFoldFor', arg: k };
  }
  const colon = label.indexOf(':');
  const name = colon < 0 ? label : label.slice(0, colon);
  const argText = colon < 0 ? null : label.slice(colon + 1);
  if (name === 'daysUntilCoverageBelow') {
    const x = argText === null || argText.trim() === '' ? NaN : Number(argText);
    if (!Number.isFinite(x) || x <= 0) return `"${label}": give the coverage as daysUntilCoverageBelow:X with a number X > 0, e.g. daysUntilCoverageBelow:1`;
    return { label, name, arg: x };
  }
  if (name === 'shareBrokeEven' && argText !== null) {
    const n = /^\d+$/.test(argText) ? Number(argText) : NaN;
    if (!Number.isSafeInteger(n)) return `"${label}": the days N in shareBrokeEven:N must be a whole number >= 0, e.g. shareBrokeEven:90`;
    return { label, name, arg: n };
  }
  if (name === 'lowestCoverageAfter') {
    const n = argText !== null && /^\d+$/.test(argText) ? Number(argText) : NaN;
    if (!Number.isSafeInteger(n)) return `"${label}": give the day as lowestCoverageAfter:N with a whole number N >= 0, e.g. lowestCoverageAfter:30`;
    return { label, name, arg: n };
  }
  if ((PLAIN as readonly string[]).includes(name)) {
    if (argText !== null) return `"${label}": ${name} takes no argument`;
    return { label, name: name as OutcomeName, arg: null };
  }
  return `unknown outcome "${label}"; allowed: ${OUTCOME_HELP}`;
}

export type FinishedRun = Extract<FlowRun<unknown>, { ok: true }>;

/** Run a validated time-driven scenario on the book `simulateFlow` uses (fast, or exact when the rules round); no result document. */
export function runBare(s: FlowScenarioV1): { ok: true; run: FinishedRun } | { ok: false; problems: Problem[] } {
  const run = runFlow(bookFor(s), s);
  return run.ok ? { ok: true, run } : run;
}

/** One sweep cell: a scenario and the outcomes to report. */
export interface OutcomesInput {
  scenario: FlowScenarioV1;
  outcomes: Outcome[];
}
export type OutcomesOutput = { ok: true; values: (number | null)[] } | { ok: false; problems: Problem[] };

/** Run one sweep cell and compute its outcomes. */
export function cellOutcomes({ scenario, outcomes }: OutcomesInput): OutcomesOutput {
  const r = runBare(scenario);
  return r.ok ? { ok: true, values: outcomeValues(r.run, outcomes) } : r;
}

/** The values of the given outcomes for one finished run, in order. */
export function outcomeValues(run: FinishedRun, outcomes: readonly Outcome[]): (number | null)[] {
  const { book } = run;
  const A = book.A;
  // one pass over the users for every per-user count asked for. Buyers: every user but legacy
  // members (converted old members, who bought nothing here)
  const within = [...new Set(outcomes.filter((o) => o.name === 'shareBrokeEven').map((o) => o.arg))];
  const beCount = new Map(within.map((w) => [w, 0]));
  const wantHit = outcomes.some((o) => o.name === 'shareHitExitMultiple');
  const slots = book.userCount;
  let n = 0;
  let hit = 0;
  let legacyPaid = A.zero;
  for (let u = 0; u < slots; u++) {
    if (book.isLegacy(u)) {
      legacyPaid = A.add(legacyPaid, book.cashOf(u));
      continue;
    }
    n++;
    if (wantHit && book.hitExitOf(u)) hit++;
    if (within.length === 0) continue;
    const be = book.breakEvenDayOf(u);
    if (be < 0) continue;
    const days = be - book.firstDayOf(u);
    for (const w of within) if (w === null || days <= w) beCount.set(w, beCount.get(w)! + 1);
  }
  const share = (k: number): number | null => (n === 0 ? null : k / n);

  return outcomes.map((o) => {
    switch (o.name) {
      case 'users':
        return n;
      case 'shareBrokeEven':
        return share(beCount.get(o.arg)!);
      case 'shareHitExitMultiple':
        return share(hit);
      case 'forcedExits':
        return book.forcedCount;
      case 'finalPrice':
        return A.num(book.price);
      case 'finalPool':
        return A.num(book.pool);
      case 'paidShareOfSpend': {
        // as the result document: cash to buyers, legacy members' sales kept apart
        const t = book.totals;
        return A.isZero(t.orders) ? null : A.num(A.div(A.sub(t.paid, legacyPaid), t.orders));
      }
      case 'daysUntilCoverageBelow': {
        const x = A.of(o.arg!);
        for (const r of run.days) {
          if (A.isZero(r.needBreakEven)) continue;
          if (A.cmp(A.div(r.pool, r.needBreakEven), x) < 0) return r.day;
        }
        return null;
      }
      case 'coverageBreakEven':
      case 'coverageExitPromise':
      case 'shortfallBreakEven':
      case 'shortfallExitPromise': {
        // the last day's solvency figures, by the arithmetic of the result's solvency rows
        const last = run.days[run.days.length - 1];
        if (!last) return null;
        const need = o.name === 'coverageBreakEven' || o.name === 'shortfallBreakEven' ? last.needBreakEven : last.needExitPromise;
        if (need === null) return null;
        if (o.name === 'shortfallBreakEven' || o.name === 'shortfallExitPromise') return A.num(shortfallOf(A, need, last.pool));
        return A.isZero(need) || A.isNeg(need) ? null : A.num(A.div(last.pool, need));
      }
      case 'lowestCoverageAfter': {
        let low: typeof A.zero | null = null;
        for (const r of run.days) {
          if (r.day <= o.arg! || A.isZero(r.needBreakEven)) continue;
          const c = A.div(r.pool, r.needBreakEven);
          if (low === null || A.cmp(c, low) < 0) low = c;
        }
        return low === null ? null : A.num(low);
      }
      case 'poolFoldFor':
        return poolFold(run, o.arg!);
    }
  });
}

/** requiredGrowth's poolFold for a multiple k of the latest buyer's spend, by the same arithmetic. */
function poolFold(run: FinishedRun, k: number): number | null {
  const { book } = run;
  const A = book.A;
  const u = run.lastBuyer;
  if (u < 0) return null;
  const obtained = book.obtainedOf(u);
  if (A.isZero(obtained)) return null;
  const g = A.num(book.rulesNow.g);
  if (g >= 1) return null;
  let priceFold = A.div(A.mul(A.of(k), book.basisOf(u)), A.mul(obtained, book.price));
  if (A.cmp(priceFold, A.one) < 0) priceFold = A.one;
  return Math.pow(A.num(priceFold), 1 / (1 - g));
}
