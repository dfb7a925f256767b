/**
 * What the family's driver (family/run.ts) needs from a model (RULEBOOK §9.3-9.5). A model is
 * written once over the calculator and keeps its own state beside the shared ledger (ledger.ts):
 * it makes promises on orders, pays them through `ledger.pay`, marks them `ledger.done`, and can
 * say what any promise had been paid by the end of any day (`paidBy`), which the cohorts and the
 * break-even days are read from. No step may walk every promise per order or per day: a model keeps
 * one record per entry day (release), a running level with a heap (even queue, rights) or a head
 * pointer (fifo queue).
 */
import type { FamilyLedger } from './ledger.ts';
import type { ModelChangeV1, ModelKind } from '../scenario/schema.ts';

export interface FamilyModel<T> {
  readonly kind: Exclude<ModelKind, 'seed'>;
  readonly ledger: FamilyLedger<T>;
  /**
   * An order, after the ledger has recorded it and put its share in the fund: make the promise(s)
   * it earns (ledger.addEntry); a queue pays its waiting entries here, before the new one joins.
   */
  order(buyer: number, amount: T): void;
  /** The day's end, after the day's orders: a release's payments, the rights' dividend. */
  endDay(day: number): void;
  /** A dated change of the model's own parameters, from the ledger's day on. */
  change(c: ModelChangeV1): void;
  /** What entry e had been paid by the end of day t (0 before its day; its promise once done). */
  paidBy(e: number, t: number): T;
  /** Due today (release: the day's releases; rights: the dividend at the daily cap), and what of it was not paid. Read after endDay. */
  readonly dueToday: T;
  readonly defaultToday: T;
  /** rights: the dividend each waiting right received today; null for the other models */
  readonly dividendToday: T | null;
}
