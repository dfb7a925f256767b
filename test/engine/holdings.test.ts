/**
 * Book.holdingsOf, the block read of holdings that the cohorts' walk makes: on the seed's books it
 * reads a copy of the active users' holdings in slot order (book.ts holdingsByRank), so it must give
 * exactly what holdingOf gives slot by slot (0 for a user who is out), across the 32-slot words of
 * the on-list bits and blocks that do not start on one, and a copy made before an event must not be
 * read after it. And the fast book's exit heap, which keeps entries of slots on the list without
 * reading their places in a compaction unless the book has said one may be stale (heap.ts
 * staleOnList): the book must say so when a buyer comes back.
 */
import { describe, expect, it } from 'vitest';
import { fast } from '../../src/engine/arith.ts';
import type { Book } from '../../src/engine/book.ts';
import { FastSeedBook } from '../../src/engine/models/seed/book.fast.ts';
import { SEED_RULES_FILLED } from '../../src/engine/seed.ts';
import { seedBooks } from './helpers.ts';

/** the holdings of slots from..to-1 as holdingsOf gives them, and as holdingOf gives them one by one */
function both(book: Book<unknown>, from: number, to: number): { block: string[]; each: string[] } {
  const A = book.A;
  const out: unknown[] = new Array(to - from);
  if (A.mode === 'fast') {
    const f = new Float64Array(to - from);
    book.holdingsOf(from, to, f as never);
    for (let i = 0; i < f.length; i++) out[i] = f[i];
  } else book.holdingsOf(from, to, out as never);
  const each = Array.from({ length: to - from }, (_, i) => A.str(book.holdingOf(from + i) as never));
  return { block: out.map((x) => A.str(x as never)), each };
}

describe('holdingsOf reads what holdingOf reads, slot by slot', () => {
  // no forced exits, so that only the sales below take users out
  const rules = { ...SEED_RULES_FILLED, exitMultiple: null };
  for (const [name, make] of seedBooks(rules)) {
    it(name, () => {
      const book = make();
      const A = book.A;
      book.day = 1;
      // 70 buyers: slots 0..69, over three words of the on-list bits (0-31, 32-63, 64-69)
      for (let u = 0; u < 70; u++) book.newOrder(1000 + u);
      book.day = 2;
      // out: the first and last slot of a word, the first of the next, one in the middle, the last slot
      const out = [3, 31, 32, 40, 69];
      for (const u of out) book.sellShare(u, 1);
      expect(book.activeCount).toBe(65);
      // blocks that start and end inside words
      for (const [from, to] of [
        [0, 10],
        [10, 33],
        [33, 70],
      ] as const) {
        const { block, each } = both(book, from, to);
        expect(block).toEqual(each);
        for (let u = from; u < to; u++) {
          // a user who is out holds exactly 0; every other one bought and holds what it was issued (> 0)
          if (out.includes(u)) expect(block[u - from]).toBe('0');
          else expect(A.cmp(A.of(block[u - from]!) as never, A.zero as never)).toBe(1);
        }
      }
      // an event between two walks: slot 31 comes back (appended to the active list, out of slot
      // order), slot 10 leaves; the second walk reads them as they are now
      book.repeatOrder(31, 500);
      book.sellShare(10, 1);
      const again = both(book, 0, 70);
      expect(again.block).toEqual(again.each);
      expect(again.block[10]).toBe('0');
      expect(again.block[31]).not.toBe('0');
      // an event in the middle of a walk: slot 50 sells between the two blocks
      const first = both(book, 0, 35);
      expect(first.block).toEqual(first.each);
      book.sellShare(50, 1);
      const second = both(book, 35, 70);
      expect(second.block).toEqual(second.each);
      expect(second.block[50 - 35]).toBe('0');
    });
  }
});

describe("the fast book's exit heap after a compaction, with a buyer who came back", () => {
  it('holds one entry a slot, every one live: the entry from before the exit is dropped, though its slot is on the list again', () => {
    // forced exits out of reach (1000x), so the heap only fills; room for 16 buyers, so its arrays start at 16 entries
    const book = new FastSeedBook(fast, { ...SEED_RULES_FILLED, exitMultiple: 1000 }, 16);
    const heap = (book as unknown as { heap: { items: Int32Array; n: number; size: number } }).heap;
    book.day = 1;
    // 40 buyers at rising prices: 40 live entries, the earliest lowest (the arrays double, nothing stale: 16 -> 32 -> 64)
    for (let u = 0; u < 40; u++) book.newOrder(1000);
    // slot 39 (the highest threshold, deep in the heap) sells out and comes back: its first entry
    // stays, stale, and its on-list bit is set again
    book.sellShare(39, 1);
    book.repeatOrder(39, 1000);
    // slots 10..38 sell out: 29 stale entries, bits off (slots 0..9, the lowest, stay at the top)
    for (let u = 10; u <= 38; u++) book.sellShare(u, 1);
    expect(heap.n).toBe(41);
    expect(heap.size).toBe(11);
    // 23 more buyers fill the 64 entries; the 24th's entry makes room: 64 entries, 34 live, so it
    // compacts, then goes in: 35 live entries, no stale one
    for (let k = 0; k < 24; k++) book.newOrder(1000);
    expect(heap.size).toBe(35);
    expect(heap.n).toBe(35);
    const entries39 = [...heap.items.subarray(0, heap.n)].filter((s) => s === 39).length;
    expect(entries39).toBe(1);
  });
});
