/**
 * The command's allocator of large record buffers (the engine's useLargeBuffers, src/engine/buffers.ts):
 * for slot records of LARGE_RECORDS bytes or more, a SharedArrayBuffer whose pages a worker thread writes once each, first to last, while the run
 * starts, so that the page faults of a large run (80,000 for the ten million slots' records of
 * bench/engine-10m.json) are taken on the other core rather than by the run as it creates its slots.
 *
 * The thread writes with Atomics.compareExchange(a, i, 0, 0) on one int32 a page: a write (which
 * makes the kernel map the page), which leaves any value the run has already put there as it is
 * (it changes nothing unless the int is 0, and then writes 0). Memory as allocated is zero, as an
 * ArrayBuffer's is. The thread is unref'd: the process never waits for it, and a run goes on, taking
 * its own faults, if it cannot start.
 */
import type { Worker } from 'node:worker_threads';
import { helperThread } from './thread-script.ts';
import type { BufferUse } from '../engine/index.ts';

/** the slot records the command has faulted in ahead: 64 MB or more (two million slots; ten million are 320 MB) */
export const LARGE_RECORDS = 64 * 1024 * 1024;

/** the thread's whole program (an eval'd script: nothing to bundle or find beside the command) */
const TOUCH = `const { workerData } = require('node:worker_threads');
const a = new Int32Array(workerData);
for (let i = 0; i < a.length; i += 1024) Atomics.compareExchange(a, i, 0, 0);`;

/** a thread writing each page of buf once, first to last (unref'd), or null when none could start */
export function prefaultThread(buf: SharedArrayBuffer): Worker | null {
  return helperThread(TOUCH, { eval: true, workerData: buf });
}

/** the command's allocator (useLargeBuffers): slot records of LARGE_RECORDS bytes or more prefaulted, anything else the engine's own ArrayBuffer */
export function largeRecords(bytes: number, use: BufferUse): SharedArrayBuffer | null {
  return use === 'slots' && bytes >= LARGE_RECORDS ? prefaulted(bytes) : null;
}

/** a zeroed buffer of `bytes`, its pages faulted in by a thread of their own */
export function prefaulted(bytes: number): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(bytes);
  // without a thread the run takes its own faults
  prefaultThread(buf);
  return buf;
}
