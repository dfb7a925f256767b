/**
 * The seed's rules (RULEBOOK §6): the one place they are written. The scenario schema takes its
 * defaults from them, the seed's worked example (seed.ts) and the scenario pages' presets use
 * them, and the explorer's parameter table takes its defaults from them. No imports, so that any
 * page can use it.
 */
export const SEED_RULES = {
  split: { cost: 0.3, distribution: 0.3, platform: 0.1, pool: 0.3 },
  giftRatio: 0.7,
  initialPrice: 1,
  sellWithholding: 0.2,
  exitMultiple: 3,
} as const;
