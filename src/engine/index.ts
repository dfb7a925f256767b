/**
 * The engine's public face. Pure TypeScript, no DOM: the site, the CLI and the tests all come
 * through here.
 */
import { parseScenario, validateScenario, type ScenarioInput } from './scenario.ts';
import { simulateScript } from './script.ts';
import type { RunOutcome } from './result.ts';

export * from './result.ts';
export { exact, fast, type Arith } from './arith.ts';
export { Ledger, LedgerError } from './ledger.ts';
export { runScript, simulateScript, expandedLength } from './script.ts';
export { validateScenario, parseScenario, scenarioJsonSchema, type ScenarioInput, type ScenarioV1 } from './scenario.ts';
export { ENGINE_NAME, ENGINE_VERSION } from './version.ts';

/** Validate and run a scenario given as a parsed JSON value. */
export function runScenario(input: unknown): RunOutcome {
  const v = validateScenario(input);
  return v.ok ? simulateScript(v.scenario) : v;
}

/** Validate and run a scenario given as JSON text. */
export function runScenarioText(text: string): RunOutcome {
  const v = parseScenario(text);
  return v.ok ? simulateScript(v.scenario) : v;
}

/** The seed's worked example (RULEBOOK §6): three orders of 1000 under the seed's rules. */
export const SEED_EXAMPLE = {
  rules: {
    split: { cost: 0.3, distribution: 0.3, platform: 0.1, pool: 0.3 },
    giftRatio: 0.7,
    initialPrice: 1,
    sellWithholding: 0.2,
    exitMultiple: 3,
  },
  script: [
    { order: { user: 'A', amount: 1000 } },
    { order: { user: 'B', amount: 1000 } },
    { order: { user: 'C', amount: 1000 } },
  ],
} as const satisfies ScenarioInput;
