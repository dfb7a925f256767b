/**
 * The engine's public face. Pure TypeScript, no DOM: the site, the CLI and the tests all come
 * through here.
 */
import { parseScenario, validateScenario, type FlowScenarioV1, type ScenarioV1, type ScriptScenarioV1 } from './scenario.ts';
import { simulateScript } from './script.ts';
import { simulateFlow } from './timeline.ts';
import type { FlowResult, Problem, RunOutcome } from './result.ts';

export * from './result.ts';
export { exact, fast, type Arith } from './arith.ts';
export { Ledger, LedgerError } from './models/seed/ledger.ts';
export { runScript, simulateScript, expandedLength } from './script.ts';
export { validateScenario, parseScenario, scenarioJsonSchema, type ScenarioInput, type ScenarioV1 } from './scenario.ts';
export { ENGINE_NAME, ENGINE_VERSION } from './version.ts';
export { simulateFlow, runFlow, flowResult } from './timeline.ts';
export { SeedBook } from './models/seed/book.ts';
export { FastSeedBook } from './models/seed/book.fast.ts';
export { simulateStress, parseStress, checkStress, STRESS_KINDS, STRESS_DEFAULTS, type StressPreset, type StressResult } from './stress.ts';
export { simulateWhatIf, validateComparison, runComparison, parseScenarioOrComparison, type WhatIfResult, type ComparisonResult, type ComparisonV1 } from './whatif.ts';
export { keyFigures, keyFigureDifference, compareCohorts, compareDays, difference, type KeyFigures, type CohortChange } from './keyfigures.ts';

export const isFlow = (s: ScenarioV1): s is FlowScenarioV1 => s.flow !== undefined;
export const isScript = (s: ScenarioV1): s is ScriptScenarioV1 => s.script !== undefined;

/** Validate and run a scripted scenario given as a parsed JSON value. */
export function runScenario(input: unknown): RunOutcome {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (!isScript(v.scenario)) return { ok: false, problems: [{ path: 'script', message: 'this entry point runs scripted scenarios; use runFlowScenario for a flow' }] };
  return simulateScript(v.scenario);
}

/** Validate and run a scripted scenario given as JSON text. */
export function runScenarioText(text: string): RunOutcome {
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

export { SEED_EXAMPLE } from './seed.ts';
