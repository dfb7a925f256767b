/**
 * The scenario's seeded random generator: sfc32 (a small, fast counter-based generator on 32-bit
 * integers), seeded through splitmix32. Same seed, same sequence of integers, on every engine and
 * platform: randomness enters a run only through here (RULEBOOK §7). What is drawn from them through
 * Math.log, exp, sin or cos (normal and lognormal draws, the logarithm of a skip) may differ in the
 * last bit between JavaScript engines, which the language allows (the README says what that means for a run).
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
  /** the state words a, b, c, d */
  private readonly s = new Int32Array(4);
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
    this.s[0] = next();
    this.s[1] = next();
    this.s[2] = next();
    this.s[3] = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /**
   * A generator keyed by the seed, a key (a day) and a tag (which decision): its first three state
   * words are bijective mixes of the three, so distinct (seed, key, tag) start from distinct states,
   * and no draw elsewhere in the run moves it. Cheap: built once per day and kind of decision.
   */
  static keyed(seed: number, key: number, tag: number): Rng {
    const r = new Rng(0);
    r.s[0] = fmix32((seed >>> 0) ^ 0x243f6a88);
    r.s[1] = fmix32((key >>> 0) ^ 0x85a308d3);
    r.s[2] = fmix32((tag >>> 0) ^ 0x13198a2e);
    r.s[3] = 1;
    r.spare = NaN;
    for (let i = 0; i < 15; i++) r.u32();
    return r;
  }

  /** a generator at the same place as this one (its state and its normal draw's spare): the same draws from here on, drawn apart */
  copy(): Rng {
    const r = new Rng(0);
    r.s.set(this.s);
    r.spare = this.spare;
    return r;
  }

  /** a uniform 32-bit unsigned integer */
  u32(): number {
    const s = this.s;
    const a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
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
    return skipOfWord(this.u32(), 1 / Math.log1p(-p));
  }

  /**
   * Each of the slots 0..n-1 independently with probability p, into `out` in increasing order, by
   * geometric skips: the same draws as a loop of `skip(p)`, one 32-bit word each. The hot loop of
   * every day's sells (as calls of `skip` it took about 20-25 ns a pick), so the generator's state
   * stays in locals and `u32`'s step is written out here; once a rate has been asked for 2^18
   * picks, each skip is read from its table (`skipTable`) instead of taking a logarithm.
   * test/engine/same-buyers.test.ts holds the two to the same slots.
   */
  pick(p: number, n: number, out: Slots): void {
    out.n = 0;
    if (p <= 0 || n <= 0) return;
    if (p >= 1) {
      for (let i = 0; i < n; i++) out.push(i);
      return;
    }
    const inv = 1 / Math.log1p(-p);
    const table = skipTable(p, inv, n * p);
    const st = this.s;
    let a = st[0]!, b = st[1]!, c = st[2]!, d = st[3]!;
    let i = -1;
    // one loop for both: the branch on the table goes the same way every pick
    for (;;) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      i += 1 + (table !== null ? skipByTable(table, t, inv) : skipOfWord(t >>> 0, inv));
      if (i >= n) break;
      out.push(i);
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }
}

/** a geometric skip as `skip` and `pick` take it: failures before the first success, from a 32-bit word */
export function skipOfWord(t: number, inv: number): number {
  return Math.floor(Math.log(unitOf(t)) * inv);
}

/** skipOfWord(t, inv) read from the rate's table (skipTable); t a 32-bit word, signed or not */
export function skipByTable(table: Int32Array, t: number, inv: number): number {
  const at = (t >>> LOW) << 1;
  const k = table[at]!;
  // below the bucket's threshold the skip is one more; a bucket the table leaves out (k < 0) takes the logarithm
  return k >= 0 ? k + (((t & LOW_MASK) - table[at + 1]!) >>> 31) : skipOfWord(t >>> 0, inv);
}

/** picks asked of a rate before its table is built (a table takes 2-8 ms to build; a pick by table saves 10-15 ns) */
const TABLE_AFTER = 1 << 18;
/** below this rate more than about 1 / (4,096 p) > 1/8 of the words would fall in buckets the table leaves out: picks take the logarithm */
const TABLE_MIN_P = 1 / 512;
/**
 * A table's buckets: the words' top 32 - LOW bits (4,096 buckets, a 32 KB table that stays in the
 * core's cache beside the book; 65,536 buckets measured slower in a whole run, for their cache misses).
 */
const LOW = 20;
const LOW_MASK = (1 << LOW) - 1;
const skipTables = new Map<number, { asked: number; table: Int32Array | null }>();

/**
 * The skip of every 32-bit word, by its top 12 bits (a bucket of 2^20 words), without a logarithm:
 * `table[2B]` the skip of bucket B's last word and `table[2B + 1]` the first low 20 bits from which
 * it holds (below them, the skip is one more), or `table[2B] = -1` where the skip changes more than
 * once within the bucket (words near 0, where skips are long: about 1 / (4,096 p) of the draws,
 * which take the logarithm). Exactly `skipOfWord`: it is computed from `skipOfWord` itself at
 * each bucket's ends and, where it changes, at the threshold found by bisection, which holds because
 * `skipOfWord` never increases with the word (the words' logarithms are at least 2^20 ulps apart, far
 * more than Math.log's error, so their order survives rounding; multiplying by `inv` and `floor`
 * keep order). Built for a rate once it has been asked for TABLE_AFTER picks; up to 64 rates are kept (2 MB).
 */
export function skipTable(p: number, inv: number, picks: number): Int32Array | null {
  if (p < TABLE_MIN_P) return null;
  let e = skipTables.get(p);
  if (e === undefined) {
    // a sweep's cells have up to 20 rates of each kind (sells, repeats)
    if (skipTables.size >= 64) skipTables.clear();
    e = { asked: 0, table: null };
    skipTables.set(p, e);
  }
  if (e.table !== null) return e.table;
  e.asked += picks;
  if (e.asked < TABLE_AFTER) return null;
  const buckets = 2 ** (32 - LOW);
  const table = new Int32Array(2 * buckets);
  for (let B = 0; B < buckets; B++) {
    const first = B * 2 ** LOW;
    const hi = skipOfWord(first, inv);
    const lo = skipOfWord(first + LOW_MASK, inv);
    if (hi === lo) {
      table[2 * B] = lo;
      table[2 * B + 1] = 0;
    } else if (hi === lo + 1) {
      // the first low 20 bits x whose skip is lo: skipOfWord(first + x - 1) = lo + 1
      let x0 = 1;
      let x1 = LOW_MASK;
      while (x0 < x1) {
        const m = (x0 + x1) >>> 1;
        if (skipOfWord(first + m, inv) === lo) x1 = m;
        else x0 = m + 1;
      }
      table[2 * B] = lo;
      table[2 * B + 1] = x0;
    } else table[2 * B] = -1;
  }
  e.table = table;
  return table;
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
