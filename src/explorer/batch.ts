/**
 * Sweeps and Monte Carlo for the explorer, on the engine's own sweep.ts and montecarlo.ts. The
 * page plans in a worker (validation needs the engine), hands the cells or seeds to a pool of
 * workers as engine tasks, and combines in a worker again. Pure; node tests run it inline.
 */
import { combineRuns, defaultMcOutcomes, checkSeeds, withSeed, type MonteCarloResult, type RunSummary } from '../engine/montecarlo.ts';
import type { Outcome } from '../engine/outcomes.ts';
import type { Problem } from '../engine/result.ts';
import type { FlowScenarioV1 } from '../engine/scenario.ts';
import { validateSweep } from '../engine/sweep.ts';
import { validateFlow } from './run.ts';

export interface SweepPlan {
  x: { param: string; values: unknown[] };
  y: { param: string; values: unknown[] } | null;
  outcomes: Outcome[];
  cells: { i: number; j: number }[];
  inputs: { scenario: FlowScenarioV1; outcomes: Outcome[] }[];
}

export function sweepPlan(input: unknown): { ok: true; plan: SweepPlan } | { ok: false; problems: Problem[] } {
  const v = validateSweep(input);
  if (!v.ok) return v;
  const s = v.sweep;
  return {
    ok: true,
    plan: {
      x: { param: s.x.param, values: s.x.values },
      y: s.y ? { param: s.y.param, values: s.y.values } : null,
      outcomes: s.outcomes,
      cells: s.cells.map((c) => ({ i: c.i, j: c.j })),
      inputs: s.cells.map((c) => ({ scenario: c.scenario, outcomes: s.outcomes })),
    },
  };
}

export function mcPlan(input: { scenario: unknown; count: number }): { ok: true; scenario: FlowScenarioV1; inputs: { scenario: FlowScenarioV1; outcomes: Outcome[] }[] } | { ok: false; problems: Problem[] } {
  const v = validateFlow(input.scenario);
  if (!v.ok) return v;
  const bad = checkSeeds(v.scenario.flow.seed, input.count);
  if (bad.length) return { ok: false, problems: bad };
  const outcomes = defaultMcOutcomes();
  return { ok: true, scenario: v.scenario, inputs: Array.from({ length: input.count }, (_, i) => ({ scenario: withSeed(v.scenario, v.scenario.flow.seed + i), outcomes })) };
}

export function mcCombine(input: { scenario: FlowScenarioV1; summaries: RunSummary[] }): MonteCarloResult {
  return combineRuns(input.scenario, input.summaries, defaultMcOutcomes());
}

export const PLANS = { 'sweep-plan': sweepPlan, 'mc-plan': mcPlan, 'mc-combine': mcCombine } as const;
