/**
 * When the offline copy is made: the service worker (src/sw/runtime.ts) is registered once the page
 * has settled, not at its load event. Its install fetches every file of the build (about 3 MB) and
 * writes it to the cache, on the same cores that are still hydrating the page and running the
 * explorer's first run; on a 2-core machine, with registration at `load`, the explorer's
 * main-thread tasks while it loaded took 4-5 times their own thread time, and Lighthouse's total
 * blocking time was 180-470 ms (30-80 ms with registration deferred; bench/lighthouse-ab.ts).
 *
 * A page settles at its load event, unless it says it has work to finish after load (Base.astro's
 * `settlesLate`: the explorer, until its first charts are drawn from a final run); such a page
 * calls `announceSettled` when that work is done, or is taken as settled SETTLE_CAP_MS after load
 * (a run that never ends or an address with errors still gets the offline copy). Then the
 * registration waits for an idle moment of the main thread (at most SETTLE_IDLE_MS).
 * Base.astro's inline script reads these constants (define:vars), so the names live here once.
 */

/** the event a page that settles late dispatches on window once its work after load is done */
export const SETTLED_EVENT = 'points-pool:settled';
/** the attribute on <html> that says so too (for a script that looks after the event was sent) */
export const SETTLED_ATTR = 'data-settled';
/** the attribute on <html> of a page that settles late (Base.astro's `settlesLate`) */
export const SETTLES_LATE_ATTR = 'data-settles-late';
/** a page that settles late is taken as settled this long after load at the latest (ms) */
export const SETTLE_CAP_MS = 15_000;
/** once settled, registration waits for an idle main thread at most this long (ms) */
export const SETTLE_IDLE_MS = 2_000;

/** Say that this page's work after load is done (once; later calls do nothing). No DOM: nothing happens. */
export function announceSettled(): void {
  if (typeof document === 'undefined' || typeof window === 'undefined') return;
  const root = document.documentElement;
  if (root.hasAttribute(SETTLED_ATTR)) return;
  root.setAttribute(SETTLED_ATTR, '');
  window.dispatchEvent(new Event(SETTLED_EVENT));
}
