/**
 * The distribution of buyers' realised return multiples (RULEBOOK §8): minimum, deciles 10..90 and
 * maximum, by the lower nearest rank.
 */
import type { Arith } from '../arith.ts';
import type { Fig } from '../number-format.ts';
import type { Realised } from './cohorts.ts';
import { selectRanksOf } from './select.ts';
import { fig } from './figures.ts';

export const PERCENTILES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** Percentile by the lower nearest rank: the value at index floor(q x (n - 1)) of the sorted list. */
export function percentiles<T>(A: Arith<T>, values: Realised<T>): Fig[] {
  const n = values.length;
  if (n === 0) return PERCENTILES.map(() => fig(A, A.zero));
  const ranks = PERCENTILES.map((q) => Math.floor((q / 100) * (n - 1)));
  if (!Array.isArray(values)) return selectRanksOf(n, values.valuesOf, ranks, values.counted).map((v) => fig(A, v as T));
  const sorted = [...values].sort((a, b) => A.cmp(a, b));
  return ranks.map((k) => fig(A, sorted[k]!));
}
