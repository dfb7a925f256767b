/**
 * The seed's worked example (RULEBOOK §6), in a module of its own (no schema, no runner) so that
 * the home page's playground island can use its rules without loading the scenario validator.
 */
import type { RulesV1, ScenarioInput } from './scenario/schema.ts';
import { SEED_EXIT_TEST, SEED_RULES } from './seed-rules.ts';

/** The seed's worked example (RULEBOOK §6): three orders of 1000 under the seed's rules. */
export const SEED_EXAMPLE = {
  rules: SEED_RULES,
  script: [
    { order: { user: 'A', amount: 1000 } },
    { order: { user: 'B', amount: 1000 } },
    { order: { user: 'C', amount: 1000 } },
  ],
} as const satisfies ScenarioInput;

/** The seed's rules as a validated scenario holds them: the schema's defaults filled in (exit test on points obtained, no rounding). */
export const SEED_RULES_FILLED: RulesV1 = { ...SEED_RULES, split: { ...SEED_RULES.split }, exitTest: SEED_EXIT_TEST };
