/**
 * What counts as an event of a family run (RULEBOOK §9; issue 18's "every model of the family at
 * least 3 million events a second"), written once for every benchmark that reports the figure
 * (bench/family-*.ts, bench/targets.ts).
 *
 * A family event is an **order** or a **completion** (a promise paid in full: a release's promise
 * finished, a queue entry paid out, a right paid in full). Why:
 * - The seed's figure counts orders, sales and forced exits: each a step the engine takes for one
 *   buyer. In the family the order flow is the same buyers (§9, "the same buyers"), each order
 *   making its promise(s); the family has no sales; a completion is the counterpart of a forced
 *   exit, a promise paid out at its term, and the engine marks each one (ledger.done).
 * - A day's release (§9.3) or dividend (§9.5), and a queue's payment to the waiting entries
 *   (§9.4), are one aggregate step over every waiting promise (a level, one record per entry day),
 *   not a step per promise. Counting one payment per waiting promise per day would count
 *   promise-days (on a year of 10 million orders, hundreds of times the orders) and measure the
 *   model's bookkeeping shortcut rather than work done; counting them per day would add a few
 *   hundred events to millions. Neither is counted.
 * - The rights made (§9.5) are not counted apart from the orders that make them: in the release and
 *   the queue an order is exactly one promise, so counting promises made would double every order.
 * So the figure is conservative: at most twice the orders, and equal to them in a run where no
 * promise completes (a year of a release at 0.1% a day, rights at a cap of 1 a day).
 */

/** what a family run's ledger says of its size (FamilyLedger: orderCount, completed) */
export interface FamilyRunCounts {
  ledger: { readonly orderCount: number; readonly completed: number };
}

/** a family run's events: orders + promises paid in full */
export function familyEvents(run: FamilyRunCounts): number {
  return run.ledger.orderCount + run.ledger.completed;
}
