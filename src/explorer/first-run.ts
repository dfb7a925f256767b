/**
 * The run request of an explorer state, in one place: the island asks for it (Explorer.svelte), and
 * the worker that the page's own script starts before the island hydrates (early.ts) reads the
 * page's address and starts the same request's full run (worker.ts), which the island's client then
 * takes over by its key (client.ts). Pure: no DOM.
 */
import { buildScenario, buyerLimitFor, checkParams, setBuyerMax } from './params.ts';
import { fromAddress, type ExplorerState } from './state.ts';
import { runsCoarse } from './coarse.ts';
import type { RunRequest } from './run.ts';

/** What the workers are asked to run for a scenario of a state's controls: with its followed buyer, its what-if and scenario A of a comparison (with its own what-if). */
export function runRequestOf(state: ExplorerState, scenario: Record<string, unknown>): RunRequest {
  const pin = state.pinned;
  return {
    scenario,
    follow: state.follow,
    stress: state.whatIf ?? null,
    pinned: pin ? { scenario: buildScenario(pin.params, pin.extras).scenario, stress: pin.whatIf } : null,
  };
}

/**
 * The request an address (location.search) asks for on load, when it is worth starting before the
 * island: one that runs coarse first (a large scenario: its full run takes seconds); null when the
 * address is empty (the default scenario, short), its parameters are not valid on this device (its
 * deviceMemory sets the buyer limit, table.ts buyerLimitFor, as the island does), or it runs in one short run.
 */
export function addressRequest(search: string, deviceMemory: number | undefined): RunRequest | null {
  if (search.length <= 1) return null;
  setBuyerMax(buyerLimitFor(deviceMemory));
  const { state } = fromAddress(search);
  const { params, extras } = state.scenario;
  if (checkParams(params).length > 0) return null;
  const req = runRequestOf(state, buildScenario(params, extras).scenario);
  return runsCoarse(req.scenario, req.pinned?.scenario ?? null) ? req : null;
}
