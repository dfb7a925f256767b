/**
 * `npm run bench`: exact-mode speed, as events per second (orders, sales and forced exits
 * together), medians of several runs. Not a test: it asserts nothing and prints what it measured.
 *
 * Scenarios:
 *   orders-100k   100,000 orders of 1000 by new buyers, seed rules, forced exits at 3x on
 *   mixed-100k    100,000 orders (every 10th a repeat purchase by an earlier buyer), a sale of one
 *                 point after every 20th order, exits at 2x
 *   flow-100k     a time-driven year of 100,000 orders on the exact path (decimal strings out),
 *                 1% daily sell rate, exits at 3x, metrics on
 */
import { performance } from 'node:perf_hooks';
import { exact } from '../src/engine/arith.ts';
import { runScript, simulateScript } from '../src/engine/script.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput, type ScriptScenarioV1 as ScenarioV1 } from '../src/engine/scenario/index.ts';
import { simulateFlow } from '../src/engine/flow/simulate.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

function scenario(input: ScenarioInput): ScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  if (!v.scenario.script) throw new Error('a scripted scenario');
  return v.scenario as ScenarioV1;
}

const ordersOnly = scenario({ script: [{ order: { amount: 1000 }, repeat: 99_999 }] });

function mixed(): ScenarioV1 {
  const script: ScenarioInput['script'] = [];
  for (let i = 1; i <= 100_000; i++) {
    script.push({ order: { user: i % 10 === 0 ? `u${i - 5}` : `u${i}`, amount: 1000 } });
    if (i % 20 === 0) script.push({ sell: { user: `u${i - 1}`, points: 1 } });
  }
  return scenario({ rules: { exitMultiple: 2 }, script });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function bench(name: string, s: ScenarioV1, whole: boolean) {
  const times: number[] = [];
  let orders = 0;
  let sales = 0;
  let exits = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    if (whole) {
      const out = simulateScript(s);
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      times.push(performance.now() - t0);
      orders = out.result.steps.filter((x) => x.event === 'order').length;
      sales = out.result.steps.filter((x) => x.event === 'sell').length;
      exits = out.result.steps.reduce((n, x) => n + x.forcedExits.length, 0);
    } else {
      const run = runScript(s, exact);
      if (!run.ok) throw new Error(JSON.stringify(run.problems));
      times.push(performance.now() - t0);
    }
  }
  const ms = median(times);
  const events = orders + sales + exits;
  return { name, whole, ms, orders, sales, exits, events, eventsPerSecond: Math.round((events / ms) * 1000) };
}

const rows = [];
for (const [name, s] of [
  ['orders-100k', ordersOnly],
  ['mixed-100k', mixed()],
] as const) {
  const whole = bench(name, s, true);
  const ledgerOnly = bench(name, s, false);
  rows.push(whole, { ...ledgerOnly, orders: whole.orders, sales: whole.sales, exits: whole.exits, events: whole.events, eventsPerSecond: Math.round((whole.events / ledgerOnly.ms) * 1000) });
}
function benchFlow() {
  const v = validateScenario({
    rules: { exitMultiple: 3 },
    flow: { days: 365, seed: 1, orderAmount: 1000, buyers: { perDay: 100_000 / 365 }, sell: { ratePerDay: 0.01 } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const s = v.scenario as FlowScenarioV1;
  const times: number[] = [];
  let counts = { orders: 0, sales: 0, forcedExits: 0 };
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const out = simulateFlow(s, { exact: true });
    times.push(performance.now() - t0);
    if (!out.ok) throw new Error('flow failed');
    counts = out.result.counts;
  }
  const ms = median(times);
  const events = counts.orders + counts.sales + counts.forcedExits;
  return { name: 'flow-100k', whole: true, ms, orders: counts.orders, sales: counts.sales, exits: counts.forcedExits, events, eventsPerSecond: Math.round((events / ms) * 1000) };
}
rows.push(benchFlow());

console.log(`exact mode (decimal.js, 40 digits), median of ${RUNS} runs, node ${process.version}`);
console.table(
  rows.map((r) => ({
    scenario: r.name,
    measured: r.whole ? 'run + whole result document' : 'run + per-step records',
    orders: r.orders,
    sales: r.sales,
    'forced exits': r.exits,
    'median ms': r.ms.toFixed(0),
    'events/s': r.eventsPerSecond,
  })),
);
