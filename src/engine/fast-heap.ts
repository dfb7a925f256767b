/**
 * Binary min-heap of user slots on typed arrays, for the fast path. The order comes from a
 * comparator over slots (it reads the book's own arrays), so a key is never stored twice.
 */
export class SlotHeap {
  items: Int32Array;
  pos: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly less: (a: number, b: number) => boolean,
  ) {
    this.items = new Int32Array(Math.max(16, capacity));
    this.pos = new Int32Array(Math.max(16, capacity)).fill(-1);
  }

  /** make room for slots up to capacity - 1 */
  grow(capacity: number): void {
    if (capacity <= this.pos.length) return;
    const items = new Int32Array(capacity);
    items.set(this.items.subarray(0, this.size));
    this.items = items;
    const pos = new Int32Array(capacity).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
  }

  peek(): number {
    return this.size > 0 ? this.items[0]! : -1;
  }

  has(slot: number): boolean {
    return this.pos[slot]! >= 0;
  }

  /** insert a slot, or restore heap order after its key changed */
  update(slot: number): void {
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

  delete(slot: number): void {
    const at = this.pos[slot]!;
    if (at < 0) return;
    this.pos[slot] = -1;
    const last = this.items[--this.size]!;
    if (at < this.size) {
      this.items[at] = last;
      this.pos[last] = at;
      this.up(at);
      this.down(this.pos[last]!);
    }
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.items[i]!] = -1;
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
