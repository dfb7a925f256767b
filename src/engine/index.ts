/**
 * The engine's entry for everything in this repository outside src/engine/: the site's pages and
 * workers, the commands, the prose figures. Nothing outside the engine imports another engine file
 * (test/engine/imports.test.ts walks the imports). Pure TypeScript, no DOM.
 *
 * It re-exports all that those callers use, the sweep and Monte Carlo modules among them, and
 * stays cheap for a page: astro.config.mjs marks every module under src/engine/ free of side
 * effects, so a page's bundle keeps only the modules it calls into (the home page's playground
 * gets the exact ledger without the zod schemas; test/browser/budget.test.ts holds every page to
 * its budget). The package's public API is the narrower, stable api.ts.
 */
import { parseScenario, validateScenario, type FlowScenarioV1, type ScenarioV1, type ScriptScenarioV1 } from './scenario/index.ts';
import { simulateScript, type ScriptOutcome } from './script.ts';
import { simulateFlow } from './flow/simulate.ts';
import { isFamily } from './family/run.ts';
import { simulateFamily, type FamilyOutcome } from './family/simulate.ts';
import type { FlowResult, Problem } from './result.ts';

// the dependency-free part (seed rules and example, growth, stress presets, number formats, key figures, limits)
export * from './plain.ts';

// what runs return
export * from './result.ts';
export { printable, showValue, parseJsonText } from './json-text.ts';

// the scenario format and the run-size check
export {
  validateScenario,
  parseScenario,
  scenarioJsonSchema,
  show,
  checkLimits,
  SEED_SPLIT,
  type ScenarioV1,
  type FlowScenarioV1,
  type ScriptScenarioV1,
  type Validated,
} from './scenario/index.ts';

// the books and the runs
export { exact, fast, type Arith } from './arith.ts';
export { Ledger, LedgerError } from './models/seed/ledger.ts';
export { SeedBook } from './models/seed/book.ts';
export { FastSeedBook } from './models/seed/book.fast.ts';
export { useLargeBuffers, BufferPool, type LargeBuffers, type BufferUse } from './buffers.ts';
export { keepAmounts, keptAmounts, AmountCache, AMOUNTS_LEAST } from './flow/amounts.ts';
export type { OrderFlow } from './flow/orders.ts';
export { type Book } from './book.ts';
export { runScript, simulateScript, expandedLength, type ScriptOutcome } from './script.ts';
export { simulateFlow, type FlowOutcome } from './flow/simulate.ts';
export { runFlow, bookFor, buyersBeforeSales, seedOrderFlow, seedRunBuffers, type FlowRunOptions } from './flow/run.ts';
export { drawSellers, type DrawnSellers, type SellersAhead } from './flow/sellers.ts';
export { flowResult } from './metrics/document.ts';

// the model family (RULEBOOK §9): the shared ledger and day loop, the result document, the runs
export { runFamily, isFamily, familyOrderFlow, type FamilyScenario, type FamilyRun, type FamilyDayRaw } from './family/run.ts';
export { familyResult, ENTRY_LIST_LIMIT } from './family/document.ts';
export { simulateFamily, simulateFamilyWhatIf, type FamilyOutcome, type FamilyWhatIfResult, type FamilyRunOptions } from './family/simulate.ts';
export type { FamilyResult, FamilyDayRow, FamilyCohortRow, FamilyEntryRow, FamilyFollow, FamilyFollowRow } from './family/result.ts';
export { followBuyer } from './family/follow.ts';
export { WaitTally, WAIT_QUANTILES, type PromiseWaits } from './family/waits.ts';
export { commonOfSeed, commonOfFamily, type CommonView, type CommonDay, type CommonCohort } from './family/common.ts';
export { compareModels, runAnyModel, drawSameBuyers, type ModelComparison, type ModelSide, type CohortPair, type Recovery } from './family/compare.ts';

// the seed's worked example carried on (the walkthrough's story), for the walkthrough and the prose figures
export { workedExample, ordersToReach, exampleReach, type WorkedExample, type Snapshot, type Holder, type Reach } from './worked-example.ts';

// what-ifs, comparisons and the figures read off results
export { simulateStress, checkStress, type StressResult } from './stress.ts';
export { simulateWhatIf, validateComparison, runComparison, parseScenarioOrComparison, type WhatIfResult, type ComparisonResult, type ComparisonV1 } from './whatif.ts';
export type { ComplianceFacts, ComplianceFlag, ComplianceSource, DownlineKind, RuleRef } from './compliance.ts';
export type { RewardKind } from './referral.ts';

// sweeps, Monte Carlo, and the tasks and worker pool they run on
export { parseSweep, validateSweep, sweepJsonSchema, MAX_CELLS, MAX_AXIS_VALUES, type SweepInput, type ValidatedSweep, type LoadBase } from './batch/sweep.ts';
export { cellPath, type ValidSweep, type SweepRow, type SweepOutcome } from './batch/cells.ts';
export { parseOutcome, DEFAULT_OUTCOMES, FAMILY_DEFAULT_OUTCOMES, OUTCOME_HELP, OUTCOME_MODELS, outcomeProblems, outcomeRefusal, modelOf, type Outcome, type OutcomeName } from './batch/outcomes.ts';
export { LEVELS, SERIES, PERCENTILE_DEFINITION, MC_OUTCOMES, type MonteCarloResult, type Bands, type Level, type SeriesName, type CohortSummary } from './batch/summary.ts';
export { FAMILY_SERIES, MC_FAMILY_OUTCOMES, type FamilyMonteCarloResult, type FamilySeriesName, type FamilyCohortSummary } from './batch/family-summary.ts';
export { isFamilyMonteCarlo, type MonteCarloOutcome, type FamilyMonteCarloOutcome, type AnyMonteCarloOutcome } from './batch/montecarlo.ts';
export { runSweep, monteCarlo, sweepVia, monteCarloVia } from './batch/run.ts';
export { InlineRunner, answerTask, type TaskRunner, type TaskKind, type TaskInput, type TaskOutput, type TaskMessage, type TaskReply } from './batch/tasks.ts';
export { WorkerPool, type PoolWorker } from './batch/pool.ts';

export const isFlow = (s: ScenarioV1): s is FlowScenarioV1 => s.flow !== undefined;
export const isScript = (s: ScenarioV1): s is ScriptScenarioV1 => s.script !== undefined;

/** Validate and run a scripted scenario given as a parsed JSON value. */
export function runScenario(input: unknown): ScriptOutcome {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (!isScript(v.scenario)) return { ok: false, problems: [{ path: 'script', message: 'this entry point runs scripted scenarios; use runFlowScenario for a flow' }] };
  return simulateScript(v.scenario);
}

/** Validate and run a scripted scenario given as JSON text. */
export function runScenarioText(text: string): ScriptOutcome {
  const v = parseScenario(text);
  if (!v.ok) return v;
  if (!isScript(v.scenario)) return { ok: false, problems: [{ path: 'script', message: 'this entry point runs scripted scenarios; use runFlowScenario for a flow' }] };
  return simulateScript(v.scenario);
}

/** Validate and run a time-driven scenario (fast path unless exact is asked for). */
export function runFlowScenario(input: unknown, opts: { exact?: boolean } = {}): { ok: true; result: FlowResult } | { ok: false; problems: Problem[] } {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (!isFlow(v.scenario)) return { ok: false, problems: [{ path: 'flow', message: 'this entry point runs time-driven scenarios; use runScenario for a script' }] };
  const out = simulateFlow(v.scenario, opts);
  return out.ok ? { ok: true, result: out.result } : out;
}

/** Validate and run a time-driven scenario of a model of the family (RULEBOOK §9; fast path unless exact is asked for). */
export function runFamilyScenario(input: unknown, opts: { exact?: boolean } = {}): FamilyOutcome {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (!isFlow(v.scenario) || !isFamily(v.scenario)) return { ok: false, problems: [{ path: 'model', message: 'this entry point runs a model of the family (model.kind release, queue or rights) on a flow; use runFlowScenario for the seed\'s model' }] };
  return simulateFamily(v.scenario, opts);
}
