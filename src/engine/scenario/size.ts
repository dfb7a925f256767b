/**
 * How big a run a scenario asks for, estimated from the scenario alone (the flow's expected buyers,
 * repeat and sell rates; a script's steps), and the run-size limits checked against it before
 * anything is allocated or run (limits.ts holds the limits; README, "Limits").
 */
import { expectedBuyers } from '../flow/growth.ts';
import type { LimitName, RunLimits } from '../limits.ts';
import type { Problem } from '../problem.ts';
import type { ScenarioV1 } from './schema.ts';

const WHY: Record<LimitName, string> = {
  buyers: 'each buyer holds memory for the whole run (fast path 33 bytes, 90 while active; exact path about 2 KB)',
  events: 'each order and sale (and each dividend right) is processed one by one (about 2.7 million a second on the fast path)',
  steps: 'every step is kept and printed (about 550 bytes of JSON each)',
};

const big = (n: number) => (n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : String(Math.ceil(n)));

/** What a scenario asks for, estimated before running it: buyers and events of a flow, steps of a script. */
export function estimate(s: ScenarioV1): { buyers: number; events: number; steps: number } {
  if (s.script) {
    const steps = s.script.reduce((n, e) => n + 1 + (e.repeat ?? 0), 0);
    return { buyers: steps, events: steps, steps };
  }
  const f = s.flow!;
  const stop = (s.events ?? []).reduce((d, e) => (e.stopOrders || e.stopTest ? Math.min(d, e.day) : d), f.days + 1);
  // dividend rights: one right per unit of spend, each a record and a step (RULEBOOK §9.5), beside the order itself
  const model = s.model;
  const mean = typeof f.orderAmount === 'number' ? f.orderAmount : f.orderAmount.kind === 'fixed' ? f.orderAmount.amount : f.orderAmount.mean;
  const perOrder = model?.kind === 'rights' ? 1 + mean / model.unit : 1;
  let buyers = f.legacy?.members ?? 0;
  let events = 0;
  for (let d = 1; d <= f.days; d++) {
    const nNew = d < stop ? expectedBuyers(f.buyers.perDay, f.buyers.growth, d) : 0;
    buyers += nNew;
    // each day: the new buyers' orders, and at most one repeat and one sale per buyer so far
    events += (nNew + (f.repeat?.probabilityPerDay ?? 0) * buyers) * perOrder + f.sell.ratePerDay * buyers;
    if (!Number.isFinite(buyers)) break;
  }
  return { buyers, events, steps: 0 };
}

/** The problems of a scenario against the run limits (none when it fits). */
export function checkLimits(s: ScenarioV1, limits: RunLimits, exact: boolean): Problem[] {
  const e = estimate(s);
  const flag = (name: LimitName) => `raise it with --limit ${name}=N if the machine can take it`;
  const problems: Problem[] = [];
  const path = exact ? 'the exact path' : 'the fast path';
  if (s.script) {
    if (e.steps > limits.steps) {
      problems.push({ path: 'script', message: `expands to ${big(e.steps)} steps (entries and their repeat); at most ${big(limits.steps)} are allowed, because ${WHY.steps}; ${flag('steps')}` });
    }
    return problems;
  }
  const growth = s.flow!.buyers.growth.kind === 'series' ? 'flow.buyers.growth.values' : 'flow.buyers';
  if (!(e.buyers <= limits.buyers)) {
    const many = Number.isFinite(e.buyers) ? big(e.buyers) : 'more';
    problems.push({ path: growth, message: `the flow expects ${many} buyers${Number.isFinite(e.buyers) ? '' : ' than float64 can count'} over ${s.flow!.days} days; at most ${big(limits.buyers)} are allowed on ${path}, because ${WHY.buyers}; ${flag('buyers')}` });
  } else if (!(e.events <= limits.events)) {
    problems.push({ path: 'flow', message: `the flow expects about ${Number.isFinite(e.events) ? big(e.events) : 'more'} orders and sales over ${s.flow!.days} days (new buyers, and the repeat and sell rates on everyone who bought); at most ${big(limits.events)} are allowed on ${path}, because ${WHY.events}; ${flag('events')}` });
  }
  return problems;
}
