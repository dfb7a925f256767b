/**
 * One buyer of a model of the family followed day by day (RULEBOOK §9.1, §8's realised break-even):
 * the first new buyer of an entry day, or of the first day after it with one, from that day to the
 * run's last. Read after the run from the ledger and the model's `paidBy` (what a promise had been
 * paid by the end of any day), as the cohorts are (document.ts): nothing is kept per day during the
 * run, and the break-even day is document.ts's own (breakEvenDay), so the buyer's figures and the
 * cohorts' are one definition.
 */
import { fig, ratio } from '../metrics/figures.ts';
import { breakEvenDay, cashBy } from './document.ts';
import type { FamilyFollow, FamilyFollowRow } from './result.ts';
import type { FamilyRun } from './run.ts';

/** The first new buyer of day `from` or the first later day with one, followed to `lastDay`; null when there is none. */
export function followBuyer<T>(run: Extract<FamilyRun<T>, { ok: true }>, from: number, lastDay: number): FamilyFollow | null {
  const { ledger, model } = run;
  const A = ledger.A;
  // buyers are numbered in order of their first order, so their first days never decrease
  let lo = 0;
  let hi = ledger.buyerCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ledger.firstDay.get(mid) < from) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= ledger.buyerCount) return null;
  const b = lo;
  const day = ledger.firstDay.get(b);

  const rows: FamilyFollowRow[] = [];
  let spent = A.zero;
  let promised = A.zero;
  let o = ledger.firstOrder.get(b);
  let e = ledger.firstEntry.get(b);
  let allDone = e >= 0;
  let doneDay = -1;
  for (let x = ledger.firstEntry.get(b); x >= 0; x = ledger.nextEntry.get(x)) {
    const d = ledger.entryDoneDay.get(x);
    if (d < 0) allDone = false;
    else if (d > doneDay) doneDay = d;
  }
  for (let t = day; t <= lastDay; t++) {
    for (; o >= 0 && ledger.orderDay.get(o) <= t; o = ledger.nextOrder.get(o)) spent = A.add(spent, ledger.orderAmount.get(o));
    for (; e >= 0 && ledger.entryDay.get(e) <= t; e = ledger.nextEntry.get(e)) promised = A.add(promised, ledger.entryPromise.get(e));
    const paid = cashBy(ledger, model, b, t);
    rows.push({ day: t, spent: fig(A, spent), paid: fig(A, paid), outstanding: fig(A, A.sub(promised, paid)), multiple: ratio(A, paid, spent) });
  }
  const be = breakEvenDay(ledger, model, b, lastDay);
  return { asked: from, day, buyer: b + 1, rows, breakEvenDay: be < 0 ? null : be, paidInFullDay: allDone ? doneDay : null };
}
