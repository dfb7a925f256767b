/**
 * Each day's sellers drawn ahead of a run, in shared memory: the thread (picks-worker.ts) draws day
 * after day with the engine's own drawSellers into a ring of int32 slots, and the run (its day loop,
 * through SellersAhead) reads a day's where it is, never waiting for it: a day the thread has not
 * drawn yet, the run draws itself (a millisecond at most) and the thread skips. Both sides of the
 * protocol are here, so a test can drive them in one thread.
 *
 * Memory: `ctrl` (DONE: the last day the thread has written; CONSUMED: the last day the run is done
 * with; STOP: the run has ended), `meta` (day d at 4d: the day drawn, the buyer count drawn over,
 * where its slots begin in the ring, how many; -1 slots when a day has more than the ring holds),
 * `ring`. A day's slots are contiguous; the thread writes a day only over days the run is done
 * with, and waits (Atomics.wait on CONSUMED) when the ring is full. What the thread writes is
 * visible to the run once it reads DONE at or past that day (Atomics are sequentially consistent).
 */
import type { DrawnSellers, SellersAhead } from '../engine/index.ts';
import { drawSellers, Slots } from '../engine/picks.ts';

const DONE = 0;
const CONSUMED = 1;
const STOP = 2;

/** what the two sides share: the memory, and what every day is drawn with */
export interface PicksShared {
  ctrl: Int32Array;
  meta: Int32Array;
  ring: Int32Array;
  /** the buyer count each day's sales begin with, as predicted before the run (buyersBeforeSales) */
  buyers: Int32Array;
  seed: number;
  rate: number;
}

/** the ring's default size: 4 MB, about ten days of sellers at the end of bench/engine-10m.json (1% of 10 million a day) */
export const RING_SLOTS = 1 << 20;

export function picksShared(seed: number, rate: number, buyers: Int32Array, ringSlots = RING_SLOTS): PicksShared {
  const days = buyers.length - 1;
  const meta = new Int32Array(new SharedArrayBuffer(4 * 4 * (days + 1)));
  // no day is drawn until the thread says so: day 0 everywhere, which no day has
  return { ctrl: new Int32Array(new SharedArrayBuffer(4 * 4)), meta, ring: new Int32Array(new SharedArrayBuffer(4 * ringSlots)), buyers, seed, rate };
}

/**
 * The thread's side: draw days 1..n in order into the ring, skipping days the run is already done
 * with, until the last day or the run's end. `waitMs`: how long one wait for room lasts before it
 * looks at STOP again.
 */
export function drawAhead(sh: PicksShared, waitMs = 50): void {
  const { ctrl, meta, ring, buyers, seed, rate } = sh;
  const R = ring.length;
  const days = buyers.length - 1;
  const out = new Slots();
  // days written and not yet released, oldest first: their days and their starts, counted along the ring as if it never wrapped
  const segDay: number[] = [];
  const segAt: number[] = [];
  let q = 0;
  let head = 0;
  for (let d = 1; d <= days; d++) {
    if (Atomics.load(ctrl, STOP) !== 0) return;
    if (Atomics.load(ctrl, CONSUMED) >= d) continue;
    drawSellers(seed, d, rate, buyers[d]!, out);
    const n = out.n;
    let at = -1;
    if (n <= R) {
      // contiguous: a day that would run past the ring's end starts again at its beginning
      let start = head;
      if ((start % R) + n > R) start += R - (start % R);
      // room once the oldest day not yet released starts at or after start + n - R
      for (;;) {
        const c = Atomics.load(ctrl, CONSUMED);
        while (q < segDay.length && segDay[q]! <= c) q++;
        if (q === segDay.length || start + n - segAt[q]! <= R) break;
        if (Atomics.load(ctrl, STOP) !== 0) return;
        Atomics.wait(ctrl, CONSUMED, c, waitMs);
      }
      at = start % R;
      ring.set(out.buf.subarray(0, n), at);
      segDay.push(d);
      segAt.push(start);
      head = start + n;
    }
    const m = 4 * d;
    meta[m] = d;
    meta[m + 1] = buyers[d]!;
    meta[m + 2] = at;
    meta[m + 3] = at < 0 ? -1 : n;
    Atomics.store(ctrl, DONE, d);
  }
}

/** The run's side: day d's sellers when the thread has written them, else null (the run draws them). */
export class PicksReader implements SellersAhead {
  /** days taken from the ring (for tests and measurements) */
  taken = 0;
  constructor(private readonly sh: PicksShared) {}

  take(day: number, _buyers: number): DrawnSellers | null {
    const { ctrl, meta, ring } = this.sh;
    if (Atomics.load(ctrl, DONE) < day) return null;
    const m = 4 * day;
    const count = meta[m + 3]!;
    // a day skipped (the run drew it) is still day 0 here
    if (meta[m] !== day || count < 0) return null;
    this.taken++;
    const at = meta[m + 2]!;
    return { day: meta[m]!, buyers: meta[m + 1]!, seed: this.sh.seed, rate: this.sh.rate, slots: ring.subarray(at, at + count), count };
  }

  release(day: number): void {
    Atomics.store(this.sh.ctrl, CONSUMED, day);
    Atomics.notify(this.sh.ctrl, CONSUMED);
  }

  /** the run has ended: the thread stops drawing */
  stop(): void {
    Atomics.store(this.sh.ctrl, STOP, 1);
    Atomics.notify(this.sh.ctrl, CONSUMED);
  }
}
