/**
 * The scenario's seeded random generator: sfc32 (a small, fast counter-based generator on 32-bit
 * integers), seeded through splitmix32. Same seed, same sequence, on every engine and platform:
 * randomness enters a run only through here (RULEBOOK §7).
 *
 * A run draws from two kinds of stream (RULEBOOK §9, "the same buyers"): the order flow, `new
 * Rng(seed)`, and decisions keyed by day, `Rng.keyed(seed, day, tag)`, one short generator per day
 * and kind of decision (see timeline.ts).
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
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.floor(Math.log(u) / Math.log1p(-p));
  }

  /** skip(p) given ln(1 - p) (< 0), computed once for a run of skips */
  skipLn(ln1mp: number): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.floor(Math.log(u) / ln1mp);
  }
}

/** Lognormal parameters from the mean and coefficient of variation of the amount itself. */
export function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}
