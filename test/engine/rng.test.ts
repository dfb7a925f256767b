/**
 * The seeded generator (src/engine/flow/rng.ts) and lognormal order amounts: same seed, same sequence;
 * uniform draws in [0, 1); geometric skips with mean (1 - p) / p; lognormal amounts with the
 * requested mean and coefficient of variation. Statistical checks use fixed seeds and tolerances of
 * about 5 standard errors, worked out in each test.
 */
import { describe, expect, it } from 'vitest';
import { Rng, Slots, lognormalParams, skipByTable, skipOfWord, skipTable } from '../../src/engine/flow/rng.ts';
import { amountSource } from '../../src/engine/flow/orders.ts';

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('Rng: same seed, same sequence', () => {
  it('two generators with one seed give the same 1000 values; u32, next, normal and skip alike', () => {
    for (const seed of [0, 1, 42, 4_294_967_295]) {
      const a = new Rng(seed);
      const b = new Rng(seed);
      const seqA = draw(250, () => a.u32()).concat(draw(250, () => a.next()), draw(250, () => a.normal()), draw(250, () => a.skip(0.1)));
      const seqB = draw(250, () => b.u32()).concat(draw(250, () => b.next()), draw(250, () => b.normal()), draw(250, () => b.skip(0.1)));
      expect(seqA).toEqual(seqB);
    }
  });

  it('different seeds give different sequences', () => {
    const first = (seed: number) => {
      const r = new Rng(seed);
      return draw(8, () => r.u32());
    };
    const seen = new Set([0, 1, 2, 3, 42, 1000, 4_294_967_295].map((s) => first(s).join(',')));
    expect(seen.size).toBe(7);
  });

  it('a u32 is a whole number in [0, 2^32)', () => {
    const r = new Rng(5);
    const bad = draw(10_000, () => r.u32()).filter((x) => !(Number.isInteger(x) && x >= 0 && x < 2 ** 32));
    expect(bad).toEqual([]);
  });
});

describe('Rng.next: uniform in [0, 1)', () => {
  const N = 1_000_000;
  const r = new Rng(2024);
  const xs = draw(N, () => r.next());

  it('every draw is in [0, 1)', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of xs) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // and the range is covered: within 1e-5 of both ends over a million draws
    expect(lo).toBeLessThan(1e-5);
    expect(hi).toBeGreaterThan(1 - 1e-5);
  });

  it('mean 1/2 and variance 1/12 (standard error of the mean 0.000289; tolerance 0.0015)', () => {
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.0015);
    expect(Math.abs(sd(xs) ** 2 - 1 / 12)).toBeLessThan(0.0005);
  });

  it('ten equal bins each hold a tenth (expected 100000, sd 300; tolerance 1500)', () => {
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    for (const b of bins) expect(Math.abs(b - N / 10)).toBeLessThan(1500);
  });

  it('int(n) is a whole number in [0, n), every value reached', () => {
    const g = new Rng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const k = g.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(7);
  });

  it('normal(): mean 0, variance 1 (200000 draws; tolerances 0.012 and 0.016)', () => {
    const g = new Rng(77);
    const zs = draw(200_000, () => g.normal());
    expect(Math.abs(mean(zs))).toBeLessThan(0.012); // 5 / sqrt(200000) = 0.011
    expect(Math.abs(sd(zs) ** 2 - 1)).toBeLessThan(0.016); // 5 x sqrt(2 / 200000) = 0.0158
  });
});

describe('Rng.skip(p): failures before the first success, mean (1 - p) / p', () => {
  const N = 200_000;
  // standard error of the mean: sqrt((1 - p) / p^2 / N); tolerance 5 of them
  for (const p of [0.5, 0.1, 0.01]) {
    it(`p = ${p}: mean ${(1 - p) / p} within 5 standard errors`, () => {
      const r = new Rng(31337);
      const xs = draw(N, () => r.skip(p));
      const want = (1 - p) / p;
      const se = Math.sqrt((1 - p) / (p * p) / N);
      expect(Math.abs(mean(xs) - want)).toBeLessThan(5 * se);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      // P(skip = 0) = p: the first trial succeeds (standard error sqrt(p (1 - p) / N))
      const zeros = xs.filter((x) => x === 0).length / N;
      expect(Math.abs(zeros - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    });
  }

  it('p = 1 never skips, p = 0 never selects', () => {
    const r = new Rng(1);
    expect(draw(10, () => r.skip(1))).toEqual(new Array(10).fill(0));
    expect(r.skip(0)).toBe(Infinity);
  });
});

describe('lognormal order amounts: the requested mean and cv, rounded to the cent', () => {
  const N = 200_000;
  // sample sd of a lognormal: relative standard error about sqrt((kurtosis - 1) / (4 N)), with
  // kurtosis e^(4 s2) + 2 e^(3 s2) + 3 e^(2 s2) - 3 and s2 = ln(1 + cv^2): about 0.003 for cv 0.5 and
  // 0.007 for cv 1; tolerances 2% and 4%. Mean: standard error cv / sqrt(N); tolerance 5 of them.
  for (const [m, cv, cvTol] of [
    [1000, 0.5, 0.02],
    [250, 1, 0.04],
  ] as const) {
    it(`mean ${m}, cv ${cv}`, () => {
      const src = amountSource({ kind: 'lognormal', mean: m, cv }, new Rng(8080));
      expect(src.mean).toBe(m);
      const xs = draw(N, () => src.next());
      const got = mean(xs);
      expect(Math.abs(got - m) / m).toBeLessThan((5 * cv) / Math.sqrt(N));
      expect(Math.abs(sd(xs) / got - cv) / cv).toBeLessThan(cvTol);
      // at least a cent, and whole cents
      const bad = xs.filter((x) => !(x >= 0.01) || Math.abs(x * 100 - Math.round(x * 100)) > 1e-6);
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }

  it('lognormalParams: mu and sigma give back the mean and cv by the closed forms', () => {
    // mean = e^(mu + sigma^2 / 2); cv^2 = e^(sigma^2) - 1
    const { mu, sigma } = lognormalParams(800, 0.6);
    expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(800, 9);
    expect(Math.sqrt(Math.expm1(sigma * sigma))).toBeCloseTo(0.6, 12);
  });

  it('cv 0 is the mean, rounded to the cent; fixed amounts are themselves; same seed, same amounts', () => {
    expect(draw(3, amountSource({ kind: 'lognormal', mean: 123.456, cv: 0 }, new Rng(1)).next)).toEqual([123.46, 123.46, 123.46]);
    expect(draw(2, amountSource({ kind: 'fixed', amount: 99.5 }, new Rng(1)).next)).toEqual([99.5, 99.5]);
    expect(draw(2, amountSource(1000, new Rng(1)).next)).toEqual([1000, 1000]);
    const a = amountSource({ kind: 'lognormal', mean: 500, cv: 0.8 }, new Rng(3));
    const b = amountSource({ kind: 'lognormal', mean: 500, cv: 0.8 }, new Rng(3));
    expect(draw(100, a.next)).toEqual(draw(100, b.next));
  });
});

describe('pick by table: the skips of the logarithm, without it (rng.ts skipTable)', () => {
  // RULEBOOK §7: the draws are fixed (same seed, same picks), so the table must give every word the
  // skip floor(ln((word + 0.5) / 2^32) / ln(1 - p)) exactly, not approximately.
  const RATES = [0.01, 0.05, 0.3, 0.9, 1 / 500];

  for (const p of RATES) {
    it(`p = ${p}: each bucket's skip and threshold are the logarithm's at the bucket's ends and on either side of the threshold`, () => {
      const inv = 1 / Math.log1p(-p);
      const table = skipTable(p, inv, Infinity)!;
      expect(table).not.toBeNull();
      const buckets = table.length / 2;
      const width = 2 ** 32 / buckets;
      let thresholds = 0;
      let left = 0;
      for (let B = 0; B < buckets; B++) {
        const first = B * width;
        // what pick reads, at the bucket's ends, its threshold's sides and its middle: the logarithm's skip
        for (const t of [first, first + width - 1, first + table[2 * B + 1]! - 1, first + table[2 * B + 1]!, first + width / 2]) {
          if (t >= first) expect(skipByTable(table, t, inv)).toBe(skipOfWord(t, inv));
        }
        const k = table[2 * B]!;
        if (k < 0) {
          // left to the logarithm: the skip changes more than once in the bucket
          expect(skipOfWord(first, inv) - skipOfWord(first + width - 1, inv)).toBeGreaterThan(1);
          left++;
          continue;
        }
        const x = table[2 * B + 1]!;
        expect(skipOfWord(first + width - 1, inv)).toBe(k);
        expect(skipOfWord(first + x, inv)).toBe(k);
        if (x > 0) {
          thresholds++;
          expect(skipOfWord(first + x - 1, inv)).toBe(k + 1);
          expect(skipOfWord(first, inv)).toBe(k + 1);
        } else expect(skipOfWord(first, inv)).toBe(k);
      }
      // the skip falls from its longest (about ln(2^-33) / ln(1 - p)) to 0 across the words: each fall of 1 is a threshold or inside a bucket left out
      expect(thresholds).toBeGreaterThan(0);
      // words left to the logarithm: about 1 / (4,096 p) of them at most (the buckets near 0)
      expect(left / buckets).toBeLessThanOrEqual(1 / (4096 * p) + 1 / buckets);
    });

    it(`p = ${p}: pick with the table picks the slots that a loop of skip(p) picks`, () => {
      const inv = 1 / Math.log1p(-p);
      expect(skipTable(p, inv, Infinity)).not.toBeNull(); // built: pick reads it
      const a = new Rng(77);
      const b = new Rng(77);
      const out = new Slots();
      // about 400,000 words each: every bucket is drawn from about a hundred times
      const n = Math.round(400_000 / p);
      b.pick(p, n, out);
      const want = new Int32Array(out.buf.length);
      let m = 0;
      for (let i = a.skip(p); i < n; i += 1 + a.skip(p)) want[m++] = i;
      expect(out.n).toBe(m);
      let firstDiff = -1;
      for (let k = 0; k < m && firstDiff < 0; k++) if (out.buf[k] !== want[k]) firstDiff = k;
      expect(firstDiff).toBe(-1);
      // and the generators end in the same state
      expect(b.u32()).toBe(a.u32());
    });
  }

  it('no table below 1/512 (most words would take the logarithm), nor before a rate has been asked for 2^18 picks', () => {
    expect(skipTable(0.001, 1 / Math.log1p(-0.001), Infinity)).toBeNull();
    const p = 0.0123;
    const inv = 1 / Math.log1p(-p);
    expect(skipTable(p, inv, 130_000)).toBeNull();
    expect(skipTable(p, inv, 130_000)).toBeNull();
    // 262,000 asked, then 272,000 >= 262,144
    expect(skipTable(p, inv, 10_000)).not.toBeNull();
  });
});
