/**
 * The scenario's seeded random generator: sfc32 (a small, fast counter-based generator on 32-bit
 * integers), seeded through splitmix32. Same seed, same sequence, on every engine and platform:
 * randomness enters a run only through here (RULEBOOK §7).
 *
 * A run draws from two kinds of stream (RULEBOOK §9, "the same buyers"): the order flow, `new
 * Rng(seed)`, and decisions keyed by day, `Rng.keyed(seed, day, tag)`, one short generator per day
 * and kind of decision (see run.ts).
 */

/** murmur3's finaliser: a bijection on 32-bit integers that spreads every input bit */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /**
   * A generator keyed by the seed, a key (a day) and a tag (which decision): its first three state
   * words are bijective mixes of the three, so distinct (seed, key, tag) start from distinct states,
   * and no draw elsewhere in the run moves it. Cheap: built once per day and kind of decision.
   */
  static keyed(seed: number, key: number, tag: number): Rng {
    const r = new Rng(0);
    r.a = fmix32((seed >>> 0) ^ 0x243f6a88);
    r.b = fmix32((key >>> 0) ^ 0x85a308d3);
    r.c = fmix32((tag >>> 0) ^ 0x13198a2e);
    r.d = 1;
    r.spare = NaN;
    for (let i = 0; i < 15; i++) r.u32();
    return r;
  }

  /** a uniform 32-bit unsigned integer */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1), 53 random bits */
  next(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** standard normal (Box-Muller; the second value of each pair is kept for the next call) */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Number of failures before the first success in Bernoulli(p) trials: the gap to the next
   * selected item when each item is selected with probability p. Infinity for p = 0.
   */
  skip(p: number): number {
    if (p >= 1) return 0;
    if (p <= 0) return Infinity;
    return Math.floor(Math.log(unitOf(this.u32())) * (1 / Math.log1p(-p)));
  }

  /**
   * Each of the slots 0..n-1 independently with probability p, into `out` in increasing order, by
   * geometric skips: the same draws as a loop of `skip(p)`, one 32-bit word each. The hot loop of
   * every day's sells (as calls of `skip` it took about 20-25 ns a pick), so the generator's state
   * stays in locals and `u32`'s step is written out here; test/engine/same-buyers.test.ts holds the
   * two to the same slots.
   */
  pick(p: number, n: number, out: Slots): void {
    out.n = 0;
    if (p <= 0 || n <= 0) return;
    if (p >= 1) {
      for (let i = 0; i < n; i++) out.push(i);
      return;
    }
    const inv = 1 / Math.log1p(-p);
    let { a, b, c, d } = this;
    let i = -1;
    for (;;) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      i += 1 + Math.floor(Math.log(unitOf(t >>> 0)) * inv);
      if (i >= n) break;
      out.push(i);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}

/**
 * A 32-bit word as a uniform in (0, 1): (k + 0.5) / 2^32, never 0 or 1, so a logarithm needs no
 * retry. The geometric tail beyond ln(2^-33) / ln(1 - p) (probability below 2^-32) is cut.
 */
function unitOf(k: number): number {
  return (k + 0.5) * 2.3283064365386963e-10;
}

/** A reusable, growing list of chosen slots (`buf[0..n-1]`). */
export class Slots {
  buf = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.n++] = x;
  }
}

/** Lognormal parameters from the mean and coefficient of variation of the amount itself. */
export function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}
