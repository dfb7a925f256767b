/**
 * The addresses of issue 18's "scale in the browser" measurements (bench/targets.ts, bench/explorer-scale.ts).
 *
 * SCALE_QUERY: the engine scenario (bench/engine-10m.json: 10 million buyers over 500 days, fixed
 * orders of 1,000, 1% of holders selling a day, exits at 3x) as the explorer's address, written by
 * the explorer's own address writer (src/explorer/params.ts fromScenario, toQuery): the same
 * scenario, so the same 18.03 million events as the engine's targets (its name and description left
 * out: they are not the scenario).
 *
 * DEFAULT_FLOW_QUERY: the same buyers and days with the explorer's default flow for the rest
 * (`g=constant&b=20000&d=500`: lognormal amounts, cv 0.6, and 2% of holders selling a day): another
 * scenario, 19.02 million events and about a third more engine time; reported beside it.
 */
import { readFileSync } from 'node:fs';
import { fromScenario, toQuery } from '../src/explorer/params.ts';

export const ENGINE_FILE = new URL('./engine-10m.json', import.meta.url);
const engine = JSON.parse(readFileSync(ENGINE_FILE, 'utf8')) as Record<string, unknown> & { flow: { days: number; buyers: { perDay: number } } };
const { name: _name, description: _description, ...scenario } = engine;

export const SCALE_QUERY = (() => {
  const { params, extras } = fromScenario(scenario);
  return toQuery(params, extras);
})();

export const DEFAULT_FLOW_QUERY = `g=constant&b=${engine.flow.buyers.perDay}&d=${engine.flow.days}`;

/** the buyers of both: new buyers a day times days (a constant flow) */
export const SCALE_BUYERS = engine.flow.buyers.perDay * engine.flow.days;
