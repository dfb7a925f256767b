/**
 * The explorer's ONE state object: everything that changes what is on screen (the scenario's
 * parameters and extras, the what-if, the pinned scenario A of a comparison, the Monte Carlo bands
 * and their seed count, the price chart's scale, the followed buyer). The address is its
 * serialisation: `toAddress` writes it, `fromAddress` reads it back, naming each value it cannot
 * use (that value falls back to its default; the rest is kept). The scenario file is the other:
 * `scenarioFile` writes exactly what runs (the what-if as `whatIf`, a comparison as
 * `{version, comparison: {a, b}}`), `readFile` splits an opened file back into state.
 *
 * Address names (stable: they are in shared links): every parameter's short name from the table
 * (src/explorer/table.ts), `x` the extras as JSON, `follow` N or `off`, `wi` KIND:DAY[:VALUE] (the
 * syntax of `simulate --stress`), `pin` scenario A as a query string of its own, `mc` the seed count
 * of the Monte Carlo bands, `log=0` a linear price scale. Pure: tested in node
 * (test/explorer/state.test.ts).
 */
import { checkStressPreset, formatStress, parseStress, STRESS_DEFAULTS, STRESS_KINDS, stressEvent, type StressKind, type StressPreset } from '../engine/plain.ts';
import { buildScenario, fromQuery, toQuery, type AddressProblem, type Extras, type Json } from './params.ts';
import { DEFAULTS, type Params } from './table.ts';

/** A what-if: a stress preset kept apart from the scenario's own events. */
export type WhatIf = StressPreset;

export interface ScenarioState {
  params: Params;
  extras: Extras;
}

/** Scenario A of a comparison: a whole scenario with its own what-if. */
export interface PinnedState extends ScenarioState {
  whatIf: WhatIf | null;
}

export interface ExplorerState {
  /** what the controls show (scenario B when comparing) */
  scenario: ScenarioState;
  whatIf: WhatIf | null;
  /** scenario A when comparing; null: no comparison */
  pinned: PinnedState | null;
  /** Monte Carlo percentile bands and their seed count; null: none */
  bands: { seeds: number } | null;
  /** the price chart on a log scale */
  logScale: boolean;
  /** the followed buyer's entry day; null: off */
  follow: number | null;
}

/** The buyer the explorer follows unless the address says otherwise: one who joined in the first month. */
export const FOLLOW_DEFAULT = 30;
/** Seeds of a Monte Carlo run: the fewest and most the explorer runs, and what it offers first. */
export const MC_SEEDS = { min: 2, max: 500, default: 20 } as const;

/** The state of a fresh explorer: the default scenario, nothing else. */
export function initialState(): ExplorerState {
  return { scenario: { params: { ...DEFAULTS }, extras: {} }, whatIf: null, pinned: null, bands: null, logScale: true, follow: FOLLOW_DEFAULT };
}

// --- the address -----------------------------------------------------------------------------

/** A scenario and its what-if as a query string (no "?"). */
function scenarioQuery(s: ScenarioState, whatIf: WhatIf | null): URLSearchParams {
  const q = new URLSearchParams(toQuery(s.params, s.extras));
  if (whatIf) q.set('wi', formatStress(whatIf));
  return q;
}

/**
 * When the page writes the address after a change (Explorer.svelte): ADDRESS_POLL_MS after it, then
 * again every ADDRESS_POLL_MS while a pointer holds a slider or, for at most ADDRESS_WAIT_MS, while
 * the newest request's final run is under way. Chromium takes a new address as a navigation within
 * the page: in a drag's released run of a quarter of a second, its browser process and the service
 * worker (the page's icon fetched and parsed again) took 20-40 ms of the two cores the run needs.
 */
export const ADDRESS_POLL_MS = 120;
export const ADDRESS_WAIT_MS = 2000;

/** The state as the explorer's query string (no "?"): only what differs from a fresh explorer. */
export function toAddress(s: ExplorerState): string {
  const q = scenarioQuery(s.scenario, s.whatIf);
  if (s.follow !== FOLLOW_DEFAULT) q.set('follow', s.follow === null ? 'off' : String(s.follow));
  if (s.bands) q.set('mc', String(s.bands.seeds));
  if (!s.logScale) q.set('log', '0');
  if (s.pinned) q.set('pin', scenarioQuery(s.pinned, s.pinned.whatIf).toString());
  return q.toString();
}

/** A what-if from its address text, checked against a run of `days` days (null and a problem when it cannot be used). */
function readWhatIf(raw: string | null, days: number, name: string, problems: AddressProblem[]): WhatIf | null {
  if (raw === null) return null;
  const w = parseStress(raw);
  const bad = 'path' in w ? [w] : checkStressPreset(days, w);
  if (bad.length === 0) return w as WhatIf;
  problems.push({ name, value: raw, kind: 'whatIf', values: { message: bad.map((b) => b.message).join('; ') } });
  return null;
}

/** A whole number in [min, max] from its text, or undefined. */
function wholeIn(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The state an address describes, and the values it holds that cannot be used: each of those falls
 * back to its default (a parameter's default, no what-if, no bands, the log scale, the default
 * buyer) and is named; the rest is kept. Addresses made before the state object (parameters, `x`
 * and `follow` only) read as they always did.
 */
export function fromAddress(search: string): { state: ExplorerState; problems: AddressProblem[] } {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state = initialState();
  const main = fromQuery(q);
  const problems: AddressProblem[] = [...main.problems];
  state.scenario = { params: main.params, extras: main.extras };
  const days = main.params.days;
  state.whatIf = readWhatIf(q.get('wi'), days, 'wi', problems);

  const follow = q.get('follow');
  if (follow === 'off') state.follow = null;
  else if (follow !== null) {
    const n = wholeIn(follow, 1, days);
    if (n === undefined) problems.push({ name: 'follow', value: follow, kind: 'follow', values: { days } });
    else state.follow = n;
  }
  const mc = q.get('mc');
  if (mc !== null) {
    const n = wholeIn(mc, MC_SEEDS.min, MC_SEEDS.max);
    if (n === undefined) problems.push({ name: 'mc', value: mc, kind: 'seeds', values: { min: MC_SEEDS.min, max: MC_SEEDS.max } });
    else state.bands = { seeds: n };
  }
  const log = q.get('log');
  if (log === '0') state.logScale = false;
  else if (log !== null && log !== '1') problems.push({ name: 'log', value: log, kind: 'flag' });

  const pin = q.get('pin');
  if (pin !== null) {
    const a = fromQuery(pin, 'pin.');
    problems.push(...a.problems);
    const pq = new URLSearchParams(pin);
    state.pinned = { params: a.params, extras: a.extras, whatIf: readWhatIf(pq.get('wi'), a.params.days, 'pin.wi', problems) };
  }
  return { state, problems };
}

// --- the scenario file -----------------------------------------------------------------------

/** The event a what-if adds to its scenario's run (the engine's own stressEvent). */
export const whatIfEvent = (w: WhatIf): Json => stressEvent(w) as unknown as Json;

/** A what-if as a scenario file holds it: its value written out (the preset's default when not given). */
function whatIfJson(w: WhatIf): Json {
  const value = w.value ?? STRESS_DEFAULTS[w.kind].value;
  return { kind: w.kind, day: w.day, ...(value !== undefined ? { value } : {}) };
}

/** One side: the scenario the parameters build, with its what-if as a top-level `whatIf`. */
export function sideFile(s: ScenarioState, whatIf: WhatIf | null): Json {
  const scenario = buildScenario(s.params, s.extras).scenario;
  return whatIf ? { ...scenario, whatIf: whatIfJson(whatIf) } : scenario;
}

/** The scenario file of what is on screen: one scenario, or both sides of a comparison (A pinned, B current). */
export function scenarioFile(s: ExplorerState): Json {
  const b = sideFile(s.scenario, s.whatIf);
  if (!s.pinned) return b;
  return { version: 1, comparison: { a: sideFile(s.pinned, s.pinned.whatIf), b } };
}

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A what-if as a file holds it, or a problem (path `whatIf`). */
function readWhatIfJson(v: unknown, path: string): { ok: true; whatIf: WhatIf } | { ok: false; problems: { path: string; message: string }[] } {
  if (!isObj(v) || !(STRESS_KINDS as readonly unknown[]).includes(v['kind']) || typeof v['day'] !== 'number' || (v['value'] !== undefined && typeof v['value'] !== 'number')) {
    return { ok: false, problems: [{ path, message: `must be {"kind", "day", "value"?} with kind one of ${STRESS_KINDS.join(', ')}` }] };
  }
  const w: WhatIf = { kind: v['kind'] as StressKind, day: v['day'] };
  if (typeof v['value'] === 'number') w.value = v['value'];
  return { ok: true, whatIf: w };
}

/**
 * An opened file split into the scenario(s) the engine checks and their what-ifs: one side, or the
 * two of a comparison (a first). The what-if is taken out of each scenario here, so that the
 * engine validates the scenario itself; its day is checked against the run once the scenario is.
 */
export function splitFile(file: unknown): { ok: true; sides: { scenario: Json; whatIf: WhatIf | null; path: string }[] } | { ok: false; problems: { path: string; message: string }[] } {
  const one = (v: unknown, path: string) => {
    if (!isObj(v)) return { ok: false as const, problems: [{ path: path || '(file)', message: 'must be a scenario object' }] };
    const { whatIf, ...scenario } = v;
    if (whatIf === undefined) return { ok: true as const, side: { scenario, whatIf: null, path } };
    const w = readWhatIfJson(whatIf, `${path ? `${path}.` : ''}whatIf`);
    return w.ok ? { ok: true as const, side: { scenario, whatIf: w.whatIf, path } } : w;
  };
  if (isObj(file) && file['comparison'] !== undefined) {
    const c = file['comparison'];
    if (!isObj(c)) return { ok: false, problems: [{ path: 'comparison', message: 'must be {"a": scenario, "b": scenario}' }] };
    const a = one(c['a'], 'comparison.a');
    const b = one(c['b'], 'comparison.b');
    const problems = [...(a.ok ? [] : a.problems), ...(b.ok ? [] : b.problems)];
    if (!a.ok || !b.ok) return { ok: false, problems };
    return { ok: true, sides: [a.side, b.side] };
  }
  const s = one(file, '');
  return s.ok ? { ok: true, sides: [s.side] } : s;
}

/** The what-if's day and value checked against its scenario's run (problems at `whatIf`). */
export function checkWhatIf(w: WhatIf, days: number, path = 'whatIf'): { path: string; message: string }[] {
  return checkStressPreset(days, w).map((p) => ({ path, message: p.message }));
}
