/**
 * The seed book keeps "on the active list" twice: each slot's place in the list (in its record,
 * records.ts AT), and a bit a slot (book.ts `on`, 1.25 MB for ten million slots, read for each day's
 * picks of sellers instead of the 320 MB of records). isActive reads the bit. This checks that the bit and the list never disagree,
 * after every kind of event that puts a slot on the list or takes it off: an order (entry and
 * re-entry), a sale of the whole holding (exit), a forced exit, a settlement at the price ceiling
 * (every holder out at once), and the book growing past the buyers it was sized for. On both
 * number systems.
 */
import { describe, expect, it } from 'vitest';
import type { Book } from '../../src/engine/book.ts';
import { bookFor } from '../../src/engine/flow/run.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';

function scenario(rules: Record<string, unknown>): FlowScenarioV1 {
  // a flow of 3 buyers a day for 2 days: the fast book is sized for about 6 buyers (16 slots, its least), so 40 grow it
  const v = validateScenario({ rules, flow: { days: 2, seed: 1, orderAmount: 100, buyers: { perDay: 3 } } });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
}

/** the slots on the list, by walking it, against isActive for every slot there is */
function agree(book: Book<unknown>, users: number): void {
  const listed = new Set<number>();
  for (let i = 0; i < book.activeCount; i++) listed.add(book.activeAt(i));
  const byBit: number[] = [];
  for (let u = 0; u < users; u++) if (book.isActive(u)) byBit.push(u);
  expect(byBit).toEqual([...listed].sort((a, b) => a - b));
}

describe('the active bits agree with the active list', () => {
  for (const exact of [false, true]) {
    it(`${exact ? 'exact' : 'fast'}: through entries, sales, forced exits, re-entries and growth`, () => {
      const book = bookFor(scenario({ exitMultiple: 2 }), { exact });
      let users = 0;
      book.day = 1;
      for (let k = 0; k < 40; k++) {
        book.newOrder(100 + k);
        users++;
        agree(book, users);
      }
      // every third buyer sells all (an exit), every fifth half (stays on the list)
      for (let u = 0; u < users; u += 3) book.sellShare(u, 1);
      agree(book, users);
      for (let u = 1; u < users; u += 5) book.sellShare(u, 0.5);
      agree(book, users);
      // the sales lift the price; big orders lift it further, and forced exits at 2x follow
      const before = book.activeCount;
      for (let k = 0; k < 60; k++) book.newOrder(10_000);
      users += 60;
      expect(book.forcedCount).toBeGreaterThan(0);
      agree(book, users);
      // the ones who left come back with an order
      for (let u = 0; u < 40; u += 3) book.repeatOrder(u, 100);
      agree(book, users);
      expect(book.activeCount).toBeGreaterThan(before);
    });

    it(`${exact ? 'exact' : 'fast'}: a settlement at the ceiling takes everyone off, and an order brings one back`, () => {
      const book = bookFor(scenario({ maxPrice: 1.2 }), { exact });
      book.day = 1;
      for (let k = 0; k < 20; k++) book.newOrder(100);
      // the first order already lifts the price above 1.2: pool 30, points 0.7 x 30 / 1 = 21, price 30 / 21 = 1.43
      expect(book.settleAtCeiling()).toBe(true);
      expect(book.activeCount).toBe(0);
      agree(book, 20);
      book.repeatOrder(7, 100);
      agree(book, 20);
      expect(book.isActive(7)).toBe(true);
    });
  }
});
