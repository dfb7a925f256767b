/**
 * Indexed binary min-heap of user slots, so that a user's key can change or be removed in
 * O(log n). Used for forced exits: keyed by threshold price, ties by earliest entry (RULEBOOK §3.3).
 */
export class IndexedHeap<K> {
  private items: number[] = [];
  private pos = new Map<number, number>();
  private keys = new Map<number, K>();

  /** less(a, b): key a, entry a comes strictly before key b, entry b */
  constructor(private readonly less: (ka: K, a: number, kb: K, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(id: number): boolean {
    return this.pos.has(id);
  }

  peek(): number | undefined {
    return this.items[0];
  }

  key(id: number): K | undefined {
    return this.keys.get(id);
  }

  clear(): void {
    this.items = [];
    this.pos.clear();
    this.keys.clear();
  }

  /** insert, or move an existing id to a new key */
  set(id: number, key: K): void {
    this.keys.set(id, key);
    const at = this.pos.get(id);
    if (at === undefined) {
      this.items.push(id);
      this.pos.set(id, this.items.length - 1);
      this.up(this.items.length - 1);
    } else {
      this.up(at);
      this.down(this.pos.get(id)!);
    }
  }

  delete(id: number): void {
    const at = this.pos.get(id);
    if (at === undefined) return;
    const last = this.items.pop()!;
    this.pos.delete(id);
    this.keys.delete(id);
    if (at < this.items.length) {
      this.items[at] = last;
      this.pos.set(last, at);
      this.up(at);
      this.down(this.pos.get(last)!);
    }
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i]!;
    const b = this.items[j]!;
    return this.less(this.keys.get(a)!, a, this.keys.get(b)!, b);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    this.pos.set(b, i);
    this.pos.set(a, j);
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
