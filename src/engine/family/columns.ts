/**
 * Growable columns of figures in a model's own number type: a Float64Array on the fast path, an
 * array of decimals on the exact one. The family's models keep one entry per promise (or right, or
 * day) in columns, so a run of ten million orders stays in flat memory.
 */
import type { Arith } from '../arith.ts';
import { bigBuffer } from '../buffers.ts';

/**
 * n zeros for a column: from the engine's big buffers (buffers.ts bigBuffer: a new ArrayBuffer, or
 * the host's; the explorer's worker hands a finished run's again, zeroed over the n asked for)
 */
function floats(n: number): Float64Array {
  return new Float64Array(bigBuffer(n * 8, 'columns'), 0, n);
}
function ints(n: number): Int32Array {
  return new Int32Array(bigBuffer(n * 4, 'columns'), 0, n);
}

export interface Column<T> {
  get(i: number): T;
  set(i: number, v: T): void;
  /** append; returns the index */
  push(v: T): number;
  readonly length: number;
}

/** a typed array twice as long, holding the same values at the start (a column's room when it fills) */
function doubled<A extends Float64Array | Int32Array>(a: A): A {
  const b = (a instanceof Float64Array ? floats(a.length * 2) : ints(a.length * 2)) as A;
  b.set(a);
  return b;
}

class FloatColumn implements Column<number> {
  private a: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.a = floats(Math.max(16, capacity));
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
    this.a = doubled(this.a);
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
    this.a = ints(Math.max(16, capacity));
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
  private grow(): void {
    this.a = doubled(this.a);
  }
}

/** what a reader of a column needs: a value by index, and how many there are */
export interface ColumnOf<V> {
  get(i: number): V;
  readonly length: number;
}

/**
 * A column whose values come in runs of one value, kept as one value per run: the orders of a day
 * share their day, and the rights made on a day under one set of terms share their day, their cost
 * and their promise (RULEBOOK §9.5), so ten million of them take a few hundred runs, not ten
 * million slots. Written by push only (a value equal to the last, by ===, extends its run; on the
 * exact path the model pushes the same decimal for a run); read by index in O(1) when the reads go
 * in order (the last run read, or the next), else by halving over the runs.
 */
export class RunColumn<V> implements ColumnOf<V> {
  length = 0;
  /** the first index of each run */
  private starts = new Int32Array(16);
  private readonly values: V[] = [];
  /** the run last read */
  private asked = 0;

  get(i: number): V {
    const starts = this.starts;
    const runs = this.values.length;
    let r = this.asked;
    if (r < runs && starts[r]! <= i) {
      if (r + 1 === runs || starts[r + 1]! > i) return this.values[r]!;
      r++;
      if (r + 1 === runs || starts[r + 1]! > i) {
        this.asked = r;
        return this.values[r]!;
      }
    }
    // the last run starting at or before i
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    this.asked = lo;
    return this.values[lo]!;
  }

  /** append n of v (as n pushes); returns the first one's index */
  pushRun(v: V, n: number): number {
    if (n <= 0) return this.length;
    const i = this.push(v);
    this.length += n - 1;
    return i;
  }

  /** append; returns the index */
  push(v: V): number {
    const runs = this.values.length;
    if (runs === 0 || this.values[runs - 1] !== v) {
      if (runs === this.starts.length) {
        const b = new Int32Array(runs * 2);
        b.set(this.starts);
        this.starts = b;
      }
      this.starts[runs] = this.length;
      this.values.push(v);
    }
    return this.length++;
  }
}

/**
 * A growable column of small integers that are -1 (none) until set: a promise's completion day and
 * order. Each slot holds its value + 1, so a slot never set holds the 0 its array was made with and
 * a push of -1 writes nothing: the pages of a large column that no completion reaches are never
 * written (the operating system gives them zeroed when first touched), and ten million promises
 * that stay waiting cost no memory for it (on a new buffer: one a pool hands out again it zeroes,
 * buffers.ts BufferPool, over pages already in memory).
 */
export class NoneOrIntColumn implements ColumnOf<number> {
  private a: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.a = ints(Math.max(16, capacity));
  }
  get(i: number): number {
    return this.a[i]! - 1;
  }
  set(i: number, v: number): void {
    this.a[i] = v + 1;
  }
  /** append (-1 by default); returns the index */
  push(v = -1): number {
    if (this.length === this.a.length) this.grow();
    if (v !== -1) this.a[this.length] = v + 1;
    return this.length++;
  }
  /** grow to n slots (n >= length), the new ones -1: nothing written */
  extend(n: number): void {
    while (this.a.length < n) this.grow();
    this.length = n;
  }
  /** the backing array, each slot its value + 1 (0: none), for a bulk pass (valid until the column grows) */
  get array(): Int32Array {
    return this.a;
  }
  private grow(): void {
    this.a = doubled(this.a);
  }
}
