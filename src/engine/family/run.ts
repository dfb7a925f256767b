/**
 * The day loop of the family's models (RULEBOOK §7, §9): the seed's order flow and dated events,
 * with the model's fund in place of the pool. Within a day: dated events (subsidy, withdrawal, a
 * change of the split or of the model's parameters, orders stopping), then orders (new buyers, then
 * repeat purchases, drawn as in the seed's loop: flow/orders.ts), then the model's day end. Keeps
 * each day's figures in the model's number type; family/document.ts writes them up.
 */
import type { Arith } from '../arith.ts';
import { OrderFlow, eventsByDay, expectedTotalBuyers, expectedTotalOrders } from '../flow/orders.ts';
import { Slots } from '../flow/rng.ts';
import type { Problem } from '../problem.ts';
import type { FamilyModelV1, FlowScenarioV1 } from '../scenario/schema.ts';
import { FamilyLedger, FundError } from './ledger.ts';
import type { FamilyModel } from './model.ts';
import { LEDGER_SHAPE, MODELS } from './models.ts';
import { runsFamilyModel } from './kinds.ts';

/** One day's raw figures in the model's number type. */
export interface FamilyDayRaw<T> {
  day: number;
  orders: number;
  newBuyers: number;
  repeatOrders: number;
  spend: T;
  inflow: T;
  paid: T;
  subsidies: T;
  withdrawals: T;
  fund: T;
  promisedToday: T;
  outstanding: T;
  due: T;
  defaults: T;
  entries: number;
  completed: number;
  dividend: T | null;
}

export type FamilyRun<T> =
  | { ok: true; model: FamilyModel<T>; ledger: FamilyLedger<T>; days: FamilyDayRaw<T>[]; stoppedOn: number | null }
  | { ok: false; problems: Problem[] };

export type FamilyScenario = FlowScenarioV1 & { model: FamilyModelV1 };

export const isFamily = (s: FlowScenarioV1): s is FamilyScenario => runsFamilyModel(s);

/** the family's loop's order flow: the loop draws nothing from the flow's stream itself */
export const familyOrderFlow = (f: FamilyScenario['flow']): OrderFlow => new OrderFlow(f, { loopDraws: false });

export function runFamily<T>(A: Arith<T>, s: FamilyScenario): FamilyRun<T> {
  const f = s.flow;
  const flow = familyOrderFlow(f);
  const shape = LEDGER_SHAPE[s.model.kind];
  const sized = A.mode === 'fast';
  const orders = sized ? expectedTotalOrders(f) : 16;
  const ledger = new FamilyLedger(A, s.rules.split.pool, sized ? expectedTotalBuyers(f) : 16, {
    entryPerOrder: shape.entryPerOrder,
    orders,
    entries: Math.ceil(orders * shape.entriesPerOrder(s.model as never, flow.meanAmount)) + 16,
  });
  const model = MODELS[s.model.kind](ledger, s.model as never) as FamilyModel<T>;
  const events = s.events ?? [];
  const byDay = eventsByDay(events);
  const picks = new Slots();
  const days: FamilyDayRaw<T>[] = [];
  let stoppedOn: number | null = null;
  const t = ledger.totals;
  let prev = { orders: t.orders, inflow: t.inflow, paid: t.paid, subsidies: t.subsidies, withdrawals: t.withdrawals, promised: t.promised, count: 0 };

  for (let d = 1; d <= f.days; d++) {
    ledger.day = d;
    for (const i of byDay.get(d) ?? []) {
      const e = events[i]!;
      try {
        if (e.subsidy) ledger.subsidy(e.subsidy.amount);
        else if (e.withdraw) ledger.withdraw(e.withdraw.amount ?? { share: e.withdraw.share! });
        else if (e.rules?.split) ledger.share = A.of(e.rules.split.pool);
        else if (e.model) model.change(e.model);
        else if (e.stopOrders || e.stopTest) stoppedOn ??= d;
      } catch (err) {
        if (!(err instanceof FundError)) throw err;
        return { ok: false, problems: [{ path: `events[${i}].${e.withdraw?.share !== undefined ? 'withdraw.share' : err.field}`, message: `${err.message} (day ${d})` }] };
      }
    }
    // the flow draws the day's new buyers whether or not orders have stopped, as the seed's loop does
    const nNew = flow.newBuyers(d);
    let nRepeat = 0;
    if (stoppedOn === null) {
      const earlier = ledger.buyerCount;
      for (let k = 0; k < nNew; k++) {
        const amount = A.of(flow.amount());
        const b = ledger.newBuyer();
        ledger.order(b, amount);
        model.order(b, amount);
      }
      flow.repeaters(earlier, picks);
      for (let k = 0; k < picks.n; k++) {
        const b = picks.buf[k]!;
        const amount = A.of(flow.amount());
        ledger.order(b, amount);
        model.order(b, amount);
        nRepeat++;
      }
    }
    model.endDay(d);
    ledger.defaulted(model.defaultToday);
    days.push({
      day: d,
      orders: ledger.orderCount - prev.count,
      newBuyers: stoppedOn === null ? nNew : 0,
      repeatOrders: nRepeat,
      spend: A.sub(t.orders, prev.orders),
      inflow: A.sub(t.inflow, prev.inflow),
      paid: A.sub(t.paid, prev.paid),
      subsidies: A.sub(t.subsidies, prev.subsidies),
      withdrawals: A.sub(t.withdrawals, prev.withdrawals),
      fund: ledger.fund,
      promisedToday: A.sub(t.promised, prev.promised),
      outstanding: ledger.outstanding,
      due: model.dueToday,
      defaults: model.defaultToday,
      entries: ledger.entryCount,
      completed: ledger.completed,
      dividend: model.dividendToday,
    });
    prev = { orders: t.orders, inflow: t.inflow, paid: t.paid, subsidies: t.subsidies, withdrawals: t.withdrawals, promised: t.promised, count: ledger.orderCount };
  }
  return { ok: true, model, ledger, days, stoppedOn };
}
