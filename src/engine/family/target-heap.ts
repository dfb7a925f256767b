/**
 * A binary min-heap of the even queue's completion targets (RULEBOOK §9.4): each waiting entry is
 * held once, keyed by the level at which it is paid in full (its join level + its entitlement), so
 * the entries the next payment completes are found in O(log n) each, without walking the queue.
 * Keys are kept in heap order beside the entries: a Float64Array on the fast path, an array of
 * decimals on the exact one (the order of keys is the calculator's `cmp`).
 */
import type { Arith } from '../arith.ts';

interface Keys<T> {
  [i: number]: T;
  length: number;
}

export class TargetHeap<T> {
  private keys: Keys<T>;
  private items: Int32Array;
  size = 0;

  constructor(
    private readonly A: Arith<T>,
    capacity = 16,
  ) {
    const c = Math.max(16, capacity);
    this.keys = (A.mode === 'fast' ? new Float64Array(c) : new Array<T>(c)) as unknown as Keys<T>;
    this.items = new Int32Array(c);
  }

  /** the smallest target (the heap must not be empty) */
  get minKey(): T {
    return this.keys[0]!;
  }
  /** the entry with the smallest target (the heap must not be empty) */
  get minItem(): number {
    return this.items[0]!;
  }

  push(key: T, item: number): void {
    if (this.size === this.items.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    const cmp = this.A.cmp;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (cmp(key, keys[parent]!) >= 0) break;
      keys[i] = keys[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** remove the smallest; returns its entry */
  pop(): number {
    const keys = this.keys;
    const items = this.items;
    const cmp = this.A.cmp;
    const top = items[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const key = keys[n]!;
    const item = items[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && cmp(keys[r]!, keys[l]!) < 0 ? r : l;
      if (cmp(keys[c]!, key) >= 0) break;
      keys[i] = keys[c]!;
      items[i] = items[c]!;
      i = c;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }

  private grow(): void {
    const c = this.items.length * 2;
    const items = new Int32Array(c);
    items.set(this.items);
    this.items = items;
    if (this.keys instanceof Float64Array) {
      const keys = new Float64Array(c);
      keys.set(this.keys);
      this.keys = keys as unknown as Keys<T>;
    } else (this.keys as T[]).length = c;
  }
}
