/**
 * The thread that draws each day's sellers ahead of a large run (picks-thread.ts starts it): the
 * engine's own drawSellers (src/engine/picks.ts: the generators and nothing else) into shared
 * memory, as picks-ring.ts lays it out.
 */
import { workerData } from 'node:worker_threads';
import { drawAhead, type PicksShared } from './picks-ring.ts';

drawAhead(workerData as PicksShared);
