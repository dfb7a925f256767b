/**
 * The family's shared ledger (src/engine/family/ledger.ts): each buyer's orders and entries as
 * lists, linked when first read and brought up to date when read again after more were made; a
 * ledger of one entry per order (the release, the queue) keeps entry e as order e.
 */
import { describe, expect, it } from 'vitest';
import { exact, fast, type Arith } from '../../../src/engine/arith.ts';
import { FamilyLedger } from '../../../src/engine/family/ledger.ts';

/** a buyer's items by following first/next */
function walk(first: { get(i: number): number }, next: { get(i: number): number }, b: number): number[] {
  const out: number[] = [];
  for (let i = first.get(b); i >= 0; i = next.get(i)) out.push(i);
  return out;
}

describe('the family ledger', () => {
  for (const A of [exact, fast] as Arith<unknown>[]) {
    it(`${A.mode}: a buyer's orders and entries in order, read during the run and again after more`, () => {
      const L = new FamilyLedger(A, 0.5);
      // day 1: buyer 0 orders 100, buyer 1 orders 200 (orders 0 and 1); an entry for each
      L.day = 1;
      const a = L.newBuyer();
      const b = L.newBuyer();
      L.order(a, A.of(100));
      L.addEntry(a, A.of(100), A.of(100));
      L.order(b, A.of(200));
      L.addEntry(b, A.of(200), A.of(200));
      expect(walk(L.firstOrder, L.nextOrder, a)).toEqual([0]);
      expect(walk(L.firstOrder, L.nextOrder, b)).toEqual([1]);
      expect(walk(L.firstEntry, L.nextEntry, b)).toEqual([1]);
      // day 2: buyer 0 again (order 2, two entries 2 and 3), a new buyer 2 (order 3, no entry)
      L.day = 2;
      L.order(a, A.of(50));
      L.addEntry(a, A.of(25), A.of(25));
      L.addEntry(a, A.of(25), A.of(25));
      const c = L.newBuyer();
      L.order(c, A.of(10));
      expect(walk(L.firstOrder, L.nextOrder, a)).toEqual([0, 2]);
      expect(walk(L.firstOrder, L.nextOrder, c)).toEqual([3]);
      expect(walk(L.firstEntry, L.nextEntry, a)).toEqual([0, 2, 3]);
      expect(walk(L.firstEntry, L.nextEntry, c)).toEqual([]);
      expect(L.lastOrder.get(a)).toBe(2);
      expect(L.lastEntry.get(a)).toBe(3);
      // spend 100 + 50 = 150; the fund holds half of 360; promised 100 + 200 + 25 + 25 = 350
      expect(A.num(L.spent.get(a))).toBe(150);
      expect(A.num(L.fund)).toBe(180);
      expect(A.num(L.totals.promised)).toBe(350);
      expect(L.entryCount).toBe(4);
    });

    it(`${A.mode}: addEntries(buyer, n, ...) is n calls of addEntry`, () => {
      // two ledgers, the same orders; the rights-like promises made one by one in one, n at once in the other
      const one = new FamilyLedger(A, 0.16);
      const many = new FamilyLedger(A, 0.16);
      const unit = A.of(500);
      const promise = A.of(500);
      const plan: [day: number, n: number][] = [[1, 2], [1, 1], [2, 3], [2, 0], [5, 1]];
      for (const L of [one, many]) {
        for (const [day, n] of plan) {
          L.day = day;
          const b = L.newBuyer();
          L.order(b, A.of(500 * n + 1));
          if (L === one) for (let i = 0; i < n; i++) L.addEntry(b, unit, promise);
          else L.addEntries(b, n, unit, promise);
        }
      }
      // 2 + 1 + 3 + 0 + 1 = 7 entries of 500
      expect(many.entryCount).toBe(7);
      expect(A.num(many.totals.promised)).toBe(3500);
      const cols = (L: FamilyLedger<unknown>) =>
        Array.from({ length: L.entryCount }, (_, e) => [L.entryBuyer.get(e), L.entryDay.get(e), A.num(L.entryCost.get(e)), A.num(L.entryPromise.get(e)), L.entryDoneDay.get(e), L.entryDoneOrder.get(e)]);
      expect(cols(many)).toEqual(cols(one));
      expect(cols(many).map((c) => c.slice(0, 2))).toEqual([[0, 1], [0, 1], [1, 1], [2, 2], [2, 2], [2, 2], [4, 5]]);
      expect(walk(many.firstEntry, many.nextEntry, 2)).toEqual([3, 4, 5]);
    });

    it(`${A.mode}: one entry per order: entry e is order e, its buyer, day and cost the order's`, () => {
      const L = new FamilyLedger(A, 0.16, 16, { entryPerOrder: true });
      L.day = 3;
      const a = L.newBuyer();
      const amount = A.of(1000);
      L.order(a, amount);
      expect(L.addEntry(a, amount, A.of(1160))).toBe(0);
      L.day = 4;
      const b = L.newBuyer();
      const amount2 = A.of(500);
      L.order(b, amount2);
      // another buyer's, or another amount, or a second promise of the same order is refused
      expect(() => L.addEntry(a, amount2, A.of(500))).toThrow(/one entry per order/);
      expect(() => L.addEntry(b, A.of(1), A.of(500))).toThrow(/one entry per order/);
      L.addEntry(b, amount2, A.of(500));
      expect(() => L.addEntry(b, amount2, A.of(500))).toThrow(/one entry per order/);
      expect(L.entryCount).toBe(2);
      expect([L.entryBuyer.get(1), L.entryDay.get(1), A.num(L.entryCost.get(1)), A.num(L.entryPromise.get(1))]).toEqual([b, 4, 500, 500]);
      expect(L.entryDay.get(0)).toBe(3);
      expect(walk(L.firstEntry, L.nextEntry, b)).toEqual([1]);
      expect(A.num(L.totals.promised)).toBe(1660);
    });
  }
});
