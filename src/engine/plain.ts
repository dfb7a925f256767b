/**
 * The engine's dependency-free entry: plain data and formulas with neither decimal.js nor zod
 * anywhere behind them (test/engine/imports.test.ts walks them), for page code that must stay small
 * whatever the bundler does: the explorer's controls, table, state and address, which run on the
 * page's main thread. index.ts re-exports all of it; page code that needs more imports index.ts.
 */
export { SEED_RULES, EXIT_TESTS, SEED_EXIT_TEST } from './seed-rules.ts';
export { MODEL_KINDS, RELEASE_OF, QUEUE_MODES, FAMILY_WHAT_IFS, BACK_OFFICE_ROUNDING, runsFamilyModel } from './family/kinds.ts';
export { SEED_EXAMPLE, SEED_RULES_FILLED } from './seed.ts';
export { expectedBuyersThrough } from './flow/growth.ts';
export { STRESS_KINDS, STRESS_DEFAULTS, STRESS_RANGES, stressEvent, parseStress, formatStress, checkStressPreset, type StressKind, type StressPreset } from './stress-presets.ts';
export { DAY_COLUMNS, SOLVENCY_COLUMNS, daysCsv, csvField, csvCell, FAMILY_DAY_COLUMNS, familyDaysCsv } from './csv.ts';
export { figureText, tidy, tidyReplacer, SIGNIFICANT_DIGITS, type Fig } from './number-format.ts';
export { SWEEP_MEASURES, measureKind, type SweepMeasure } from './batch/measures.ts';
export { num, KEY_FIGURES, keyFigures, keyFigureDifference, compareCohorts, compareDays, difference, brokeEvenShares, type KeyFigures, type CohortChange } from './keyfigures.ts';
export { DEFAULT_LIMITS, MAX_AMOUNT, MAX_POINTS, MIN_AMOUNT, parseLimit, firstNonFinite, type RunLimits } from './limits.ts';
export { formatProblem, type Problem } from './problem.ts';
export type * from './result.ts';
export { ENGINE_NAME, ENGINE_VERSION } from './version.ts';
export type { GrowthV1, RulesV1, ExitTest, ScenarioInput } from './scenario/schema.ts';
export type { CommonView, CommonDay, CommonCohort } from './family/common.ts';
export type { FamilyResult, FamilyDayRow, FamilyCohortRow, FamilyEntryRow, FamilyFollow, FamilyFollowRow } from './family/result.ts';
export type { PromiseWaits } from './family/waits.ts';
export type { ModelComparison, ModelSide, CohortPair, Recovery } from './family/compare.ts';
