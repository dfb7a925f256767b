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

/**
 * A min-heap of record indices by a key in the calculator's numbers, ties to the lower index (the
 * older record). The remaining mode keeps its records on their share of what is owed here, by how
 * close each is to its last release.
 */
export class RecordHeap<T> {
  private readonly items: number[] = [];
  private readonly keys = new Map<number, T>();
  constructor(private readonly A: Arith<T>) {}
  get size(): number {
    return this.items.length;
  }
  /** the record with the smallest key; -1 when empty */
  top(): number {
    return this.items.length ? this.items[0]! : -1;
  }
  push(g: number, key: T): void {
    this.keys.set(g, key);
    this.items.push(g);
    this.up(this.items.length - 1);
  }
  pop(): number {
    const it = this.items;
    const g = it[0]!;
    const last = it.pop()!;
    if (it.length) {
      it[0] = last;
      this.down(0);
    }
    this.keys.delete(g);
    return g;
  }
  /** every key times f (> 0): the order stays */
  scale(f: T): void {
    for (const [g, k] of this.keys) this.keys.set(g, this.A.mul(k, f));
  }
  private less(a: number, b: number): boolean {
    const c = this.A.cmp(this.keys.get(a)!, this.keys.get(b)!);
    return c < 0 || (c === 0 && a < b);
  }
  private up(i: number): void {
    const it = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(it[i]!, it[p]!)) break;
      [it[i], it[p]] = [it[p]!, it[i]!];
      i = p;
    }
  }
  private down(i: number): void {
    const it = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < it.length && this.less(it[l]!, it[m]!)) m = l;
      if (r < it.length && this.less(it[r]!, it[m]!)) m = r;
      if (m === i) return;
      [it[i], it[m]] = [it[m]!, it[i]!];
      i = m;
    }
  }
}
