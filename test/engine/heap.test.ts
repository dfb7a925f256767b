/**
 * The books' slot heap (lazy deletion) against a sorted list, over random inserts, re-keys and
 * deletes: the generic heap (heap.ts) on the float calculator, and its float64 specialisation
 * (heap.fast.ts, which the fast book runs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fast } from '../../src/engine/arith.ts';
import { FastSlotHeap } from '../../src/engine/models/seed/heap.fast.ts';
import { PLACE_OFFSET, PLACE_STRIDE, SlotHeap } from '../../src/engine/models/seed/heap.ts';

/** file a slot under a key with its tie-breaker (the key through nextKey, as the book does) */
function put(heap: SlotHeap<number> | FastSlotHeap, slot: number, key: number, tie: number): void {
  heap.nextKey = key;
  heap.set(slot, tie);
}

/** a heap of slots 0..30 keyed by numbers, ties by the smaller slot (each slot's tie-breaker is itself) */
function slotHeap(kind: 'generic' | 'fast', slots = 31) {
  // room for 16 slots: the heap grows, keeping what it holds, when a higher slot first comes in;
  // each slot's tie-breaker is itself
  const heap = kind === 'generic' ? new SlotHeap<number>(fast, 16, null) : new FastSlotHeap(fast, 16, null);
  const set = (id: number, key: number) => {
    if (id >= heap.pos.length) heap.grow(slots);
    heap.nextKey = key;
    heap.set(id, id);
  };
  // the old interface: undefined when empty, key() of a live slot
  return { set, delete: (id: number) => heap.delete(id), peek: () => (heap.peek() < 0 ? undefined : heap.peek()), key: (id: number) => heap.keyOf(id), get size() { return heap.size; } };
}

describe.each(['generic', 'fast'] as const)('SlotHeap (%s)', (kind) => {
  it('always yields the smallest key, ties by smallest id, after any sequence of set and delete', () => {
    const opArb = fc.oneof(
      fc.record({ k: fc.constant('set' as const), id: fc.integer({ min: 0, max: 30 }), key: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ k: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ k: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const heap = slotHeap(kind);
        const model = new Map<number, number>();
        for (const op of ops) {
          if (op.k === 'set') {
            heap.set(op.id, op.key);
            model.set(op.id, op.key);
          } else if (op.k === 'delete') {
            heap.delete(op.id);
            model.delete(op.id);
          } else {
            const top = heap.peek();
            if (top !== undefined) {
              heap.delete(top);
              model.delete(top);
            }
          }
          const expected = [...model.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0])[0]?.[0];
          expect(heap.peek()).toBe(expected);
          expect(heap.size).toBe(model.size);
          for (const [id, key] of model) expect(heap.key(id)).toBe(key);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('a slot taken out and put back has one live entry: its stale one, under the old key, is skipped, also through a compaction', () => {
    // slot 1 in at 5, out (its entry stays, stale, at key 5), back at 9: slot 2 at 7 comes first
    // (7 < 9), and the stale 5 never surfaces as slot 1; then slot 1 out again and back at 1: first
    const heap = slotHeap(kind, 400);
    heap.set(1, 5);
    heap.set(2, 7);
    heap.delete(1);
    heap.set(1, 9);
    expect(heap.size).toBe(2);
    expect(heap.key(1)).toBe(9);
    expect(heap.peek()).toBe(2);
    heap.delete(1);
    expect(heap.key(1)).toBeUndefined();
    heap.set(1, 1);
    expect(heap.peek()).toBe(1);
    // 300 more slots in and out (keys 100 + id), slot 1 out and back each time at key 2: the
    // entries fill their arrays again and again (stale ones dropped), and slot 1 stays first
    for (let id = 3; id < 303; id++) {
      heap.set(id, 100 + id);
      if (id % 2 === 0) heap.delete(id);
      heap.delete(1);
      heap.set(1, 2);
    }
    // live: 1 (key 2), 2 (key 7), and the odd ids 3..301 (150 of them)
    expect(heap.size).toBe(152);
    const popped: number[] = [];
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      popped.push(top);
      heap.delete(top);
    }
    expect(popped).toEqual([1, 2, ...Array.from({ length: 150 }, (_, i) => 3 + 2 * i)]);
  });

  it('keeps the order when its entries fill up with stale ones (dropped and re-heaped on the fast calculator, doubled otherwise)', () => {
    // 400 slots, keys with many ties: fill, delete most of them (stale entries pile up where they
    // stand), fill again past the arrays' size, then pop everything in order
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 400, maxLength: 400 }),
        fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 400, maxLength: 400 }),
        (keys, drop, again) => {
          const heap = slotHeap(kind, 400);
          const model = new Map<number, number>();
          for (let id = 0; id < 200; id++) {
            heap.set(id, keys[id]!);
            model.set(id, keys[id]!);
          }
          for (let id = 0; id < 200; id++) {
            if (drop[id] || id % 3 === 0) {
              heap.delete(id);
              model.delete(id);
            }
          }
          // new slots only: the deleted ones stay stale in the array
          for (let id = 200; id < 400; id++) {
            heap.set(id, again[id]!);
            model.set(id, again[id]!);
          }
          const expected = [...model.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0]).map(([id]) => id);
          const popped: number[] = [];
          for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
            popped.push(top);
            heap.delete(top);
          }
          expect(popped).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });
});

describe.each(['generic', 'fast'] as const)('SlotHeap over the book records (%s)', (kind) => {
  it('writes nothing into records it is given until a slot comes in: zeros say "absent" (no mark written into every slot up front), also after growing', () => {
    // records of 1000 slots, stride 8 (PLACE_STRIDE), all zero as allocated: the heap must find no
    // slot in them and leave every int as it was (it once wrote -1 into each slot's place: 1000 writes)
    const records = new Int32Array(1000 * PLACE_STRIDE);
    const heap = kind === 'generic' ? new SlotHeap<number>(fast, 1000, null, records) : new FastSlotHeap(fast, 1000, null, records);
    expect(records.every((x) => x === 0)).toBe(true);
    expect(heap.has(0)).toBe(false);
    expect(heap.has(999)).toBe(false);
    expect(heap.peek()).toBe(-1);
    // the book grows: new records with the old ones copied, the rest zero; handed over, nothing written
    const grown = new Int32Array(2000 * PLACE_STRIDE);
    grown.set(records);
    heap.grow(2000, grown);
    expect(grown.every((x) => x === 0)).toBe(true);
    // slots come in (keys 5, 3, 4: slot 1500 smallest), one goes: only their places are written
    put(heap, 10, 5, 1);
    put(heap, 1500, 3, 2);
    put(heap, 700, 4, 3);
    expect(heap.peek()).toBe(1500);
    heap.delete(1500);
    expect(heap.peek()).toBe(700);
    expect(heap.has(1500)).toBe(false);
    const written = [...grown.keys()].filter((i) => grown[i] !== 0).map((i) => [Math.floor(i / PLACE_STRIDE), i % PLACE_STRIDE]);
    // slot 1500 was deleted (place 0 again); 10 and 700 hold places, at offset PLACE_OFFSET
    expect(written.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [10, PLACE_OFFSET],
      [700, PLACE_OFFSET],
    ]);
  });
});

describe.each(['generic', 'fast'] as const)('SlotHeap with the book\'s on-list bits (%s)', (kind) => {
  it('a compaction drops the entries of slots off the active list without reading their places (a line at random each in the book), and keeps the order', () => {
    // 128 slots over records of stride PLACE_STRIDE, their on-list bits in 4 words; the entries'
    // arrays start at 128 (the capacity, under 4096), so the 129th insert makes room
    const records = new Int32Array(128 * PLACE_STRIDE);
    const on = new Int32Array(4);
    // reads of places of slots 1..63 (the ones that leave below) and of slots on the list, counted once the compaction is due
    let counting = false;
    let readsOff = 0;
    let readsOn = 0;
    const watched = new Proxy(records, {
      get(t, k) {
        if (typeof k === 'string' && /^\d+$/.test(k)) {
          const i = Number(k);
          const slot = Math.floor(i / PLACE_STRIDE);
          if (counting && i % PLACE_STRIDE === PLACE_OFFSET && slot >= 1 && slot < 64) readsOff++;
          if (counting && i % PLACE_STRIDE === PLACE_OFFSET && (slot === 0 || slot >= 64)) readsOn++;
          return t[i];
        }
        const v = Reflect.get(t, k, t) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
      set(t, k, v) {
        t[Number(k)] = v as number;
        return true;
      },
    });
    const heap = kind === 'generic' ? new SlotHeap<number>(fast, 128, null, watched, on) : new FastSlotHeap(fast, 128, null, watched, on);
    const bit = (s: number, set: boolean) => {
      on[s >> 5] = set ? on[s >> 5]! | (1 << (s & 31)) : on[s >> 5]! & ~(1 << (s & 31));
    };
    // slots 0..127 in, key 1000 - slot (so the highest slot is first), as the book does: the bit, then the entry
    for (let s = 0; s < 128; s++) {
      bit(s, true);
      put(heap, s, 1000 - s, s);
    }
    // slots 0..63 leave: bit off, entry stale
    for (let s = 0; s < 64; s++) {
      bit(s, false);
      heap.delete(s);
    }
    // slot 0 comes back at key 0: the arrays are full (128 entries, 64 live: a half stale), so it compacts
    bit(0, true);
    counting = true;
    put(heap, 0, 0, 200);
    counting = false;
    // 63 stale entries of slots off the list: none of their places read (the generic heap read each once before)
    expect(readsOff).toBe(0);
    // nor of the 64 slots on the list (slot 0 came back, but the book has not said so: see below): the
    // only reads are set()'s own, slot 0's place (before and after) and those of the parents its new
    // entry passes on its way up (at most 7 levels in 65 entries), where a compaction reading them
    // would read all 64
    expect(readsOn).toBeLessThanOrEqual(2 + 7);
    expect(heap.size).toBe(65);
    // the order: slot 0 (key 0), then 127, 126, ..., 64 (keys 873 .. 936)
    const popped: number[] = [];
    for (let top = heap.peek(); top >= 0; top = heap.peek()) {
      popped.push(top);
      heap.delete(top);
    }
    expect(popped).toEqual([0, ...Array.from({ length: 64 }, (_, i) => 127 - i)]);
  });
});

describe.each(['generic', 'fast'] as const)('SlotHeap told an entry on the list may be stale (%s)', (kind) => {
  it('reads the places of slots on the list then, and drops a stale one of theirs', () => {
    // as above: 128 slots in (key 1000 - slot), all on the list
    const records = new Int32Array(128 * PLACE_STRIDE);
    const on = new Int32Array(4).fill(-1);
    const heap = kind === 'generic' ? new SlotHeap<number>(fast, 128, null, records, on) : new FastSlotHeap(fast, 128, null, records, on);
    for (let s = 0; s < 128; s++) put(heap, s, 1000 - s, s);
    // slots 0..31 leave (bit off); slot 100 leaves the heap while on the list (holding nothing, as
    // the book's rekey does), so its entry is stale with its bit on: the book says so
    for (let s = 0; s < 32; s++) {
      on[0] = on[0]! & ~(1 << s);
      heap.delete(s);
    }
    heap.maybeStaleOnList();
    heap.delete(100);
    // slot 0 back (bit on, key 0): the arrays are full (128 entries, 95 live), so it compacts; a
    // compaction that kept slot 100's entry would give it back its place
    on[0] = on[0]! | 1;
    put(heap, 0, 0, 200);
    expect(heap.size).toBe(96);
    expect(heap.has(100)).toBe(false);
    const popped: number[] = [];
    for (let top = heap.peek(); top >= 0; top = heap.peek()) {
      popped.push(top);
      heap.delete(top);
    }
    // slot 0, then 127 down to 32 without 100
    expect(popped).toEqual([0, ...Array.from({ length: 96 }, (_, i) => 127 - i).filter((s) => s !== 100)]);
  });
});
