/**
 * The seed's worked example (RULEBOOK §6), in a module of its own (no schema, no runner) so that
 * the home page's playground island can use its rules without loading the scenario validator.
 */
import type { ScenarioInput } from './scenario.ts';

/** The seed's worked example (RULEBOOK §6): three orders of 1000 under the seed's rules. */
export const SEED_EXAMPLE = {
  rules: {
    split: { cost: 0.3, distribution: 0.3, platform: 0.1, pool: 0.3 },
    giftRatio: 0.7,
    initialPrice: 1,
    sellWithholding: 0.2,
    exitMultiple: 3,
  },
  script: [
    { order: { user: 'A', amount: 1000 } },
    { order: { user: 'B', amount: 1000 } },
    { order: { user: 'C', amount: 1000 } },
  ],
} as const satisfies ScenarioInput;
