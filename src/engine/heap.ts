/**
 * Indexed binary min-heap of user slots (small non-negative integers), so that a user's key can
 * change or be removed in O(log n). Used for forced exits: keyed by threshold price, ties by
 * earliest entry (RULEBOOK §3.3). Positions and keys live in arrays indexed by slot.
 */
export class IndexedHeap<K> {
  private items: number[] = [];
  /** position of each slot in items, -1 when absent */
  private pos: number[] = [];
  private keys: (K | undefined)[] = [];

  /** less(ka, a, kb, b): slot a with key ka comes strictly before slot b with key kb */
  constructor(private readonly less: (ka: K, a: number, kb: K, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(id: number): boolean {
    return (this.pos[id] ?? -1) >= 0;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  key(id: number): K | undefined {
    return this.has(id) ? this.keys[id] : undefined;
  }

  clear(): void {
    for (const id of this.items) {
      this.pos[id] = -1;
      this.keys[id] = undefined;
    }
    this.items = [];
  }

  /** insert, or move an existing id to a new key */
  set(id: number, key: K): void {
    this.keys[id] = key;
    const at = this.pos[id] ?? -1;
    if (at < 0) {
      this.items.push(id);
      this.pos[id] = this.items.length - 1;
      this.up(this.items.length - 1);
    } else {
      this.up(at);
      this.down(this.pos[id]!);
    }
  }

  delete(id: number): void {
    const at = this.pos[id] ?? -1;
    if (at < 0) return;
    const last = this.items.pop()!;
    this.pos[id] = -1;
    this.keys[id] = undefined;
    if (at < this.items.length) {
      this.items[at] = last;
      this.pos[last] = at;
      this.up(at);
      this.down(this.pos[last]!);
    }
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i]!;
    const b = this.items[j]!;
    return this.less(this.keys[a]!, a, this.keys[b]!, b);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    this.pos[b] = i;
    this.pos[a] = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.before(l, m)) m = l;
      if (r < n && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
