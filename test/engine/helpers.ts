import DecimalJs from 'decimal.js';

/** Decimal at 60 digits for expected values worked in tests (finer than the engine's 40). */
export const Decimal = DecimalJs.clone({ precision: 60 });
type Decimal = DecimalJs;
import { expect } from 'vitest';
import { exact, fast } from '../../src/engine/arith.ts';
import type { Book } from '../../src/engine/book.ts';
import { SeedBook } from '../../src/engine/models/seed/book.ts';
import { FastSeedBook } from '../../src/engine/models/seed/book.fast.ts';
import { Ledger } from '../../src/engine/models/seed/ledger.ts';
import { validateScenario, type ScenarioInput, type RulesV1 } from '../../src/engine/scenario/index.ts';

/** Rules for hand-worked cases: fill in the seed's defaults, validated like any scenario's. */
export function rules(r: ScenarioInput['rules'] = {}): RulesV1 {
  const v = validateScenario({ rules: r, script: [{ subsidy: { amount: 1 } }] });
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario.rules;
}

/** The seed's two books on the same rules, each named, for a test that must hold on both number systems. */
export function seedBooks(r: RulesV1): (readonly [string, () => Book<unknown>])[] {
  return [
    ['exact book', () => new SeedBook(exact, r) as Book<unknown>],
    ['fast book', () => new FastSeedBook(fast, r) as Book<unknown>],
  ];
}

/** A ledger on exact arithmetic with the given rules. */
export const exactLedger = (r: ScenarioInput['rules'] = {}) => new Ledger(exact, rules(r));

/** Easy rules for hand-worked cases: all of each order enters the pool unless said otherwise. */
export const HAND = {
  split: { cost: 0, distribution: 0, platform: 0, pool: 1 },
  giftRatio: 0.5,
  sellWithholding: 0.5,
  initialPrice: 1,
  exitMultiple: 2,
} as const;

/** |actual - expected| <= rel x max(|expected|, 1e-30): equality to 1e-30 relative. */
export function expectNear(actual: Decimal | string | number, expected: Decimal | string | number, rel = '1e-30'): void {
  const a = new Decimal(actual);
  const e = new Decimal(expected);
  const tol = Decimal.max(e.abs(), new Decimal('1e-30')).times(rel);
  const ok = a.minus(e).abs().lte(tol);
  expect(ok, `expected ${a.toString()} to be within ${rel} (relative) of ${e.toString()}`).toBe(true);
}
