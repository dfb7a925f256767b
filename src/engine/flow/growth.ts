/**
 * The growth models of time-driven scenarios (RULEBOOK §7): expected new buyers per day. A module
 * of its own, with no decimal.js and no zod, so that the explorer's page (its parameter table,
 * its slider limits) and the engine (src/engine/flow.ts, the explorer's worker) use one formula.
 */
import type { GrowthV1 } from '../scenario/schema.ts';

/**
 * Expected new buyers on day d (d >= 1) under the growth model. With `flatFrom: N` the model runs
 * as chosen through day N - 1, and every day from N on expects what day N - 1 did (growth stops).
 */
export function expectedBuyers(perDay: number, growth: GrowthV1, d: number): number {
  if (growth.flatFrom !== undefined && d >= growth.flatFrom) d = growth.flatFrom - 1;
  switch (growth.kind) {
    case 'constant':
      return perDay;
    case 'linear':
      return Math.max(0, perDay + growth.addPerDay * (d - 1));
    case 'exponential':
      return perDay * (1 + growth.ratePerDay) ** (d - 1);
    case 'logistic': {
      if (perDay === 0) return 0;
      const K = growth.capacity;
      return K / (1 + (K / perDay - 1) * Math.exp(-growth.ratePerDay * (d - 1)));
    }
    case 'boom': {
      const up = Math.min(d, growth.peakDay) - 1;
      const down = Math.max(0, d - growth.peakDay);
      return perDay * (1 + growth.ratePerDay) ** up * (1 - growth.declinePerDay) ** down;
    }
    case 'series':
      return growth.values[Math.min(d, growth.values.length) - 1]!;
  }
}

/**
 * Expected new buyers on days 1..days (float). Stops adding once the sum passes `cap` (a caller
 * that only asks "more than the cap?" need not sum a run of ten years of 100% growth).
 */
export function expectedBuyersThrough(perDay: number, growth: GrowthV1, days: number, cap = Infinity): number {
  let n = 0;
  for (let d = 1; d <= days; d++) {
    n += expectedBuyers(perDay, growth, d);
    if (!(n <= cap)) return n;
  }
  return n;
}

/**
 * True when the modelled flow dwindles to nothing: it can then fail to deliver any finite pool
 * growth ("never" in requiredGrowth). Constant, growing and saturating flows do not.
 */
export function flowDecays(perDay: number, growth: GrowthV1): boolean {
  // growth that stops: the flow stays at day N - 1's for good
  if (growth.flatFrom !== undefined) return expectedBuyers(perDay, growth, growth.flatFrom - 1) === 0;
  switch (growth.kind) {
    case 'constant':
    case 'logistic':
      return perDay === 0;
    case 'linear':
      return growth.addPerDay < 0 || perDay === 0;
    case 'exponential':
      return growth.ratePerDay < 0 || perDay === 0;
    case 'boom':
      return growth.declinePerDay > 0 || perDay === 0;
    case 'series':
      return growth.values[growth.values.length - 1] === 0;
  }
}
