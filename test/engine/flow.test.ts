/**
 * Time-driven runs (RULEBOOK §7): the deterministic case against the scripted engine and against
 * the rulebook's own worked figures, determinism of a seeded run, and stopOrders.
 */
import { describe, expect, it } from 'vitest';
import type DecimalJs from 'decimal.js';
import { runScenario } from '../../src/engine/index.ts';
import { exact } from '../../src/engine/arith.ts';
import { Ledger } from '../../src/engine/models/seed/ledger.ts';
import { runFlow } from '../../src/engine/flow/run.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { Decimal, expectNear } from './helpers.ts';

function flowScenario(input: ScenarioInput): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  if (v.scenario.flow === undefined) throw new Error('not a flow scenario');
  return v.scenario as FlowScenarioV1;
}

function run(input: ScenarioInput, exact: boolean): FlowResult {
  const out = simulateFlow(flowScenario(input), { exact });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  expect(out.result.engine.mode).toBe(exact ? 'exact' : 'fast');
  return out.result;
}

// 3 buyers a day of 1000 for 5 days, seed rules, no selling, no forced exits
const DETERMINISTIC: ScenarioInput = {
  rules: { exitMultiple: null },
  flow: { days: 5, seed: 1, orderAmount: 1000, buyers: { perDay: 3 } },
};

describe('the deterministic case: constant buyers, a fixed amount, no selling, no exits', () => {
  // the same 15 orders as a script, one anonymous buyer each
  const script = runScenario({ rules: { exitMultiple: null }, script: [{ order: { amount: 1000 }, repeat: 14 }] });
  if (!script.ok) throw new Error('the script must run');
  const steps = script.result.steps;

  it('exact: the price at the end of day d is the scripted price after order 3d, digit for digit', () => {
    const r = run(DETERMINISTIC, true);
    expect(r.days).toHaveLength(5);
    for (const row of r.days) {
      const step = steps[3 * row.day - 1]!;
      expect(row.price).toBe(step.price);
      expect(row.pool).toBe(step.pool);
      expect(row.points).toBe(step.points);
    }
  });

  it('fast: the same prices to 1e-12 relative', () => {
    const r = run(DETERMINISTIC, false);
    for (const row of r.days) {
      expect(typeof row.price).toBe('number');
      const want = Number(steps[3 * row.day - 1]!.price);
      expect(Math.abs((row.price as number) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
  });

  it('each day: 3 orders of 1000, 900 into the pool, no sales, exits or withdrawals; 3d active users', () => {
    for (const exact of [true, false]) {
      const r = run(DETERMINISTIC, exact);
      for (const row of r.days) {
        expect([row.orders, row.newBuyers, row.repeatOrders, row.sales, row.forcedExits]).toEqual([3, 3, 0, 0, 0]);
        expect(Number(row.spend)).toBe(3000);
        expect(Number(row.poolInflow)).toBe(900);
        expect([row.paid, row.withheld, row.subsidies, row.withdrawals].map(Number)).toEqual([0, 0, 0, 0]);
        expect(row.activeUsers).toBe(3 * row.day);
        expect(Number(row.pool)).toBe(900 * row.day);
      }
      expect(r.counts).toEqual({ users: 15, activeUsers: 15, orders: 15, sales: 0, forcedExits: 0 });
    }
  });

  it('day 1 by hand (RULEBOOK §6): points 210, 147, 124.95; pool 900; price 900 / 481.95', () => {
    // order 1: p = 1, inflow 300, q = 0.7 x 300 / 1 = 210; P = 300, N = 210, p = 10/7
    // order 2: q = 210 / (10/7) = 147; P = 600, N = 357, p = 600/357 = 200/119
    // order 3: q = 210 x 119/200 = 124.95; P = 900, N = 481.95, p = 900/481.95
    const s = flowScenario({ ...DETERMINISTIC, flow: { ...DETERMINISTIC.flow!, days: 1 } });
    const book = new Ledger(exact, s.rules, { tracking: true });
    const out = runFlow(book, s);
    expect(out.ok).toBe(true);
    expect(book.users.map((u) => u.obtained.toString())).toEqual(['210', '147', '124.95']);
    expect(book.pool.toString()).toBe('900');
    expect(book.points.toString()).toBe('481.95');
    expectNear(book.price, new Decimal(900).div('481.95'));
    const r = run({ ...DETERMINISTIC, flow: { ...DETERMINISTIC.flow!, days: 1 } }, true);
    expect(r.days[0]!.points).toBe('481.95');
    expectNear(r.days[0]!.price as string, new Decimal(900).div('481.95'));
  });

  it('every day by the rule of RULEBOOK §3.1 worked at 60 digits: P += 300, N += 210 / p, p = P / N', () => {
    const r = run(DETERMINISTIC, true);
    let P = new Decimal(0);
    let N = new Decimal(0);
    let p: DecimalJs = new Decimal(1);
    for (const row of r.days) {
      for (let k = 0; k < 3; k++) {
        N = N.plus(new Decimal(210).div(p));
        P = P.plus(300);
        p = P.div(N);
      }
      expectNear(row.price as string, p);
      expectNear(row.points as string, N);
    }
  });
});

describe('determinism: same scenario and seed, same output', () => {
  const RANDOM: ScenarioInput = {
    rules: { exitMultiple: 2 },
    flow: {
      days: 30,
      seed: 42,
      orderAmount: { kind: 'lognormal', mean: 800, cv: 0.6 },
      buyers: { perDay: 6, growth: { kind: 'exponential', ratePerDay: 0.05 } },
      repeat: { probabilityPerDay: 0.05 },
      sell: { ratePerDay: 0.1, portion: 0.5 },
    },
    events: [{ day: 10, subsidy: { amount: 5000 } }, { day: 20, withdraw: { share: 0.1 } }],
  };
  const withSeed = (input: ScenarioInput, seed: number): ScenarioInput => ({ ...input, flow: { ...input.flow!, seed } });

  for (const exact of [false, true]) {
    const mode = exact ? 'exact' : 'fast';
    it(`${mode}: two runs give identical JSON`, () => {
      const a = JSON.stringify(run(RANDOM, exact));
      const b = JSON.stringify(run(RANDOM, exact));
      expect(a).toBe(b);
    });

    it(`${mode}: another seed gives another run (random sales and lognormal amounts differ)`, () => {
      const a = run(RANDOM, exact);
      const b = run(withSeed(RANDOM, 43), exact);
      expect(a.counts.sales).toBeGreaterThan(0);
      expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
      // the random parts themselves differ, not just a figure somewhere
      expect(b.aggregate.totalSpend).not.toEqual(a.aggregate.totalSpend);
      expect(b.days.map((d) => d.sales)).not.toEqual(a.days.map((d) => d.sales));
    });

    it(`${mode}: random selling alone (fixed amounts) is steered by the seed`, () => {
      const sellOnly: ScenarioInput = { flow: { days: 20, seed: 7, orderAmount: 1000, buyers: { perDay: 5 }, sell: { ratePerDay: 0.2 } } };
      const a = run(sellOnly, exact);
      const b = run(withSeed(sellOnly, 8), exact);
      expect(a.aggregate.totalSpend).toEqual(b.aggregate.totalSpend); // same orders
      expect(a.days.map((d) => d.sales)).not.toEqual(b.days.map((d) => d.sales));
    });

    it(`${mode}: with nothing random in the scenario, the seed changes nothing`, () => {
      const a = run(withSeed(DETERMINISTIC, 1), exact);
      const b = run(withSeed(DETERMINISTIC, 123456), exact);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });
  }
});

describe('stopOrders: no orders on that day or after', () => {
  const STOP: ScenarioInput = {
    rules: { exitMultiple: 2 },
    flow: {
      days: 12,
      seed: 3,
      orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.4 },
      buyers: { perDay: 8, growth: { kind: 'linear', addPerDay: 1 } },
      repeat: { probabilityPerDay: 0.2 },
      sell: { ratePerDay: 0.15, portion: 1 },
    },
    events: [{ day: 6, stopOrders: true }],
  };

  for (const exact of [false, true]) {
    it(`${exact ? 'exact' : 'fast'}: orders, new buyers, repeats, spend and pool inflow are 0 from day 6; sales go on`, () => {
      const r = run(STOP, exact);
      const before = r.days.slice(0, 5);
      const after = r.days.slice(5);
      expect(after).toHaveLength(7);
      for (const row of before) {
        expect(row.orders).toBeGreaterThan(0);
        expect(row.newBuyers).toBe(8 + (row.day - 1)); // linear: 8, 9, 10, ...
      }
      expect(before.some((d) => d.repeatOrders > 0)).toBe(true);
      for (const row of after) {
        expect({ day: row.day, orders: row.orders, newBuyers: row.newBuyers, repeatOrders: row.repeatOrders }).toEqual({ day: row.day, orders: 0, newBuyers: 0, repeatOrders: 0 });
        expect(Number(row.spend)).toBe(0);
        expect(Number(row.poolInflow)).toBe(0);
      }
      expect(after.reduce((n, d) => n + d.sales, 0)).toBeGreaterThan(0);
      // only the buyers of days 1-5 exist: 8 + 9 + 10 + 11 + 12
      expect(r.counts.users).toBe(50);
      expect(r.counts.orders).toBe(before.reduce((n, d) => n + d.orders, 0));
    });
  }

  it('stopOrders on day 1: nothing is ever bought, and required growth says why', () => {
    const r = run({ flow: { days: 3, buyers: { perDay: 5 } }, events: [{ day: 1, stopOrders: true }] }, true);
    expect(r.counts).toEqual({ users: 0, activeUsers: 0, orders: 0, sales: 0, forcedExits: 0 });
    expect(r.days.map((d) => [d.orders, d.newBuyers])).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(r.final).toEqual({ price: '1', pool: '0', points: '0' });
    expect(r.requiredGrowth).toEqual({ buyer: null, multiples: [], reason: 'no buyer has ordered', stoppedOn: 1 });
  });

  it('a second stopOrders changes nothing: orders stay stopped from the first', () => {
    const r = run({ flow: { days: 6, buyers: { perDay: 2 } }, events: [{ day: 3, stopOrders: true }, { day: 5, stopOrders: true }] }, true);
    expect(r.days.map((d) => d.orders)).toEqual([2, 2, 0, 0, 0, 0]);
    expect(r.requiredGrowth.multiples.every((m) => m.days === null && m.reason === 'orders stopped on day 3')).toBe(true);
  });
});
