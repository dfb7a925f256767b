/**
 * The thread that draws each day's sellers ahead of a large run (picks-thread.ts starts it): the
 * engine's own drawSellers (src/engine/picks.ts: the generators and nothing else) into shared
 * memory, as picks-ring.ts lays it out.
 *
 * It runs at the lowest priority it can set (on Linux, where a thread is a task of its own with an
 * id in /proc/thread-self): a help, never a competitor. On an idle core it draws as fast as ever;
 * on a machine busier than its cores it yields to the run and to other processes, and the run,
 * when it gets ahead, draws its days itself, as it would without the thread.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { drawAhead, type PicksShared } from './picks-ring.ts';

try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
} catch {
  // another system, or not allowed: normal priority
}
drawAhead(workerData as PicksShared);
