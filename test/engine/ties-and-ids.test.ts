/**
 * Issue 12, defects 1 and 2. Exact ties: thresholds equal in real numbers but apart in the 40th
 * digit go by earliest entry (arith.ts EXACT_TIE). User ids that are also names of object internals
 * (__proto__, constructor, ...) are ids like any other in the result's users.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioText } from '../../src/engine/index.ts';

describe('exact ties go by earliest entry', () => {
  // Z00 buys at gift ratio 0.7; then the gift ratio is 1, so an order issues inflow / price points
  // and leaves the price where it is: T01..T10 all buy at one price p and each threshold is
  // m x A / (0.3 A / p) = 10 p, the same for every one of them in real numbers. The 40-digit
  // quotient 0.3 A / p differs from buyer to buyer in the last digits; without a defined tie the
  // cascade after the subsidy followed that noise (Z00,T02,T06,T09,T07,T10,T01,... before the fix).
  // Z00's threshold (3 x 1000 / (0.7 x 300 / 1)) = 14.29 is the lowest; then the tie, by entry.
  const issue = `{"rules":{"exitMultiple":3},"script":[{"order":{"user":"Z00","amount":1000}},{"rules":{"giftRatio":1}},{"order":{"user":"T01","amount":1234.56}},{"order":{"user":"T02","amount":2582.72}},{"order":{"user":"T03","amount":416.94}},{"order":{"user":"T04","amount":999.99}},{"order":{"user":"T05","amount":3333.33}},{"order":{"user":"T06","amount":71.17}},{"order":{"user":"T07","amount":5000.01}},{"order":{"user":"T08","amount":123.45}},{"order":{"user":"T09","amount":777.77}},{"order":{"user":"T10","amount":1913.67}},{"subsidy":{"amount":100000}}]}`;

  it("the issue's scenario exits Z00, T01 ... T10 in entry order", () => {
    const r = runScenarioText(issue);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.result.steps.at(-1)!.forcedExits).toEqual(['Z00', 'T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10']);
  });

  it('the same buyers entered in another order exit in that order', () => {
    const input = JSON.parse(issue) as { script: Array<Record<string, unknown>> };
    const orders = input.script.slice(2, 12).reverse();
    input.script.splice(2, 10, ...orders);
    const r = runScenario(input);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.result.steps.at(-1)!.forcedExits).toEqual(['Z00', 'T10', 'T09', 'T08', 'T07', 'T06', 'T05', 'T04', 'T03', 'T02', 'T01']);
  });

  it('thresholds that differ by more than the tie still go lowest first, whoever entered first', () => {
    // A orders 1000 at price 1: 0.7 x 300 / 1 = 210 points, threshold 3 x 1000 / 210 = 14.29.
    // The operator withdraws 200 of the pool's 300: price 100 / 210 = 0.476. B orders 1000 there:
    // 210 / 0.476 = 441 points, threshold 3000 / 441 = 6.8. A 1e6 subsidy lifts the price past
    // both: B (the lower threshold) is sold out first, then A.
    const r = runScenario({ rules: { exitMultiple: 3 }, script: [{ order: { user: 'A', amount: 1000 } }, { withdraw: { amount: 200 } }, { order: { user: 'B', amount: 1000 } }, { subsidy: { amount: 1e6 } }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.result.steps.at(-1)!.forcedExits).toEqual(['B', 'A']);
  });
});

describe('user ids are never object internals', () => {
  const ids = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype'];
  it('every id appears in users, and the holdings add up to the circulating points', () => {
    const script = ids.map((user, i) => ({ order: { user, amount: 100 * (i + 1) } }));
    const r = runScenario({ script: [...script, { sell: { user: '__proto__', points: 10 } }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const users = r.result.users;
    expect(Object.keys(users)).toEqual(ids);
    // each own entry, not something inherited
    for (const id of ids) expect(Object.prototype.hasOwnProperty.call(users, id), id).toBe(true);
    expect(users['__proto__']!.spent).toBe('100');
    const sum = Object.values(users).reduce((s, u) => s.plus(u.points), new Decimal(0));
    expect(sum.minus(r.result.final.points).abs().lte(new Decimal(r.result.final.points).times('1e-30'))).toBe(true);
    // and the JSON printed carries them all
    expect(Object.keys(JSON.parse(JSON.stringify(r.result)).users)).toEqual(ids);
  });
});
