/**
 * Monte Carlo of a model of the family (RULEBOOK §9): the same scenario over many seeds, summarised
 * as percentile bands per day of the family's series and, per cohort, across runs, the figures of
 * §9.1. Pure: no node imports. As summary.ts does for the seed's model (whose document stays as it
 * is), one run is summarised where it ran into a few typed arrays, and `combineFamilyRuns` turns the
 * summaries into the document; percentiles, nulls and means follow summary.ts's definitions
 * (PERCENTILE_DEFINITION), with the same functions.
 *
 * Daily series (FAMILY_SERIES), each as the family's result document has it per day
 * (family/result.ts, FamilyDayRow): fund, outstanding, coverage (fund / outstanding; null when
 * nothing is outstanding), paid (to buyers that day), defaults (due that day and not paid),
 * shareComplete (promises paid in full / promises made; null before the first).
 *
 * Per cohort (buyers grouped by the period of their first order), over the runs in which it has
 * members, as the result document's cohort rows: brokeEvenRealised (the share that has ever had cash
 * received >= spend), complete (the share whose every promise was paid in full), returnMultiple
 * (cash received / spend) and shareOfPromise (cash received / promised); mean and bands of the first
 * two, bands of the last two.
 */
import { familyResult } from '../family/document.ts';
import type { FamilyModelV1 } from '../scenario/schema.ts';
import type { Problem } from '../result.ts';
import type { FamilyScenario } from '../family/run.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../version.ts';
import { familyOutcomeValues, parseOutcome, runBareFamily, type FinishedFamilyRun, type Outcome } from './outcomes.ts';
import { bandsOf, cohortFrame, LEVELS, meanOf, outcomeBandsOf, PERCENTILE_DEFINITION, seriesBands, type Bands, type MonteCarloResult } from './summary.ts';

/** The family's daily series that get bands, in the order they are printed. */
export const FAMILY_SERIES = ['fund', 'outstanding', 'coverage', 'paid', 'defaults', 'shareComplete'] as const;
export type FamilySeriesName = (typeof FAMILY_SERIES)[number];

/** Run-level outcomes summarised for a model of the family unless others are asked for (outcomes.ts defines them). */
export const MC_FAMILY_OUTCOMES = ['fund', 'outstanding', 'coverage', 'paidShareOfSpend', 'shareBrokeEven', 'firstDefaultDay', 'totalDefaults', 'shareComplete'] as const;

export const defaultFamilyMcOutcomes = (): Outcome[] => MC_FAMILY_OUTCOMES.map((l) => parseOutcome(l) as Outcome);

/** What one run of a model of the family leaves behind: NaN stands for null. */
export interface FamilyRunSummary {
  seed: number;
  family: true;
  series: Record<FamilySeriesName, Float64Array>;
  /** per cohort, as in the run's result document */
  cohortUsers: Float64Array;
  cohortShareBrokeEven: Float64Array;
  cohortShareComplete: Float64Array;
  cohortReturnMultiple: Float64Array;
  cohortShareOfPromise: Float64Array;
  outcomes: (number | null)[];
}

export interface FamilyCohortSummary {
  cohort: number;
  fromDay: number;
  toDay: number;
  /** mean over runs of the cohort's users */
  users: number;
  /** runs in which the cohort has members: what the means and bands below are taken over */
  runs: number;
  brokeEvenRealised: { mean: number | null; bands: Bands<number | null> };
  complete: { mean: number | null; bands: Bands<number | null> };
  returnMultiple: { bands: Bands<number | null> };
  shareOfPromise: { bands: Bands<number | null> };
}

export interface FamilyMonteCarloResult {
  engine: { name: string; version: string; mode: 'fast' };
  /** the model and its parameters at the start, as the scenario gives them */
  model: FamilyModelV1;
  seeds: { from: number; count: number };
  days: number;
  percentiles: { levels: number[]; definition: string };
  /** per series, per level, one value a day (index 0 is day 1) */
  bands: Record<FamilySeriesName, Bands<(number | null)[]>>;
  /** run-level outcomes: mean over the runs where defined, and bands */
  outcomes: MonteCarloResult['outcomes'];
  cohorts: FamilyCohortSummary[];
}

const num = (x: number | string | null): number => (x === null ? NaN : Number(x));

/** Summarise one finished run of a model of the family. */
export function summariseFamily(run: FinishedFamilyRun, s: FamilyScenario, outcomes: readonly Outcome[] = defaultFamilyMcOutcomes()): FamilyRunSummary {
  const A = run.ledger.A;
  const D = run.days.length;
  const series = Object.fromEntries(FAMILY_SERIES.map((k) => [k, new Float64Array(D)])) as Record<FamilySeriesName, Float64Array>;
  run.days.forEach((r, i) => {
    series.fund[i] = A.num(r.fund);
    series.outstanding[i] = A.num(r.outstanding);
    // as in the result document: fund / outstanding, null when nothing is outstanding
    series.coverage[i] = A.isZero(r.outstanding) ? NaN : A.num(A.div(r.fund, r.outstanding));
    series.paid[i] = A.num(r.paid);
    series.defaults[i] = A.num(r.defaults);
    series.shareComplete[i] = r.entries === 0 ? NaN : r.completed / r.entries;
  });
  // the cohorts as the result document has them: familyResult is what simulateFamily writes
  const rows = familyResult(run as never, s).cohorts;
  const pick = (f: (c: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
  return {
    seed: s.flow.seed,
    family: true,
    series,
    cohortUsers: pick((c) => c.users),
    cohortShareBrokeEven: pick((c) => num(c.shareBrokeEven)),
    cohortShareComplete: pick((c) => num(c.shareComplete)),
    cohortReturnMultiple: pick((c) => num(c.returnMultiple)),
    cohortShareOfPromise: pick((c) => num(c.shareOfPromise)),
    outcomes: familyOutcomeValues(run, outcomes),
  };
}

export type FamilySummaryOutcome = { ok: true; summary: FamilyRunSummary } | { ok: false; problems: Problem[] };

/** Run one seed's scenario of a model of the family and summarise it. */
export function summariseFamilyScenario(s: FamilyScenario, outcomes: readonly Outcome[] = defaultFamilyMcOutcomes()): FamilySummaryOutcome {
  const r = runBareFamily(s);
  if (!r.ok) return { ok: false, problems: r.problems.map((p) => ({ ...p, message: `${p.message} (seed ${s.flow.seed})` })) };
  return { ok: true, summary: summariseFamily(r.run, s, outcomes) };
}

/** The buffers of a summary, to transfer rather than copy between threads. */
export function familySummaryBuffers(x: FamilyRunSummary): ArrayBuffer[] {
  return [...FAMILY_SERIES.map((k) => x.series[k].buffer), x.cohortUsers.buffer, x.cohortShareBrokeEven.buffer, x.cohortShareComplete.buffer, x.cohortReturnMultiple.buffer, x.cohortShareOfPromise.buffer] as ArrayBuffer[];
}

/** The document from the runs' summaries, in seed order, with the outcomes they were summarised with. */
export function combineFamilyRuns(s: FamilyScenario, runs: readonly FamilyRunSummary[], outcomes: readonly Outcome[] = defaultFamilyMcOutcomes()): FamilyMonteCarloResult {
  const D = s.flow.days;
  const period = s.flow.cohortDays;
  const nC = Math.ceil(D / period);
  const cohorts: FamilyCohortSummary[] = [];
  for (let k = 0; k < nC; k++) {
    const { present, frame } = cohortFrame(runs, k, period, D);
    const be = present.map((r) => r.cohortShareBrokeEven[k]!);
    const done = present.map((r) => r.cohortShareComplete[k]!);
    cohorts.push({
      ...frame,
      brokeEvenRealised: { mean: meanOf(be), bands: bandsOf(Float64Array.from(be)) },
      complete: { mean: meanOf(done), bands: bandsOf(Float64Array.from(done)) },
      returnMultiple: { bands: bandsOf(Float64Array.from(present, (r) => r.cohortReturnMultiple[k]!)) },
      shareOfPromise: { bands: bandsOf(Float64Array.from(present, (r) => r.cohortShareOfPromise[k]!)) },
    });
  }
  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: 'fast' },
    model: s.model,
    seeds: { from: s.flow.seed, count: runs.length },
    days: D,
    percentiles: { levels: [...LEVELS], definition: PERCENTILE_DEFINITION },
    bands: seriesBands(FAMILY_SERIES, runs, D),
    outcomes: outcomeBandsOf(runs, outcomes),
    cohorts,
  };
}
