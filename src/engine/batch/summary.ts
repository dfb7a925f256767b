/**
 * Monte Carlo: the same time-driven scenario over many seeds (seed, seed + 1, ...), summarised as
 * percentile bands per day and, per cohort, the probability of reaching the exit multiple.
 * Pure: no node imports. One run is summarised where it ran (a worker thread or a Web Worker) into
 * a few typed arrays; `combineRuns` turns the summaries into the document. montecarlo.ts plans the
 * runs and puts the pieces together.
 *
 * Percentiles are by the lower nearest rank, as elsewhere in the engine: with the n runs' values
 * sorted in increasing order, the q-th percentile is the value at 0-based rank floor(q x (n - 1) / 100)
 * (integer arithmetic). So p0 is the minimum, p100 the maximum, p50 the lower median, and every
 * band value is one of the runs' own values. A figure that is null in a run (a coverage ratio when
 * nothing is needed or promised: pool / 0) sorts above every number, as an unbounded coverage would;
 * a band that lands on it is null.
 *
 * Per cohort (users grouped by entry period, RULEBOOK §8), over the runs in which it has members:
 * - hitExitMultiple.probability: the mean over runs of the cohort's shareHitExitMultiple, i.e. the
 *   probability that a member picked at random, in a run picked at random, has been forced out at
 *   the exit multiple by the end of the run;
 * - hitExitMultiple.anyInRun: the share of runs in which at least one member was;
 * - brokeEvenRealised.mean: the mean over runs of the cohort's shareBrokeEvenRealised;
 * - bands of each across runs, and of the cohort's return multiple.
 */
import { outcomeValues, parseOutcome, runBare, type FinishedRun, type Outcome } from './outcomes.ts';
import type { Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/index.ts';
import { cohortsNow } from '../metrics/cohorts.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../version.ts';

/** The daily series that get bands, in the order they are printed. */
export const SERIES = ['price', 'pool', 'points', 'activeUsers', 'paid', 'forcedExits', 'needBreakEven', 'coverageBreakEven', 'coverageExitPromise'] as const;
export type SeriesName = (typeof SERIES)[number];

/** Percentile levels of every band. */
export const LEVELS = [0, 5, 25, 50, 75, 95, 100] as const;
export type Level = `p${(typeof LEVELS)[number]}`;
export type Bands<V> = Record<Level, V>;

export const PERCENTILE_DEFINITION =
  'lower nearest rank: the value at 0-based rank floor(q * (n - 1) / 100) of the n runs sorted in increasing order; p0 = minimum, p50 = lower median, p100 = maximum; null sorts above every number';

/** Run-level outcomes summarised beside the bands unless others are asked for (outcomes.ts defines them). */
export const MC_OUTCOMES = ['finalPrice', 'finalPool', 'paidShareOfSpend', 'shareBrokeEven', 'shareHitExitMultiple', 'forcedExits'] as const;

/** What one run leaves behind: NaN stands for null. */
export interface RunSummary {
  seed: number;
  series: Record<SeriesName, Float64Array>;
  /** per cohort, as in the run's result document: users, shareHitExitMultiple, shareBrokeEvenRealised, returnMultiple */
  cohortUsers: Float64Array;
  cohortShareHit: Float64Array;
  cohortShareBrokeEven: Float64Array;
  cohortReturnMultiple: Float64Array;
  outcomes: (number | null)[];
}

export interface CohortSummary {
  cohort: number;
  fromDay: number;
  toDay: number;
  /** mean over runs of the cohort's users (new buyers per day do not depend on the seed) */
  users: number;
  /** runs in which the cohort has members: what the means below are taken over */
  runs: number;
  hitExitMultiple: { probability: number | null; anyInRun: number | null; bands: Bands<number | null> };
  brokeEvenRealised: { mean: number | null; bands: Bands<number | null> };
  returnMultiple: { bands: Bands<number | null> };
}

export interface MonteCarloResult {
  engine: { name: string; version: string; mode: 'fast' | 'exact' };
  seeds: { from: number; count: number };
  days: number;
  percentiles: { levels: number[]; definition: string };
  /** per series, per level, one value a day (index 0 is day 1) */
  bands: Record<SeriesName, Bands<(number | null)[]>>;
  /** run-level outcomes: mean over the runs where defined, and bands */
  outcomes: Record<string, { mean: number | null; bands: Bands<number | null> }>;
  cohorts: CohortSummary[];
}

export const MAX_SEED = 4_294_967_295;
export const MAX_SEEDS = 100_000;

/** The scenario with another seed. */
export function withSeed(s: FlowScenarioV1, seed: number): FlowScenarioV1 {
  return { ...s, flow: { ...s.flow, seed } };
}

/** Problems with a range of seeds: count in 1..MAX_SEEDS, and every seed within the generator's range. */
export function checkSeeds(from: number, count: number, path = '--seeds'): Problem[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEEDS) return [{ path, message: `must be a whole number from 1 to ${MAX_SEEDS}; got ${count}` }];
  if (from + count - 1 > MAX_SEED) return [{ path, message: `seeds ${from} to ${from + count - 1} pass the largest seed, ${MAX_SEED}; use fewer seeds or a smaller flow.seed` }];
  return [];
}

export const defaultMcOutcomes = (): Outcome[] => MC_OUTCOMES.map((l) => parseOutcome(l) as Outcome);

/** Summarise one finished run. */
export function summarise(run: FinishedRun, s: FlowScenarioV1, outcomes: readonly Outcome[] = defaultMcOutcomes()): RunSummary {
  const { book } = run;
  const A = book.A;
  const D = run.days.length;
  const series = Object.fromEntries(SERIES.map((k) => [k, new Float64Array(D)])) as Record<SeriesName, Float64Array>;
  run.days.forEach((r, i) => {
    series.price[i] = A.num(r.price);
    series.pool[i] = A.num(r.pool);
    series.points[i] = A.num(r.points);
    series.activeUsers[i] = r.activeUsers;
    series.paid[i] = A.num(r.paid);
    series.forcedExits[i] = r.forcedExits;
    series.needBreakEven[i] = A.num(r.needBreakEven);
    // as in the result document: pool / need, null when nothing is needed or promised
    series.coverageBreakEven[i] = A.isZero(r.needBreakEven) ? NaN : A.num(A.div(r.pool, r.needBreakEven));
    const promise = r.needExitPromise;
    series.coverageExitPromise[i] = promise === null || A.isNeg(promise) || A.isZero(promise) ? NaN : A.num(A.div(r.pool, promise));
  });

  // cohorts as the result document has them (cohortsNow is what flowResult uses)
  const rows = cohortsNow(book, s, run.referral).cohorts;
  const nC = rows.length;
  const users = new Float64Array(nC);
  const hit = new Float64Array(nC);
  const be = new Float64Array(nC);
  const ret = new Float64Array(nC);
  rows.forEach((c, k) => {
    users[k] = c.users;
    hit[k] = Number(c.shareHitExitMultiple);
    be[k] = Number(c.shareBrokeEvenRealised);
    ret[k] = c.returnMultiple === null ? NaN : Number(c.returnMultiple);
  });
  return { seed: s.flow.seed, series, cohortUsers: users, cohortShareHit: hit, cohortShareBrokeEven: be, cohortReturnMultiple: ret, outcomes: outcomeValues(run, outcomes) };
}

export type SummaryOutcome = { ok: true; summary: RunSummary } | { ok: false; problems: Problem[] };

/** Run one seed's scenario and summarise it. */
export function summariseScenario(s: FlowScenarioV1, outcomes: readonly Outcome[] = defaultMcOutcomes()): SummaryOutcome {
  const r = runBare(s);
  if (!r.ok) return { ok: false, problems: r.problems.map((p) => ({ ...p, message: `${p.message} (seed ${s.flow.seed})` })) };
  return { ok: true, summary: summarise(r.run, s, outcomes) };
}

/** The buffers of a summary, to transfer rather than copy between threads. */
export function summaryBuffers(x: RunSummary): ArrayBuffer[] {
  return [...SERIES.map((k) => x.series[k].buffer), x.cohortUsers.buffer, x.cohortShareHit.buffer, x.cohortShareBrokeEven.buffer, x.cohortReturnMultiple.buffer] as ArrayBuffer[];
}

/** 0-based rank of the q-th percentile among n sorted values (lower nearest rank). */
export const rankOf = (q: number, n: number): number => Math.floor((q * (n - 1)) / 100);

/** Increasing, NaN (null) last; -0 and 0 equal (a stable sort keeps their places). */
const byValue = (a: number, b: number): number => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a - b);

/**
 * Sort in place by `byValue`. A typed array's own sort (no comparator: numeric, NaN last, no call
 * per comparison) gives the same order unless the list holds a -0, which it puts before every 0
 * where `byValue` keeps them in place: only then the comparator.
 */
function sortByValue(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0 && 1 / values[i]! < 0) {
      values.sort(byValue);
      return;
    }
  }
  values.sort();
}

/** Bands of a list of values (NaN for null); sorts the list in place. */
export function bandsOf(values: Float64Array): Bands<number | null> {
  sortByValue(values);
  const out = {} as Bands<number | null>;
  for (const q of LEVELS) {
    const v = values.length === 0 ? NaN : values[rankOf(q, values.length)]!;
    out[`p${q}`] = Number.isNaN(v) ? null : v;
  }
  return out;
}

export const meanOf = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Per series, per level, one value a day, from the runs' daily series (every model's). */
export function seriesBands<K extends string>(keys: readonly K[], runs: readonly { series: Record<K, Float64Array> }[], D: number): Record<K, Bands<(number | null)[]>> {
  const n = runs.length;
  const col = new Float64Array(n);
  // as bandsOf, each day's column sorted and read at the levels' ranks, without an object a day
  const ranks = LEVELS.map((q) => rankOf(q, n));
  const bands = {} as Record<K, Bands<(number | null)[]>>;
  for (const k of keys) {
    const at = LEVELS.map(() => new Array<number | null>(D));
    const series = runs.map((r) => r.series[k]);
    for (let d = 0; d < D; d++) {
      for (let r = 0; r < n; r++) col[r] = series[r]![d]!;
      sortByValue(col);
      for (let l = 0; l < ranks.length; l++) {
        const v = n === 0 ? NaN : col[ranks[l]!]!;
        at[l]![d] = Number.isNaN(v) ? null : v;
      }
    }
    bands[k] = Object.fromEntries(LEVELS.map((q, l) => [`p${q}`, at[l]!])) as Bands<(number | null)[]>;
  }
  return bands;
}

/** Run-level outcomes across the runs: the mean where defined, and bands (every model's). */
export function outcomeBandsOf(runs: readonly { outcomes: (number | null)[] }[], outcomes: readonly Outcome[]): MonteCarloResult['outcomes'] {
  const outcomeBands: MonteCarloResult['outcomes'] = {};
  outcomes.forEach(({ label }, i) => {
    const xs = runs.map((r) => r.outcomes[i] ?? null);
    const defined = xs.filter((x): x is number => x !== null);
    outcomeBands[label] = { mean: meanOf(defined), bands: bandsOf(Float64Array.from(xs, (x) => (x === null ? NaN : x))) };
  });
  return outcomeBands;
}

/**
 * Cohort k of a Monte Carlo document: its entry days, its mean size over the runs, and the runs in
 * which it has buyers (`present`, over which its shares and multiples are banded). For either
 * model's summaries.
 */
export function cohortFrame<R extends { cohortUsers: Float64Array | Int32Array }>(runs: readonly R[], k: number, period: number, days: number) {
  const present = runs.filter((r) => r.cohortUsers[k]! > 0);
  return {
    present,
    frame: { cohort: k + 1, fromDay: k * period + 1, toDay: Math.min(days, (k + 1) * period), users: meanOf(runs.map((r) => r.cohortUsers[k]!)) ?? 0, runs: present.length },
  };
}

/** The document from the runs' summaries, in seed order, with the outcomes they were summarised with. */
export function combineRuns(s: FlowScenarioV1, runs: readonly RunSummary[], outcomes: readonly Outcome[] = defaultMcOutcomes()): MonteCarloResult {
  const n = runs.length;
  const D = s.flow.days;
  const bands = seriesBands(SERIES, runs, D);
  const outcomeBands = outcomeBandsOf(runs, outcomes);

  const period = s.flow.cohortDays;
  const nC = Math.ceil(D / period);
  const cohorts: CohortSummary[] = [];
  for (let k = 0; k < nC; k++) {
    const { present, frame } = cohortFrame(runs, k, period, D);
    const shareHit = present.map((r) => r.cohortShareHit[k]!);
    const shareBe = present.map((r) => r.cohortShareBrokeEven[k]!);
    cohorts.push({
      ...frame,
      hitExitMultiple: {
        probability: meanOf(shareHit),
        anyInRun: present.length === 0 ? null : shareHit.filter((x) => x > 0).length / present.length,
        bands: bandsOf(Float64Array.from(shareHit)),
      },
      brokeEvenRealised: { mean: meanOf(shareBe), bands: bandsOf(Float64Array.from(shareBe)) },
      returnMultiple: { bands: bandsOf(Float64Array.from(present, (r) => r.cohortReturnMultiple[k]!)) },
    });
  }

  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: s.rules.rounding !== undefined ? 'exact' : 'fast' },
    seeds: { from: s.flow.seed, count: n },
    days: D,
    percentiles: { levels: [...LEVELS], definition: PERCENTILE_DEFINITION },
    bands,
    outcomes: outcomeBands,
    cohorts,
  };
}
