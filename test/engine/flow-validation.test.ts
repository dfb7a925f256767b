/**
 * Bad time-driven scenarios (flow and dated events), each with the message it must produce, in the
 * style of the scripted ones (validation.test.ts): path first, then what is wrong and what is
 * allowed. A withdrawal the pool cannot pay is a run-time problem naming the event and the day.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, runFlowScenario, runScenario } from '../../src/engine/index.ts';

const FLOW = { days: 5, buyers: { perDay: 1 } };

/** [what, input, every expected message] */
const BAD: Array<[string, unknown, string[]]> = [
  ['negative days', { flow: { days: -3, buyers: { perDay: 1 } } }, ['flow.days: must be >= 1; got -3']],
  ['days 0', { flow: { days: 0, buyers: { perDay: 1 } } }, ['flow.days: must be >= 1; got 0']],
  ['fractional days', { flow: { days: 2.5, buyers: { perDay: 1 } } }, ['flow.days: must be a whole number; got a number (2.5)']],
  ['too many days', { flow: { days: 3651, buyers: { perDay: 1 } } }, ['flow.days: must be <= 3650; got 3651']],
  ['no buyers', { flow: { days: 5 } }, ['flow.buyers: is required (an object)']],
  ['negative buyers per day', { flow: { days: 5, buyers: { perDay: -1 } } }, ['flow.buyers.perDay: must be >= 0; got -1']],
  [
    'an unknown growth kind',
    { flow: { days: 5, buyers: { perDay: 1, growth: { kind: 'quadratic' } } } },
    ['flow.buyers.growth.kind: must be one of "constant", "linear", "exponential", "logistic", "boom", "series"; got "quadratic"'],
  ],
  [
    'a growth without a kind',
    { flow: { days: 5, buyers: { perDay: 1, growth: { ratePerDay: 0.1 } } } },
    ['flow.buyers.growth.kind: must be one of "constant", "linear", "exponential", "logistic", "boom", "series"; got nothing'],
  ],
  [
    'a growth field of another kind',
    { flow: { days: 5, buyers: { perDay: 1, growth: { kind: 'constant', ratePerDay: 0.1 } } } },
    ['flow.buyers.growth: unknown growth field "ratePerDay"; allowed: kind, flatFrom'],
  ],
  ['an exponential rate of -100%', { flow: { days: 5, buyers: { perDay: 1, growth: { kind: 'exponential', ratePerDay: -1 } } } }, ['flow.buyers.growth.ratePerDay: must be > -1; got -1']],
  ['an empty series', { flow: { days: 5, buyers: { perDay: 1, growth: { kind: 'series', values: [] } } } }, ['flow.buyers.growth.values: must have at least 1 entry']],
  ['a repeat probability above 1', { flow: { ...FLOW, repeat: { probabilityPerDay: 1.5 } } }, ['flow.repeat.probabilityPerDay: must be <= 1; got 1.5']],
  ['a sell probability above 1', { flow: { ...FLOW, sell: { ratePerDay: 2 } } }, ['flow.sell.ratePerDay: must be <= 1; got 2']],
  ['a negative sell probability', { flow: { ...FLOW, sell: { ratePerDay: -0.1 } } }, ['flow.sell.ratePerDay: must be >= 0; got -0.1']],
  ['sell portion 0', { flow: { ...FLOW, sell: { portion: 0 } } }, ['flow.sell.portion: must be > 0; got 0']],
  ['sell portion above 1', { flow: { ...FLOW, sell: { portion: 1.2 } } }, ['flow.sell.portion: must be <= 1; got 1.2']],
  ['an order amount of 0', { flow: { ...FLOW, orderAmount: 0 } }, ['flow.orderAmount: must be >= 0.01; got 0 (amounts are money: at least one cent)']],
  ['a negative cv', { flow: { ...FLOW, orderAmount: { kind: 'lognormal', mean: 1000, cv: -1 } } }, ['flow.orderAmount.cv: must be >= 0; got -1']],
  ['an unknown amount kind', { flow: { ...FLOW, orderAmount: { kind: 'uniform' } } }, ['flow.orderAmount.kind: must be one of "fixed", "lognormal"; got "uniform"']],
  ['a lognormal amount without its cv', { flow: { ...FLOW, orderAmount: { kind: 'lognormal', mean: 1000 } } }, ['flow.orderAmount.cv: is required (a number)']],
  ['an amount given as text', { flow: { ...FLOW, orderAmount: 'big' } }, ['flow.orderAmount: must be a number, {"kind": "fixed", "amount"} or {"kind": "lognormal", "mean", "cv"}; got a string']],
  ['a negative seed', { flow: { ...FLOW, seed: -1 } }, ['flow.seed: must be >= 0; got -1']],
  ['an unknown flow field', { flow: { ...FLOW, speed: 1 } }, ['flow: unknown flow field "speed"; allowed: days, seed, orderAmount, buyers, repeat, sell, cohortDays, referral, legacy']],
  ['a dated event beyond the days simulated', { flow: FLOW, events: [{ day: 6, subsidy: { amount: 1 } }] }, ['events[0].day: must be within the 5 days simulated; got 6']],
  ['a dated event on day 0', { flow: FLOW, events: [{ day: 0, subsidy: { amount: 1 } }] }, ['events[0].day: must be >= 1; got 0']],
  [
    'an event with two kinds',
    { flow: FLOW, events: [{ day: 2, subsidy: { amount: 1 } }, { day: 3, subsidy: { amount: 100 }, stopOrders: true }] },
    ['events[1]: has 2 events (subsidy, stopOrders); give exactly one per entry'],
  ],
  ['an event with no kind', { flow: FLOW, events: [{ day: 2 }] }, ['events[0]: has no event; give exactly one of subsidy, withdraw, rules, model, stopOrders, run, stopTest']],
  ['withdraw with both amount and share', { flow: FLOW, events: [{ day: 2, withdraw: { amount: 10, share: 0.1 } }] }, ['events[0].withdraw: give exactly one of amount or share']],
  ['withdraw with neither amount nor share', { flow: FLOW, events: [{ day: 2, withdraw: {} }] }, ['events[0].withdraw: give exactly one of amount or share']],
  ['a withdrawal share of 1', { flow: FLOW, events: [{ day: 2, withdraw: { share: 1 } }] }, ['events[0].withdraw.share: must be < 1; got 1']],
  ['stopOrders false', { flow: FLOW, events: [{ day: 2, stopOrders: false }] }, ['events[0].stopOrders: must be true; got false']],
  ['an unknown dated event', { flow: FLOW, events: [{ day: 2, release: { points: 1 } }] }, ['events[0]: unknown dated event "release"; allowed: day, subsidy, withdraw, rules, model, stopOrders, run, stopTest']],
  [
    'a rule change with a bad split',
    { flow: FLOW, events: [{ day: 2, rules: { split: { cost: 0.5, distribution: 0.3, platform: 0.1, pool: 0.3 } } }] },
    ['events[0].rules.split: shares sum to 1.2; they must sum to 1'],
  ],
  ['events without a flow', { script: [{ order: { amount: 1000 } }], events: [{ day: 1, subsidy: { amount: 1 } }] }, ['events: dated events belong to the time-driven form; give a flow, or use script entries']],
  [
    'events alone',
    { events: [{ day: 1, subsidy: { amount: 1 } }] },
    ['give a script (scripted form) or a flow (time-driven form)', 'events: dated events belong to the time-driven form; give a flow, or use script entries'],
  ],
];

describe('a table of bad time-driven scenarios, each with the messages it must produce', () => {
  for (const [what, input, messages] of BAD) {
    it(`${what}: ${messages.join(' | ')}`, () => {
      // the same problems whichever entry point and path: validation comes before any run
      for (const out of [runFlowScenario(input), runFlowScenario(input, { exact: true }), runScenario(input)]) {
        expect(out.ok).toBe(false);
        if (out.ok) return;
        expect(out.problems.map(formatProblem).sort()).toEqual([...messages].sort());
      }
    });
  }

  it('reports every problem of a scenario at once', () => {
    const out = runFlowScenario({
      flow: { days: 0, buyers: { perDay: 1, growth: { kind: 'wave' } }, sell: { ratePerDay: 3, portion: 0 } },
      events: [{ day: 1, withdraw: { amount: 1, share: 0.5 } }, { day: 2 }],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map(formatProblem).sort()).toEqual(
      [
        'flow.days: must be >= 1; got 0',
        'flow.buyers.growth.kind: must be one of "constant", "linear", "exponential", "logistic", "boom", "series"; got "wave"',
        'flow.sell.ratePerDay: must be <= 1; got 3',
        'flow.sell.portion: must be > 0; got 0',
        'events[0].withdraw: give exactly one of amount or share',
        'events[1]: has no event; give exactly one of subsidy, withdraw, rules, model, stopOrders, run, stopTest',
      ].sort(),
    );
  });
});

describe('a withdrawal larger than the pool is a run-time problem naming the event and the day', () => {
  // 1 buyer of 1000 a day: at the start of day 3 (events come before that day's orders) the pool
  // holds 2 x 300 = 600 and 210 + 147 = 357 points circulate
  // (a subsidy listed first but dated later: the path names the event's place in the list)
  const withdraw = (amount: number) => ({ flow: FLOW, events: [{ day: 4, subsidy: { amount: 5 } }, { day: 3, withdraw: { amount } }] });

  for (const exact of [false, true]) {
    const mode = exact ? 'exact' : 'fast';
    it(`${mode}: more than the pool`, () => {
      const out = runFlowScenario(withdraw(100_000), { exact });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problems.map(formatProblem)).toEqual([
        'events[1].withdraw.amount: withdrawing 100000 would leave the pool at -99400; while 357 points circulate the pool must stay above 0 (it holds 600) (day 3)',
      ]);
    });

    it(`${mode}: exactly the pool (it must stay above 0 while points circulate)`, () => {
      const out = runFlowScenario(withdraw(600), { exact });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problems.map(formatProblem)).toEqual([
        'events[1].withdraw.amount: withdrawing 600 would leave the pool at 0; while 357 points circulate the pool must stay above 0 (it holds 600) (day 3)',
      ]);
    });

    it(`${mode}: just under the pool is allowed and leaves what the rule says`, () => {
      const out = runFlowScenario(withdraw(599), { exact });
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      const day3 = out.result.days[2]!;
      expect(Number(day3.withdrawals)).toBe(599);
      // 1 left, then day 3's order of 1000 adds 300
      expect(Number(day3.pool)).toBe(301);
    });

    it(`${mode}: on day 1, before any order, from an empty pool`, () => {
      const out = runFlowScenario({ flow: FLOW, events: [{ day: 1, withdraw: { amount: 5 } }] }, { exact });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problems.map(formatProblem)).toEqual(['events[0].withdraw.amount: the pool holds only 0; cannot withdraw 5 (day 1)']);
    });
  }
});
