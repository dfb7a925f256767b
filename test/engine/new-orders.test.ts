/**
 * A day's new buyers in one call (Book.newOrders, which the day loop uses) are the same orders as
 * one newOrder call each: on the exact book, the fast book and the rounded float book, over random
 * amounts cut into random blocks, with voluntary sales (and the forced exits they bring) between
 * the blocks. Both books are compared figure by figure, exactly: the same operations in the same
 * order give the same numbers on either number system.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exact, fast } from '../../src/engine/arith.ts';
import type { Book } from '../../src/engine/book.ts';
import { SeedBook } from '../../src/engine/models/seed/book.ts';
import { FastSeedBook } from '../../src/engine/models/seed/book.fast.ts';
import { FastRoundingBook } from '../../src/engine/models/seed/book.rounding.fast.ts';
import type { RulesV1 } from '../../src/engine/scenario/index.ts';
import { rules } from './helpers.ts';

const plain = rules({ exitMultiple: 2 });
const rounded = rules({ exitMultiple: 2, rounding: { points: 2, price: 4, money: 2 } });
const books: [string, (r: RulesV1) => Book<unknown>, RulesV1][] = [
  ['exact book', (r) => new SeedBook(exact, r) as Book<unknown>, plain],
  ['fast book', (r) => new FastSeedBook(fast, r, 4) as Book<unknown>, plain],
  ['rounded float book', (r) => new FastRoundingBook(fast, r, 4) as Book<unknown>, rounded],
];

/** what a book holds, as strings (a decimal's digits, a float's shortest form) */
function state(b: Book<unknown>): string[] {
  const out = [b.pool, b.points, b.price, b.totals.orders, b.totals.paid, b.needActive, b.activeCount, b.forcedCount, b.salesCount, b.ordersCount].map(String);
  for (let u = 0; u < b.userCount; u++) out.push(`${u}: ${String(b.holdingOf(u))} ${String(b.spentOf(u))} ${String(b.cashOf(u))} ${b.isActive(u)}`);
  return out;
}

const step = fc.record({
  amounts: fc.array(fc.integer({ min: 1, max: 500_000 }).map((c) => c / 100), { maxLength: 40 }),
  // after the block: who sells (an index into the slots so far) and how much of the holding
  sales: fc.array(fc.record({ at: fc.nat(), portion: fc.constantFrom(1, 0.5, 0.25) }), { maxLength: 6 }),
});

describe.each(books)('Book.newOrders on the %s', (_name, make, r) => {
  it('is newOrder for each amount, in order, whatever the blocks and the sales between them', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const inBlocks = make(r);
        const oneByOne = make(r);
        inBlocks.subsidy(100);
        oneByOne.subsidy(100);
        for (const { amounts, sales } of steps) {
          // a longer array than the block: newOrders reads amounts[0..n-1] only
          const block = Float64Array.from([...amounts, 12345.67]);
          inBlocks.newOrders(block, amounts.length);
          for (const a of amounts) oneByOne.newOrder(a);
          for (const { at, portion } of sales) {
            if (inBlocks.userCount === 0) break;
            const u = at % inBlocks.userCount;
            if (inBlocks.isActive(u)) inBlocks.sellShare(u, portion);
            if (oneByOne.isActive(u)) oneByOne.sellShare(u, portion);
          }
          expect(state(inBlocks)).toEqual(state(oneByOne));
        }
        expect(inBlocks.ordersCount).toBe(steps.reduce((n, s) => n + s.amounts.length, 0));
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});
