/**
 * Binary min-heap of user slots (small non-negative integers), one source for both number systems:
 * each slot in it has a key (its threshold as the rules hold it, R.thresholdKey, kept here) and a
 * tie-breaker (the book's entry sequence of the slot, earliest first, read from the book's own Int32
 * records), so that a user's key can change or be removed in O(log n). Used for forced exits and
 * take-profit (RULEBOOK §3.3: lowest threshold first, ties by earliest entry).
 *
 * Keys are ordered by the rule's own order of thresholds (rules.ts, `thresholdOrder`), which on the
 * exact path compares fractions and treats near-equal thresholds as a tie. Like the book, the fast
 * path runs this source specialised to float64 (heap.fast.ts, written by scripts/specialise-fast.ts;
 * never edit it): keys in a Float64Array, the order a float comparison, no call through a closure.
 *
 * Removal is lazy: `delete` marks the slot dead where it stands (O(1)); a dead slot is dropped
 * when it surfaces at the top, or revived in place if its user comes back. Most exited users
 * never surface, so a sale costs no sift at all.
 *
 * Memory: the slots and their keys are held by place in the heap (arrays sized to its entries,
 * not to all slots); each slot has only its place and its dead mark (5 bytes). On the fast path,
 * when the entries fill their arrays and a quarter or more of them are dead, the dead ones are
 * dropped and the rest re-heaped (O(entries), once per as many deletions) rather than the arrays
 * doubled: a run of ten million buyers with two million holding keeps about four million entries,
 * not ten. The fast order is total (a float key, then the entry sequence), so which slot is
 * smallest never depends on the heap's shape; the exact order treats near-equal thresholds as a
 * tie, so the exact heap never re-heaps (its runs are small).
 */
import type { Arith } from '../../arith.ts';
import * as R from './rules.ts';

/** where a slot's tie-breaker sits in the book's interleaved Int32 records */
export const TIE_STRIDE = 8;
export const TIE_OFFSET = 7;

/** keys by slot: a Float64Array on the fast path, an array of decimals on the exact one */
export interface KeyStore<K> {
  [slot: number]: K;
}

export class SlotHeap<T> {
  /** slots by place in the heap, dead ones included (entries 0..n-1) */
  items: Int32Array;
  /** the key of the entry at each place */
  key: KeyStore<R.ThresholdKey<T>>;
  /** each slot's place in the heap, -1 when absent */
  pos: Int32Array;
  tie: Int32Array;
  /** 1 for a slot that is in the array but deleted */
  dead: Uint8Array;
  /** entries in the array, dead ones included */
  private n = 0;
  /** live entries */
  size = 0;

  /**
   * capacity: slots 0..capacity-1. tie: the book's Int32 records (entry sequence at TIE_OFFSET);
   * hand the new array over after the book grows. exactTie: the relative distance within which two
   * exact thresholds are equal (arith.ts EXACT_TIE), null on the fast path.
   */
  constructor(
    readonly A: Arith<T>,
    capacity: number,
    tie: Int32Array,
    private readonly exactTie: T | null,
  ) {
    const c = Math.max(16, capacity);
    this.pos = new Int32Array(c).fill(-1);
    this.dead = new Uint8Array(c);
    this.tie = tie;
    const e = Math.min(c, 1 << 12);
    this.items = new Int32Array(e);
    this.key = this.keys(e);
  }

  /** keys for n entries, keeping what `old` holds: a Float64Array of quotients (fast), an array of fractions (exact) */
  private keys(n: number, old?: KeyStore<R.ThresholdKey<T>>): KeyStore<R.ThresholdKey<T>> {
    if (this.A.mode === 'fast') {
      const s = new Float64Array(n);
      if (old !== undefined) s.set(old as unknown as Float64Array);
      return s as unknown as KeyStore<R.ThresholdKey<T>>;
    }
    return old ?? [];
  }

  /** bytes per slot on the fast path (its place and dead mark) */
  static readonly BYTES_PER_SLOT = 4 + 1;
  /** bytes per entry on the fast path (the slot and its Float64 key) */
  static readonly BYTES_PER_ENTRY = 4 + 8;

  /** make room for slots up to capacity - 1 */
  grow(capacity: number, tie: Int32Array): void {
    this.tie = tie;
    if (capacity <= this.pos.length) return;
    const pos = new Int32Array(capacity).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    const dead = new Uint8Array(capacity);
    dead.set(this.dead);
    this.dead = dead;
  }

  /** room for one more entry: drop the dead ones when a quarter or more are (fast path), else double the arrays */
  private makeRoom(): void {
    if (this.A.mode === 'fast' && this.size * 4 <= this.n * 3) {
      this.compact();
      return;
    }
    const e = this.items.length * 2;
    const items = new Int32Array(e);
    items.set(this.items);
    this.items = items;
    this.key = this.keys(e, this.key);
  }

  /** the dead entries dropped, the live ones re-heaped (Floyd: sift down from the last parent) */
  private compact(): void {
    const items = this.items;
    const pos = this.pos;
    let j = 0;
    for (let i = 0; i < this.n; i++) {
      const s = items[i]!;
      if (this.dead[s] !== 0) {
        pos[s] = -1;
        this.dead[s] = 0;
      } else {
        items[j] = s;
        this.key[j] = this.key[i]!;
        pos[s] = j;
        j++;
      }
    }
    this.n = j;
    for (let i = (j >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** the live slot with the smallest key, -1 when none (dead slots at the top are dropped here) */
  peek(): number {
    while (this.n > 0) {
      const top = this.items[0]!;
      if (this.dead[top] === 0) return top;
      this.remove(top);
    }
    return -1;
  }

  has(slot: number): boolean {
    return slot < this.pos.length && this.pos[slot]! >= 0 && this.dead[slot] === 0;
  }

  /** a live slot's key, undefined when absent */
  keyOf(slot: number): R.ThresholdKey<T> | undefined {
    return this.has(slot) ? this.key[this.pos[slot]!] : undefined;
  }

  /** entry (ka, slot a) before entry (kb, slot b): lower threshold, ties by earlier entry */
  private less(ka: R.ThresholdKey<T>, a: number, kb: R.ThresholdKey<T>, b: number): boolean {
    const c = R.thresholdOrder(this.A, this.exactTie, ka, kb);
    return c < 0 || (c === 0 && this.tie[a * TIE_STRIDE + TIE_OFFSET]! < this.tie[b * TIE_STRIDE + TIE_OFFSET]!);
  }

  /** insert a slot with its key, or move it to a new key */
  set(slot: number, key: R.ThresholdKey<T>): void {
    const at = this.pos[slot]!;
    if (at < 0) {
      if (this.n === this.items.length) this.makeRoom();
      this.size++;
      const i = this.n++;
      this.items[i] = slot;
      this.key[i] = key;
      this.pos[slot] = i;
      this.up(i);
    } else {
      this.key[at] = key;
      if (this.dead[slot] !== 0) {
        this.dead[slot] = 0;
        this.size++;
      }
      this.up(at);
      this.down(this.pos[slot]!);
    }
  }

  /** mark a slot deleted; it leaves the array when it surfaces */
  delete(slot: number): void {
    if (this.pos[slot]! >= 0 && this.dead[slot] === 0) {
      this.dead[slot] = 1;
      this.size--;
    }
  }

  private remove(slot: number): void {
    const at = this.pos[slot]!;
    this.pos[slot] = -1;
    this.dead[slot] = 0;
    const i = --this.n;
    if (at < i) {
      const last = this.items[i]!;
      this.items[at] = last;
      this.key[at] = this.key[i]!;
      this.pos[last] = at;
      this.up(at);
      this.down(this.pos[last]!);
    }
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) {
      this.pos[this.items[i]!] = -1;
      this.dead[this.items[i]!] = 0;
    }
    this.n = 0;
    this.size = 0;
  }

  private up(i: number): void {
    const items = this.items;
    const key = this.key;
    const pos = this.pos;
    const x = items[i]!;
    const kx = key[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      const kp = key[parent]!;
      if (!this.less(kx, x, kp, p)) break;
      items[i] = p;
      key[i] = kp;
      pos[p] = i;
      i = parent;
    }
    items[i] = x;
    key[i] = kx;
    pos[x] = i;
  }

  private down(i: number): void {
    const items = this.items;
    const key = this.key;
    const pos = this.pos;
    const n = this.n;
    const x = items[i]!;
    const kx = key[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(key[r]!, items[r]!, key[l]!, items[l]!)) c = r;
      const kc = key[c]!;
      const sc = items[c]!;
      if (!this.less(kc, sc, kx, x)) break;
      items[i] = sc;
      key[i] = kc;
      pos[sc] = i;
      i = c;
    }
    items[i] = x;
    key[i] = kx;
    pos[x] = i;
  }
}
