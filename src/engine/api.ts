/**
 * The package's public API, version 0.x (`import … from 'points-pool-explorer'`): what a program
 * needs to validate and run scenarios, sweeps and Monte Carlo runs, and the types of their results.
 * Everything else under src/engine/ is internal and may change in any release.
 *
 * It names its exports one by one out of index.ts, the engine's entry for this repository, which
 * carries more (the books, the figures the site reads) and may change with the site.
 */
export {
  runScenario,
  runScenarioText,
  runFlowScenario,
  runFamilyScenario,
  simulateFamily,
  simulateFamilyWhatIf,
  isFamily,
  ENTRY_LIST_LIMIT,
  isFlow,
  isScript,
  simulateScript,
  simulateFlow,
  simulateStress,
  parseStress,
  STRESS_KINDS,
  validateScenario,
  parseScenario,
  scenarioJsonSchema,
  formatProblem,
  ENGINE_NAME,
  ENGINE_VERSION,
  SEED_EXAMPLE,
} from './index.ts';
export type * from './result.ts';
export type { ScenarioInput, ScenarioV1, ScriptScenarioV1, FlowScenarioV1, Validated, StressPreset, StressResult, FlowOutcome, ScriptOutcome, FamilyOutcome, FamilyWhatIfResult, FamilyScenario } from './index.ts';

// sweeps: a base scenario over a grid of one or two parameters
export { parseSweep, validateSweep, runSweep, sweepJsonSchema, MAX_CELLS, MAX_AXIS_VALUES } from './index.ts';
export type { SweepInput, ValidatedSweep, LoadBase } from './batch/sweep.ts';
export type { ValidSweep, SweepRow, SweepOutcome, SweepCell, SweepAxis } from './batch/cells.ts';

// Monte Carlo over seeds, and the run-level outcomes both report
export { monteCarlo, LEVELS, SERIES, PERCENTILE_DEFINITION, MC_OUTCOMES } from './index.ts';
export type { MonteCarloResult, MonteCarloOutcome, Bands, Level, SeriesName, CohortSummary } from './index.ts';
export { parseOutcome, DEFAULT_OUTCOMES, OUTCOME_HELP } from './index.ts';
export type { Outcome, OutcomeName } from './index.ts';

// every model of the family in sweeps and Monte Carlo (RULEBOOK §9): which outcomes apply to which
// model, and the family's Monte Carlo document (its series, its cohorts), told apart from the seed's
export { FAMILY_DEFAULT_OUTCOMES, OUTCOME_MODELS, outcomeRefusal, FAMILY_SERIES, MC_FAMILY_OUTCOMES, isFamilyMonteCarlo } from './index.ts';
export type { FamilyMonteCarloResult, FamilyMonteCarloOutcome, AnyMonteCarloOutcome, FamilySeriesName, FamilyCohortSummary } from './index.ts';

// where sweeps and Monte Carlo run their cells: inline here, or any TaskRunner (the command uses worker threads)
export { InlineRunner } from './index.ts';
export type { TaskRunner, TaskKind, TaskInput, TaskOutput } from './index.ts';
