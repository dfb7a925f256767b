/**
 * Where the fast path's big buffers come from: the seed book's slot records and its active list
 * (records.ts recordsOf, activeOf), a run's largest memory (32 bytes a slot, 64 a place in the
 * active list), and the columns of the family's models (family/columns.ts: a figure a promise,
 * right or day). A new ArrayBuffer each, unless the host hands an allocator of its own
 * (useLargeBuffers):
 * - the command (src/cli/prefault.ts) has another thread fault in the pages of a large run's slot
 *   records ahead of the run;
 * - the explorer's worker (src/explorer/worker.ts) hands a BufferPool: each run takes the buffers of
 *   the runs before it, so that it does not fault in fresh pages again (a new buffer's every page
 *   costs its first writer a page fault: a year of 300 buyers a day, 1.1 million slots, faulted in
 *   about 14,500 pages, 30-45 ms of system time and as much again in the run's first writes); and
 *   while idle it gets ready the buffers of a larger run to come (BufferPool.ready, prepare.ts);
 * - the command's worker threads (src/cli/pool-worker.ts) hand one too: a sweep's cells and a
 *   Monte Carlo's seeds take the buffers of the tasks before them.
 * Dependency-free: records.ts and the hosts import it.
 */

/** what a big buffer holds: the seed book's slots' records or active list's records, a column of a model of the family (family/columns.ts), or an array of the metrics (the buyers' realised multiples kept for the distribution and its bucket counts, metrics/cohorts.ts and select.ts; the holdings by rank, book.ts holdingsByRank) */
export type BufferUse = 'slots' | 'active' | 'columns' | 'metrics';

/**
 * A host's allocator of big buffers: a buffer of at least `bytes` for `use`, zero in its first
 * `bytes` (as a new ArrayBuffer is; the engine reads a fresh record as zeros), or null: the engine
 * then makes an ArrayBuffer.
 */
export type LargeBuffers = (bytes: number, use: BufferUse) => ArrayBufferLike | null;

let host: LargeBuffers | null = null;

/** the allocator of big buffers from now on (null: ArrayBuffers) */
export function useLargeBuffers(alloc: LargeBuffers | null): void {
  host = alloc;
}

/** a buffer of at least `bytes` for `use`, zero in its first `bytes`: the host's, or a new ArrayBuffer */
export function bigBuffer(bytes: number, use: BufferUse): ArrayBufferLike {
  return (host === null ? null : host(bytes, use)) ?? new ArrayBuffer(bytes);
}

/** int32s a page (4 KB): BufferPool.ready writes one in each */
const PAGE_INTS = 1024;

/** a buffer serves a run asking for `bytes` when it holds them and is at most twice as large (not to pin a large one for a small run) */
const fits = (b: ArrayBuffer, bytes: number): boolean => b.byteLength >= bytes && b.byteLength <= 2 * bytes;

/**
 * Buffers kept from finished runs for the next ones (a LargeBuffers through `take`). A run takes
 * them (the smallest kept buffer of at least the size asked and at most twice it, zeroed over the
 * part asked for; else a new one); whoever ran it calls `reclaim` once nothing of the run will read
 * its book again (the run's result holds numbers, not views of its buffers), and they are kept for
 * the next run.
 *
 * Bounded: it keeps at most `keepBytes` (the last run's buffers first, in the order the run took
 * them: the slot records before the active list), letting the rest go to the garbage collector;
 * a run that needs a new buffer first lets go of kept ones, the oldest first, while they and the
 * new one would be over the bound; and it keeps nothing below `least` bytes (small buffers cost few faults; the allocator reuses their
 * memory anyway). `clear` lets every kept buffer go (the explorer's worker does after a while idle).
 */
export class BufferPool {
  /** free, the most recently reclaimed first */
  private kept: ArrayBuffer[] = [];
  /** taken by the run under way, in the order taken */
  private lent: ArrayBuffer[] = [];

  constructor(
    readonly keepBytes: number,
    readonly least = 1 << 20,
  ) {}

  /** a buffer for `bytes`, zero in its first `bytes`: a kept one that fits, or a new one; null under `least` (the engine makes its own) */
  readonly take = (bytes: number): ArrayBuffer | null => {
    if (bytes < this.least) return null;
    const best = this.bestFit(bytes);
    let buf: ArrayBuffer;
    const m = this.making;
    if (best < 0 && m !== null && fits(m.buf, bytes)) {
      // the buffer being got ready (ready) fits: all zero, its first pages faulted in already
      buf = m.buf;
      this.making = null;
    } else if (best < 0) {
      // a new buffer: the kept ones let go, the oldest first, while they and it are over the bound
      // (a run larger than any before, ten million buyers say, does not hold the old ones beside its own)
      let held = this.keptBytes;
      while (this.kept.length > 0 && held + bytes > this.keepBytes) held -= this.kept.pop()!.byteLength;
      buf = new ArrayBuffer(bytes);
    } else {
      buf = this.kept.splice(best, 1)[0]!;
      // one got ready ahead (ready) is all zero still: not written again
      if (this.clean.has(buf)) this.clean.delete(buf);
      else new Uint8Array(buf, 0, bytes).fill(0);
    }
    this.lent.push(buf);
    return buf;
  };

  /** kept buffers no run has written since they were made (ready): all zero */
  private clean = new WeakSet<ArrayBuffer>();
  /** the buffer ready is faulting in, and the next page to write */
  private making: { buf: ArrayBuffer; next: number } | null = null;

  /**
   * Get buffers ready ahead of a run that will take one of each of `sizes` (bytes): for each, a
   * kept buffer take would hand it (at least the size, at most twice it), or else a new one of
   * `grow` times the size (so that it serves the runs up to that much larger too; the size itself
   * when that does not fit), its pages written once each (a zero at every 4 KB: faulted in, and
   * still all zero, so take hands it over without zeroing it), at most `pages` pages a call. Kept
   * buffers that serve none of the sizes are let go for its room, the oldest first; a size that
   * still does not fit within keepBytes is left out. True when nothing is left to do. The explorer's worker calls it in idle moments
   * (src/explorer/prepare.ts), so that the first run of a larger size does not fault in its pages.
   */
  ready(sizes: readonly number[], pages: number, grow = 2): boolean {
    let left = pages;
    for (;;) {
      const m = this.making;
      if (m !== null) {
        const a = new Int32Array(m.buf);
        const end = Math.min(a.length, m.next + left * PAGE_INTS);
        for (let i = m.next; i < end; i += PAGE_INTS) a[i] = 0;
        left -= Math.ceil((end - m.next) / PAGE_INTS);
        m.next = end;
        if (end < a.length) return false;
        this.making = null;
        this.kept.push(m.buf);
        this.clean.add(m.buf);
      }
      const { need, used } = this.unserved(sizes);
      if (need === null) return true;
      if (left <= 0) return false;
      // room made by letting go of kept buffers that serve none of the sizes, the oldest first (as take does for a new run)
      const wanted = Math.ceil(need * grow);
      for (let i = this.kept.length - 1; i >= 0 && this.keepBytes - this.keptBytes < wanted; i--) {
        if (used.has(this.kept[i]!)) continue;
        this.kept.splice(i, 1);
      }
      const room = this.keepBytes - this.keptBytes;
      const bytes = wanted <= room ? wanted : need;
      if (bytes > room || bytes < this.least) return true;
      this.making = { buf: new ArrayBuffer(bytes), next: 0 };
    }
  }

  /** the largest of `sizes` that the kept buffers cannot serve, one buffer each as take would pick them (null when they serve all), and the buffers that serve the others */
  private unserved(sizes: readonly number[]): { need: number | null; used: Set<ArrayBuffer> } {
    const used = new Set<ArrayBuffer>();
    let need: number | null = null;
    for (const size of [...sizes].sort((x, y) => y - x)) {
      if (size < this.least) continue;
      const best = this.bestFit(size, used);
      if (best < 0) need ??= size;
      else used.add(this.kept[best]!);
    }
    return { need, used };
  }

  /** the place in `kept` of the buffer take hands a run asking for `bytes` (the smallest that fits), leaving out those in `used`; -1 when none fits */
  private bestFit(bytes: number, used?: Set<ArrayBuffer>): number {
    let best = -1;
    for (let i = 0; i < this.kept.length; i++) {
      const k = this.kept[i]!;
      if (fits(k, bytes) && used?.has(k) !== true && (best < 0 || k.byteLength < this.kept[best]!.byteLength)) best = i;
    }
    return best;
  }

  /** the run that took buffers is over (nothing of it reads them again): keep them for the next run, within keepBytes */
  reclaim(): void {
    if (this.lent.length === 0) return;
    const kept: ArrayBuffer[] = [];
    let bytes = 0;
    for (const b of [...this.lent, ...this.kept]) {
      // 0 bytes: detached (transferred away by its run); or over the bound
      if (b.byteLength === 0 || bytes + b.byteLength > this.keepBytes) continue;
      kept.push(b);
      bytes += b.byteLength;
    }
    this.kept = kept;
    this.lent = [];
  }

  /** let every kept buffer go (those of a run under way stay its own), and any being got ready */
  clear(): void {
    this.kept = [];
    this.making = null;
  }

  /** bytes kept for the next runs */
  get keptBytes(): number {
    return this.kept.reduce((s, b) => s + b.byteLength, 0);
  }
}
