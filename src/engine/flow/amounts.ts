/**
 * A cache of the order flow's amounts, off unless a host turns it on (keepAmounts: the explorer's
 * worker does; the command does not). When nothing but the amounts draws from the flow's stream
 * (no repeat purchases, no referral: orders.ts OrderFlow, told by its caller), the k-th order's
 * amount is a function of the seed, the amount rule and k alone, whatever the buyers a day, the
 * model or its parameters: the lognormal draws (Box-Muller and an exponential, about 90 ns an
 * order, a sixth of a year's run at 300 buyers a day) can then be drawn once and read by every run
 * of that seed and rule, and drawn ahead while the worker is idle (src/explorer/prepare.ts).
 *
 * An entry, keyed by its seed and amount rule, holds the first `n` amounts in a Float64Array and the
 * generator positioned after them (the flow's `new Rng(seed)`, its normal draw's spare included).
 * A run reads the entry's amounts and extends it, a block at a time, as it goes past them; past
 * the cap (the entry can hold no more, or another entry took its place) it goes on from a copy of
 * the entry's generator, drawing itself. So a run reads the very amounts it would have drawn, bit
 * for bit, in every case (test/engine/amounts.test.ts).
 *
 * Bounded: at most `maxEntries` entries and `maxValues` amounts held in all (8 bytes each, counted
 * as the arrays' room), the least recently used entry let go first. Dependency-free but for rng.ts.
 */
import type { Rng } from './rng.ts';

/** amounts drawn at a time when a run or a preparation extends an entry (~0.4 ms of draws) */
export const AMOUNTS_BLOCK = 4096;

/**
 * A run expecting fewer orders than this neither reads nor makes an entry: it would save under
 * 6 ms, and the explorer's previews (coarse runs of 20,000 buyers, whose amounts are scaled by their
 * coarse factor and so differ at every value of a drag) would otherwise push out the entries of
 * the full runs.
 */
export const AMOUNTS_LEAST = 1 << 16;

/**
 * A run's amounts from the cache (AmountCache.reader), in order: one at a time (next), or the next
 * n at once (block: amounts [0..n-1] of the array it returns, a view of the entry's where it holds
 * them; read before the reader's next call)
 */
export interface AmountReader {
  next: () => number;
  block: (n: number) => Float64Array;
}

/** makes the amount rule's draw on a generator (orders.ts amountSource): the one formula, for the cache as for a run */
export type DrawOn = (rng: Rng) => () => number;

class Entry {
  values: Float64Array;
  n = 0;
  /** false once let go: its readers read what it holds, then draw on a copy of its generator */
  live = true;
  readonly draw: () => number;
  constructor(
    readonly rng: Rng,
    drawOn: DrawOn,
    room: number,
  ) {
    this.values = new Float64Array(room);
    this.draw = drawOn(rng);
  }
}

export class AmountCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly maxValues: number,
    readonly maxEntries = 4,
    /** runs expecting fewer orders neither read nor make an entry (AMOUNTS_LEAST) */
    readonly least = AMOUNTS_LEAST,
  ) {}

  /** amounts held in all (the entries' room) */
  get heldValues(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.values.length;
    return n;
  }

  /** the amounts drawn so far for a key (0: none kept) */
  drawn(key: string): number {
    return this.entries.get(key)?.n ?? 0;
  }

  /** let every entry go (runs reading one go on drawing themselves) */
  clear(): void {
    for (const e of this.entries.values()) e.live = false;
    this.entries.clear();
  }

  /** the key's entry, made if there is none (a new generator from `fresh`), now the most recently used */
  private entry(key: string, fresh: () => Rng, drawOn: DrawOn, expected: number): Entry {
    let e = this.entries.get(key);
    if (e !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, e);
      return e;
    }
    while (this.entries.size >= this.maxEntries) this.letGo(this.entries.keys().next().value!);
    e = new Entry(fresh(), drawOn, 0);
    this.entries.set(key, e);
    // room for the orders expected at once (one array, no doubling), within the bound
    this.room(e, Math.min(this.maxValues, expected + AMOUNTS_BLOCK));
    return e;
  }

  private letGo(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    e.live = false;
    this.entries.delete(key);
  }

  /** room for `want` amounts in e (at most maxValues), the other entries let go, the least recently used first, while all would be over the bound */
  private room(e: Entry, want: number): void {
    const size = Math.min(this.maxValues, want);
    if (size <= e.values.length) return;
    let others = this.heldValues - e.values.length;
    for (const [k, o] of this.entries) {
      if (others + size <= this.maxValues) break;
      if (o === e) continue;
      others -= o.values.length;
      this.letGo(k);
    }
    const v = new Float64Array(size);
    v.set(e.values.subarray(0, e.n));
    e.values = v;
  }

  /** draw e's amounts on to `to` (within its room); the number held after */
  private fill(e: Entry, to: number): number {
    const end = Math.min(to, e.values.length);
    const v = e.values;
    const draw = e.draw;
    let n = e.n;
    while (n < end) v[n++] = draw();
    e.n = n;
    return n;
  }

  /** e extended by a block at least past `at`, as room allows; false when it can hold no more */
  private extend(e: Entry, at: number): boolean {
    if (!e.live) return false;
    const to = Math.max(at + 1, e.n + AMOUNTS_BLOCK);
    if (to > e.values.length) this.room(e, Math.max(to, 2 * e.values.length));
    return this.fill(e, to) > at;
  }

  /**
   * A run's amounts, in order: those the key's entry holds, then more drawn into it a block at a
   * time, then, past the cap, drawn on a copy of its generator. `fresh` is the flow's generator as
   * a run starts it (`new Rng(seed)`), `drawOn` the rule's draw, `expected` the orders the run
   * expects (the entry's first room).
   */
  reader(key: string, fresh: () => Rng, drawOn: DrawOn, expected: number): AmountReader {
    const e = this.entry(key, fresh, drawOn, expected);
    let values = e.values;
    let held = e.n;
    let at = 0;
    let own: (() => number) | null = null;
    const more = (): number => {
      if (own !== null) return own();
      if (at >= e.n && !this.extend(e, at)) {
        // at === e.n: the entry's generator stands after the run's amounts so far
        own = drawOn(e.rng.copy());
        return own();
      }
      values = e.values;
      held = e.n;
      return values[at++]!;
    };
    const next = (): number => (at < held ? values[at++]! : more());
    let spill = new Float64Array(0);
    const block = (n: number): Float64Array => {
      if (at + n > held && own === null) {
        // what the entry holds now (another reader, or a preparation, may have drawn on), extended past the block if it can be
        if (at + n > e.n) this.extend(e, at + n - 1);
        values = e.values;
        held = e.n;
      }
      if (at + n <= held) {
        const v = values.subarray(at, at + n);
        at += n;
        return v;
      }
      // past the entry's cap: one at a time, as next reads them
      if (spill.length < n) spill = new Float64Array(Math.max(n, 2 * spill.length));
      for (let k = 0; k < n; k++) spill[k] = next();
      return spill;
    };
    return { next, block };
  }

  /**
   * Draw the key's amounts ahead, towards `upTo` (within the bound), at most `budget` of them now.
   * True when as many are held as will be (upTo, or the cap).
   */
  prepare(key: string, fresh: () => Rng, drawOn: DrawOn, upTo: number, budget: number): boolean {
    const goal = Math.min(upTo, this.maxValues);
    const e = this.entry(key, fresh, drawOn, upTo);
    if (e.n >= goal) return true;
    this.room(e, goal + AMOUNTS_BLOCK);
    return this.fill(e, Math.min(goal, e.n + budget)) >= goal;
  }
}

let kept: AmountCache | null = null;

/** keep the order flow's amounts from now on, up to maxValues of them (8 bytes each) in at most `entries` entries, for runs expecting `least` orders or more; 0: keep none (the default) */
export function keepAmounts(maxValues: number, opts: { entries?: number; least?: number } = {}): AmountCache | null {
  kept?.clear();
  kept = maxValues > 0 ? new AmountCache(maxValues, opts.entries, opts.least) : null;
  return kept;
}

/** the cache in use, if a host turned one on */
export function keptAmounts(): AmountCache | null {
  return kept;
}
