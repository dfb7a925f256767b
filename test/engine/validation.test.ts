/**
 * Bad inputs, each with the message it must produce: path first, then what is wrong and what is
 * allowed. Static problems are all reported at once; an event the state does not allow stops the
 * run with one problem naming the script entry and the step.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioText, formatProblem } from '../../src/engine/index.ts';

const order = { order: { user: 'A', amount: 1000 } };

/** [what, input, every expected message] */
const BAD: Array<[string, unknown, string[]]> = [
  ['not an object', [1, 2], ['a scenario must be a JSON object; got an array']],
  ['neither script nor flow', { rules: {} }, ['give a script (scripted form) or a flow (time-driven form)']],
  ['both script and flow', { script: [order], flow: { days: 1, buyers: { perDay: 1 } } }, ['give a script or a flow, not both']],
  ['an empty script', { script: [] }, ['script: must have at least 1 entry']],
  ['an unknown top-level field', { script: [order], rule: {} }, ['unknown scenario field "rule"; allowed: $schema, version, name, description, model, rules, script, flow, events, whatIf, promises']],
  ['an unknown event', { script: [{ buy: { amount: 1 } }] }, ['script[0]: unknown event "buy"; allowed: order, sell, subsidy, withdraw, rules, repeat']],
  ['an entry with no event', { script: [{ repeat: 2 }] }, ['script[0]: has no event; give exactly one of order, sell, subsidy, withdraw, rules']],
  ['two events in one entry', { script: [{ order: { amount: 1 }, subsidy: { amount: 1 } }] }, ['script[0]: has 2 events (order, subsidy); give exactly one per entry']],
  ['a negative order amount', { script: [{ order: { amount: -5 } }] }, ['script[0].order.amount: must be >= 0.01; got -5 (amounts are money: at least one cent)']],
  ['a zero subsidy', { script: [{ subsidy: { amount: 0 } }] }, ['script[0].subsidy.amount: must be >= 0.01; got 0 (amounts are money: at least one cent)']],
  ['a string amount', { script: [{ order: { amount: '1000' } }] }, ['script[0].order.amount: must be a number; got a string']],
  ['a missing amount', { script: [{ order: { user: 'A' } }] }, ['script[0].order.amount: is required (a number)']],
  ['an unknown order field', { script: [{ order: { amount: 1, price: 2 } }] }, ['script[0].order: unknown order field "price"; allowed: user, amount']],
  ['a reserved user id', { script: [{ order: { user: '#1', amount: 1 } }] }, ['script[0].order.user: must not start with "#" (reserved for anonymous buyers)']],
  ['an empty user id', { script: [{ order: { user: '', amount: 1 } }] }, ['script[0].order.user: must not be empty']],
  ['a sale with two measures', { script: [order, { sell: { user: 'A', points: 1, value: 2 } }] }, ['script[1].sell: gives points and value; give exactly one of points, value or all']],
  ['a sale with no measure', { script: [order, { sell: { user: 'A' } }] }, ['script[1].sell: says nothing to sell; give exactly one of points, value or all']],
  ['a negative sale', { script: [order, { sell: { user: 'A', points: -1 } }] }, ['script[1].sell.points: must be > 0; got -1']],
  ['a fractional repeat', { script: [{ order: { amount: 1 }, repeat: 1.5 }] }, ['script[0].repeat: must be a whole number; got a number (1.5)']],
  ['a negative repeat', { script: [{ order: { amount: 1 }, repeat: -1 }] }, ['script[0].repeat: must be >= 0; got -1']],
  ['a split not summing to 1', { rules: { split: { cost: 0.4, distribution: 0.3, platform: 0.1, pool: 0.3 } }, script: [order] }, ['rules.split: shares sum to 1.1; they must sum to 1']],
  ['a split share above 1', { rules: { split: { cost: 1.5, distribution: 0, platform: 0, pool: -0.5 } }, script: [order] }, ['rules.split.cost: must be <= 1; got 1.5', 'rules.split.pool: must be >= 0; got -0.5']],
  ['a split missing a share', { rules: { split: { cost: 0.7, pool: 0.3 } }, script: [order] }, ['rules.split.distribution: is required (a number)', 'rules.split.platform: is required (a number)']],
  ['a gift ratio above 1', { rules: { giftRatio: 2 }, script: [order] }, ['rules.giftRatio: must be <= 1; got 2']],
  ['withholding of 1', { rules: { sellWithholding: 1 }, script: [order] }, ['rules.sellWithholding: must be < 1; got 1']],
  ['an exit multiple of 1', { rules: { exitMultiple: 1 }, script: [order] }, ['rules.exitMultiple: must be > 1; got 1']],
  ['an unknown exit test', { rules: { exitTest: 'value' }, script: [order] }, ['rules.exitTest: must be one of "obtained", "holding", "total"; got "value"']],
  ['a zero initial price', { rules: { initialPrice: 0 }, script: [order] }, ['rules.initialPrice: must be > 0; got 0']],
  ['an unknown rule', { rules: { gift: 0.7 }, script: [order] }, ['rules: unknown rule "gift"; allowed: split, giftRatio, initialPrice, sellWithholding, exitMultiple, exitTest, rounding, minPrice, maxPrice, pointsCap']],
  ['initial price in a rule change', { script: [order, { rules: { initialPrice: 2 } }] }, ['script[1].rules: unknown rule "initialPrice"; allowed: split, giftRatio, sellWithholding, exitMultiple, exitTest']],
  ['a rule change with a bad split', { script: [order, { rules: { split: { cost: 0.3, distribution: 0.3, platform: 0.3, pool: 0.3 } } }] }, ['script[1].rules.split: shares sum to 1.2; they must sum to 1']],
  ['rounding decimals out of range', { rules: { rounding: { points: 19, mode: 'nearest' } }, script: [order] }, ['rules.rounding.points: must be <= 18; got 19', 'rules.rounding.mode: must be one of "half-up", "half-even", "down", "up"; got "nearest"']],
];

describe('a table of bad scenarios, each with the messages it must produce', () => {
  for (const [what, input, messages] of BAD) {
    it(`${what}: ${messages.join(' | ')}`, () => {
      const out = runScenario(input);
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problems.map(formatProblem).sort()).toEqual([...messages].sort());
    });
  }

  it('reports every problem of a scenario at once', () => {
    const out = runScenario({
      rules: { giftRatio: -1, split: { cost: 0.5, distribution: 0.3, platform: 0.1, pool: 0.3 } },
      script: [{ order: { amount: 0 } }, { sell: { user: 'A' } }, { jump: {} }],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map(formatProblem).sort()).toEqual(
      [
        'rules.giftRatio: must be >= 0; got -1',
        'rules.split: shares sum to 1.2; they must sum to 1',
        'script[0].order.amount: must be >= 0.01; got 0 (amounts are money: at least one cent)',
        'script[1].sell: says nothing to sell; give exactly one of points, value or all',
        'script[2]: unknown event "jump"; allowed: order, sell, subsidy, withdraw, rules, repeat',
      ].sort(),
    );
  });

  it('text that is not JSON gets a message with the position', () => {
    const out = runScenarioText('{"script": [');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(formatProblem(out.problems[0]!)).toBe("not valid JSON at line 1, column 13: expected a value (an object, array, string, number, true, false or null); found the end of the text");
  });
});

describe('events the state does not allow stop the run with one problem', () => {
  const RUN: Array<[string, unknown, string]> = [
    [
      'selling more points than held',
      { script: [order, { sell: { user: 'A', points: 300 } }] },
      'script[1].sell.points: user "A" holds 210 points; cannot sell 300 (step 2)',
    ],
    [
      'selling for more value than the holding is worth',
      { script: [order, { sell: { user: 'A', value: 301 } }] },
      'script[1].sell.value: user "A" holds 210 points worth 300 at price 1.428571428571428571428571428571428571429; cannot sell a value of 301 (step 2)',
    ],
    ['a seller who never ordered', { script: [order, { sell: { user: 'Z', all: true } }] }, 'script[1].sell.user: no user "Z" has ordered yet, so there is nothing to sell (step 2)'],
    [
      'selling again after selling out',
      { script: [order, { sell: { user: 'A', all: true } }, { sell: { user: 'A', points: 1 } }] },
      'script[2].sell.points: user "A" holds no points (exited at step 2); there is nothing to sell (step 3)',
    ],
    [
      'a withdrawal that empties the pool while points circulate',
      { script: [order, { withdraw: { amount: 300 } }] },
      'script[1].withdraw.amount: withdrawing 300 would leave the pool at 0; while 210 points circulate the pool must stay above 0 (it holds 300) (step 2)',
    ],
    [
      'an overdrawn repetition names the repetition',
      { script: [order, { withdraw: { amount: 100 }, repeat: 4 }] },
      'script[1].withdraw.amount: withdrawing 100 would leave the pool at 0; while 210 points circulate the pool must stay above 0 (it holds 100) (repetition 3 of 5, step 4)',
    ],
  ];
  for (const [what, input, message] of RUN) {
    it(`${what}`, () => {
      const out = runScenario(input);
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.problems.map(formatProblem)).toEqual([message]);
    });
  }
});
