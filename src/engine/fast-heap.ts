/**
 * Binary min-heap of user slots on typed arrays, for the fast path: each slot in it has a key (a
 * threshold price, held here) and a tie-breaker (the book's entry sequence of the slot, earliest
 * first, read from the book's own array), so that a comparison reads numbers from flat arrays.
 *
 * Removal is lazy: `delete` marks the slot dead where it stands (O(1)); a dead slot is dropped
 * when it surfaces at the top, or revived in place if its user comes back. Most exited users
 * never surface, so a sale costs no sift at all.
 */
/** where a slot's tie-breaker sits in the book's interleaved Int32 records */
export const TIE_STRIDE = 4;
export const TIE_OFFSET = 3;

export class SlotHeap {
  items: Int32Array;
  pos: Int32Array;
  key: Float64Array;
  tie: Int32Array;
  /** 1 for a slot that is in the array but deleted */
  dead: Uint8Array;
  size = 0;

  /** tie: the book's entry sequence per slot; hand the new array over after the book grows */
  constructor(capacity: number, tie: Int32Array) {
    const c = Math.max(16, capacity);
    this.items = new Int32Array(c);
    this.pos = new Int32Array(c).fill(-1);
    this.key = new Float64Array(c);
    this.tie = tie;
    this.dead = new Uint8Array(c);
  }

  /** bytes per slot */
  static readonly BYTES_PER_SLOT = 4 + 4 + 8 + 1;

  /** make room for slots up to capacity - 1 */
  grow(capacity: number, tie: Int32Array): void {
    this.tie = tie;
    if (capacity <= this.pos.length) return;
    const items = new Int32Array(capacity);
    items.set(this.items.subarray(0, this.size));
    this.items = items;
    const pos = new Int32Array(capacity).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    const key = new Float64Array(capacity);
    key.set(this.key);
    this.key = key;
    const dead = new Uint8Array(capacity);
    dead.set(this.dead);
    this.dead = dead;
  }

  /** the live slot with the smallest key, -1 when none (dead slots at the top are dropped here) */
  peek(): number {
    while (this.size > 0) {
      const top = this.items[0]!;
      if (this.dead[top] === 0) return top;
      this.remove(top);
    }
    return -1;
  }

  has(slot: number): boolean {
    return this.pos[slot]! >= 0 && this.dead[slot] === 0;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka < kb || (ka === kb && this.tie[a * TIE_STRIDE + TIE_OFFSET]! < this.tie[b * TIE_STRIDE + TIE_OFFSET]!);
  }

  /** insert a slot with its key, or move it to a new key */
  set(slot: number, key: number): void {
    this.key[slot] = key;
    this.dead[slot] = 0;
    const at = this.pos[slot]!;
    if (at < 0) {
      const i = this.size++;
      this.items[i] = slot;
      this.pos[slot] = i;
      this.up(i);
    } else {
      this.up(at);
      this.down(this.pos[slot]!);
    }
  }

  /** mark a slot deleted; it leaves the array when it surfaces */
  delete(slot: number): void {
    if (this.pos[slot]! >= 0) this.dead[slot] = 1;
  }

  private remove(slot: number): void {
    const at = this.pos[slot]!;
    this.pos[slot] = -1;
    this.dead[slot] = 0;
    const last = this.items[--this.size]!;
    if (at < this.size) {
      this.items[at] = last;
      this.pos[last] = at;
      this.up(at);
      this.down(this.pos[last]!);
    }
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      this.pos[this.items[i]!] = -1;
      this.dead[this.items[i]!] = 0;
    }
    this.size = 0;
  }

  private up(i: number): void {
    const items = this.items;
    const pos = this.pos;
    const x = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.less(x, p)) break;
      items[i] = p;
      pos[p] = i;
      i = parent;
    }
    items[i] = x;
    pos[x] = i;
  }

  private down(i: number): void {
    const items = this.items;
    const pos = this.pos;
    const n = this.size;
    const x = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(items[r]!, items[l]!)) c = r;
      if (!this.less(items[c]!, x)) break;
      items[i] = items[c]!;
      pos[items[i]!] = i;
      i = c;
    }
    items[i] = x;
    pos[x] = i;
  }
}
