/**
 * A large run's sellers drawn ahead on the other core: the command's provider for the day loop's
 * `sellers` (the engine's SellersAhead). Before the run, the buyer count each day's sales will begin
 * with (the engine's buyersBeforeSales, from the order flow alone); then a thread
 * (picks-worker.ts) draws every day's sellers with the engine's drawSellers into shared memory
 * (picks-ring.ts) while the run goes on, and the run takes each day's from there. The run checks
 * each day's (day, seed, rate, buyer count) and draws any day itself that the thread has not drawn
 * yet or drew for another count: the output is the same with or without the thread.
 *
 * Only for runs of LARGE_RUN buyers or more (a sweep cell, a Monte Carlo seed or a small run would
 * spend more on starting a thread than it saves) with sales. The thread is unref'd: the process
 * never waits for it, and a run goes on, drawing its own, if it cannot start.
 */
import { buyersBeforeSales, type FlowScenarioV1 } from '../engine/index.ts';
import { PicksReader, picksShared, RING_SLOTS } from './picks-ring.ts';
import { helperThread, threadScript } from './thread-script.ts';

/** runs whose buyers (legacy members included) reach this have their sellers drawn on a thread */
export const LARGE_RUN = 1_000_000;

/** a thread drawing s's sellers ahead, or null (a small run, no sales, or no thread could start); `stop()` it when the run ends */
export function sellersThread(s: FlowScenarioV1, minBuyers = LARGE_RUN, ringSlots = RING_SLOTS): PicksReader | null {
  const rate = s.flow.sell.ratePerDay;
  if (!(rate > 0)) return null;
  const buyers = buyersBeforeSales(s);
  if (buyers[s.flow.days]! < minBuyers) return null;
  const sh = picksShared(s.flow.seed, rate, buyers, ringSlots);
  const { url, execArgv } = threadScript('picks-worker');
  return helperThread(url, { workerData: sh, execArgv }) === null ? null : new PicksReader(sh);
}
