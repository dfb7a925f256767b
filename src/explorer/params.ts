/**
 * The explorer's scenario as a flat set of named parameters (what the controls show), and the
 * three things done with it: build a scenario of format v1 for the engine, write it into a URL
 * query string and read it back, and read a scenario file back into parameters. Pure, no DOM and
 * no engine import (the engine runs in the worker), so that it is cheap on the page and tested in
 * node (test/explorer/params.test.ts).
 *
 * What the parameters cannot express (financing rounds beyond the slots, legacy members, a referral level
 * table, platform rounding, a growth series, promises) is kept verbatim as `extras` and carried in
 * the URL as JSON under `x`, so that opening any time-driven scenario file loses nothing.
 */

import { BACK_OFFICE_ROUNDING, expectedBuyersThrough, type GrowthV1 } from '../engine/plain.ts';
import { BUYER_LIMIT, DEFAULTS, inRange, onSeedPoints, RULE_FIELDS, isActive, NUMBER_ROWS, QUERY, RANGES, ROUND_SLOTS, ROWS, rowFor, TABLE, type NumericKey, type Params, type Range, type RuleField, type Slider } from './table.ts';

export { BUYER_LIMIT, buyerLimitFor } from './table.ts';
export { DEFAULTS, EXIT_TESTS, GROWTH_KINDS, QUERY, RANGES, RULE_FIELDS, type ExitTestKind, type GrowthKind, type NumericKey, type Params, type Range, type RuleField } from './table.ts';

let maxBuyers: number = BUYER_LIMIT.desktop;
/** the sliders' limits, by what they depend on */
const limits = new Map<string, number>();

/** Most new buyers the explorer runs here: the desktop's limit unless the page set the device's (table.ts BUYER_LIMIT). */
export const buyerMax = (): number => maxBuyers;

/** The page sets the limit of the device it runs on once, at load (table.ts buyerLimitFor); tests set either. */
export function setBuyerMax(n: number): void {
  maxBuyers = n;
  limits.clear();
}

/** What a parameter's problem is, for a localised message: the key and its values. */
export interface FieldProblem {
  field: keyof Params;
  /** message key in the explorer dictionary (without the "explorer.problem." prefix) */
  kind: 'number' | 'whole' | 'range' | 'split' | 'tooMany' | 'day' | 'engine';
  values: Record<string, string | number>;
}

/** Expected new buyers over the run, as the engine's growth models give them (RULEBOOK §7, src/engine/flow/growth.ts). */
export function expectedBuyersTotal(p: Params): number {
  const last = p.stopDay === null ? p.days : Math.min(p.days, p.stopDay - 1);
  return expectedBuyersThrough(p.perDay, growthOf(p) as unknown as GrowthV1, last, maxBuyers * 10);
}

/** Which numeric parameters the current choices use (the others are kept but not checked). */
export function activeFields(p: Params): NumericKey[] {
  return NUMBER_ROWS.filter((r) => isActive(r, p)).map((r) => r.key);
}

/** Range of the rule change's new value, by the rule it changes. */
export function ruleValueRange(field: RuleField): Range {
  return RANGES[field];
}

/** The range a parameter is checked against, as the other parameters make it. */
export function rangeOf(key: NumericKey, p: Params): Range {
  return rowFor(key, p).range;
}

/**
 * Problems with the parameters, field by field, before anything runs: not a number, out of
 * range, the split not summing to 1, a day after the run, more buyers than a browser should take.
 */
export function checkParams(p: Params): FieldProblem[] {
  const out: FieldProblem[] = [];
  const active = activeFields(p);
  for (const key of active) {
    const v = p[key];
    const r = rangeOf(key, p);
    if (v === null) {
      if (!r.nullable) out.push({ field: key, kind: 'number', values: {} });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ field: key, kind: 'number', values: {} });
    else if (r.int && !Number.isInteger(v)) out.push({ field: key, kind: 'whole', values: {} });
    else if (!inRange(v, r)) out.push({ field: key, kind: 'range', values: { min: r.min, max: r.max, lo: r.minOpen ? '>' : '≥', hi: r.maxOpen ? '<' : '≤' } });
  }
  const bad = new Set(out.map((o) => o.field));
  for (const key of active) {
    const v = p[key];
    if (TABLE[key].day && !bad.has(key) && !bad.has('days') && typeof v === 'number' && v > p.days) out.push({ field: key, kind: 'day', values: { days: p.days } });
  }
  if (!['cost', 'distribution', 'platform', 'pool'].some((k) => bad.has(k as keyof Params))) {
    // in hundredths of a percent, so that 0.3 + 0.3 + 0.1 + 0.3 is exactly 1
    const sum = Math.round(p.cost * 1e6) + Math.round(p.distribution * 1e6) + Math.round(p.platform * 1e6) + Math.round(p.pool * 1e6);
    if (sum !== 1e6) out.push({ field: 'pool', kind: 'split', values: { sum: +(sum / 1e4).toFixed(4) } });
  }
  if (out.length === 0) {
    const n = expectedBuyersTotal(p);
    if (!(n <= maxBuyers)) out.push({ field: p.growth === 'constant' ? 'perDay' : 'growthRate', kind: 'tooMany', values: { n: Number.isFinite(n) ? Math.round(n) : '∞', max: maxBuyers } });
  }
  return out;
}

/**
 * The largest value of `key` among the slider's stops (lo, lo + step, ... up to hi) that the run
 * takes without more than buyerMax() expected new buyers, the other parameters as they are: the
 * expected total grows with buyers per day and with the growth rate, so a binary search over the
 * stops finds it (a few sums of the growth formula). lo when even lo is too many.
 */
export function buyerLimit(key: 'perDay' | 'growthRate', p: Params, lo: number, hi: number, step: number): number {
  const at = (k: number) => +(lo + k * step).toPrecision(12);
  // one copy of the parameters for the whole search, its value set at each stop tried (the other
  // slider's limit is found again on each move of a drag: a copy a stop was most of a drag's garbage)
  const q = { ...p };
  const fits = (k: number) => {
    q[key] = at(k);
    return expectedBuyersTotal(q) <= maxBuyers;
  };
  let a = 0;
  let b = Math.round((hi - lo) / step);
  if (fits(b)) return at(b);
  if (!fits(a)) return at(a);
  // fits(a) and not fits(b)
  while (b - a > 1) {
    const m = (a + b) >> 1;
    if (fits(m)) a = m;
    else b = m;
  }
  return at(a);
}


/**
 * A parameter's slider (in stored units) as the other parameters allow it: buyers per day and the
 * growth rate stop at the largest value that keeps the run within buyerMax(), so that the slider
 * never offers a value the explorer then refuses.
 */
export function sliderOf(key: NumericKey, p: Params): Slider | undefined {
  const row = rowFor(key, p);
  const s = row.slider;
  if (!s) return undefined;
  if (key !== 'perDay' && key !== 'growthRate') return s;
  if (key === 'growthRate' && p.growth === 'constant') return s;
  // the slider is in shown units (percent for a rate); the limit is found in stored ones
  const k = row.scale;
  // kept by what the limit depends on (not the value itself): a drag of one slider recomputes the other's
  const memo = JSON.stringify([key, p.growth, key === 'perDay' ? p.growthRate : p.perDay, p.capacity, p.peakDay, p.decline, p.flatFrom, p.stopDay, p.days, s]);
  let max = limits.get(memo);
  if (max === undefined) {
    max = buyerLimit(key, p, s.min / k, s.max / k, s.step / k) * k;
    if (limits.size > 500) limits.clear();
    limits.set(memo, max);
  }
  return { ...s, max: Math.max(s.min, +max.toPrecision(12)) };
}

// --- scenario of format v1 -------------------------------------------------------------------

/** What the parameters do not express, kept verbatim from an opened file. */
export interface Extras {
  name?: string;
  description?: string;
  rules?: Record<string, unknown>;
  flow?: Record<string, unknown>;
  events?: Record<string, unknown>[];
  promises?: Record<string, unknown>;
}

export type Json = Record<string, unknown>;

/** The parameter that made each event of the built scenario (for the engine's problems). */
export interface Built {
  scenario: Json;
  /** events[i] came from this parameter (the extras' events: null) */
  eventField: (keyof Params | null)[];
}

const round = (x: number, digits = 12): number => +x.toPrecision(digits);

export function growthOf(p: Params): Json {
  const g = growthKind(p);
  // growth that stops (every kind but constant, which has nothing to stop)
  if (p.flatFrom !== null && p.growth !== 'constant') g['flatFrom'] = p.flatFrom;
  return g;
}

function growthKind(p: Params): Json {
  switch (p.growth) {
    case 'constant':
      return { kind: 'constant' };
    case 'linear':
      return { kind: 'linear', addPerDay: p.growthRate };
    case 'exponential':
      return { kind: 'exponential', ratePerDay: p.growthRate };
    case 'logistic':
      return { kind: 'logistic', capacity: p.capacity, ratePerDay: p.growthRate };
    case 'boom':
      return { kind: 'boom', peakDay: p.peakDay, ratePerDay: p.growthRate, declinePerDay: p.decline };
  }
}

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a dotted path (undefined where the path does not lead). */
function getPath(o: Json, path: string): unknown {
  let at: unknown = o;
  for (const k of path.split('.')) at = isObj(at) ? at[k] : undefined;
  return at;
}
/** Set the value at a dotted path, making the objects on the way. */
function setPath(o: Json, path: string, v: unknown): void {
  const ks = path.split('.');
  let at = o;
  for (const k of ks.slice(0, -1)) {
    if (!isObj(at[k])) at[k] = {};
    at = at[k] as Json;
  }
  at[ks[ks.length - 1]!] = v;
}

/** The key under `rules` of a rule a rule change can set (from its row's path: rules.exitMultiple). */
const ruleKey = (f: RuleField): string => TABLE[f].path.slice('rules.'.length);

/** The scenario (format v1, time-driven) the parameters and extras describe. */
export function buildScenario(p: Params, extras: Extras = {}): Built {
  // the order the file reads in; the plain parameters are set at their paths from the table
  const seedPoints = onSeedPoints(p);
  // what an opened file carried beyond the controls that belongs to the seed's points (its rounding and
  // floor, referral, legacy members, promises, runs on the pool and changes of its rules) is kept in the
  // state but not sent to a model of the family, which refuses it (RULEBOOK §9)
  const seedExtra = (e: Json) => e['run'] !== undefined || (isObj(e['rules']) && Object.keys(e['rules']).some((k) => k !== 'split'));
  const flowExtras: Json = { ...(extras.flow ?? {}) };
  if (!seedPoints) for (const k of ['referral', 'legacy']) delete flowExtras[k];
  const rules: Json = { ...(seedPoints ? (extras.rules ?? {}) : {}), split: {} };
  const flow: Json = { ...flowExtras, days: 0, seed: 0, orderAmount: null, buyers: {}, sell: {}, cohortDays: 0 };
  const top: Json = seedPoints ? { rules, flow } : { model: { kind: p.model }, rules, flow };
  // the back-office profile is the seed's model with the profile's truncation (RULEBOOK §9.2), unless the file gave its own rounding
  if (p.model === 'office' && rules['rounding'] === undefined) rules['rounding'] = { ...BACK_OFFICE_ROUNDING };
  // a parameter the model does not use is not sent: a model of the family refuses the seed's parts (RULEBOOK §9)
  for (const row of ROWS) {
    if (!row.plain || !isActive(row, p)) continue;
    if (row.nullAbsent && p[row.key] === null) continue;
    setPath(top, row.path, p[row.key]);
  }
  if (!seedPoints) delete flow['sell'];
  flow['orderAmount'] = p.amountCv === 0 ? p.amount : { kind: 'lognormal', mean: p.amount, cv: p.amountCv };
  (flow['buyers'] as Json)['growth'] = (extras.flow?.['growth'] as Json | undefined) ?? growthOf(p);
  delete flow['growth'];
  if (p.repeat > 0) flow['repeat'] = { probabilityPerDay: p.repeat };
  else delete flow['repeat'];
  if (seedPoints && p.referral > 0) {
    const more = (extras.flow?.['referral'] as Json | undefined) ?? {};
    const rewards = { ...((more['rewards'] as Json | undefined) ?? {}), direct: p.direct, indirect: p.indirect, perRecruit: p.perRecruit };
    flow['referral'] = { ...more, probability: p.referral, rewards };
  } else delete flow['referral'];

  const events: Json[] = [];
  const eventField: (keyof Params | null)[] = [];
  for (const slot of ROUND_SLOTS) {
    if (p[slot.day] === 0) continue;
    events.push({ day: p[slot.day], subsidy: { amount: p[slot.amount] } });
    eventField.push(slot.day);
  }
  if (p.withdrawDay > 0) {
    events.push({ day: p.withdrawDay, withdraw: { share: p.withdrawShare } });
    eventField.push('withdrawDay');
  }
  if (isActive(TABLE.ruleDay, p) && p.ruleDay > 0) {
    const key = ruleKey(p.ruleField);
    events.push({ day: p.ruleDay, rules: { [key]: p.ruleValue } });
    eventField.push('ruleDay');
  }
  if (p.stopDay !== null) {
    events.push({ day: p.stopDay, stopOrders: true });
    eventField.push('stopDay');
  }
  for (const e of extras.events ?? []) {
    if (!seedPoints && seedExtra(e)) continue;
    events.push(e);
    eventField.push(null);
  }
  const scenario: Json = { version: 1 };
  if (extras.name !== undefined) scenario['name'] = extras.name;
  if (extras.description !== undefined) scenario['description'] = extras.description;
  if (top['model']) scenario['model'] = top['model'];
  scenario['rules'] = rules;
  scenario['flow'] = flow;
  if (events.length) scenario['events'] = events;
  if (extras.promises && seedPoints) scenario['promises'] = extras.promises;
  return { scenario, eventField };
}

/** Every scenario path of the table with its parameter, longest first (the most specific wins). */
const PATHS: [string, keyof Params][] = ROWS.flatMap((r) => [r.path, ...(r.paths ?? [])].filter((x) => !x.startsWith('events[')).map((x) => [x, r.key] as [string, keyof Params])).sort((a, b) => b[0].length - a[0].length);

/** The event row that holds each event-made parameter's value (its day row gives the event). */
const EVENT_VALUE: Partial<Record<keyof Params, keyof Params>> = { ...Object.fromEntries(ROUND_SLOTS.map((r) => [r.day, r.amount])), withdrawDay: 'withdrawShare', ruleDay: 'ruleValue' };

/** The parameter an engine problem's path belongs to, or null (then it is shown for the whole form). */
export function fieldOfPath(path: string, built: Built, p: Params): keyof Params | null {
  // several models share a path (model.k): the parameter of the model that runs
  for (const [prefix, key] of PATHS) {
    if (!isActive(TABLE[key], p) && TABLE[key].group === 'model') continue;
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return key;
  }
  const m = /^events\[(\d+)\](.*)$/.exec(path);
  if (m) {
    const field = built.eventField[Number(m[1])] ?? null;
    if (field === null) return null;
    const rest = m[2] ?? '';
    if (rest.startsWith('.day')) return field;
    return EVENT_VALUE[field] ?? field;
  }
  return null;
}

// --- URL query string ------------------------------------------------------------------------

const OFF = 'off';

function showNumber(v: number | null): string {
  return v === null ? OFF : String(round(v));
}

/** The parameters that differ from the defaults, and the extras, as a query string (no "?"). */
export function toQuery(p: Params, extras: Extras = {}): string {
  const q = new URLSearchParams();
  for (const row of ROWS) {
    const v = p[row.key];
    if (v === DEFAULTS[row.key]) continue;
    q.set(row.q, typeof v === 'string' ? v : showNumber(v));
  }
  if (Object.keys(extras).length) q.set('x', JSON.stringify(extras));
  return q.toString();
}

/**
 * A value of the address that could not be used: its name and text there, the parameter (when it
 * is one) and why: not a number, not a whole number, out of range (with the range), not one of
 * the choices, a day after the run, the split or the size of the run, or JSON that does not read.
 * The parameter falls back to its default; the rest of the address is kept.
 */
export interface AddressProblem {
  /** the name in the address, e.g. "s" or "pin.s" */
  name: string;
  /** the text the address holds */
  value: string;
  field?: keyof Params;
  kind: FieldProblem['kind'] | 'choice' | 'json' | 'whatIf' | 'seeds' | 'flag' | 'follow';
  values?: Record<string, string | number>;
}

/**
 * Parameters from a query string: defaults for what it does not say. A value that does not parse,
 * is out of range, or makes the parameters fail their checks (a day after the run, a split not
 * summing to 1, more buyers than a browser takes) is named in `problems` and falls back to its
 * default; the rest is kept. `prefix` names the values of a nested address ("pin.").
 */
export function fromQuery(search: string | URLSearchParams, prefix = ''): { params: Params; extras: Extras; problems: AddressProblem[] } {
  const q = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const params: Params = { ...DEFAULTS };
  const set = params as unknown as Record<string, unknown>;
  const problems: AddressProblem[] = [];
  const given = new Map<keyof Params, string>();
  for (const row of ROWS) {
    const raw = q.get(row.q);
    if (raw === null) continue;
    given.set(row.key, raw);
    const name = prefix + row.q;
    if (row.type === 'choice') {
      if ((row.choices as readonly string[]).includes(raw)) set[row.key] = raw;
      else problems.push({ name, value: raw, field: row.key, kind: 'choice' });
      continue;
    }
    if (raw === OFF && row.range.nullable) {
      set[row.key] = null;
      continue;
    }
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(n)) problems.push({ name, value: raw, field: row.key, kind: 'number' });
    else set[row.key] = n;
  }
  // the checks over the whole set (ranges that depend on other parameters, days after the run, the
  // split, the run's size): a parameter the address gave that fails them falls back, one at a time
  // (a problem of several values falls on the first of them the address gave: the split on the
  // shares, too many buyers on the flow's size and growth, a day after the run on the day)
  const involved = (pr: FieldProblem): (keyof Params)[] =>
    pr.kind === 'split' ? ['pool', 'cost', 'distribution', 'platform'] : pr.kind === 'tooMany' ? [pr.field, 'perDay', 'growthRate', 'capacity', 'peakDay', 'decline', 'flatFrom', 'days', 'stopDay'] : pr.kind === 'day' ? [pr.field, 'days'] : [pr.field];
  const fellBack = new Set<keyof Params>(problems.flatMap((o) => (o.field ? [o.field] : [])));
  for (let i = 0; i < ROWS.length; i++) {
    let found: { pr: FieldProblem; field: keyof Params } | null = null;
    for (const pr of checkParams(params)) {
      const field = involved(pr).find((f) => given.has(f) && !fellBack.has(f));
      if (field) {
        found = { pr, field };
        break;
      }
    }
    if (!found) break;
    const { pr, field } = found;
    problems.push({ name: prefix + QUERY[field], value: given.get(field)!, field, kind: pr.kind, values: pr.values });
    fellBack.add(field);
    set[field] = DEFAULTS[field];
  }
  let extras: Extras = {};
  const x = q.get('x');
  if (x !== null) {
    try {
      const v = JSON.parse(x) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) extras = v as Extras;
      else problems.push({ name: `${prefix}x`, value: x, kind: 'json' });
    } catch {
      problems.push({ name: `${prefix}x`, value: x, kind: 'json' });
    }
  }
  return { params, extras, problems };
}

// --- a scenario file back into parameters ----------------------------------------------------

const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/**
 * Parameters and extras from a validated time-driven scenario (format v1, defaults filled in).
 * The financing rounds (up to ROUND_SLOTS.length), withdrawal by share, single-rule change and stop become parameters;
 * every other event, and whatever else the parameters cannot say, goes into extras unchanged.
 */
export function fromScenario(s: Json): { params: Params; extras: Extras } {
  const p: Params = { ...DEFAULTS };
  const extras: Extras = {};
  if (typeof s['name'] === 'string') extras.name = s['name'];
  if (typeof s['description'] === 'string') extras.description = s['description'];
  if (isObj(s['promises'])) extras.promises = s['promises'];
  const set = p as unknown as Record<string, unknown>;
  for (const row of ROWS) {
    if (!row.plain) continue;
    const v = getPath(s, row.path);
    if (row.type === 'choice') set[row.key] = (row.choices as readonly unknown[]).includes(v) ? v : row.default;
    else set[row.key] = typeof v === 'number' || (v === null && row.range.nullable) ? v : (row.absent !== undefined ? row.absent : row.default);
  }
  const rules = isObj(s['rules']) ? s['rules'] : {};
  // the model: a kind of the family, or the seed's, which is the back-office profile when it rounds as the profile does
  const model = isObj(s['model']) ? s['model'] : {};
  const kind = model['kind'];
  const r = rules['rounding'];
  const office = isObj(r) && Object.keys(r).length === Object.keys(BACK_OFFICE_ROUNDING).length && Object.entries(BACK_OFFICE_ROUNDING).every(([k, v]) => r[k] === v);
  const family = onSeedPoints({ model: kind as Params['model'] }) || !(TABLE.model.choices as readonly unknown[]).includes(kind) ? null : (kind as Params['model']);
  p.model = family ?? (office ? 'office' : 'seed');
  if (rules['rounding'] !== undefined && p.model !== 'office') extras.rules = { rounding: rules['rounding'] };
  if (p.model !== 'office') {
    // the seed's model with a floor, a ceiling or a cap but not the profile's truncation: kept as they are
    const office: Json = {};
    for (const k of ['minPrice', 'maxPrice', 'pointsCap'] as const) if (typeof rules[k] === 'number') office[k] = rules[k];
    if (Object.keys(office).length) extras.rules = { ...(extras.rules ?? {}), ...office };
    p.minPrice = DEFAULTS.minPrice;
  }

  const flow = isObj(s['flow']) ? s['flow'] : {};
  const amount = flow['orderAmount'];
  if (typeof amount === 'number') {
    p.amount = amount;
    p.amountCv = 0;
  } else if (isObj(amount)) {
    if (amount['kind'] === 'fixed') {
      p.amount = num(amount['amount'], p.amount);
      p.amountCv = 0;
    } else {
      p.amount = num(amount['mean'], p.amount);
      p.amountCv = num(amount['cv'], p.amountCv);
    }
  }
  const buyers = isObj(flow['buyers']) ? flow['buyers'] : {};
  const g = isObj(buyers['growth']) ? buyers['growth'] : { kind: 'constant' };
  const flowExtras: Json = {};
  switch (g['kind']) {
    case 'constant':
      p.growth = 'constant';
      break;
    case 'linear':
      p.growth = 'linear';
      p.growthRate = num(g['addPerDay'], 0);
      break;
    case 'exponential':
      p.growth = 'exponential';
      p.growthRate = num(g['ratePerDay'], 0);
      break;
    case 'logistic':
      p.growth = 'logistic';
      p.growthRate = num(g['ratePerDay'], p.growthRate);
      p.capacity = num(g['capacity'], p.capacity);
      break;
    case 'boom':
      p.growth = 'boom';
      p.growthRate = num(g['ratePerDay'], p.growthRate);
      p.peakDay = num(g['peakDay'], p.peakDay);
      p.decline = num(g['declinePerDay'], p.decline);
      break;
    default:
      p.growth = 'constant';
      flowExtras['growth'] = g;
  }
  if (p.growth !== 'constant' && typeof g['flatFrom'] === 'number') p.flatFrom = g['flatFrom'];
  p.repeat = isObj(flow['repeat']) ? num(flow['repeat']['probabilityPerDay'], 0) : 0;
  if (isObj(flow['referral'])) {
    const r = flow['referral'];
    const rw = isObj(r['rewards']) ? r['rewards'] : {};
    p.referral = num(r['probability'], 0);
    p.direct = num(rw['direct'], 0);
    p.indirect = num(rw['indirect'], 0);
    p.perRecruit = num(rw['perRecruit'], 0);
    const rest: Json = { ...r };
    delete rest['probability'];
    const restRewards: Json = { ...rw };
    for (const k of ['direct', 'indirect', 'perRecruit']) delete restRewards[k];
    // what the table says beyond the three simple rewards (levels, peer, agents, dividend)
    const meaningful = Object.entries(restRewards).filter(([, v]) => v !== 0 && v !== undefined);
    if (meaningful.length) rest['rewards'] = Object.fromEntries(meaningful);
    else delete rest['rewards'];
    if (rest['choice'] === 'preferential') delete rest['choice'];
    if (p.referral === 0 && Object.keys(rest).length) {
      // a network that nobody joins: keep it whole, it would be lost with probability 0
      rest['probability'] = 0;
    }
    if (Object.keys(rest).length) flowExtras['referral'] = rest;
  } else p.referral = 0;
  if (isObj(flow['legacy'])) flowExtras['legacy'] = flow['legacy'];
  if (Object.keys(flowExtras).length) extras.flow = flowExtras;

  for (const slot of ROUND_SLOTS) p[slot.day] = 0;
  let rounds = 0;
  p.withdrawDay = 0;
  p.ruleDay = 0;
  p.stopDay = null;
  const rest: Json[] = [];
  for (const e of Array.isArray(s['events']) ? (s['events'] as unknown[]) : []) {
    if (!isObj(e)) continue;
    const day = num(e['day'], 1);
    const sub = e['subsidy'];
    const wd = e['withdraw'];
    const rc = e['rules'];
    const slot = ROUND_SLOTS[rounds];
    if (isObj(sub) && slot) {
      // the rounds fill the slots in the file's order; any beyond them stay as they are (extras)
      p[slot.day] = day;
      p[slot.amount] = num(sub['amount'], p[slot.amount]);
      rounds += 1;
    } else if (isObj(wd) && typeof wd['share'] === 'number' && p.withdrawDay === 0) {
      p.withdrawDay = day;
      p.withdrawShare = wd['share'];
    } else if (isObj(rc) && p.ruleDay === 0 && Object.keys(rc).length === 1 && typeof Object.values(rc)[0] === 'number' && RULE_FIELDS.some((f) => ruleKey(f) === Object.keys(rc)[0])) {
      const k = Object.keys(rc)[0]!;
      p.ruleDay = day;
      p.ruleField = RULE_FIELDS.find((f) => ruleKey(f) === k)!;
      p.ruleValue = rc[k] as number;
    } else if (e['stopOrders'] === true && p.stopDay === null) {
      p.stopDay = day;
    } else rest.push(e);
  }
  if (rest.length) extras.events = rest;
  return { params: p, extras };
}

/** True when the parameters are the defaults and there are no extras. */
export function isDefault(p: Params, extras: Extras): boolean {
  return toQuery(p, extras) === '';
}
