/** The indexed heap against a sorted list, over random inserts, re-keys and deletes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedHeap } from '../../src/engine/heap.ts';

describe('IndexedHeap', () => {
  it('always yields the smallest key, ties by smallest id, after any sequence of set and delete', () => {
    const opArb = fc.oneof(
      fc.record({ k: fc.constant('set' as const), id: fc.integer({ min: 0, max: 30 }), key: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ k: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ k: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const heap = new IndexedHeap<number>((ka, a, kb, b) => ka < kb || (ka === kb && a < b));
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
