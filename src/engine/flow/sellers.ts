/**
 * The day loop's decisions (RULEBOOK §9, "the same buyers"): the tags of its keyed generators, and
 * the day's sellers drawn on them. A module of its own, importing only the generators (rng.ts), so
 * that a thread drawing the sellers ahead of the run (the command's, src/cli/picks-worker.ts,
 * through the engine's entry picks.ts) runs this very code and loads nothing else.
 *
 * A run draws from two kinds of stream:
 * - The order flow, `new Rng(seed)`: new buyers' amounts, referral joins, which earlier buyer buys
 *   again (each buyer of an earlier day with the repeat probability, legacy members excepted) and
 *   the repeat amounts. None of it depends on what the model does, so a what-if (a stress event, a
 *   rule change) leaves every order of the scenario where it was.
 * - Decisions, `Rng.keyed(seed, day, tag)`: one short generator per day and kind of decision, drawn
 *   over buyer slots 0..userCount-1 (which the order flow fixes), never over the active list. Whether
 *   buyer b sells on day d is therefore a function of (seed, day, b) alone; a picked buyer acts only
 *   if active. A run on the pool and the stop test shuffle the picked slots on their own keyed
 *   generator, so the order of sales among buyers active in two runs is the same in both.
 */
import { Rng, type Slots } from './rng.ts';

export const SELLS = 1;
export const RUN = 2;
export const STOP_TEST = 3;
/**
 * A dated event's decision tag: its kind and its rank among the day's events of that kind (0 for
 * the first run of the day), so that adding another event to a scenario never moves the draws of
 * those already in it.
 */
export const eventTag = (kind: number, rank: number) => ((rank << 2) | kind) >>> 0;

/** who sells on day `day`: each of the slots 0..buyers-1 with probability `rate`, on the day's own generator, into `out` in increasing order */
export function drawSellers(seed: number, day: number, rate: number, buyers: number, out: Slots): void {
  Rng.keyed(seed, day, SELLS).pick(rate, buyers, out);
}

/** A day's sellers drawn ahead (slots[0..count-1]), with what they were drawn for. */
export interface DrawnSellers {
  day: number;
  /** the buyer count they were drawn over */
  buyers: number;
  seed: number;
  rate: number;
  slots: Int32Array;
  count: number;
}

/**
 * Where a run may take each day's sellers from instead of drawing them itself (runFlow's
 * `sellers`): the command's thread (src/cli/picks-thread.ts) draws them ahead with drawSellers. The
 * run takes a day's only when they were drawn for that day, its seed and rate and the buyer count
 * the run has when its sales begin; otherwise it draws them in place. So a provider can make a run
 * faster, never different.
 */
export interface SellersAhead {
  /** day `day`'s sellers, drawn ahead, if it has them now (the run passes the buyer count it has); else null */
  take(day: number, buyers: number): DrawnSellers | null;
  /** the run is done with day `day`'s sellers (taken or drawn in place): their memory may be reused */
  release(day: number): void;
}
