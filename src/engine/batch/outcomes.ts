/**
 * Outcomes: one number per run, named in a small vocabulary that sweeps print as CSV columns and
 * Monte Carlo summarises across seeds. Each is a RULEBOOK §8 or §9.1 figure, computed straight from
 * the day loop's rows and the book or the family's ledger (no result document is built: at 100,000
 * buyers that would cost as much again as the run). Tests hold every outcome to the same figure read
 * off `simulateFlow` or `simulateFamily`.
 *
 * Every model of the family (RULEBOOK §9) runs in sweeps and Monte Carlo. Some outcomes apply to
 * every model, some only to the seed's model (its points, price and forced exits), some only to the
 * models that pay promises entry by entry (release, queue, rights). Which is which is one table,
 * OUTCOME_MODELS below: an outcome asked of a run whose model it does not apply to is REFUSED before
 * anything runs, naming the outcome, the model and what to ask for instead (a sweep names the cell
 * too). Refused rather than printed as null, because null already means something for most outcomes
 * (never, nothing outstanding), and a null that meant "not this model" would read as one of those.
 *
 * Vocabulary (`name` or `name:argument`); every value is a number, or null where it says so.
 *
 * For every model:
 *   users                    buyers (users with at least one order; legacy members are not buyers
 *                            and count in none of the shares below)
 *   shareBrokeEven           share of all buyers who ever broke even, realised (cash received >=
 *                            spend: from points in the seed's model, on promises in the others), by
 *                            the end of the run; null with no buyers
 *   shareBrokeEven:N         share of all buyers who broke even (realised) within N days of their
 *                            first order (break-even day - first day <= N). The denominator is every
 *                            buyer, also those who entered fewer than N days before the end
 *   paidShareOfSpend         cash paid to buyers (for points; on promises) / total spend; null with no
 *                            orders
 *   fund                     at the end of the last day: the money held to pay (RULEBOOK §9.1; the
 *                            seed's model: its pool)
 *   outstanding              at the end: what is promised and not yet paid (the seed's model: the
 *                            exit promise of §8, sum of m x basis - cash since entry over active
 *                            users, or the need to break even when exits are off)
 *   coverage                 fund / outstanding at the end; null when nothing is outstanding
 *   firstDefaultDay          the first day a payment due was not paid in full (a release's default;
 *                            the rights' first day under the daily cap; the seed's model, which pays
 *                            at its mark, only a sale a back office's price floor leaves unpaid,
 *                            §9.2); null if never. The queue pays what comes in: always null
 *   totalDefaults            payments due and not paid, summed over the run (0 for the queue, and
 *                            for the seed's model without a price floor)
 *   daysUntilPromiseCoverageBelow:X
 *                            first day whose end-of-day coverage (fund / outstanding, as `coverage`)
 *                            is below X; days when nothing is outstanding do not count; null if never
 *   lowestPromiseCoverageAfter:N
 *                            the lowest end-of-day coverage (fund / outstanding) over the days after
 *                            day N (days N + 1 to the end); days when nothing is outstanding do not
 *                            count; null if none is left
 *
 * Only for the seed's model:
 *   daysUntilCoverageBelow:X first day whose end-of-day coverage of the need to break even (pool /
 *                            what active users need to break even, §8 (a)) is below X; days when
 *                            nothing is needed do not count; null if never
 *   lowestCoverageAfter:N    the lowest end-of-day coverage of the need to break even over the days
 *                            after day N (days N + 1 to the end); days when nothing is needed do not
 *                            count; null if none is left
 *     (these two read the seed's coverage of the need to break even, as they always have; their
 *     counterparts for every model read §9.1's coverage of the outstanding promise, which for the
 *     seed's model is the exit promise: in a sweep over models, compare those)
 *   shareHitExitMultiple     share of all buyers ever forced out at the exit multiple
 *   forcedExits              forced exits over the run (a buyer who re-enters may exit twice)
 *   finalPrice, finalPool    price and pool at the end of the last day
 *   coverageBreakEven        coverage at the end of the last day: pool / what active users need to
 *                            break even (the last solvency row's coverageBreakEven); null when
 *                            nothing is needed
 *   coverageExitPromise      the same against the exit promise; null when exits are off or nothing
 *                            is promised
 *   shortfallBreakEven       the shortfall in money at the end: max(0, need to break even - pool)
 *   shortfallExitPromise     the same against the exit promise; null when exits are off
 *   poolFoldFor1x, poolFoldFor2x, poolFoldForKx
 *                            how many times the pool must grow, with orders alone, for the latest
 *                            buyer's points to be worth K x spend (requiredGrowth's poolFold); null
 *                            when it has no answer (no buyer, no points, gift ratio 1)
 *
 * Only for the models of the family that make promises (release, queue, rights):
 *   shareComplete            promises paid in full / promises made, at the end (the last day row's
 *                            shareComplete); null when none was made
 *   waiting                  promises not yet paid in full at the end
 */
import type { Problem } from '../result.ts';
import type { FlowScenarioV1, ModelKind } from '../scenario/index.ts';
import { bookFor, runFlow, type FlowRun } from '../flow/run.ts';
import { shortfallOf } from '../metrics/solvency.ts';
import { fast } from '../arith.ts';
import { isFamily, runFamily, type FamilyRun, type FamilyScenario } from '../family/run.ts';
import { breakEvenDay } from '../family/document.ts';

export type OutcomeName =
  | 'users'
  | 'shareBrokeEven'
  | 'shareHitExitMultiple'
  | 'forcedExits'
  | 'finalPrice'
  | 'finalPool'
  | 'paidShareOfSpend'
  | 'daysUntilCoverageBelow'
  | 'daysUntilPromiseCoverageBelow'
  | 'coverageBreakEven'
  | 'coverageExitPromise'
  | 'lowestCoverageAfter'
  | 'lowestPromiseCoverageAfter'
  | 'shortfallBreakEven'
  | 'shortfallExitPromise'
  | 'poolFoldFor'
  | 'fund'
  | 'outstanding'
  | 'coverage'
  | 'firstDefaultDay'
  | 'totalDefaults'
  | 'shareComplete'
  | 'waiting';

/** A parsed outcome: its label as written (the CSV column), its name and argument. */
export interface Outcome {
  label: string;
  name: OutcomeName;
  arg: number | null;
}

/**
 * Which models each outcome applies to (the vocabulary above says why): 'every' model, the
 * 'seed''s model only, or the 'family''s models that make promises (release, queue, rights) only.
 * With what an outcome that does not apply is, and what to ask for instead: the refusal's words.
 */
export const OUTCOME_MODELS: { [K in OutcomeName]: { for: 'every' } | { for: 'seed' | 'family'; is: string; instead: string | null } } = {
  users: { for: 'every' },
  shareBrokeEven: { for: 'every' },
  paidShareOfSpend: { for: 'every' },
  fund: { for: 'every' },
  outstanding: { for: 'every' },
  coverage: { for: 'every' },
  firstDefaultDay: { for: 'every' },
  totalDefaults: { for: 'every' },
  daysUntilPromiseCoverageBelow: { for: 'every' },
  lowestPromiseCoverageAfter: { for: 'every' },
  daysUntilCoverageBelow: { for: 'seed', is: 'a coverage of what the seed\'s buyers need to break even', instead: 'daysUntilPromiseCoverageBelow:X' },
  lowestCoverageAfter: { for: 'seed', is: 'a coverage of what the seed\'s buyers need to break even', instead: 'lowestPromiseCoverageAfter:N' },
  shareHitExitMultiple: { for: 'seed', is: 'the seed\'s forced exit at the exit multiple', instead: 'shareComplete' },
  forcedExits: { for: 'seed', is: 'the seed\'s forced exits', instead: 'shareComplete or waiting' },
  finalPrice: { for: 'seed', is: 'the price of the seed\'s points', instead: null },
  finalPool: { for: 'seed', is: 'the seed\'s pool', instead: 'fund' },
  coverageBreakEven: { for: 'seed', is: 'a coverage of the seed\'s pool', instead: 'coverage (fund / outstanding)' },
  coverageExitPromise: { for: 'seed', is: 'a coverage of the seed\'s pool', instead: 'coverage (fund / outstanding)' },
  shortfallBreakEven: { for: 'seed', is: 'a shortfall of the seed\'s pool', instead: 'outstanding and fund' },
  shortfallExitPromise: { for: 'seed', is: 'a shortfall of the seed\'s pool', instead: 'outstanding and fund' },
  poolFoldFor: { for: 'seed', is: 'the growth of the seed\'s pool its points need', instead: null },
  shareComplete: { for: 'family', is: 'a count of promises paid entry by entry, which the seed\'s model does not make', instead: 'shareHitExitMultiple' },
  waiting: { for: 'family', is: 'a count of promises paid entry by entry, which the seed\'s model does not make', instead: 'outstanding' },
};

/** a model as messages name it */
export const modelName = (kind: ModelKind): string => (kind === 'seed' ? 'the seed\'s model' : `the ${kind} model`);

/** Why an outcome does not apply to a model, or null when it does. */
export function outcomeRefusal(o: Outcome, kind: ModelKind): string | null {
  const m = OUTCOME_MODELS[o.name];
  if (m.for === 'every' || (m.for === 'seed') === (kind === 'seed')) return null;
  return `"${o.label}" does not apply to ${modelName(kind)} (model.kind "${kind}"): it is ${m.is}; ${m.instead ? `ask for ${m.instead} instead, or ` : ''}see the outcomes for every model: ${EVERY_MODEL.join(', ')}`;
}

/** the outcomes that apply to every model, as written */
const EVERY_MODEL = ['users', 'shareBrokeEven', 'shareBrokeEven:N', 'paidShareOfSpend', 'fund', 'outstanding', 'coverage', 'firstDefaultDay', 'totalDefaults', 'daysUntilPromiseCoverageBelow:X', 'lowestPromiseCoverageAfter:N'];

/** The problems of asking these outcomes of a run of this model (path: where the outcomes are listed). */
export function outcomeProblems(outcomes: readonly Outcome[], kind: ModelKind, path: (i: number) => string): Problem[] {
  const problems: Problem[] = [];
  outcomes.forEach((o, i) => {
    const why = outcomeRefusal(o, kind);
    if (why) problems.push({ path: path(i), message: why });
  });
  return problems;
}

/** The model of a validated scenario. */
export const modelOf = (s: FlowScenarioV1): ModelKind => s.model?.kind ?? 'seed';

/** The outcomes a sweep prints when its file names none and every cell runs the seed's model. */
export const DEFAULT_OUTCOMES = ['finalPrice', 'paidShareOfSpend', 'shareBrokeEven', 'shareHitExitMultiple', 'forcedExits'] as const;
/** The outcomes a sweep prints when its file names none and a cell runs another model: those of them that apply to every model of the sweep. */
export const FAMILY_DEFAULT_OUTCOMES = ['paidShareOfSpend', 'shareBrokeEven', 'coverage', 'firstDefaultDay', 'totalDefaults', 'shareComplete'] as const;

/** The default outcomes for runs of these models (a sweep's cells). */
export function defaultOutcomes(kinds: readonly ModelKind[]): Outcome[] {
  if (kinds.every((k) => k === 'seed')) return DEFAULT_OUTCOMES.map((l) => parseOutcome(l) as Outcome);
  return FAMILY_DEFAULT_OUTCOMES.map((l) => parseOutcome(l) as Outcome).filter((o) => kinds.every((k) => outcomeRefusal(o, k) === null));
}

export const OUTCOME_HELP =
  'users, shareBrokeEven, shareBrokeEven:N (days, a whole number >= 0), paidShareOfSpend, fund, outstanding, coverage, firstDefaultDay, totalDefaults, daysUntilPromiseCoverageBelow:X (X > 0), lowestPromiseCoverageAfter:N (days, a whole number >= 0), for every model; daysUntilCoverageBelow:X (X > 0), lowestCoverageAfter:N (days, a whole number >= 0), shareHitExitMultiple, forcedExits, finalPrice, finalPool, coverageBreakEven, coverageExitPromise, shortfallBreakEven, shortfallExitPromise, poolFoldFor1x, poolFoldFor2x, poolFoldForKx (K > 0), for the seed\'s model only; shareComplete, waiting, for release, queue and rights only';

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
  'fund',
  'outstanding',
  'coverage',
  'firstDefaultDay',
  'totalDefaults',
  'shareComplete',
  'waiting',
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
  if (name === 'daysUntilCoverageBelow' || name === 'daysUntilPromiseCoverageBelow') {
    const x = argText === null || argText.trim() === '' ? NaN : Number(argText);
    if (!Number.isFinite(x) || x <= 0) return `"${label}": give the coverage as ${name}:X with a number X > 0, e.g. ${name}:1`;
    return { label, name, arg: x };
  }
  if (name === 'shareBrokeEven' && argText !== null) {
    const n = /^\d+$/.test(argText) ? Number(argText) : NaN;
    if (!Number.isSafeInteger(n)) return `"${label}": the days N in shareBrokeEven:N must be a whole number >= 0, e.g. shareBrokeEven:90`;
    return { label, name, arg: n };
  }
  if (name === 'lowestCoverageAfter' || name === 'lowestPromiseCoverageAfter') {
    const n = argText !== null && /^\d+$/.test(argText) ? Number(argText) : NaN;
    if (!Number.isSafeInteger(n)) return `"${label}": give the day as ${name}:N with a whole number N >= 0, e.g. ${name}:30`;
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

export type FinishedFamilyRun = Extract<FamilyRun<unknown>, { ok: true }>;

/** Run a validated scenario of a model of the family on the fast path (family/run.ts); no result document. */
export function runBareFamily(s: FamilyScenario): { ok: true; run: FinishedFamilyRun } | { ok: false; problems: Problem[] } {
  const run = runFamily(fast, s) as FamilyRun<unknown>;
  return run.ok ? { ok: true, run } : run;
}

/** Run one sweep cell, of any model, and compute its outcomes; an outcome its model does not have is a problem (named as OUTCOME_MODELS says). */
export function cellOutcomes({ scenario, outcomes }: OutcomesInput): OutcomesOutput {
  const refused = outcomeProblems(outcomes, modelOf(scenario), (i) => `outcomes[${i}]`);
  if (refused.length) return { ok: false, problems: refused };
  if (isFamily(scenario)) {
    const r = runBareFamily(scenario);
    return r.ok ? { ok: true, values: familyOutcomeValues(r.run, outcomes) } : r;
  }
  const r = runBare(scenario);
  return r.ok ? { ok: true, values: outcomeValues(r.run, outcomes) } : r;
}

/**
 * The values of the given outcomes for one finished run of a model of the family, in order, from
 * its day rows and its ledger by the arithmetic of its result document (family/document.ts).
 * Throws on an outcome of the seed's model only: callers check with outcomeProblems first.
 */
export function familyOutcomeValues(run: FinishedFamilyRun, outcomes: readonly Outcome[]): (number | null)[] {
  const { ledger, model, days } = run;
  const A = ledger.A;
  const lastDay = days.length;
  const n = ledger.buyerCount;
  // realised break-even of every buyer, once, when a share of them is asked for
  const within = [...new Set(outcomes.filter((o) => o.name === 'shareBrokeEven').map((o) => o.arg))];
  const beCount = new Map(within.map((w) => [w, 0]));
  if (within.length) {
    for (let b = 0; b < n; b++) {
      const be = breakEvenDay(ledger, model, b, lastDay);
      if (be < 0) continue;
      const d = be - ledger.firstDay.get(b);
      for (const w of within) if (w === null || d <= w) beCount.set(w, beCount.get(w)! + 1);
    }
  }
  // the coverage of a day: fund / outstanding, none when nothing is outstanding
  const cov = (r: (typeof days)[number]) => (A.cmp(r.outstanding, A.zero) <= 0 ? null : A.div(r.fund, r.outstanding));
  const t = ledger.totals;
  const last = days[days.length - 1];
  return outcomes.map((o) => {
    switch (o.name) {
      case 'users':
        return n;
      case 'shareBrokeEven':
        return n === 0 ? null : beCount.get(o.arg)! / n;
      case 'paidShareOfSpend':
        return A.isZero(t.orders) ? null : A.num(A.div(t.paid, t.orders));
      case 'fund':
        return A.num(ledger.fund);
      case 'outstanding':
        return A.num(ledger.outstanding);
      case 'coverage':
        // as the result document's final coverage
        return A.isZero(ledger.outstanding) ? null : A.num(A.div(ledger.fund, ledger.outstanding));
      case 'firstDefaultDay':
        return days.find((r) => A.cmp(r.defaults, A.zero) > 0)?.day ?? null;
      case 'totalDefaults':
        return A.num(t.defaults);
      case 'shareComplete':
        return !last || last.entries === 0 ? null : last.completed / last.entries;
      case 'waiting':
        return ledger.entryCount - ledger.completed;
      case 'daysUntilPromiseCoverageBelow': {
        const x = A.of(o.arg!);
        for (const r of days) {
          const c = cov(r);
          if (c !== null && A.cmp(c, x) < 0) return r.day;
        }
        return null;
      }
      case 'lowestPromiseCoverageAfter': {
        let low: unknown = null;
        for (const r of days) {
          if (r.day <= o.arg!) continue;
          const c = cov(r);
          if (c !== null && (low === null || A.cmp(c, low) < 0)) low = c;
        }
        return low === null ? null : A.num(low);
      }
      default:
        throw new Error(outcomeRefusal(o, model.kind) ?? `outcome ${o.label}`);
    }
  });
}

/** The values of the given outcomes for one finished run, in order. */
export function outcomeValues(run: FinishedRun, outcomes: readonly Outcome[]): (number | null)[] {
  const { book } = run;
  const A = book.A;
  // one pass over the users for every per-user count asked for. Buyers: every user but legacy
  // members (converted old members, who bought nothing here), whose slots are one range
  const within = [...new Set(outcomes.filter((o) => o.name === 'shareBrokeEven').map((o) => o.arg))];
  // shareBrokeEven:N for each N asked (days from the first order to break-even <= N), and ever
  const limits = within.filter((w): w is number => w !== null);
  const beWithin = limits.map(() => 0);
  let beEver = 0;
  const wantBe = within.length > 0;
  const wantHit = outcomes.some((o) => o.name === 'shareHitExitMultiple');
  const slots = book.userCount;
  const { from: legacyFrom, count: legacyCount } = book.legacySlots;
  let legacyPaid = A.zero;
  for (let u = legacyFrom; u < legacyFrom + legacyCount; u++) legacyPaid = A.add(legacyPaid, book.cashOf(u));
  const n = slots - legacyCount;
  let hit = 0;
  if (wantHit || wantBe) {
    for (let u = 0; u < slots; u++) {
      if (u === legacyFrom && legacyCount > 0) {
        u += legacyCount - 1;
        continue;
      }
      if (wantHit && book.hitExitOf(u)) hit++;
      if (!wantBe) continue;
      const be = book.breakEvenDayOf(u);
      if (be < 0) continue;
      beEver++;
      if (limits.length === 0) continue;
      const days = be - book.firstDayOf(u);
      for (let k = 0; k < limits.length; k++) if (days <= limits[k]!) beWithin[k]!++;
    }
  }
  const brokeEven = (w: number | null): number => (w === null ? beEver : beWithin[limits.indexOf(w)]!);
  const share = (k: number): number | null => (n === 0 ? null : k / n);
  // RULEBOOK §9.1 for the seed's model: the outstanding promise is the exit promise (the need to
  // break even when exits are off), the fund the pool; a day's coverage as the solvency row's
  const promiseCoverage = (r: (typeof run.days)[number]) => {
    const promise = r.needExitPromise ?? r.needBreakEven;
    return A.isZero(promise) || A.isNeg(promise) ? null : A.div(r.pool, promise);
  };

  return outcomes.map((o) => {
    switch (o.name) {
      case 'users':
        return n;
      case 'shareBrokeEven':
        return share(brokeEven(o.arg));
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
      // RULEBOOK §9.1 for the seed's model: the fund is the pool, the outstanding promise the exit
      // promise (the need to break even when exits are off); its defaults below
      case 'fund':
        return A.num(book.pool);
      case 'outstanding':
      case 'coverage': {
        const last = run.days[run.days.length - 1];
        if (!last) return null;
        if (o.name === 'outstanding') return A.num(last.needExitPromise ?? last.needBreakEven);
        const c = promiseCoverage(last);
        return c === null ? null : A.num(c);
      }
      case 'daysUntilPromiseCoverageBelow': {
        const x = A.of(o.arg!);
        for (const r of run.days) {
          const c = promiseCoverage(r);
          if (c !== null && A.cmp(c, x) < 0) return r.day;
        }
        return null;
      }
      case 'lowestPromiseCoverageAfter': {
        let low: typeof A.zero | null = null;
        for (const r of run.days) {
          if (r.day <= o.arg!) continue;
          const c = promiseCoverage(r);
          if (c !== null && (low === null || A.cmp(c, low) < 0)) low = c;
        }
        return low === null ? null : A.num(low);
      }
      // it pays at its mark: its only defaults are sales a back office's price floor leaves unpaid
      // (RULEBOOK §9.2; the back-office rows' unpaid sales, as the common lens reads them)
      case 'firstDefaultDay':
        return run.office?.find((r) => A.cmp(r.unpaid, A.zero) > 0)?.day ?? null;
      case 'totalDefaults':
        return A.num(book.unpaid);
      case 'shareComplete':
      case 'waiting':
        throw new Error(outcomeRefusal(o, 'seed')!);
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
