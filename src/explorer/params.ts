/**
 * The explorer's scenario as a flat set of named parameters (what the controls show), and the
 * three things done with it: build a scenario of format v1 for the engine, write it into a URL
 * query string and read it back, and read a scenario file back into parameters. Pure, no DOM and
 * no engine import (the engine runs in the worker), so that it is cheap on the page and tested in
 * node (test/explorer/params.test.ts).
 *
 * What the parameters cannot express (a second financing round, legacy members, a referral level
 * table, platform rounding, a growth series, promises) is kept verbatim as `extras` and carried in
 * the URL as JSON under `x`, so that opening any time-driven scenario file loses nothing.
 */

export const GROWTH_KINDS = ['constant', 'linear', 'exponential', 'logistic', 'boom'] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];
export const EXIT_TESTS = ['obtained', 'holding', 'total'] as const;
export type ExitTestKind = (typeof EXIT_TESTS)[number];
export const RULE_FIELDS = ['exit', 'gift', 'withholding'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export interface Params {
  /** expected new buyers on day 1 */
  perDay: number;
  growth: GrowthKind;
  /** exponential, logistic, boom: rate per day (0.01 = 1%); linear: buyers added per day */
  growthRate: number;
  /** logistic: buyers per day the market saturates at */
  capacity: number;
  /** boom: the day the flow peaks */
  peakDay: number;
  /** boom: share of the flow lost each day after the peak */
  decline: number;
  /** the day orders stop; null: never */
  stopDay: number | null;
  /** probability per day that an active holder sells */
  sellRate: number;
  /** share of the holding sold on a sale */
  portion: number;
  /** holders sell everything at this multiple of spend; null: off */
  takeProfit: number | null;
  /** probability per day that an active user orders again */
  repeat: number;
  /** forced exit at this multiple of spend; null: off */
  exit: number | null;
  exitTest: ExitTestKind;
  cost: number;
  distribution: number;
  platform: number;
  pool: number;
  gift: number;
  withholding: number;
  initialPrice: number;
  /** mean order amount */
  amount: number;
  /** coefficient of variation of order amounts; 0: every order is the mean */
  amountCv: number;
  days: number;
  seed: number;
  cohortDays: number;
  /** financing round: day (0 = none) and amount paid into the pool */
  subsidyDay: number;
  subsidyAmount: number;
  /** withdrawal: day (0 = none) and share of the pool the operator takes */
  withdrawDay: number;
  withdrawShare: number;
  /** rule change: day (0 = none), which rule, its new value */
  ruleDay: number;
  ruleField: RuleField;
  ruleValue: number;
  /** referral: probability that a new buyer is referred (0 = no referral network) */
  referral: number;
  direct: number;
  indirect: number;
  perRecruit: number;
}

export const DEFAULTS: Readonly<Params> = Object.freeze({
  perDay: 100,
  growth: 'exponential',
  growthRate: 0.01,
  capacity: 2000,
  peakDay: 180,
  decline: 0.02,
  stopDay: null,
  sellRate: 0.02,
  portion: 1,
  takeProfit: null,
  repeat: 0,
  exit: 3,
  exitTest: 'obtained',
  cost: 0.3,
  distribution: 0.3,
  platform: 0.1,
  pool: 0.3,
  gift: 0.7,
  withholding: 0.2,
  initialPrice: 1,
  amount: 1000,
  amountCv: 0.6,
  days: 365,
  seed: 1,
  cohortDays: 7,
  subsidyDay: 0,
  subsidyAmount: 1_000_000,
  withdrawDay: 0,
  withdrawShare: 0.1,
  ruleDay: 0,
  ruleField: 'exit',
  ruleValue: 2,
  referral: 0,
  direct: 0.1,
  indirect: 0.05,
  perRecruit: 0,
});

export type NumericKey = { [K in keyof Params]: Params[K] extends number | null ? (number extends Params[K] ? K : never) : never }[keyof Params];

/** The range of each numeric parameter, as the engine allows it (and the explorer can run). */
export interface Range {
  min: number;
  max: number;
  /** min itself is not allowed */
  minOpen?: boolean;
  maxOpen?: boolean;
  int?: boolean;
  /** null is allowed (off) */
  nullable?: boolean;
}

export const RANGES: Record<NumericKey, Range> = {
  perDay: { min: 0, max: 100_000 },
  growthRate: { min: -0.5, max: 1 },
  capacity: { min: 0, max: 1_000_000, minOpen: true },
  peakDay: { min: 1, max: 3650, int: true },
  decline: { min: 0, max: 1, minOpen: true, maxOpen: true },
  stopDay: { min: 1, max: 3650, int: true, nullable: true },
  sellRate: { min: 0, max: 1 },
  portion: { min: 0, max: 1, minOpen: true },
  takeProfit: { min: 0, max: 1000, minOpen: true, nullable: true },
  repeat: { min: 0, max: 1 },
  exit: { min: 1, max: 1000, minOpen: true, nullable: true },
  cost: { min: 0, max: 1 },
  distribution: { min: 0, max: 1 },
  platform: { min: 0, max: 1 },
  pool: { min: 0, max: 1 },
  gift: { min: 0, max: 1 },
  withholding: { min: 0, max: 1, maxOpen: true },
  initialPrice: { min: 0, max: 1e9, minOpen: true },
  amount: { min: 0, max: 1e9, minOpen: true },
  amountCv: { min: 0, max: 10 },
  days: { min: 1, max: 3650, int: true },
  seed: { min: 0, max: 4_294_967_295, int: true },
  cohortDays: { min: 1, max: 3650, int: true },
  subsidyDay: { min: 0, max: 3650, int: true },
  subsidyAmount: { min: 0, max: 1e12, minOpen: true },
  withdrawDay: { min: 0, max: 3650, int: true },
  withdrawShare: { min: 0, max: 1, minOpen: true, maxOpen: true },
  ruleDay: { min: 0, max: 3650, int: true },
  ruleValue: { min: 0, max: 1000 },
  referral: { min: 0, max: 1 },
  direct: { min: 0, max: 1 },
  indirect: { min: 0, max: 1 },
  perRecruit: { min: 0, max: 1e9 },
};

/** Most new buyers the explorer runs in the browser (a few seconds of work on a phone). */
export const MAX_BUYERS = 3_000_000;

/** What a parameter's problem is, for a localised message: the key and its values. */
export interface FieldProblem {
  field: keyof Params;
  /** message key in the explorer dictionary (without the "explorer.problem." prefix) */
  kind: 'number' | 'whole' | 'range' | 'split' | 'tooMany' | 'day' | 'engine';
  values: Record<string, string | number>;
}

function inRange(v: number, r: Range): boolean {
  if (r.minOpen ? !(v > r.min) : !(v >= r.min)) return false;
  if (r.maxOpen ? !(v < r.max) : !(v <= r.max)) return false;
  return true;
}

/** Expected new buyers over the run, as the engine's growth models give them (RULEBOOK §7). */
export function expectedBuyersTotal(p: Params): number {
  let n = 0;
  const last = p.stopDay === null ? p.days : Math.min(p.days, p.stopDay - 1);
  for (let d = 1; d <= last; d++) {
    switch (p.growth) {
      case 'constant':
        n += p.perDay;
        break;
      case 'linear':
        n += Math.max(0, p.perDay + p.growthRate * (d - 1));
        break;
      case 'exponential':
        n += p.perDay * (1 + p.growthRate) ** (d - 1);
        break;
      case 'logistic':
        n += p.perDay === 0 ? 0 : p.capacity / (1 + (p.capacity / p.perDay - 1) * Math.exp(-p.growthRate * (d - 1)));
        break;
      case 'boom':
        n += p.perDay * (1 + p.growthRate) ** (Math.min(d, p.peakDay) - 1) * (1 - p.decline) ** Math.max(0, d - p.peakDay);
        break;
    }
    if (!(n <= MAX_BUYERS * 10)) return n;
  }
  return n;
}

/** Which numeric parameters the current choices use (the others are kept but not checked). */
export function activeFields(p: Params): NumericKey[] {
  const keys: NumericKey[] = ['perDay', 'stopDay', 'sellRate', 'portion', 'takeProfit', 'repeat', 'exit', 'cost', 'distribution', 'platform', 'pool', 'gift', 'withholding', 'initialPrice', 'amount', 'amountCv', 'days', 'seed', 'cohortDays', 'subsidyDay', 'withdrawDay', 'ruleDay', 'referral'];
  if (p.growth !== 'constant') keys.push('growthRate');
  if (p.growth === 'logistic') keys.push('capacity');
  if (p.growth === 'boom') keys.push('peakDay', 'decline');
  if (p.subsidyDay > 0) keys.push('subsidyAmount');
  if (p.withdrawDay > 0) keys.push('withdrawShare');
  if (p.ruleDay > 0) keys.push('ruleValue');
  if (p.referral > 0) keys.push('direct', 'indirect', 'perRecruit');
  return keys;
}

/** Range of the rule change's new value, by the rule it changes. */
export function ruleValueRange(field: RuleField): Range {
  return field === 'exit' ? RANGES.exit : field === 'gift' ? RANGES.gift : RANGES.withholding;
}

/**
 * Problems with the parameters, field by field, before anything runs: not a number, out of
 * range, the split not summing to 1, a day after the run, more buyers than a browser should take.
 */
export function checkParams(p: Params): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of activeFields(p)) {
    const v = p[key];
    const r = key === 'ruleValue' ? { ...ruleValueRange(p.ruleField), nullable: false } : RANGES[key];
    if (v === null) {
      if (!r.nullable) out.push({ field: key, kind: 'number', values: {} });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ field: key, kind: 'number', values: {} });
    else if (r.int && !Number.isInteger(v)) out.push({ field: key, kind: 'whole', values: {} });
    else if (!inRange(v, r)) out.push({ field: key, kind: 'range', values: { min: r.min, max: r.max, lo: r.minOpen ? '>' : '≥', hi: r.maxOpen ? '<' : '≤' } });
  }
  const bad = new Set(out.map((o) => o.field));
  for (const key of ['stopDay', 'subsidyDay', 'withdrawDay', 'ruleDay', 'peakDay'] as const) {
    const v = p[key];
    if (!bad.has(key) && !bad.has('days') && typeof v === 'number' && v > p.days && activeFields(p).includes(key)) {
      out.push({ field: key, kind: 'day', values: { days: p.days } });
    }
  }
  if (!['cost', 'distribution', 'platform', 'pool'].some((k) => bad.has(k as keyof Params))) {
    // in hundredths of a percent, so that 0.3 + 0.3 + 0.1 + 0.3 is exactly 1
    const sum = Math.round(p.cost * 1e6) + Math.round(p.distribution * 1e6) + Math.round(p.platform * 1e6) + Math.round(p.pool * 1e6);
    if (sum !== 1e6) out.push({ field: 'pool', kind: 'split', values: { sum: +(sum / 1e4).toFixed(4) } });
  }
  if (out.length === 0) {
    const n = expectedBuyersTotal(p);
    if (!(n <= MAX_BUYERS)) out.push({ field: p.growth === 'constant' ? 'perDay' : 'growthRate', kind: 'tooMany', values: { n: Number.isFinite(n) ? Math.round(n) : '∞', max: MAX_BUYERS } });
  }
  return out;
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

/** The scenario (format v1, time-driven) the parameters and extras describe. */
export function buildScenario(p: Params, extras: Extras = {}): Built {
  const rules: Json = {
    ...(extras.rules ?? {}),
    split: { cost: p.cost, distribution: p.distribution, platform: p.platform, pool: p.pool },
    giftRatio: p.gift,
    initialPrice: p.initialPrice,
    sellWithholding: p.withholding,
    exitMultiple: p.exit,
    exitTest: p.exitTest,
  };
  const flow: Json = {
    ...(extras.flow ?? {}),
    days: p.days,
    seed: p.seed,
    orderAmount: p.amountCv === 0 ? p.amount : { kind: 'lognormal', mean: p.amount, cv: p.amountCv },
    buyers: { perDay: p.perDay, growth: (extras.flow?.['growth'] as Json | undefined) ?? growthOf(p) },
    sell: { ratePerDay: p.sellRate, portion: p.portion, takeProfit: p.takeProfit },
    cohortDays: p.cohortDays,
  };
  delete flow['growth'];
  if (p.repeat > 0) flow['repeat'] = { probabilityPerDay: p.repeat };
  else delete flow['repeat'];
  if (p.referral > 0) {
    const more = (extras.flow?.['referral'] as Json | undefined) ?? {};
    const rewards = { ...((more['rewards'] as Json | undefined) ?? {}), direct: p.direct, indirect: p.indirect, perRecruit: p.perRecruit };
    flow['referral'] = { ...more, probability: p.referral, rewards };
  } else delete flow['referral'];

  const events: Json[] = [];
  const eventField: (keyof Params | null)[] = [];
  if (p.subsidyDay > 0) {
    events.push({ day: p.subsidyDay, subsidy: { amount: p.subsidyAmount } });
    eventField.push('subsidyDay');
  }
  if (p.withdrawDay > 0) {
    events.push({ day: p.withdrawDay, withdraw: { share: p.withdrawShare } });
    eventField.push('withdrawDay');
  }
  if (p.ruleDay > 0) {
    const key = p.ruleField === 'exit' ? 'exitMultiple' : p.ruleField === 'gift' ? 'giftRatio' : 'sellWithholding';
    events.push({ day: p.ruleDay, rules: { [key]: p.ruleValue } });
    eventField.push('ruleDay');
  }
  if (p.stopDay !== null) {
    events.push({ day: p.stopDay, stopOrders: true });
    eventField.push('stopDay');
  }
  for (const e of extras.events ?? []) {
    events.push(e);
    eventField.push(null);
  }
  const scenario: Json = { version: 1 };
  if (extras.name !== undefined) scenario['name'] = extras.name;
  if (extras.description !== undefined) scenario['description'] = extras.description;
  scenario['rules'] = rules;
  scenario['flow'] = flow;
  if (events.length) scenario['events'] = events;
  if (extras.promises) scenario['promises'] = extras.promises;
  return { scenario, eventField };
}

/** The parameter an engine problem's path belongs to, or null (then it is shown for the whole form). */
export function fieldOfPath(path: string, built: Built, p: Params): keyof Params | null {
  const direct: [RegExp, keyof Params][] = [
    [/^rules\.split/, 'pool'],
    [/^rules\.giftRatio/, 'gift'],
    [/^rules\.sellWithholding/, 'withholding'],
    [/^rules\.exitMultiple/, 'exit'],
    [/^rules\.initialPrice/, 'initialPrice'],
    [/^flow\.days/, 'days'],
    [/^flow\.seed/, 'seed'],
    [/^flow\.orderAmount\.cv/, 'amountCv'],
    [/^flow\.orderAmount/, 'amount'],
    [/^flow\.buyers\.perDay/, 'perDay'],
    [/^flow\.buyers\.growth\.capacity/, 'capacity'],
    [/^flow\.buyers\.growth\.peakDay/, 'peakDay'],
    [/^flow\.buyers\.growth\.declinePerDay/, 'decline'],
    [/^flow\.buyers\.growth/, 'growthRate'],
    [/^flow\.sell\.ratePerDay/, 'sellRate'],
    [/^flow\.sell\.portion/, 'portion'],
    [/^flow\.sell\.takeProfit/, 'takeProfit'],
    [/^flow\.repeat/, 'repeat'],
    [/^flow\.cohortDays/, 'cohortDays'],
    [/^flow\.referral\.probability/, 'referral'],
    [/^flow\.referral\.rewards\.direct/, 'direct'],
    [/^flow\.referral\.rewards\.indirect/, 'indirect'],
    [/^flow\.referral\.rewards\.perRecruit/, 'perRecruit'],
  ];
  for (const [re, key] of direct) if (re.test(path)) return key;
  const m = /^events\[(\d+)\](.*)$/.exec(path);
  if (m) {
    const field = built.eventField[Number(m[1])] ?? null;
    if (field === null) return null;
    const rest = m[2] ?? '';
    if (rest.startsWith('.day')) return field;
    if (field === 'subsidyDay') return 'subsidyAmount';
    if (field === 'withdrawDay') return 'withdrawShare';
    if (field === 'ruleDay') return 'ruleValue';
    return field;
  }
  void p;
  return null;
}

// --- URL query string ------------------------------------------------------------------------

/** Short query names, stable: they are in shared links. */
export const QUERY: Record<keyof Params, string> = {
  perDay: 'b',
  growth: 'g',
  growthRate: 'gr',
  capacity: 'cap',
  peakDay: 'peak',
  decline: 'dec',
  stopDay: 'stop',
  sellRate: 's',
  portion: 'sp',
  takeProfit: 'tp',
  repeat: 'rep',
  exit: 'm',
  exitTest: 'mt',
  cost: 'sc',
  distribution: 'sd',
  platform: 'spl',
  pool: 'spo',
  gift: 'gift',
  withholding: 'w',
  initialPrice: 'p0',
  amount: 'a',
  amountCv: 'cv',
  days: 'd',
  seed: 'seed',
  cohortDays: 'cd',
  subsidyDay: 'fd',
  subsidyAmount: 'fa',
  withdrawDay: 'wd',
  withdrawShare: 'ws',
  ruleDay: 'rd',
  ruleField: 'rf',
  ruleValue: 'rv',
  referral: 'ref',
  direct: 'r1',
  indirect: 'r2',
  perRecruit: 'rpr',
};

const OFF = 'off';

function showNumber(v: number | null): string {
  return v === null ? OFF : String(round(v));
}

/** The parameters that differ from the defaults, and the extras, as a query string (no "?"). */
export function toQuery(p: Params, extras: Extras = {}): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(QUERY) as (keyof Params)[]) {
    const v = p[key];
    if (v === DEFAULTS[key]) continue;
    q.set(QUERY[key], typeof v === 'string' ? v : showNumber(v));
  }
  if (Object.keys(extras).length) q.set('x', JSON.stringify(extras));
  return q.toString();
}

/**
 * Parameters from a query string: defaults for what it does not say. A value that does not parse
 * is kept as NaN, so that the control shows it and its message rather than silently resetting.
 */
export function fromQuery(search: string): { params: Params; extras: Extras; problems: string[] } {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const params: Params = { ...DEFAULTS };
  const problems: string[] = [];
  const enums: Partial<Record<keyof Params, readonly string[]>> = { growth: GROWTH_KINDS, exitTest: EXIT_TESTS, ruleField: RULE_FIELDS };
  for (const key of Object.keys(QUERY) as (keyof Params)[]) {
    const raw = q.get(QUERY[key]);
    if (raw === null) continue;
    const allowed = enums[key];
    if (allowed) {
      if (allowed.includes(raw)) (params as unknown as Record<string, unknown>)[key] = raw;
      else problems.push(QUERY[key]);
      continue;
    }
    const range = RANGES[key as NumericKey];
    if (raw === OFF && range.nullable) (params as unknown as Record<string, unknown>)[key] = null;
    else {
      const n = raw.trim() === '' ? NaN : Number(raw);
      (params as unknown as Record<string, unknown>)[key] = n;
      if (!Number.isFinite(n)) problems.push(QUERY[key]);
    }
  }
  let extras: Extras = {};
  const x = q.get('x');
  if (x !== null) {
    try {
      const v = JSON.parse(x) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) extras = v as Extras;
      else problems.push('x');
    } catch {
      problems.push('x');
    }
  }
  return { params, extras, problems };
}

// --- a scenario file back into parameters ----------------------------------------------------

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/**
 * Parameters and extras from a validated time-driven scenario (format v1, defaults filled in).
 * The first financing round, withdrawal by share, single-rule change and stop become parameters;
 * every other event, and whatever else the parameters cannot say, goes into extras unchanged.
 */
export function fromScenario(s: Json): { params: Params; extras: Extras } {
  const p: Params = { ...DEFAULTS };
  const extras: Extras = {};
  if (typeof s['name'] === 'string') extras.name = s['name'];
  if (typeof s['description'] === 'string') extras.description = s['description'];
  if (isObj(s['promises'])) extras.promises = s['promises'];
  const rules = isObj(s['rules']) ? s['rules'] : {};
  const split = isObj(rules['split']) ? rules['split'] : {};
  p.cost = num(split['cost'], p.cost);
  p.distribution = num(split['distribution'], p.distribution);
  p.platform = num(split['platform'], p.platform);
  p.pool = num(split['pool'], p.pool);
  p.gift = num(rules['giftRatio'], p.gift);
  p.withholding = num(rules['sellWithholding'], p.withholding);
  p.initialPrice = num(rules['initialPrice'], p.initialPrice);
  if (rules['exitMultiple'] === null) p.exit = null;
  else p.exit = num(rules['exitMultiple'], p.exit ?? 3);
  if (typeof rules['exitTest'] === 'string' && (EXIT_TESTS as readonly string[]).includes(rules['exitTest'])) p.exitTest = rules['exitTest'] as ExitTestKind;
  if (rules['rounding'] !== undefined) extras.rules = { rounding: rules['rounding'] };

  const flow = isObj(s['flow']) ? s['flow'] : {};
  p.days = num(flow['days'], p.days);
  p.seed = num(flow['seed'], p.seed);
  p.cohortDays = num(flow['cohortDays'], p.cohortDays);
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
  p.perDay = num(buyers['perDay'], p.perDay);
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
  const sell = isObj(flow['sell']) ? flow['sell'] : {};
  p.sellRate = num(sell['ratePerDay'], 0);
  p.portion = num(sell['portion'], 1);
  p.takeProfit = typeof sell['takeProfit'] === 'number' ? sell['takeProfit'] : null;
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

  p.subsidyDay = 0;
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
    if (isObj(sub) && p.subsidyDay === 0) {
      p.subsidyDay = day;
      p.subsidyAmount = num(sub['amount'], p.subsidyAmount);
    } else if (isObj(wd) && typeof wd['share'] === 'number' && p.withdrawDay === 0) {
      p.withdrawDay = day;
      p.withdrawShare = wd['share'];
    } else if (isObj(rc) && p.ruleDay === 0 && Object.keys(rc).length === 1 && typeof Object.values(rc)[0] === 'number' && ['exitMultiple', 'giftRatio', 'sellWithholding'].includes(Object.keys(rc)[0]!)) {
      const k = Object.keys(rc)[0]!;
      p.ruleDay = day;
      p.ruleField = k === 'exitMultiple' ? 'exit' : k === 'giftRatio' ? 'gift' : 'withholding';
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
