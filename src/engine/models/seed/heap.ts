/**
 * Binary min-heap of user slots (small non-negative integers), one source for both number systems:
 * each slot in it has a key (its threshold as the rules hold it, R.thresholdKey, kept here) and a
 * tie-breaker (the user's entry sequence, earliest first, given with the key), so that a user's key can change or be removed in O(log n). Used for forced exits and
 * take-profit (RULEBOOK §3.3: lowest threshold first, ties by earliest entry).
 *
 * Keys are ordered by the rule's own order of thresholds (rules.ts, `thresholdOrder`), which on the
 * exact path compares fractions and treats near-equal thresholds as a tie. Like the book, the fast
 * path runs this source specialised to float64 (heap.fast.ts, written by scripts/specialise-fast.ts;
 * never edit it): keys in a Float64Array, the order a float comparison, no call through a closure.
 *
 * Removal is lazy: `delete` forgets the slot's place (O(1), in the slot's own record: the line a
 * sale writes anyway) and leaves its entry where it stands, stale: an entry is live exactly when
 * its slot's place is its own place (pos[slot] === place + 1), so no mark of its own is written.
 * A slot's place is held plus one, 0 when absent, so that memory as it is allocated (zeros) says
 * "absent" for every slot: neither the heap nor the book writes a mark into every slot up front
 * (the book's records for ten million buyers are 320 MB). A
 * stale entry is dropped when it surfaces at the top; a slot that comes back gets a new entry.
 * Most exited users never surface, so a sale costs no sift and no memory beyond its record.
 *
 * Memory: the slots, their keys and tie-breakers are held by place in the heap (arrays sized to its
 * entries, not to all slots); each slot has only its place, which the exit heap keeps in the book's
 * own record of the slot (the line a sale reads anyway). On the fast path, when the entries fill
 * their arrays and a quarter or more of them are stale, the stale ones are dropped and the rest
 * re-heaped (O(entries), once per as many deletions) rather than the arrays doubled: a run of ten
 * million buyers with two million holding keeps about four million entries, not ten. The fast order is total (a float key, then the entry sequence), so which slot is
 * smallest never depends on the heap's shape; the exact order, and the rounded float book's
 * (FAST_TIE), treat near-equal thresholds as a tie, which is not transitive, so those heaps never
 * re-heap (a heap with a tie grows as before).
 */
import type { Arith } from '../../arith.ts';
import * as R from './rules.ts';

/** where the exit heap keeps a slot's place: in the book's interleaved Int32 records (records.ts, HPOS) */
export const PLACE_STRIDE = 8;
export const PLACE_OFFSET = 7;

/** keys by slot: a Float64Array on the fast path, an array of decimals on the exact one */
export interface KeyStore<K> {
  [slot: number]: K;
}

export class SlotHeap<T> {
  /** slots by place in the heap, stale entries included (entries 0..n-1; the entry at place i is live when pos[slot] is i + 1) */
  items: Int32Array;
  /** the key of the entry at each place */
  key: KeyStore<R.ThresholdKey<T>>;
  /** the tie-breaker of the entry at each place (the user's entry sequence: earlier first) */
  ties: Int32Array;
  /** each live slot's place in the heap plus one, 0 when absent, at pos[slot * posStride + posOffset] */
  pos: Int32Array;
  private readonly posStride: number;
  private readonly posOffset: number;
  /**
   * the book's bits of slots on its active list (book.ts `on`), or null: a slot whose bit is off has
   * no live entry (the book takes a slot out of the heap whenever it leaves the list), so compact
   * drops its entries without reading its place, a line at random in the records
   */
  private onList: Int32Array | null;
  /**
   * whether an entry of a slot on the list may be stale: the book says so (maybeStaleOnList) when a
   * slot comes back onto the list (its entry from before may still stand) or leaves the heap while
   * on the list. Until then every entry of a slot on the list is live, and compact keeps it without
   * reading its place either; a compaction drops every stale entry, so it starts clear again.
   */
  private staleOnList = false;
  /** entries in the array, stale ones included */
  private n = 0;
  /** live entries */
  size = 0;

  /**
   * capacity: slots 0..capacity-1. exactTie: the relative distance within which two exact
   * thresholds are equal (arith.ts EXACT_TIE), null on the fast path. records: the book's Int32
   * records, where the heap keeps each slot's place (PLACE_OFFSET; hand the new array over after the
   * book grows), or null for an array of the heap's own. onList: the book's on-list bits (see
   * `onList`; hand the new array over after the book grows), or null.
   */
  constructor(
    readonly A: Arith<T>,
    capacity: number,
    private readonly exactTie: T | null,
    records: Int32Array | null = null,
    onList: Int32Array | null = null,
  ) {
    this.onList = onList;
    const c = Math.max(16, capacity);
    this.posStride = records === null ? 1 : PLACE_STRIDE;
    this.posOffset = records === null ? 0 : PLACE_OFFSET;
    this.pos = records ?? new Int32Array(c);
    // the arrays hold an entry a slot from the start (room never written costs address space, not
    // memory), so that the heap grows by moving its limit rather than copying them into new ones;
    // the limit starts at 4,096 entries and doubles as it did when it was the arrays' length (the
    // 10M command, 8 interleaved pairs: wall 2.94 -> 2.74 s, peak RSS 636 -> 607 MB, no copies)
    this.items = new Int32Array(c);
    this.key = this.keys(c);
    this.ties = new Int32Array(c);
    this.limit = Math.min(c, 1 << 12);
    this.nextKey = R.thresholdKey(A, A.zero, A.one);
  }

  /** entries the heap takes before it makes room (compacts, or doubles this): the arrays' length at most */
  private limit: number;

  /** keys for n entries, keeping what `old` holds: a Float64Array of quotients (fast), an array of fractions (exact) */
  private keys(n: number, old?: KeyStore<R.ThresholdKey<T>>): KeyStore<R.ThresholdKey<T>> {
    if (this.A.mode === 'fast') {
      const s = new Float64Array(n);
      if (old !== undefined) s.set(old as unknown as Float64Array);
      return s as unknown as KeyStore<R.ThresholdKey<T>>;
    }
    return old ?? [];
  }

  /** bytes per entry on the fast path (the slot, its Float64 key and tie-breaker); a slot's place is in the book's record */
  static readonly BYTES_PER_ENTRY = 4 + 8 + 4;

  /** make room for slots up to capacity - 1; records: the book's records after it grew (the places in them carried over), or null; onList: the book's on-list bits after it grew, or null */
  grow(capacity: number, records: Int32Array | null = null, onList: Int32Array | null = null): void {
    if (onList !== null) this.onList = onList;
    const old = this.pos;
    if (records !== null) this.pos = records;
    else if (capacity > old.length) {
      this.pos = new Int32Array(capacity);
      this.pos.set(old);
    }
  }

  /** an entry of a slot on the book's list may be stale from now on (see staleOnList) */
  maybeStaleOnList(): void {
    this.staleOnList = true;
  }

  /** room for one more entry: drop the stale ones when a quarter or more are (a total order: the fast path without a tie), else double the limit (and the arrays, past an entry a slot) */
  private makeRoom(): void {
    if (this.exactTie === null && this.size * 4 <= this.n * 3) {
      this.compact();
      return;
    }
    this.limit *= 2;
    if (this.limit <= this.items.length) return;
    // more entries than slots (slots back on the list while their stale entries stand): the arrays grow to the limit
    const e = this.limit;
    const items = new Int32Array(e);
    items.set(this.items);
    this.items = items;
    this.key = this.keys(e, this.key);
    const ties = new Int32Array(e);
    ties.set(this.ties);
    this.ties = ties;
  }

  /**
   * The stale entries dropped, the live ones re-heaped (Floyd: sift down from the last parent).
   * The slots' places are written once each at the end, not kept up to date through the sifts: a
   * place lies in the slot's record, a line of memory at random for each (the book's records of
   * ten million buyers are 320 MB), and every entry is live by then.
   */
  private compact(): void {
    const items = this.items;
    const key = this.key;
    const ties = this.ties;
    const pos = this.pos;
    const ps = this.posStride;
    const po = this.posOffset;
    const n = this.n;
    const on = this.onList;
    // on the list and none of those stale: live, without a read of its place either
    const trust = on !== null && !this.staleOnList;
    let j = 0;
    if (trust) {
      // live exactly when on the list: each entry copied down and kept by its bit, without a branch
      // (whether an entry's slot is still on the list is a coin toss a branch would often guess wrong)
      for (let i = 0; i < n; i++) {
        const s = items[i]!;
        items[j] = s;
        key[j] = key[i]!;
        ties[j] = ties[i]!;
        j += (on[s >> 5]! >>> (s & 31)) & 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const s = items[i]!;
        // off the active list: stale, without a read of its place
        if (on !== null && (on[s >> 5]! & (1 << (s & 31))) === 0) continue;
        if (pos[s * ps + po] === i + 1) {
          items[j] = s;
          key[j] = key[i]!;
          ties[j] = ties[i]!;
          j++;
        }
      }
    }
    this.n = j;
    this.staleOnList = false;
    for (let i = (j >> 1) - 1; i >= 0; i--) this.down(i, false);
    for (let i = 0; i < j; i++) pos[items[i]! * ps + po] = i + 1;
  }

  /** the live slot with the smallest key, -1 when none (stale entries at the top are dropped here) */
  peek(): number {
    while (this.n > 0) {
      const s = this.items[0]!;
      if (this.pos[s * this.posStride + this.posOffset] === 1) return s;
      this.dropTop();
    }
    return -1;
  }

  /** the slot's place, -1 when absent */
  private placeOf(slot: number): number {
    return slot * this.posStride < this.pos.length ? this.pos[slot * this.posStride + this.posOffset]! - 1 : -1;
  }

  has(slot: number): boolean {
    return this.placeOf(slot) >= 0;
  }

  /** a live slot's key, undefined when absent */
  keyOf(slot: number): R.ThresholdKey<T> | undefined {
    return this.has(slot) ? this.key[this.placeOf(slot)] : undefined;
  }

  /** the key of the entry at the top (a live one just after peek returned a slot) */
  topKey(): R.ThresholdKey<T> {
    return this.key[0]!;
  }

  /** entry (ka, tie ta) before entry (kb, tie tb): lower threshold, ties by earlier entry */
  private less(ka: R.ThresholdKey<T>, ta: number, kb: R.ThresholdKey<T>, tb: number): boolean {
    const c = R.thresholdOrder(this.A, this.exactTie, ka, kb);
    return c < 0 || (c === 0 && ta < tb);
  }

  /**
   * The key the next `set` files its slot under, written by the caller just before: a field, not an
   * argument, because on the fast path a double handed to a call that is not inlined (set is not) is
   * a heap number allocated per call, one an order (1.1 million in the explorer's year at 300
   * buyers a day), where a field the constructor made a double is written in place.
   */
  declare nextKey: R.ThresholdKey<T>;

  /** insert a slot with its key (nextKey) and tie-breaker, or move it to a new key */
  set(slot: number, tie: number): void {
    const key = this.nextKey;
    const at = this.pos[slot * this.posStride + this.posOffset]! - 1;
    if (at < 0) {
      if (this.n === this.limit) this.makeRoom();
      this.size++;
      const i = this.n++;
      this.items[i] = slot;
      this.key[i] = key;
      this.ties[i] = tie;
      this.pos[slot * this.posStride + this.posOffset] = i + 1;
      // sifted up only when it comes before its parent: a new buyer's threshold, set at a price that
      // has risen since the others', nearly always stays where it lands, and is then written once
      if (i > 0 && this.less(key, tie, this.key[(i - 1) >> 1]!, this.ties[(i - 1) >> 1]!)) this.up(i);
    } else {
      this.key[at] = key;
      this.ties[at] = tie;
      this.up(at);
      this.down(this.pos[slot * this.posStride + this.posOffset]! - 1);
    }
  }

  /** take a slot out: its place forgotten, its entry left stale where it stands until it surfaces */
  delete(slot: number): void {
    const p = slot * this.posStride + this.posOffset;
    if (this.pos[p]! > 0) {
      this.pos[p] = 0;
      this.size--;
    }
  }

  /** drop the stale entry at the top: the last entry takes its place and sifts down */
  private dropTop(): void {
    const i = --this.n;
    if (i > 0) {
      const last = this.items[i]!;
      this.items[0] = last;
      this.key[0] = this.key[i]!;
      this.ties[0] = this.ties[i]!;
      const p = last * this.posStride + this.posOffset;
      if (this.pos[p] === i + 1) this.pos[p] = 1;
      this.down(0);
    }
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) {
      const p = this.items[i]! * this.posStride + this.posOffset;
      if (this.pos[p] === i + 1) this.pos[p] = 0;
    }
    this.n = 0;
    this.size = 0;
    this.staleOnList = false;
  }

  /**
   * Sift the entry at i up, or down: each entry moved keeps its slot's place up to date when it is
   * the slot's live entry (pos[slot] was where it stood, plus one); a stale entry moves without a trace.
   */
  private up(i: number): void {
    const items = this.items;
    const key = this.key;
    const ties = this.ties;
    const pos = this.pos;
    const ps = this.posStride;
    const po = this.posOffset;
    const x = items[i]!;
    const kx = key[i]!;
    const tx = ties[i]!;
    const live = pos[x * ps + po] === i + 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const kp = key[parent]!;
      const tp = ties[parent]!;
      if (!this.less(kx, tx, kp, tp)) break;
      const p = items[parent]!;
      items[i] = p;
      key[i] = kp;
      ties[i] = tp;
      if (pos[p * ps + po] === parent + 1) pos[p * ps + po] = i + 1;
      i = parent;
    }
    items[i] = x;
    key[i] = kx;
    ties[i] = tx;
    if (live) pos[x * ps + po] = i + 1;
  }

  /** places: keep the slots' places (false only in compact, which writes them after) */
  private down(i: number, places = true): void {
    const items = this.items;
    const key = this.key;
    const ties = this.ties;
    const pos = this.pos;
    const ps = this.posStride;
    const po = this.posOffset;
    const n = this.n;
    const x = items[i]!;
    const kx = key[i]!;
    const tx = ties[i]!;
    const live = places && pos[x * ps + po] === i + 1;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(key[r]!, ties[r]!, key[l]!, ties[l]!)) c = r;
      const kc = key[c]!;
      const tc = ties[c]!;
      if (!this.less(kc, tc, kx, tx)) break;
      const sc = items[c]!;
      items[i] = sc;
      key[i] = kc;
      ties[i] = tc;
      if (places && pos[sc * ps + po] === c + 1) pos[sc * ps + po] = i + 1;
      i = c;
    }
    items[i] = x;
    key[i] = kx;
    ties[i] = tx;
    if (live) pos[x * ps + po] = i + 1;
  }
}
