/**
 * Whether a model of the family is built yet (a shared helper of tests that need a real model, not
 * a test itself): the models are written apart and land one by one, and until then their
 * placeholders throw when made. A test that needs one is skipped until it is built.
 */
import { simulateFamily } from '../../../src/engine/family/simulate.ts';
import type { FamilyScenario } from '../../../src/engine/family/run.ts';
import { validateScenario } from '../../../src/engine/scenario/index.ts';

export function modelBuilt(model: Record<string, unknown>): boolean {
  const v = validateScenario({ rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, model, flow: { days: 2, buyers: { perDay: 1 } } });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  try {
    return simulateFamily(v.scenario as FamilyScenario).ok;
  } catch {
    return false;
  }
}

export const RELEASE_BUILT = modelBuilt({ kind: 'release', ratePerDay: 0.01 });
export const QUEUE_BUILT = modelBuilt({ kind: 'queue' });
export const RIGHTS_BUILT = modelBuilt({ kind: 'rights', unit: 1000, capPerDay: 1 });
