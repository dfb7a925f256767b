/**
 * The books' slot heap (lazy deletion) against a sorted list, over random inserts, re-keys and
 * deletes: the generic heap (heap.ts) on the float calculator, and its float64 specialisation
 * (heap.fast.ts, which the fast book runs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fast } from '../../src/engine/arith.ts';
import { FastSlotHeap } from '../../src/engine/models/seed/heap.fast.ts';
import { SlotHeap } from '../../src/engine/models/seed/heap.ts';

/** a heap of slots 0..30 keyed by numbers, ties by the smaller slot (each slot's tie-breaker is itself) */
function slotHeap(kind: 'generic' | 'fast', slots = 31) {
  // room for 16 slots: the heap grows, keeping what it holds, when a higher slot first comes in;
  // each slot's tie-breaker is itself
  const heap = kind === 'generic' ? new SlotHeap<number>(fast, 16, null) : new FastSlotHeap(fast, 16, null);
  const set = (id: number, key: number) => {
    if (id >= heap.pos.length) heap.grow(slots);
    heap.set(id, key, id);
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

  it('keeps the order when its entries fill up with dead ones (dropped and re-heaped on the fast calculator, doubled otherwise)', () => {
    // 400 slots, keys with many ties: fill, delete most of them (dead entries pile up where they
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
          // new slots only: the deleted ones stay dead in the array (a set would revive them in place)
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
