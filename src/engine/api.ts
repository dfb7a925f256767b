/**
 * The package's public API, version 0.x (`import … from 'points-pool-explorer'`): what a program
 * needs to validate and run scenarios, sweeps and Monte Carlo runs, and the types of their results.
 * Everything else under src/engine/ is internal and may change in any release.
 *
 * This is a separate module from index.ts, which the site's islands import: re-exporting the sweep
 * and Monte Carlo modules there would carry their zod schemas into pages that never run them.
 */
export {
  runScenario,
  runScenarioText,
  runFlowScenario,
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
export type { ScenarioInput, ScenarioV1, ScriptScenarioV1, FlowScenarioV1, Validated } from './scenario.ts';
export type { StressPreset, StressResult } from './stress.ts';
export type { FlowOutcome } from './timeline.ts';
export type { ScriptOutcome } from './script.ts';

// sweeps: a base scenario over a grid of one or two parameters
export { parseSweep, validateSweep, runSweep, sweepJsonSchema, MAX_CELLS, MAX_AXIS_VALUES } from './sweep.ts';
export type { SweepInput, ValidSweep, ValidatedSweep, SweepRow, SweepOutcome, SweepCell, SweepAxis, LoadBase } from './sweep.ts';

// Monte Carlo over seeds, and the run-level outcomes both report
export { monteCarlo, LEVELS, SERIES, PERCENTILE_DEFINITION, MC_OUTCOMES } from './montecarlo.ts';
export type { MonteCarloResult, MonteCarloOutcome, Bands, Level, SeriesName, CohortSummary } from './montecarlo.ts';
export { parseOutcome, DEFAULT_OUTCOMES, OUTCOME_HELP } from './outcomes.ts';
export type { Outcome, OutcomeName } from './outcomes.ts';

// where sweeps and Monte Carlo run their cells: inline here, or any TaskRunner (the command uses worker threads)
export { InlineRunner } from './tasks.ts';
export type { TaskRunner, TaskKind, TaskInput, TaskOutput } from './tasks.ts';
