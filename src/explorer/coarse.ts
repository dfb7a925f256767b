/**
 * When the explorer runs a scenario coarse first (k times fewer, k times larger orders: run.ts
 * coarsen), and by how much. Dependency-free (the engine's plain entry only), so that the page's
 * client decides before it sends anything whether a request needs a coarse run at all: a model of
 * the family, or a scenario too small to coarsen, is one full run on one worker, not the same run
 * computed twice.
 */
import { expectedBuyersThrough, runsFamilyModel, type GrowthV1 } from '../engine/plain.ts';

/**
 * A scenario runs coarse first when it has at least twice this many buyers (runsCoarse): below, its
 * full run is short enough to wait for. Also the size of the runs that warm a spare worker (client.ts).
 */
export const COARSE_BUYERS = 40_000;

/**
 * Buyers in a coarse run (the preview drawn before the full run, while a slider is dragged or
 * stepped with the keys) at most: half of COARSE_BUYERS, about half its engine time (coarsen scales
 * any factor; in node, the default year: 8.6 ms of CPU against 16.2 ms at 40,000). Not less: the
 * preview's price path strays from the full run's as its buyers get fewer and larger (default
 * scenario, seeds 1-6, days 31/101/201/365: 40,000 buyers off by 5% on average, 16% at most; 20,000
 * by 7.5%, 28%; 10,000 by 30%, 116%), while 10,000 saves little more time (a day's fixed work
 * remains). The page says what the preview is (the status line: orders grouped k to one) and draws
 * it as not final until the full run replaces it. Whether a request runs coarse at all is judged by
 * COARSE_BUYERS (runsCoarse).
 */
export const PREVIEW_BUYERS = 20_000;

/** What the coarse factor reads of a scenario (a FlowScenarioV1 has it). */
interface CoarseShape {
  rules: { maxPrice?: unknown; pointsCap?: unknown };
  flow: { legacy?: unknown; referral?: unknown; days: number; buyers: { perDay: number; growth: GrowthV1 } };
}

/**
 * The coarse factor for a scenario: 1 (no coarse run) unless it is large and simple enough. Platform
 * rounding coarsens (the coarse run rounds on floats); a price ceiling and a points cap do not: the
 * price restarts at the floor after a settlement and the cap counts points, neither scaled by coarsen.
 */
export function coarseFactor(s: CoarseShape, maxBuyers: number): number {
  if (maxBuyers <= 0 || s.flow.legacy || s.flow.referral || s.rules.maxPrice !== undefined || s.rules.pointsCap !== undefined) return 1;
  const k = Math.floor(expectedBuyersThrough(s.flow.buyers.perDay, s.flow.buyers.growth, s.flow.days) / maxBuyers);
  return k >= 2 ? k : 1;
}

/**
 * Does a request (the controls' scenario and, in a comparison, the pinned one) run coarse first?
 * Not when either side is a model of the family (run.ts runs those in full, never coarse), nor
 * when neither side is large enough to coarsen. A scenario that is not yet valid is left to the
 * worker to judge (true: the coarse run reports its problems at once).
 */
export function runsCoarse(scenario: unknown, pinned: unknown = null, maxBuyers = COARSE_BUYERS): boolean {
  const sides = pinned === null || pinned === undefined ? [scenario] : [scenario, pinned];
  try {
    const shaped = sides as CoarseShape[];
    if (shaped.some((s) => runsFamilyModel(s as { model?: { kind: string } }))) return false;
    return shaped.some((s) => coarseFactor(s, maxBuyers) > 1);
  } catch {
    return true;
  }
}
