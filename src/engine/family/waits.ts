/**
 * How long promises wait to be paid in full (a queue's waiting times, RULEBOOK §9.4; the same
 * figure for a release's promises and the rights): for a group of promises, the days from the day a
 * promise was made to the day it was paid in full, over those paid in full, and apart from them
 * those still owed at the run's end. Those are censored: their wait is not over, so they are counted
 * and the oldest one's wait so far is given, never folded into the percentiles as if completed.
 * Percentiles by the lower nearest rank, as elsewhere in the engine (metrics/distribution.ts).
 */
import { selectRanks } from '../metrics/select.ts';

export interface PromiseWaits {
  /** promises paid in full by the run's end */
  completed: number;
  /** median days from a promise's day to the day it was paid in full, over the completed; null when none was */
  medianDays: number | null;
  /** the 90th percentile of the same */
  p90Days: number | null;
  /** promises still owed at the run's end (censored: not counted above) */
  waiting: number;
  /** how long the oldest of them has waited by the run's end: the last day less the day it was made; null when none waits */
  oldestWaitDays: number | null;
}

/** the percentiles given, as fractions */
export const WAIT_QUANTILES = { medianDays: 0.5, p90Days: 0.9 } as const;

/**
 * The waits of one group: `days[from..to)` holds the completed promises' days from made to paid in
 * full (reordered in place); `waiting` promises still owed, the oldest made on `oldestDay` (-1: none).
 */
export function promiseWaits(days: Int32Array, from: number, to: number, waiting: number, oldestDay: number, lastDay: number): PromiseWaits {
  const n = to - from;
  let medianDays: number | null = null;
  let p90Days: number | null = null;
  if (n > 0) {
    const rank = (q: number) => from + Math.floor(q * (n - 1));
    [medianDays, p90Days] = selectRanks(days, [rank(WAIT_QUANTILES.medianDays), rank(WAIT_QUANTILES.p90Days)], from, to - 1) as [number, number];
  }
  return { completed: n, medianDays, p90Days, waiting, oldestWaitDays: waiting > 0 && oldestDay >= 0 ? lastDay - oldestDay : null };
}
