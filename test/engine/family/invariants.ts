/**
 * RULEBOOK §9's invariants for every model of the family, checked on a run's raw days and its
 * ledger (a shared helper of the family's tests, not a test itself):
 *   fund = inflows + subsidies - paid - withdrawals;  outstanding = promised - paid;
 *   nothing negative, nothing non-finite; completed promises never more than made.
 */
import { expect } from 'vitest';
import type { Arith } from '../../../src/engine/arith.ts';
import type { FamilyDayRaw } from '../../../src/engine/family/run.ts';

/** tolerance for "nothing negative": exact runs compare at 1e-30 of the money that went through, fast ones at 1e-9 */
export function checkFamilyDays<T>(A: Arith<T>, days: FamilyDayRaw<T>[]): void {
  let inflow = A.zero;
  let subsidies = A.zero;
  let paid = A.zero;
  let withdrawals = A.zero;
  let promised = A.zero;
  let scale = 1;
  const rel = A.mode === 'exact' ? 1e-30 : 1e-9;
  const near = (a: T, b: T, what: string, day: number) => {
    const diff = Math.abs(A.num(A.sub(a, b)));
    expect(diff, `${what} on day ${day}: ${A.str(a)} vs ${A.str(b)}`).toBeLessThanOrEqual(rel * scale);
  };
  for (const r of days) {
    inflow = A.add(inflow, r.inflow);
    subsidies = A.add(subsidies, r.subsidies);
    paid = A.add(paid, r.paid);
    withdrawals = A.add(withdrawals, r.withdrawals);
    promised = A.add(promised, r.promisedToday);
    scale = Math.max(scale, A.num(inflow) + A.num(subsidies) + A.num(promised));
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'number') expect(Number.isFinite(v), `${k} on day ${r.day}`).toBe(true);
      else if (v !== null) {
        expect(A.isFinite(v as T), `${k} on day ${r.day} finite`).toBe(true);
        expect(A.num(v as T), `${k} on day ${r.day} not negative`).toBeGreaterThanOrEqual(-rel * scale);
      }
    }
    near(r.fund, A.sub(A.add(inflow, subsidies), A.add(paid, withdrawals)), 'fund = inflows + subsidies - paid - withdrawals', r.day);
    near(r.outstanding, A.sub(promised, paid), 'outstanding = promised - paid', r.day);
    expect(r.completed, `completed on day ${r.day}`).toBeLessThanOrEqual(r.entries);
  }
}
