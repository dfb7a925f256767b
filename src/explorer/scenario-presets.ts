/**
 * The scenario pages' presets (src/scenarios/presets.ts, plain scenario data) as the explorer
 * reads them: each as the explorer's address. Run at build time (it validates with the engine, so
 * that the engine's defaults are filled in before the parameters are read); the page gets the
 * addresses, not this module.
 */
import { validateScenario } from '../engine/index.ts';
import { PRESETS, SCENARIO_SLUGS, type ScenarioSlug } from '../scenarios/presets.ts';
import { fromScenario, toQuery } from './params.ts';

/** The preset as the explorer's address (its query string), so that a page can link to it. */
export function explorerQuery(slug: ScenarioSlug): string {
  const v = validateScenario(PRESETS[slug]);
  if (!v.ok) throw new Error(`preset ${slug} does not validate`);
  const { params, extras } = fromScenario(v.scenario as unknown as Record<string, unknown>);
  return toQuery(params, extras);
}

/** Every scenario page's preset for the explorer's menu: its slug and its address. */
export function scenarioPresetQueries(): { id: ScenarioSlug; query: string }[] {
  return SCENARIO_SLUGS.map((id) => ({ id, query: explorerQuery(id) }));
}
