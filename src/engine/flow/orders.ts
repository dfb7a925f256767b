/**
 * Order flow of time-driven scenarios (RULEBOOK §7): expected new buyers per day under each growth
 * model, the deterministic carry of fractional expectations, and order amounts.
 */
import { Decimal } from 'decimal.js';
import { Rng, type Slots, lognormalParams } from './rng.ts';
import { MAX_AMOUNT, MIN_AMOUNT } from '../limits.ts';
import { keptAmounts, type AmountCache, type AmountReader, type DrawOn } from './amounts.ts';

/** decimal for the running sum of expected buyers: 0.1 a day for ten days is exactly 1 */
const Cum = Decimal.clone({ precision: 40 });
import type { FlowV1, GrowthV1 } from '../scenario/schema.ts';
import { expectedBuyers, expectedBuyersThrough } from './growth.ts';

export { expectedBuyers, flowDecays } from './growth.ts';

/**
 * New buyers day by day: floor(cumulative expected through d) - floor(cumulative through d - 1). The running
 * sum is kept in decimal (each day's expectation taken as its shortest decimal form), so that a
 * float sum cannot lose a buyer: ten days of 0.1 make exactly 1.
 *
 * The counts depend on perDay and the growth model alone (no seed, no rule), so each sequence is
 * worked out once and shared: every seed of a Monte Carlo and every cell of a sweep that leaves the
 * flow alone reads the same days instead of adding 365 decimals again (about 1% of such a run).
 */
export class BuyerCounter {
  private readonly seq: CountedDays;
  constructor(perDay: number, growth: GrowthV1) {
    this.seq = countedDays(perDay, growth);
  }

  /** call once per day, in order from day 1 */
  next(d: number): number {
    const seq = this.seq;
    while (seq.counts.length < d) {
      seq.cumulative = seq.cumulative.plus(expectedBuyers(seq.perDay, seq.growth, seq.counts.length + 1));
      const before = seq.floor;
      seq.floor = seq.cumulative.floor().toNumber();
      seq.counts.push(seq.floor - before);
    }
    return seq.counts[d - 1]!;
  }
}

/** a flow's new buyers on days 1..counts.length, and the running sum to go on from */
interface CountedDays {
  perDay: number;
  growth: GrowthV1;
  counts: number[];
  cumulative: Decimal;
  floor: number;
}
/** the sequences worked out so far, by perDay and growth model; a few at a time */
const sequences = new Map<string, CountedDays>();
function countedDays(perDay: number, growth: GrowthV1): CountedDays {
  const key = `${perDay} ${JSON.stringify(growth)}`;
  let seq = sequences.get(key);
  if (seq === undefined) {
    if (sequences.size >= 16) sequences.clear();
    seq = { perDay, growth: structuredClone(growth), counts: [], cumulative: new Cum(0), floor: 0 };
    sequences.set(key, seq);
  }
  return seq;
}

/** Order amounts: fixed, or lognormal by mean and cv rounded to the cent (at least 0.01). */
export function amountSource(amount: FlowV1['orderAmount'], rng: Rng): { next: () => number; mean: number } {
  if (typeof amount === 'number') return { next: () => amount, mean: amount };
  if (amount.kind === 'fixed') return { next: () => amount.amount, mean: amount.amount };
  if (amount.cv === 0) return { next: () => Math.max(MIN_AMOUNT, Math.round(amount.mean * 100) / 100), mean: amount.mean };
  const { mu, sigma } = lognormalParams(amount.mean, amount.cv);
  return {
    // within the amounts a scenario may give (limits.ts): a far tail draw stays money
    next: () => Math.min(MAX_AMOUNT, Math.max(MIN_AMOUNT, Math.round(Math.exp(mu + sigma * rng.normal()) * 100) / 100)),
    mean: amount.mean,
  };
}

/** Total expected new buyers over the run (to size the fast path's arrays). */
export function expectedTotalBuyers(flow: FlowV1): number {
  return Math.ceil(expectedBuyersThrough(flow.buyers.perDay, flow.buyers.growth, flow.days)) + 1;
}

/** Total expected orders over the run, new buyers' and repeat purchases (to size the fast path's arrays). */
export function expectedTotalOrders(flow: FlowV1): number {
  const p = flow.repeat?.probabilityPerDay ?? 0;
  if (p === 0) return expectedTotalBuyers(flow);
  let buyers = 0;
  let orders = 0;
  for (let d = 1; d <= flow.days; d++) {
    // repeats are drawn among the buyers of earlier days
    orders += p * buyers;
    const n = expectedBuyers(flow.buyers.perDay, flow.buyers.growth, d);
    buyers += n;
    orders += n;
  }
  return Math.ceil(orders) + 1;
}

/** What a day loop tells the order flow it makes (flow/run.ts, family/run.ts): said by the caller, never guessed. */
export interface FlowUse {
  /**
   * the loop draws from the flow's stream itself (`rng`), between the amounts: the seed's loop with
   * referral (each new buyer's join). The amounts are then drawn in place, never read from the
   * amount cache (amounts.ts), whose k-th amount is the stream's only when nothing else draws from it
   */
  loopDraws: boolean;
}

/** The amount cache's part in a flow: the cache, the entry's key, the stream as a run starts it, the rule's draw and the orders expected. */
interface CachedAmounts {
  cache: AmountCache;
  key: string;
  /** the flow's stream as a run starts it */
  fresh: () => Rng;
  drawOn: DrawOn;
  expected: number;
}

/**
 * The amount cache's part in a flow whose amounts alone draw from its stream (the caller has
 * checked that), or null: no host keeps amounts, the amounts draw nothing (fixed, or cv 0), or the
 * run expects fewer orders than the cache's least (amounts.ts AMOUNTS_LEAST). Keyed by the seed and the rule.
 */
function cachedAmounts(f: FlowV1): CachedAmounts | null {
  const cache = keptAmounts();
  const a = f.orderAmount;
  if (cache === null || typeof a === 'number' || a.kind !== 'lognormal' || !(a.cv > 0)) return null;
  const expected = expectedTotalOrders(f);
  if (expected < cache.least) return null;
  return { cache, key: `${f.seed} ${a.mean} ${a.cv}`, fresh: () => new Rng(f.seed), drawOn: (rng) => amountSource(a, rng).next, expected };
}

/**
 * The order flow's own random stream (RULEBOOK §9, "the same buyers"): new buyers and their
 * amounts, then which earlier buyers order again, all drawn from `new Rng(seed)` in that order and
 * never from what a model does. Every model's day loop (flow/run.ts for the seed's, family/run.ts
 * for the others) draws through this one object, so the same scenario gives every model the same
 * buyers.
 *
 * When a host keeps amounts (amounts.ts keepAmounts) and nothing but the amounts draws from the
 * stream (lognormal amounts with cv > 0, no repeat purchases, and the loop says it draws nothing:
 * FlowUse), the amounts are read from the cache, the very same numbers.
 */
export class OrderFlow {
  private readonly stream: Rng;
  private readonly amounts: { next: () => number; mean: number };
  private readonly buyers: BuyerCounter;
  private readonly repeatP: number;
  private readonly loopDraws: boolean;
  private readonly cached: CachedAmounts | null;
  /** the cache's reader of this flow's amounts, or null: drawn here */
  private readonly reader: AmountReader | null;
  /** amountsOf's array when the amounts are drawn here */
  private drawnBlock = new Float64Array(0);

  constructor(f: FlowV1, use: FlowUse) {
    this.stream = new Rng(f.seed);
    this.repeatP = f.repeat?.probabilityPerDay ?? 0;
    this.loopDraws = use.loopDraws;
    this.cached = this.repeatP === 0 && !use.loopDraws ? cachedAmounts(f) : null;
    const c = this.cached;
    const drawn = amountSource(f.orderAmount, this.stream);
    this.reader = c === null ? null : c.cache.reader(c.key, c.fresh, c.drawOn, c.expected);
    this.amounts = this.reader === null ? drawn : { next: this.reader.next, mean: drawn.mean };
    this.buyers = new BuyerCounter(f.buyers.perDay, f.buyers.growth);
  }
  /** the flow's stream, for a loop that draws from it too (FlowUse.loopDraws: it said so) */
  get rng(): Rng {
    if (!this.loopDraws) throw new Error('OrderFlow: a loop drawing from the flow\'s stream must say so (FlowUse.loopDraws)');
    return this.stream;
  }
  /**
   * Draw this flow's amounts ahead into the amount cache, towards `ahead` times the orders its run
   * expects (at most the cache's bound), at most `budget` of them now (amounts.ts prepare). True
   * when there is nothing more to draw: done, or the flow's amounts are not kept (no cache, repeats,
   * a loop that draws, fixed amounts, a run under the cache's least size).
   */
  prepareAmounts(budget: number, ahead = 1): boolean {
    const c = this.cached;
    return c === null || c.cache.prepare(c.key, c.fresh, c.drawOn, Math.ceil(ahead * c.expected), budget);
  }
  /** the day's new buyers; call once per day, in order from day 1, orders stopped or not */
  newBuyers(d: number): number {
    return this.buyers.next(d);
  }
  /** the mean order amount (what the flow's amounts average to) */
  get meanAmount(): number {
    return this.amounts.mean;
  }
  /** the next order's amount */
  amount(): number {
    return this.amounts.next();
  }
  /**
   * the next n orders' amounts, in order, as amounts [0..n-1] of the array returned (the same
   * numbers as n calls of amount()); read them before the flow's next call, which may reuse it
   */
  amountsOf(n: number): Float64Array {
    if (this.reader !== null) return this.reader.block(n);
    if (this.drawnBlock.length < n) this.drawnBlock = new Float64Array(Math.max(n, 2 * this.drawnBlock.length));
    const out = this.drawnBlock;
    for (let k = 0; k < n; k++) out[k] = this.amounts.next();
    return out;
  }
  /** which of the buyers 0..earlier-1 (those of earlier days) order again today, into `out` (empty when repeats are off) */
  repeaters(earlier: number, out: Slots): void {
    if (this.repeatP > 0) this.stream.pick(this.repeatP, earlier, out);
    else out.n = 0;
  }
}

/** the indices of a scenario's dated events by day, in the order given (RULEBOOK §7: a day's events run in that order) */
export function eventsByDay(events: readonly { day: number }[]): Map<number, number[]> {
  const byDay = new Map<number, number[]>();
  events.forEach((e, i) => {
    const list = byDay.get(e.day);
    if (list) list.push(i);
    else byDay.set(e.day, [i]);
  });
  return byDay;
}
