/**
 * What the schema cannot say (the split summing to exactly 1, one event per script or dated entry,
 * days within the run), and the validator that runs the schema and these checks together so that
 * one run reports every problem.
 */
import * as z from 'zod';
import { Decimal } from 'decimal.js';
import type { Problem } from '../problem.ts';
import { parseJsonText } from '../json-text.ts';
import { stressRangeText, stressValueAllowed } from '../stress-kinds.ts';
import { FAMILY_WHAT_IFS } from '../family/kinds.ts';
import { DATED_EVENT_KEYS, DatedEvent, EVENT_KEYS, Flow, Model, Rules, Scenario, ScriptEntry, Split, WhatIf, type ScenarioV1, type ScriptEntryV1 } from './schema.ts';
import { kindOf, problemsOf } from './wording.ts';
// the back-office profile's checks read the rules with their defaults (RULEBOOK §9.2)

function sumOfSplit(split: Record<string, number>): Decimal {
  return Object.values(split).reduce((acc, v) => acc.plus(new Decimal(v)), new Decimal(0));
}

/** The split's shares must sum to exactly 1 (summed in decimal, so 0.3 + 0.3 + 0.1 + 0.3 is 1). */
export function checkSplit(split: Record<string, number>, path: string): Problem[] {
  const sum = sumOfSplit(split);
  return sum.eq(1) ? [] : [{ path, message: `shares sum to ${sum.toString()}; they must sum to 1` }];
}

/** An entry (of a script or of the dated events) gives exactly one event of the kinds it may hold. */
function oneEvent<K extends string>(entry: Partial<Record<K, unknown>>, kinds: readonly K[], at: string): Problem[] {
  const given = kinds.filter((k) => entry[k] !== undefined);
  if (given.length === 1) return [];
  return [{ path: at, message: given.length === 0 ? `has no event; give exactly one of ${kinds.join(', ')}` : `has ${given.length} events (${given.join(', ')}); give exactly one per entry` }];
}

function checkEntry(entry: ScriptEntryV1, i: number): Problem[] {
  const problems: Problem[] = [];
  const at = `script[${i}]`;
  problems.push(...oneEvent(entry, EVENT_KEYS, at));
  if (entry.sell) {
    const ways = (['points', 'value', 'all'] as const).filter((k) => entry.sell![k] !== undefined);
    if (ways.length !== 1) {
      problems.push({
        path: `${at}.sell`,
        message:
          ways.length === 0
            ? 'says nothing to sell; give exactly one of points, value or all'
            : `gives ${ways.join(' and ')}; give exactly one of points, value or all`,
      });
    }
  }
  if (entry.rules?.split) problems.push(...checkSplit(entry.rules.split, `${at}.rules.split`));
  return problems;
}

/**
 * The back-office profile's prices (RULEBOOK §9.2): the ceiling above the floor and the initial
 * price, which it would otherwise settle at once; and, being a day-end job, only in time-driven
 * scenarios (a script has no days).
 */
function checkBackOffice(rules: ReturnType<typeof Rules.safeParse>, scripted: boolean): Problem[] {
  if (!rules.success) return [];
  const { maxPrice, minPrice, initialPrice } = rules.data;
  if (maxPrice === undefined) return [];
  const problems: Problem[] = [];
  if (minPrice !== undefined && !(maxPrice > minPrice)) problems.push({ path: 'rules.maxPrice', message: `must be above rules.minPrice (${minPrice}); got ${maxPrice}` });
  if (!(maxPrice > initialPrice)) problems.push({ path: 'rules.maxPrice', message: `must be above rules.initialPrice (${initialPrice}); got ${maxPrice}` });
  if (scripted) {
    problems.push({
      path: 'rules.maxPrice',
      message: 'the settlement at a price ceiling is a day-end job (RULEBOOK §9.2) and a script has no days; give a flow (time-driven form), or leave maxPrice out',
    });
  }
  return problems;
}

/**
 * Checks beyond what the JSON Schema expresses. They run on every part that passed the schema,
 * even when another part failed it, so that one run reports every problem.
 */
function checkBeyondSchema(input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const rules = input['rules'];
  const split = Split.safeParse(rules !== null && typeof rules === 'object' ? (rules as Record<string, unknown>)['split'] : undefined);
  if (split.success) problems.push(...checkSplit(split.data, 'rules.split'));
  problems.push(...checkBackOffice(Rules.safeParse(rules ?? {}), input['script'] !== undefined));
  const forms = (['script', 'flow'] as const).filter((k) => input[k] !== undefined);
  if (forms.length !== 1) {
    problems.push({
      path: '',
      message: forms.length === 0 ? 'give a script (scripted form) or a flow (time-driven form)' : 'give a script or a flow, not both',
    });
  }
  if (input['events'] !== undefined && input['flow'] === undefined) {
    problems.push({ path: 'events', message: 'dated events belong to the time-driven form; give a flow, or use script entries' });
  }
  if (input['whatIf'] !== undefined && input['flow'] === undefined) {
    problems.push({ path: 'whatIf', message: 'a what-if belongs to the time-driven form; give a flow' });
  }
  const flow = Flow.safeParse(input['flow']);
  const legacy = flow.success ? flow.data.legacy : undefined;
  if (flow.success && legacy) {
    if (legacy.day > flow.data.days) problems.push({ path: 'flow.legacy.day', message: `must be within the ${flow.data.days} days simulated; got ${legacy.day}` });
    const first = legacy.release.firstDay ?? legacy.day;
    if (first < legacy.day) problems.push({ path: 'flow.legacy.release.firstDay', message: `must be on or after the conversion day ${legacy.day}; got ${first}` });
  }
  const flatDay = flow.success ? flow.data.buyers.growth.flatFrom : undefined;
  if (flow.success && flatDay !== undefined && flatDay > flow.data.days) {
    problems.push({ path: 'flow.buyers.growth.flatFrom', message: `must be within the ${flow.data.days} days simulated; got ${flatDay}` });
  }
  const whatIf = WhatIf.safeParse(input['whatIf']);
  if (flow.success && whatIf.success && whatIf.data.day > flow.data.days) {
    problems.push({ path: 'whatIf.day', message: `must be within the ${flow.data.days} days simulated; got ${whatIf.data.day}` });
  }
  if (whatIf.success && whatIf.data.value !== undefined) {
    const { kind, value } = whatIf.data;
    const allowed = stressRangeText(kind);
    if (allowed === 'none' || !stressValueAllowed(kind, value)) problems.push({ path: 'whatIf.value', message: `${kind} takes ${allowed === 'none' ? 'no value' : `a value ${allowed}`}; got ${value}` });
  }
  const events = input['events'];
  if (Array.isArray(events)) {
    events.forEach((raw, i) => {
      const e = DatedEvent.safeParse(raw);
      if (!e.success) return;
      const at = `events[${i}]`;
      problems.push(...oneEvent(e.data, DATED_EVENT_KEYS, at));
      if (flow.success && e.data.day > flow.data.days) {
        problems.push({ path: `${at}.day`, message: `must be within the ${flow.data.days} days simulated; got ${e.data.day}` });
      }
      const w = e.data.withdraw;
      if (w && (w.amount === undefined) === (w.share === undefined)) {
        problems.push({ path: `${at}.withdraw`, message: 'give exactly one of amount or share' });
      }
      if (e.data.rules?.split) problems.push(...checkSplit(e.data.rules.split, `${at}.rules.split`));
    });
  }
  const script = input['script'];
  if (Array.isArray(script)) {
    script.forEach((raw, i) => {
      const entry = ScriptEntry.safeParse(raw);
      if (entry.success) problems.push(...checkEntry(entry.data, i));
    });
  }
  return problems;
}

/** the parameters a dated model change may give, per model of the family */
export const MODEL_CHANGE_KEYS = { release: ['k', 'ratePerDay'], queue: ['k', 'cap'], rights: ['k', 'unit', 'capPerDay'] } as const;
// the what-ifs of every model (family/kinds.ts, dependency-free for the explorer's page), for the format's callers
export { FAMILY_WHAT_IFS };

const keysOf = (v: unknown): string[] => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
const at = (v: unknown, k: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);

/** is field k of the object `value` at the default the schema `shape` gives it (absent fields filled in)? */
function atSeedDefault(shape: z.ZodType, value: unknown, k: string): boolean {
  const filled = shape.safeParse({});
  if (!filled.success) return false;
  const want = (filled.data as Record<string, unknown>)[k];
  return want !== undefined && JSON.stringify(want) === JSON.stringify(at(value, k));
}

/**
 * A model of the family refuses, naming itself and the field, the parts of a scenario that belong
 * to the seed's model rather than ignoring them (RULEBOOK §9) — set to anything but the seed's
 * defaults, which a validated scenario carries: the scripted form, its rules other
 * than the split, selling and take-profit, referral and legacy conversion, runs on the pool, the
 * seed's what-ifs, promises of equity; and a dated model change gives only its own parameters.
 * The seed's model refuses dated model changes (its rules change with `rules`).
 */
function checkModelParts(input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const m = Model.safeParse(input['model']);
  const kind = m.success ? m.data.kind : input['model'] === undefined ? 'seed' : null;
  if (kind === null) return problems;
  const events = Array.isArray(input['events']) ? (input['events'] as unknown[]) : [];
  if (kind === 'seed') {
    events.forEach((e, i) => {
      if (at(e, 'model') !== undefined) problems.push({ path: `events[${i}].model`, message: 'changes the parameters of a model of the family; the seed\'s model changes its rules with "rules"' });
    });
    return problems;
  }
  const name = `the ${kind} model`;
  const refuse = (path: string, what: string) => problems.push({ path, message: `${what}, which ${name} does not have; remove it (model.kind "${kind}")` });
  if (input['script'] !== undefined) problems.push({ path: 'script', message: `${name} runs time-driven scenarios only; give a flow (model.kind "${kind}")` });
  // a field at the seed's default says nothing (a validated scenario, written out, has them all): only another value is refused
  const rules = input['rules'];
  for (const k of keysOf(rules)) if (k !== 'split' && !atSeedDefault(Rules, rules, k)) refuse(`rules.${k}`, 'is a rule of the seed\'s model (points and their price)');
  const flow = input['flow'];
  const sell = at(flow, 'sell');
  if (sell !== undefined && keysOf(sell).some((k) => !atSeedDefault(Flow.shape.sell, sell, k))) refuse('flow.sell', 'sells points or takes profit on them');
  if (at(flow, 'referral') !== undefined) refuse('flow.referral', 'is the seed\'s referral network, paid alongside its points');
  if (at(flow, 'legacy') !== undefined) refuse('flow.legacy', 'converts old members into the seed\'s locked points');
  if (input['promises'] !== undefined) refuse('promises', 'are promises about the seed\'s points');
  const kindOfWhatIf = at(input['whatIf'], 'kind');
  if (typeof kindOfWhatIf === 'string' && !FAMILY_WHAT_IFS.includes(kindOfWhatIf)) {
    problems.push({ path: 'whatIf.kind', message: `"${kindOfWhatIf}" stresses the seed's points; ${name} takes ${FAMILY_WHAT_IFS.join(', ')} (model.kind "${kind}")` });
  }
  const allowed: readonly string[] = MODEL_CHANGE_KEYS[kind];
  events.forEach((e, i) => {
    if (at(e, 'run') !== undefined) refuse(`events[${i}].run`, 'is a run of holders selling points');
    for (const k of keysOf(at(e, 'rules'))) if (k !== 'split') refuse(`events[${i}].rules.${k}`, 'changes a rule of the seed\'s model');
    for (const k of keysOf(at(e, 'model'))) {
      if (!allowed.includes(k)) problems.push({ path: `events[${i}].model.${k}`, message: `is not a parameter of ${name}; it may change ${allowed.join(', ')}` });
    }
  });
  return problems;
}

export type Validated = { ok: true; scenario: ScenarioV1 } | { ok: false; problems: Problem[] };

/** Validate an already-parsed JSON value: every problem, each with its path and what is allowed. */
export function validateScenario(input: unknown): Validated {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: `a scenario must be a JSON object; got ${kindOf(input)}` }] };
  }
  const parsed = z.safeParse(Scenario, input, { reportInput: true });
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((iss) => problemsOf(iss, []));
  problems.push(...checkBeyondSchema(input as Record<string, unknown>));
  problems.push(...checkModelParts(input as Record<string, unknown>));
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, scenario: parsed.data };
}

/** Parse JSON text (a byte-order mark allowed), then validate it. A syntax error is a problem too, with its line and column. */
export function parseScenario(text: string): Validated {
  const j = parseJsonText(text);
  if (!j.ok) return { ok: false, problems: [j.problem] };
  return validateScenario(j.value);
}
