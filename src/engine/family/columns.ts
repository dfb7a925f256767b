/**
 * Growable columns of figures in a model's own number type: a Float64Array on the fast path, an
 * array of decimals on the exact one. The family's models keep one entry per promise (or right, or
 * day) in columns, so a run of ten million orders stays in flat memory.
 */
import type { Arith } from '../arith.ts';

export interface Column<T> {
  get(i: number): T;
  set(i: number, v: T): void;
  /** append; returns the index */
  push(v: T): number;
  readonly length: number;
}

class FloatColumn implements Column<number> {
  private a: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.a = new Float64Array(Math.max(16, capacity));
  }
  get(i: number): number {
    return this.a[i]!;
  }
  set(i: number, v: number): void {
    this.a[i] = v;
  }
  push(v: number): number {
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = v;
    return this.length++;
  }
  /** out of line, so that push stays small enough to inline at every call site */
  private grow(): void {
    const b = new Float64Array(this.a.length * 2);
    b.set(this.a);
    this.a = b;
  }
}

class ArrayColumn<T> implements Column<T> {
  private a: T[] = [];
  get length(): number {
    return this.a.length;
  }
  get(i: number): T {
    return this.a[i]!;
  }
  set(i: number, v: T): void {
    this.a[i] = v;
  }
  push(v: T): number {
    return this.a.push(v) - 1;
  }
}

/** a column of the calculator's numbers */
export function column<T>(A: Arith<T>, capacity = 16): Column<T> {
  return (A.mode === 'fast' ? new FloatColumn(capacity) : new ArrayColumn<T>()) as unknown as Column<T>;
}

/**
 * a growable column of small integers (slots, days, indices; -1 for none): written apart from
 * FloatColumn, not as one class over both typed arrays, so that every read site sees one element
 * kind and V8 keeps it monomorphic on the hot path
 */
export class IntColumn {
  private a: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.a = new Int32Array(Math.max(16, capacity));
  }
  get(i: number): number {
    return this.a[i]!;
  }
  set(i: number, v: number): void {
    this.a[i] = v;
  }
  push(v: number): number {
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = v;
    return this.length++;
  }
  /** the backing array, for a bulk pass over slots 0..length-1 (valid until the column grows) */
  get array(): Int32Array {
    return this.a;
  }
  /** grow to n slots (n >= length), the new ones set to v */
  extend(n: number, v: number): void {
    while (this.a.length < n) this.grow();
    this.a.fill(v, this.length, n);
    this.length = n;
  }
  private grow(): void {
    const b = new Int32Array(this.a.length * 2);
    b.set(this.a);
    this.a = b;
  }
}
