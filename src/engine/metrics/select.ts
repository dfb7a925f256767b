/**
 * Order statistics without a full sort: quickselect (Hoare partition, median-of-three pivot) in
 * place on a typed array. The k-th smallest lands at index k with everything before it no larger
 * and everything after no smaller, so several ranks in increasing order can be selected in
 * shrinking ranges.
 */
import { bigBuffer } from '../buffers.ts';

type Numeric = Float64Array | Int32Array;

export function selectInPlace(a: Numeric, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to the middle
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Numeric, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The values at the given ranks (increasing), each the k-th smallest of a[lo..hi]. */
export function selectRanks(a: Numeric, ranks: readonly number[], lo = 0, hi = a.length - 1): number[] {
  const out: number[] = [];
  let from = lo;
  for (const k of ranks) {
    out.push(selectInPlace(a, k, from, hi));
    from = k;
  }
  return out;
}

/** buckets by the top 20 bits of a double's order key: sign, exponent and 8 bits of mantissa (256 buckets an octave) */
const BUCKET_SHIFT = 12;
const BUCKETS = 1 << (32 - BUCKET_SHIFT);

/**
 * The counter of a double by its two words (lo, hi: little-endian, as ValueBlock's words): its bucket, the
 * top BUCKET_SHIFT bits of its high word made an unsigned key in the order of the doubles (a
 * negative's word reversed below the positives), or ZERO_SLOT for a zero of either sign. Without a
 * branch: about a fifth of the realised multiples are zeros, in no order, and a branch on them
 * missed often enough to cost a 10-million-value pass about 25 ms.
 */
function slotOfWords(lo: number, hi: number): number {
  // x's sign as a mask, and 1 unless x is a zero (its bits apart from the sign all 0)
  const sign = hi >> 31;
  const rest = (hi & 0x7fffffff) | lo;
  const nonZero = (rest | -rest) >>> 31;
  const bucket = (hi ^ (sign | 0x80000000)) >>> BUCKET_SHIFT;
  return (bucket & -nonZero) | (ZERO_SLOT & (nonZero - 1));
}
/** where RankCounts counts the zeros, after the buckets */
const ZERO_SLOT = BUCKETS;
/** the bytes of RankCounts' counts (4 MB) */
export const RANK_COUNTS_BYTES = 4 * (BUCKETS + 1);

/**
 * Values read a block at a time: values from..to-1 into out[0..to-from-1] (to - from at most
 * VALUES_BLOCK). A reader called once a block rather than once a value, so that reading a value (a
 * book's records, a division) runs in a loop of its own, not behind a call per value.
 */
export type ValuesOf = (from: number, to: number, out: Float64Array) => void;
/** the most values a ValueBlock holds */
export const VALUES_BLOCK = 4096;

/**
 * A block of values and their high words, read through a second view of the same memory: a pass
 * that keys values by their leading bits writes a block of them first and reads their words after,
 * rather than putting each value through a one-double buffer, whose store and load per
 * value cost a 10-million-value pass about 20 ms.
 */
export class ValueBlock {
  readonly values = new Float64Array(VALUES_BLOCK);
  /** the words of the values, the high word of values[j] at 2j + 1 (little-endian) */
  readonly words = new Uint32Array(this.values.buffer);
}

/**
 * Up to this many values, selectRanksOf holds them and selects among them rather than counting into
 * 4 MB of buckets and reading them twice: faster in a fresh process up to about this size (one-off
 * selections: 1,000 values 1 ms against 10, 30,000 14 ms against 19-25; at 100,000 the buckets win).
 */
export const HOLD_AT_MOST = 1 << 15;

/**
 * The first of selectRanksOf's two passes, fed a block of values at a time: how many
 * values fall in each bucket of their leading bits (zeros on their own, however many). A walk that
 * meets every value anyway (the cohorts' pass) counts them as it goes, and the selection then reads
 * them once more instead of twice. One selection uses the counts up.
 */
export class RankCounts {
  /** values by bucket (0..BUCKETS-1), and the zeros at ZERO_SLOT */
  readonly counts: Int32Array;
  /** buffer: RANK_COUNTS_BYTES, all zero (buffers.ts bigBuffer: a host's, taken again run after run, rather than 1,000 pages faulted in afresh); a new one when absent */
  constructor(buffer: ArrayBufferLike = new ArrayBuffer(RANK_COUNTS_BYTES)) {
    this.counts = new Int32Array(buffer, 0, BUCKETS + 1);
  }
  n = 0;
  get zeros(): number {
    return this.counts[ZERO_SLOT]!;
  }
  /** add(x) for each of the block's first m values */
  addBlock(b: ValueBlock, m: number): void {
    const words = b.words;
    const counts = this.counts;
    for (let j = 0; j < m; j++) counts[slotOfWords(words[2 * j]!, words[2 * j + 1]!)]!++;
    this.n += m;
  }
}

/**
 * The values at the given ranks (increasing) among n values read a block at a time by `valuesOf`, without
 * holding them all: the same figures as selectRanks over an array of them (each the exact k-th
 * smallest, a zero written 0), in two passes. The first counts the values per bucket of their
 * leading bits (zeros on their own, however many), unless `counted` has them already (RankCounts,
 * fed the same n values in any order); the second gathers only the buckets the ranks fall in and
 * selects within each. Memory: the counts (4 MB) and the gathered buckets, not n doubles. Up to
 * HOLD_AT_MOST values without counts, one pass: they are held and selected among.
 */
export function selectRanksOf(n: number, valuesOf: ValuesOf, ranks: readonly number[], counted?: RankCounts): number[] {
  let first = counted;
  const block = new ValueBlock();
  if (first === undefined && n <= HOLD_AT_MOST) {
    // few values: held and selected among, in one pass
    const xs = new Float64Array(n);
    for (let i0 = 0; i0 < n; i0 += VALUES_BLOCK) valuesOf(i0, Math.min(n, i0 + VALUES_BLOCK), xs.subarray(i0));
    return selectRanks(xs, ranks).map((x) => (x === 0 ? 0 : x));
  }
  if (first === undefined) {
    first = new RankCounts(bigBuffer(RANK_COUNTS_BYTES, 'metrics'));
    for (let i0 = 0; i0 < n; i0 += VALUES_BLOCK) {
      const m = Math.min(VALUES_BLOCK, n - i0);
      valuesOf(i0, i0 + m, block.values);
      first.addBlock(block, m);
    }
  } else if (first.n !== n) throw new Error(`selectRanksOf: ${first.n} values counted, ${n} to select among`);
  const { counts, zeros } = first;
  // where each rank lies: the zeros sit between the negative buckets (below 2^19) and the positive ones
  const ZERO = -1;
  const half = BUCKETS >>> 1;
  const where: Array<{ bucket: number; at: number }> = [];
  let r = 0;
  let below = 0;
  const visit = (bucket: number, size: number): void => {
    while (r < ranks.length && ranks[r]! < below + size) where.push({ bucket, at: ranks[r++]! - below });
    below += size;
  };
  for (let b = 0; b < half && r < ranks.length; b++) if (counts[b]! > 0) visit(b, counts[b]!);
  if (r < ranks.length) visit(ZERO, zeros);
  for (let b = half; b < BUCKETS && r < ranks.length; b++) if (counts[b]! > 0) visit(b, counts[b]!);
  // gather the buckets that hold a rank (not the zeros: a rank among them is 0); counts[b] becomes
  // -(its place in `gathered` + 1) for a bucket gathered, 0 for the others
  const gathered: Array<{ values: Float64Array; n: number }> = [];
  const placeOf = new Map<number, number>();
  for (const w of where) {
    if (w.bucket === ZERO || placeOf.has(w.bucket)) continue;
    placeOf.set(w.bucket, gathered.length);
    gathered.push({ values: new Float64Array(counts[w.bucket]!), n: 0 });
  }
  if (gathered.length > 0) {
    counts.fill(0);
    for (const [b, k] of placeOf) counts[b] = -(k + 1);
    const { values, words } = block;
    for (let i0 = 0; i0 < n; i0 += VALUES_BLOCK) {
      const m = Math.min(VALUES_BLOCK, n - i0);
      valuesOf(i0, i0 + m, values);
      for (let j = 0; j < m; j++) {
        // (a zero's counter, ZERO_SLOT, is never a gathered bucket's)
        const c = counts[slotOfWords(words[2 * j]!, words[2 * j + 1]!)]!;
        if (c < 0) {
          const g = gathered[-c - 1]!;
          g.values[g.n++] = values[j]!;
        }
      }
    }
  }
  return where.map((w) => (w.bucket === ZERO ? 0 : selectInPlace(gathered[placeOf.get(w.bucket)!]!.values, w.at)));
}
