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

/**
 * Which value a forced exit tests against m x spend: points obtained since entry x price (the
 * seed's literal reading, its default), points still held x price, or cash since entry plus them.
 */
export const EXIT_TESTS = ['obtained', 'holding', 'total'] as const;
export const SEED_EXIT_TEST = 'obtained' satisfies (typeof EXIT_TESTS)[number];
