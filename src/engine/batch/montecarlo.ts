/**
 * Monte Carlo's plan and its end: the scenario's runs over `count` seeds from its own flow.seed
 * (one `summary` task each, tasks.ts), and the document combined from their summaries
 * (summary.ts). Where the runs happen is run.ts's business: a TaskRunner of worker threads, Web
 * Workers or the calling thread. Both ends are plain data, so a browser plans and combines in a
 * worker, exactly as the command does in its own thread.
 */
import type { Problem } from '../result.ts';
import { validateScenario, type FlowScenarioV1 } from '../scenario/index.ts';
import type { Outcome } from './outcomes.ts';
import { checkSeeds, combineRuns, defaultMcOutcomes, withSeed, type MonteCarloResult, type SummaryOutcome } from './summary.ts';

export type MonteCarloOutcome = { ok: true; result: MonteCarloResult } | { ok: false; problems: Problem[] };

/** What Monte Carlo runs: one `summary` task per seed, and what combines them. */
export interface MonteCarloPlan {
  scenario: FlowScenarioV1;
  outcomes: Outcome[];
  inputs: { scenario: FlowScenarioV1; outcomes: Outcome[] }[];
}

export type PlannedMonteCarlo = { ok: true; plan: MonteCarloPlan } | { ok: false; problems: Problem[] };

/** The runs of a valid time-driven scenario over `count` seeds from its flow.seed. */
export function planMonteCarlo(s: FlowScenarioV1, count: number, outcomes: readonly Outcome[] = defaultMcOutcomes()): PlannedMonteCarlo {
  const bad = checkSeeds(s.flow.seed, count);
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
export function finishMonteCarlo(plan: MonteCarloPlan, outs: readonly SummaryOutcome[]): MonteCarloOutcome {
  const problems = outs.flatMap((o) => (o.ok ? [] : o.problems));
  if (problems.length) return { ok: false, problems };
  return { ok: true, result: combineRuns(plan.scenario, outs.map((o) => (o as Extract<SummaryOutcome, { ok: true }>).summary), plan.outcomes) };
}
