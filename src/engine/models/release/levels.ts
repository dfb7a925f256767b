/**
 * Per-day levels the daily release (release.ts) reads a promise's past from: a running sum and
 * running products of one factor a day, over the calculator. A promise's owed share moves by the
 * same step every day as every other promise in the same phase (RULEBOOK §9.3: paid the day's
 * paid fraction of its due), so what it owed on day t follows from what it owed when its phase
 * began and the day's levels in between: O(1) for a sum, O(log days) for a product.
 *
 * Products are read from a segment tree rather than as a ratio of running products: a ratio would
 * divide by a product that, on the fast path, underflows to 0 over a long run of defaults
 * (0.5^1075 is 0 in float64); the tree only multiplies, so a product is 0 only when it truly is
 * (a day that paid in full) or is below 1e-308 (nothing left owed that float64 can tell from 0).
 */
import type { Arith } from '../../arith.ts';

/** a running sum of one value a day: sum(s, t) is the sum over days s..t */
export class DaySums<T> {
  /** cum[d] = sum over days 1..d (cum[0] = 0) */
  private readonly cum: T[];
  constructor(private readonly A: Arith<T>) {
    this.cum = [A.zero];
  }
  /** the next day's value */
  push(v: T): void {
    this.cum.push(this.A.add(this.cum[this.cum.length - 1]!, v));
  }
  /** days s..t inclusive (1-based; empty when t < s) */
  sum(s: number, t: number): T {
    return t < s ? this.A.zero : this.A.sub(this.cum[t]!, this.cum[s - 1]!);
  }
}

/** one factor a day: product(s, t) is the product over days s..t, without dividing */
export class DayProducts<T> {
  private cap = 16;
  /** tree[cap + i] is day i + 1's factor; tree[i] the product of its two children */
  private tree: T[];
  private n = 0;
  constructor(private readonly A: Arith<T>) {
    this.tree = new Array<T>(2 * this.cap).fill(A.one);
  }
  push(v: T): void {
    if (this.n === this.cap) this.grow();
    let i = this.cap + this.n++;
    this.tree[i] = v;
    for (i >>= 1; i >= 1; i >>= 1) this.tree[i] = this.A.mul(this.tree[2 * i]!, this.tree[2 * i + 1]!);
  }
  /** days s..t inclusive (1-based; 1 when t < s) */
  product(s: number, t: number): T {
    const A = this.A;
    let p = A.one;
    let l = this.cap + s - 1;
    let r = this.cap + t;
    while (l < r) {
      if (l & 1) p = A.mul(p, this.tree[l++]!);
      if (r & 1) p = A.mul(p, this.tree[--r]!);
      l >>= 1;
      r >>= 1;
    }
    return p;
  }
  private grow(): void {
    const old = this.tree;
    const cap = this.cap * 2;
    const tree = new Array<T>(2 * cap).fill(this.A.one);
    for (let i = 0; i < this.n; i++) tree[cap + i] = old[this.cap + i]!;
    for (let i = cap - 1; i >= 1; i--) tree[i] = this.A.mul(tree[2 * i]!, tree[2 * i + 1]!);
    this.cap = cap;
    this.tree = tree;
  }
}
