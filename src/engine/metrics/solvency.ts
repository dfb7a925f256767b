/**
 * Solvency (RULEBOOK §8): the pool against what active users need to break even and what the exit
 * promise implies; the shortfall in money against each, per day and over the run.
 */
import type { Arith } from '../arith.ts';
import type { DayRaw } from '../flow/run.ts';

/** RULEBOOK §8 shortfall: max(0, need - pool), the money the pool lacks against a need (one place for it) */
export function shortfallOf<T>(A: Arith<T>, need: T, pool: T): T {
  const d = A.sub(need, pool);
  return A.isNeg(d) ? A.zero : d;
}

/**
 * A shortfall over the driver's days: its largest value with the first day it was reached, and its
 * value at the end (null when the last day has no such need: exits turned off by a rule change).
 * Days without the need do not count; null when no day has it.
 */
export function shortfallSummaryOf<T>(
  A: Arith<T>,
  days: readonly DayRaw<T>[],
  need: (r: DayRaw<T>) => T | null,
): { end: T | null; largest: T; largestDay: number } | null {
  let largest: T | null = null;
  let largestDay = 0;
  let end: T | null = null;
  for (const r of days) {
    const n = need(r);
    end = n === null ? null : shortfallOf(A, n, r.pool);
    if (end !== null && (largest === null || A.cmp(end, largest) > 0)) {
      largest = end;
      largestDay = r.day;
    }
  }
  return largest === null ? null : { end, largest, largestDay };
}
