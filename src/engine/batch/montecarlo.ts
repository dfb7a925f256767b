/**
 * Monte Carlo's plan and its end: the scenario's runs over `count` seeds from its own flow.seed
 * (one `summary` task each, tasks.ts), and the document combined from their summaries
 * (summary.ts for the seed's model, family-summary.ts for the others). Where the runs happen is
 * run.ts's business: a TaskRunner of worker threads, Web Workers or the calling thread. Both ends
 * are plain data, so a browser plans and combines in a worker, exactly as the command does in its
 * own thread.
 */
import type { Problem } from '../result.ts';
import { validateScenario, type FlowScenarioV1 } from '../scenario/index.ts';
import { isFamily, type FamilyScenario } from '../family/run.ts';
import { modelOf, outcomeProblems, type Outcome } from './outcomes.ts';
import { checkSeeds, combineRuns, defaultMcOutcomes, withSeed, type MonteCarloResult, type RunSummary } from './summary.ts';
import type { AnySummaryOutcome } from './run-tasks.ts';
import { combineFamilyRuns, defaultFamilyMcOutcomes, type FamilyMonteCarloResult, type FamilyRunSummary } from './family-summary.ts';

export type MonteCarloOutcome = { ok: true; result: MonteCarloResult } | { ok: false; problems: Problem[] };
export type FamilyMonteCarloOutcome = { ok: true; result: FamilyMonteCarloResult } | { ok: false; problems: Problem[] };
/** Monte Carlo of any model: the seed's document, or the family's (it has `model`: isFamilyMonteCarlo tells them apart) */
export type AnyMonteCarloOutcome = MonteCarloOutcome | FamilyMonteCarloOutcome;
export type { AnySummaryOutcome } from './run-tasks.ts';

/** Whether a Monte Carlo document is of a model of the family (it names its model) rather than the seed's. */
export const isFamilyMonteCarlo = (r: MonteCarloResult | FamilyMonteCarloResult): r is FamilyMonteCarloResult => 'model' in r;

/** What Monte Carlo runs: one `summary` task per seed, and what combines them. */
export interface MonteCarloPlan {
  scenario: FlowScenarioV1;
  outcomes: Outcome[];
  inputs: { scenario: FlowScenarioV1; outcomes: Outcome[] }[];
}

export type PlannedMonteCarlo = { ok: true; plan: MonteCarloPlan } | { ok: false; problems: Problem[] };

/** The default run-level outcomes for a scenario's model. */
export const mcOutcomesFor = (s: FlowScenarioV1): Outcome[] => (isFamily(s) ? defaultFamilyMcOutcomes() : defaultMcOutcomes());

/**
 * The runs of a valid time-driven scenario, of any model, over `count` seeds from its flow.seed; an
 * outcome that does not apply to its model is refused (outcomes.ts), at `outcomes[i]`.
 */
export function planMonteCarlo(s: FlowScenarioV1, count: number, outcomes: readonly Outcome[] = mcOutcomesFor(s)): PlannedMonteCarlo {
  const bad = [...checkSeeds(s.flow.seed, count), ...outcomeProblems(outcomes, modelOf(s), (i) => `outcomes[${i}]`)];
  if (bad.length) return { ok: false, problems: bad };
  const outs = [...outcomes];
  return { ok: true, plan: { scenario: s, outcomes: outs, inputs: Array.from({ length: count }, (_, i) => ({ scenario: withSeed(s, s.flow.seed + i), outcomes: outs })) } };
}

/** The same from a scenario not yet validated (a page's, as JSON): its problems, or the plan. */
export function planMonteCarloFor(input: { scenario: unknown; count: number }): PlannedMonteCarlo {
  const v = validateScenario(input.scenario);
  if (!v.ok) return v;
  if (v.scenario.flow === undefined) return { ok: false, problems: [{ path: 'script', message: 'Monte Carlo runs time-driven scenarios (with a flow); this one is a script' }] };
  return planMonteCarlo(v.scenario as FlowScenarioV1, input.count);
}

/** The document from the runs' outputs, in seed order; the problems of any run that failed (each names its seed). */
export function finishMonteCarlo(plan: MonteCarloPlan, outs: readonly AnySummaryOutcome[]): AnyMonteCarloOutcome {
  const problems = outs.flatMap((o) => (o.ok ? [] : o.problems));
  if (problems.length) return { ok: false, problems };
  const summaries = outs.map((o) => (o as { ok: true; summary: RunSummary | FamilyRunSummary }).summary);
  if (isFamily(plan.scenario)) return { ok: true, result: combineFamilyRuns(plan.scenario as FamilyScenario, summaries as FamilyRunSummary[], plan.outcomes) };
  return { ok: true, result: combineRuns(plan.scenario, summaries as RunSummary[], plan.outcomes) };
}
