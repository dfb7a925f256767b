/**
 * How long promises wait to be paid in full (a queue's waiting times, RULEBOOK §9.4; the same
 * figure for a release's promises and the rights): for a group of promises, the days from the day a
 * promise was made to the day it was paid in full, over those paid in full, and apart from them
 * those still owed at the run's end. Those are censored: their wait is not over, so they are counted
 * and the oldest one's wait so far is given, never folded into the percentiles as if completed.
 * Percentiles by the lower nearest rank, as elsewhere in the engine (metrics/distribution.ts): the
 * value at 0-based rank floor(q x (n - 1)) of the n waits sorted. A wait is a whole number of days
 * within the run, so the waits are tallied by day (memory by days, not by promises).
 */

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

/** The waits of one group of promises at a time, tallied by day; `take` writes them up and starts the next group. */
export class WaitTally {
  private readonly counts: Int32Array;
  private completed = 0;
  private waiting = 0;
  private oldestDay = -1;
  /** the longest wait tallied in this group (the tally is cleared up to it) */
  private longest = 0;

  /** waits of 0 to lastDay days, on a run of lastDay days */
  constructor(private readonly lastDay: number) {
    this.counts = new Int32Array(lastDay + 1);
  }

  /** a promise made on day `made` and paid in full on day `done`, or still owed at the end (`done` -1) */
  add(made: number, done: number): void {
    if (done < 0) this.owed(made);
    else this.paid(made, done);
  }

  /** a promise made on day `made`, paid in full on day `done` */
  paid(made: number, done: number): void {
    const d = done - made;
    this.counts[d]!++;
    if (d > this.longest) this.longest = d;
    this.completed++;
  }

  /** a promise made on day `made`, still owed at the end */
  owed(made: number): void {
    this.waiting++;
    if (this.oldestDay < 0 || made < this.oldestDay) this.oldestDay = made;
  }

  /** the group's waits; the tally is then empty for the next group */
  take(): PromiseWaits {
    const n = this.completed;
    const at = (q: number): number | null => {
      if (n === 0) return null;
      const k = Math.floor(q * (n - 1));
      let seen = 0;
      for (let d = 0; ; d++) {
        seen += this.counts[d]!;
        if (seen > k) return d;
      }
    };
    const out: PromiseWaits = {
      completed: n,
      medianDays: at(WAIT_QUANTILES.medianDays),
      p90Days: at(WAIT_QUANTILES.p90Days),
      waiting: this.waiting,
      oldestWaitDays: this.waiting > 0 ? this.lastDay - this.oldestDay : null,
    };
    this.counts.fill(0, 0, this.longest + 1);
    this.completed = 0;
    this.waiting = 0;
    this.oldestDay = -1;
    this.longest = 0;
    return out;
  }
}
