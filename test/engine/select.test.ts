/** Quickselect against a full sort, on random arrays with many ties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLD_AT_MOST, RankCounts, VALUES_BLOCK, ValueBlock, selectInPlace, selectRanks, selectRanksOf, type ValuesOf } from '../../src/engine/metrics/select.ts';

/** RankCounts fed xs in blocks of at most `size` values (RankCounts.addBlock, as the cohorts' pass feeds it) */
function countsOf(xs: readonly number[], size = VALUES_BLOCK): RankCounts {
  const counts = new RankCounts();
  const block = new ValueBlock();
  for (let i = 0; i < xs.length; i += size) {
    const m = Math.min(size, xs.length - i);
    block.values.set(xs.slice(i, i + m));
    counts.addBlock(block, m);
  }
  return counts;
}

/** a block reader of xs (ValuesOf) that counts the values it has read, and checks the blocks it is asked for */
function readerOf(xs: ArrayLike<number>): { valuesOf: ValuesOf; reads: () => number } {
  let reads = 0;
  const valuesOf: ValuesOf = (from, to, out) => {
    expect(to - from).toBeGreaterThan(0);
    expect(to - from).toBeLessThanOrEqual(VALUES_BLOCK);
    for (let i = from; i < to; i++) out[i - from] = xs[i]!;
    reads += to - from;
  };
  return { valuesOf, reads: () => reads };
}

describe('selectInPlace and selectRanks', () => {
  it('find the k-th smallest as a full sort does, with ties and in sub-ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (xs, x, y) => {
        const lo = x % xs.length;
        const hi = lo + (y % (xs.length - lo));
        const sorted = xs.slice(lo, hi + 1).sort((a, b) => a - b);
        const k = lo + ((x + y) % (hi - lo + 1));
        const a = Int32Array.from(xs);
        expect(selectInPlace(a, k, lo, hi)).toBe(sorted[k - lo]);
        // outside the range nothing moved
        expect(Array.from(a.slice(0, lo))).toEqual(xs.slice(0, lo));
        expect(Array.from(a.slice(hi + 1))).toEqual(xs.slice(hi + 1));
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('selects several ranks in one pass', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const n = xs.length;
        const ranks = [0, 10, 50, 90, 100].map((q) => Math.floor((q / 100) * (n - 1)));
        const sorted = [...xs].sort((a, b) => a - b);
        expect(selectRanks(Float64Array.from(xs), ranks)).toEqual(ranks.map((k) => sorted[k]));
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('selectRanksOf reads values without holding them and finds what a full sort finds: zeros, negatives, ties, values sharing a bucket', () => {
    // values drawn from mixes that put many values in one bucket of leading bits (1 + tiny), many
    // zeros, negatives below the zeros, and plain ties
    const value = fc.oneof(
      fc.constant(0),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 1000 }).map((k) => 1 + k * 1e-12),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (raw, picks) => {
        // one zero: a rank among the zeros is written 0
        const xs = raw.map((x) => (x === 0 ? 0 : x));
        const n = xs.length;
        const ranks = [...new Set(picks.map((p) => p % n))].sort((a, b) => a - b);
        const sorted = [...xs].sort((a, b) => a - b);
        const { valuesOf, reads } = readerOf(xs);
        const got = selectRanksOf(n, valuesOf, ranks);
        expect(got).toEqual(ranks.map((k) => sorted[k]));
        // at most two passes over the values
        expect(reads()).toBeLessThanOrEqual(2 * n);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('selectRanksOf with the values counted beforehand (RankCounts, fed in another order) finds the same and reads the values once', () => {
    const value = fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 1000 }).map((k) => 1 + k * 1e-12));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (xs, picks) => {
        const n = xs.length;
        const ranks = [...new Set(picks.map((p) => p % n))].sort((a, b) => a - b);
        const sorted = [...xs].sort((a, b) => a - b);
        const counts = countsOf([...xs].reverse());
        const { valuesOf, reads } = readerOf(xs);
        const got = selectRanksOf(n, valuesOf, ranks, counts);
        expect(got).toEqual(ranks.map((k) => (sorted[k] === 0 ? 0 : sorted[k])));
        expect(reads()).toBeLessThanOrEqual(n);
      }),
      // each run allocates and scans the 4 MB of counts: fewer runs than the others
      { numRuns: 40, seed: 4 },
    );
  });

  it('selectRanksOf refuses counts of another number of values', () => {
    const counts = countsOf([1, 2]);
    expect(() => selectRanksOf(3, readerOf([1, 2, 3]).valuesOf, [1], counts)).toThrow('selectRanksOf: 2 values counted, 3 to select among');
  });

  it('selectRanksOf over more values than it holds (counted in its own first pass) finds what a full sort finds, in two passes', () => {
    // a fixed pseudo-random mix: zeros, negatives, ties and a crowd in one bucket of leading bits
    const n = HOLD_AT_MOST + 1001;
    const xs = new Float64Array(n);
    let h = 12345;
    for (let i = 0; i < n; i++) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      const k = h % 5;
      xs[i] = k === 0 ? 0 : k === 1 ? -(h % 1000) : k === 2 ? 1 + (h % 97) * 1e-12 : k === 3 ? h % 7 : h / 1e6;
    }
    const sorted = Float64Array.from(xs).sort();
    const ranks = [0, 1, Math.floor(n / 10), Math.floor(n / 3), Math.floor(n / 2), n - 2, n - 1];
    const { valuesOf, reads } = readerOf(xs);
    const got = selectRanksOf(n, valuesOf, ranks);
    expect(got).toEqual(ranks.map((k) => (sorted[k] === 0 ? 0 : sorted[k])));
    expect(reads()).toBe(2 * n);
  });

  it('RankCounts puts zeros of either sign with the zeros and every other value in its bucket, a value at a time or a block at a time', () => {
    // -0 and 0 are zeros; the smallest doubles (subnormal, either sign), -1, 1 and the largest are not.
    // Worked by hand from the doubles' high words: 5e-324 has high word 0, so its key is 0x80000000
    // and its bucket 0x80000 (2^19, the first positive one); -5e-324 has high word 0x80000000, key
    // ~0x80000000 = 0x7fffffff, bucket 0x7ffff (the last negative one); 1 has high word 0x3ff00000,
    // key 0xbff00000, bucket 0xbff00; -1 has 0xbff00000, key 0x400fffff, bucket 0x400ff; the largest
    // double has 0x7fefffff, key 0xffefffff, bucket 0xffeff
    const xs = [-0, 0, 5e-324, -5e-324, 1, -1, Number.MAX_VALUE, 0, 1];
    const buckets = new Map([
      [0x80000, 1],
      [0x7ffff, 1],
      [0xbff00, 2],
      [0x400ff, 1],
      [0xffeff, 1],
    ]);
    const one = countsOf(xs, 1);
    const all = countsOf(xs);
    for (const c of [one, all]) {
      expect(c.n).toBe(9);
      expect(c.zeros).toBe(3);
      const seen = new Map<number, number>();
      for (let b = 0; b < c.counts.length - 1; b++) if (c.counts[b]! !== 0) seen.set(b, c.counts[b]!);
      expect(seen).toEqual(buckets);
    }
    // and the selection reads them so: sorted, -1, -5e-324, the three zeros, 5e-324, 1, 1, MAX
    expect(selectRanksOf(9, readerOf(xs).valuesOf, [0, 1, 2, 4, 5, 6, 8], all)).toEqual([-1, -5e-324, 0, 0, 5e-324, 1, Number.MAX_VALUE]);
  });
});
