/** The books' slot heap (lazy deletion) against a sorted list, over random inserts, re-keys and deletes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotHeap, TIE_OFFSET, TIE_STRIDE } from '../../src/engine/models/seed/heap.ts';

/** a heap of slots 0..30 keyed by numbers, ties by the smaller slot (each slot's tie-breaker is itself) */
function slotHeap() {
  const tie = new Int32Array(31 * TIE_STRIDE);
  for (let id = 0; id <= 30; id++) tie[id * TIE_STRIDE + TIE_OFFSET] = id;
  const heap = new SlotHeap<number>(31, tie, (a, b) => (a < b ? -1 : a > b ? 1 : 0), (n, old) => {
    const k = new Float64Array(n);
    if (old) k.set(old as Float64Array);
    return k;
  });
  // the old interface: undefined when empty, key() of a live slot
  return { set: (id: number, key: number) => heap.set(id, key), delete: (id: number) => heap.delete(id), peek: () => (heap.peek() < 0 ? undefined : heap.peek()), key: (id: number) => heap.keyOf(id), get size() { return heap.size; } };
}

describe('SlotHeap', () => {
  it('always yields the smallest key, ties by smallest id, after any sequence of set and delete', () => {
    const opArb = fc.oneof(
      fc.record({ k: fc.constant('set' as const), id: fc.integer({ min: 0, max: 30 }), key: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ k: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ k: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const heap = slotHeap();
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
});
