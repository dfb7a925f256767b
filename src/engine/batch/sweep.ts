/**
 * Sweeps: one time-driven scenario run over a grid of one or two parameters, one row of outcomes
 * per cell. Pure: no node imports (a file base is read through the `loadBase` the caller gives), so
 * that the same code can feed browser Web Workers.
 *
 * A sweep file (JSON, published as schema/sweep.v1.schema.json):
 *
 *   { "base": <scenario object> | "path/to/scenario.json",
 *     "x": { "param": "flow.sell.ratePerDay", "values": [0, 0.01, 0.02] },
 *     "y": { "param": "rules.exitMultiple", "values": [1.5, 2, 3] },      (optional)
 *     "outcomes": ["shareBrokeEven:90", "daysUntilCoverageBelow:1", ...] } (optional; outcomes.ts)
 *
 * A param is a path into the scenario, dotted, with [n] for list entries (`events[0].subsidy.amount`).
 * It must name a field of scenario format v1 (present in the base, filled in by a default, or an
 * optional field the schema knows); each value is set into the base as given (the objects on the
 * param's path with their defaults filled in, missing objects created on the way: withDefaultsOnPath)
 * and the result must validate as a scenario. Problems speak as the
 * scenario validator does, `path: what is wrong; what is allowed`, and name the value or the cell.
 *
 * Every model of the family runs (RULEBOOK §9): a cell whose scenario has a model other than the
 * seed's runs family/run.ts on the fast path. An axis may vary the model itself, its values whole
 * `model` objects (`{ "param": "model", "values": [{ "kind": "seed" }, { "kind": "release",
 * "ratePerDay": 0.001 }] }`), or a model's parameter (`model.ratePerDay`, `model.k`, `model.cap`,
 * `model.capPerDay`, ...). A cell whose scenario its model refuses (the base sells points and the
 * axis sets a release) is refused, naming the cell; so is an outcome that does not apply to a
 * cell's model (outcomes.ts, OUTCOME_MODELS), naming the outcome, the model and, when the model
 * varies, the first cell of that model.
 */
import * as z from 'zod';
import { DEFAULT_OUTCOMES, FAMILY_DEFAULT_OUTCOMES, OUTCOME_HELP, defaultOutcomes, modelOf, outcomeProblems, parseOutcome, type Outcome } from './outcomes.ts';
import { cellPath, cellValues, type SweepAxis, type SweepCell, type ValidSweep } from './cells.ts';
import type { Problem } from '../result.ts';
import { parseJsonText } from '../json-text.ts';
import { formatPath, kindOf, problemsOf, Scenario, show, strict, validateScenario, type FlowScenarioV1, type ModelKind } from '../scenario/index.ts';

export type { SweepAxis, SweepCell, ValidSweep } from './cells.ts';


export const MAX_AXIS_VALUES = 1000;
export const MAX_CELLS = 100_000;

const axisValue = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const Axis = strict(
  {
    param: z.string().min(1).describe('a path into the scenario, dotted, [n] for list entries: e.g. flow.sell.ratePerDay, rules.exitMultiple, events[0].subsidy.amount, model.ratePerDay; "model" varies the model itself, its values whole model objects ({"kind": "release", "ratePerDay": 0.001})'),
    values: z.array(axisValue).min(1).max(MAX_AXIS_VALUES).describe('the values the parameter takes, in the order the rows list them'),
  },
  'axis field',
).describe('one axis of the grid');

export const Sweep = strict(
  {
    $schema: z.string().optional(),
    name: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    base: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())], { error: () => 'must be a scenario object or the path of a scenario file' })
      .describe('the scenario every cell starts from (time-driven: with a flow), inline or as a path relative to the sweep file'),
    x: Axis,
    y: Axis.optional(),
    outcomes: z
      .array(z.string())
      .min(1)
      .max(100)
      .optional()
      .describe(`what each cell reports, one CSV column each; default ${DEFAULT_OUTCOMES.join(', ')} when every cell runs the seed's model, otherwise those of ${FAMILY_DEFAULT_OUTCOMES.join(', ')} that apply to every cell's model. An outcome that does not apply to a cell's model is refused. Allowed: ${OUTCOME_HELP}`),
  },
  'sweep field',
).describe('A sweep of the Points Pool Explorer (积分增值沙盘): a base scenario run over a grid of one or two parameters, v1.');

export type SweepInput = z.input<typeof Sweep>;

export function sweepJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Sweep, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $schema: schema['$schema'], $id: 'https://points-pool-explorer.local/schema/sweep.v1.schema.json', title: 'Points Pool Explorer sweep, v1', ...schema };
}

export type ValidatedSweep = { ok: true; sweep: ValidSweep } | { ok: false; problems: Problem[] };

/** Reads a base given as a path: the parsed JSON, or a problem (no such file, bad JSON). */
export type LoadBase = (path: string) => { ok: true; value: unknown } | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------

/** Parse a param path: `a.b[0].c` into ['a', 'b', 0, 'c'], or null when it is not one. */
export function parseParam(param: string): PropertyKey[] | null {
  const keys: PropertyKey[] = [];
  for (const part of param.split('.')) {
    const m = /^([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return null;
    keys.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

type AnySchema = z.core.$ZodType;

/** The schemas a value at this place may match: wrappers peeled, unions opened. */
function forms(s: AnySchema, out: AnySchema[] = []): AnySchema[] {
  const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; options?: AnySchema[]; in?: AnySchema };
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return forms(def.innerType!, out);
    case 'union':
      for (const o of def.options!) forms(o, out);
      return out;
    case 'pipe':
      return forms(def.in!, out);
    default:
      out.push(s);
      return out;
  }
}

/**
 * Whether a param path names a field of scenario format v1, checked against the zod schema
 * (the one source of truth) and, for list entries, against the base. A problem otherwise.
 */
function checkParam(keys: PropertyKey[], base: unknown): string | null {
  let here: AnySchema[] = [Scenario];
  let value: unknown = base;
  for (let n = 0; n < keys.length; n++) {
    const key = keys[n]!;
    const at = formatPath(keys.slice(0, n)) || 'the scenario';
    const candidates = here.flatMap((s) => forms(s));
    if (typeof key === 'number') {
      const arrays = candidates.filter((s) => (s._zod.def as { type: string }).type === 'array');
      if (!arrays.length) return `${at} is not a list; [${key}] names nothing`;
      const len = Array.isArray(value) ? value.length : 0;
      if (key >= len) return `${at} has ${len} entr${len === 1 ? 'y' : 'ies'} in the base; [${key}] names nothing`;
      here = arrays.map((s) => (s._zod.def as unknown as { element: AnySchema }).element);
    } else {
      const objects = candidates.filter((s) => (s._zod.def as { type: string }).type === 'object');
      const shapes = objects.map((s) => (s._zod.def as unknown as { shape: Record<string, AnySchema> }).shape);
      const next = shapes.filter((sh) => Object.hasOwn(sh, key)).map((sh) => sh[key as string]!);
      if (!next.length) {
        if (!shapes.length) return `${at} is not an object; it has no field "${String(key)}"`;
        const allowed = [...new Set(shapes.flatMap((sh) => Object.keys(sh)))];
        return `unknown scenario field "${String(key)}" in ${at}; allowed: ${allowed.join(', ')}`;
      }
      here = next;
    }
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return null;
}

/** A copy of the scenario with the value set at the path, creating missing objects on the way. */
export function setParam(scenario: unknown, keys: readonly PropertyKey[], value: unknown): unknown {
  const root = structuredClone(scenario) as Record<PropertyKey, unknown>;
  let o = root;
  keys.forEach((k, n) => {
    if (n === keys.length - 1) {
      o[k] = structuredClone(value);
      return;
    }
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<PropertyKey, unknown>;
  });
  return root;
}

/** what a problem of a value of `model.kind` adds: each model has its own parameters, so the model varies as a whole */
const MODEL_AXIS_HINT = '; to vary the model, give whole models: {"param": "model", "values": [{"kind": "seed"}, {"kind": "release", "ratePerDay": 0.001}]}';

/** a value of an axis in a message: as JSON, cut and escaped (scenario.ts show) */
const showValue = (v: unknown): string => show(v);

function axisOf(raw: { param: string; values: unknown[] }, path: 'x' | 'y', base: unknown, problems: Problem[]): SweepAxis | null {
  const keys = parseParam(raw.param);
  if (!keys) {
    problems.push({ path: `${path}.param`, message: `"${raw.param}" is not a path; write fields with dots and list entries as [n], e.g. flow.sell.ratePerDay or events[0].subsidy.amount` });
    return null;
  }
  const bad = checkParam(keys, base);
  if (bad) {
    problems.push({ path: `${path}.param`, message: bad });
    return null;
  }
  return { param: formatPath(keys), keys, values: raw.values };
}

/**
 * A copy of the base as given with the objects on an axis's path that only its defaults have (the
 * validated base's) filled in, so that a value lands among the defaults as it would in the
 * validated base, while the other defaults stay out: a model of the family refuses the seed's parts
 * a scenario gives (checks.ts), and the validated base gives all of them (`rules.giftRatio`,
 * `flow.sell`, ...), which would refuse every cell that runs another model.
 */
function withDefaultsOnPath(raw: unknown, parsed: unknown, keys: readonly PropertyKey[]): unknown {
  const root = structuredClone(raw) as Record<PropertyKey, unknown>;
  let o: Record<PropertyKey, unknown> = root;
  let p: unknown = parsed;
  for (const k of keys.slice(0, -1)) {
    p = p !== null && typeof p === 'object' ? (p as Record<PropertyKey, unknown>)[k] : undefined;
    if ((o[k] === undefined || o[k] === null || typeof o[k] !== 'object') && p !== null && typeof p === 'object') o[k] = structuredClone(p);
    if (o[k] === null || typeof o[k] !== 'object') break;
    o = o[k] as Record<PropertyKey, unknown>;
  }
  return root;
}

/** The base a sweep varies: as given, and validated (with its defaults). */
interface Base {
  raw: unknown;
  parsed: FlowScenarioV1;
}

/** The scenario of one cell, validated; its problems otherwise. */
function cellScenario(base: Base, settings: [SweepAxis, unknown][]): { ok: true; scenario: FlowScenarioV1 } | { ok: false; problems: Problem[] } {
  let s: unknown = base.raw;
  for (const [axis, v] of settings) s = setParam(withDefaultsOnPath(s, base.parsed, axis.keys), axis.keys, v);
  const v = validateScenario(s);
  if (!v.ok) return v;
  return { ok: true, scenario: v.scenario as FlowScenarioV1 };
}

/**
 * Validate a sweep given as a parsed JSON value: the sweep's own fields, the base scenario, the
 * params, the outcomes, then every value on its own and every cell. Every problem at once.
 */
export function validateSweep(input: unknown, loadBase?: LoadBase): ValidatedSweep {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: `a sweep must be a JSON object; got ${kindOf(input)}` }] };
  }
  const parsed = z.safeParse(Sweep, input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((iss) => problemsOf(iss)) };
  const f = parsed.data;
  const problems: Problem[] = [];

  // the base scenario
  let baseValue: unknown = f.base;
  let where = '';
  if (typeof f.base === 'string') {
    if (!loadBase) return { ok: false, problems: [{ path: 'base', message: `a path ("${f.base}") needs a file system here; give the scenario inline` }] };
    const loaded = loadBase(f.base);
    if (!loaded.ok) return { ok: false, problems: [{ path: 'base', message: `${f.base}: ${loaded.message}` }] };
    baseValue = loaded.value;
    where = ` (in ${f.base})`;
  }
  const vb = validateScenario(baseValue);
  if (!vb.ok) {
    return { ok: false, problems: vb.problems.map((p) => ({ path: p.path ? `base.${p.path}` : 'base', message: `${p.message}${where}` })) };
  }
  if (vb.scenario.flow === undefined) {
    return { ok: false, problems: [{ path: 'base', message: `a sweep varies a time-driven scenario (with a flow); this one is a script${where}` }] };
  }
  const base = vb.scenario as FlowScenarioV1;

  // params, checked against the base with its defaults filled in
  const x = axisOf(f.x, 'x', base, problems);
  const y = f.y ? axisOf(f.y, 'y', base, problems) : null;
  if (x && y && x.param === y.param) problems.push({ path: 'y.param', message: `is the same as x.param ("${x.param}"); sweep two different parameters, or leave y out` });

  // outcomes (when none are named, the defaults of the cells' models, chosen once the cells are known)
  const outcomes: Outcome[] = [];
  const seen = new Map<string, number>();
  (f.outcomes ?? []).forEach((label, i) => {
    const o = parseOutcome(label);
    if (typeof o === 'string') problems.push({ path: `outcomes[${i}]`, message: o });
    else if (seen.has(label)) problems.push({ path: `outcomes[${i}]`, message: `"${label}" is listed already, at outcomes[${seen.get(label)}]` });
    else {
      seen.set(label, i);
      outcomes.push(o);
    }
  });
  const nCells = f.x.values.length * (f.y ? f.y.values.length : 1);
  if (nCells > MAX_CELLS) problems.push({ path: 'y.values', message: `the grid has ${nCells} cells (x values times y values); at most ${MAX_CELLS} are allowed` });
  // a bad outcome or a bad param of the other axis does not hide bad values: go on while the axes parsed
  if (!x || (f.y && !y) || nCells > MAX_CELLS) return { ok: false, problems };

  // every value on its own, then the cells whose values are each fine alone
  const both: Base = { raw: baseValue, parsed: base };
  const alone = (axis: SweepAxis, path: 'x' | 'y') =>
    axis.values.map((v, i) => {
      const c = cellScenario(both, [[axis, v]]);
      if (!c.ok) for (const p of c.problems) problems.push({ path: `${path}.values[${i}]`, message: `${axis.param} = ${showValue(v)}: ${p.path ? `${p.path}: ` : ''}${p.message}${axis.param === 'model.kind' ? MODEL_AXIS_HINT : ''}` });
      return c.ok;
    });
  const xOk = alone(x, 'x');
  const yOk = y ? alone(y, 'y') : [true];
  const cells: SweepCell[] = [];
  for (let i = 0; i < x.values.length; i++) {
    for (let j = 0; j < (y ? y.values.length : 1); j++) {
      if (!xOk[i] || !yOk[j]) continue;
      const settings: [SweepAxis, unknown][] = [[x, x.values[i]]];
      if (y) settings.push([y, y.values[j]]);
      const c = cellScenario(both, settings);
      if (c.ok) cells.push({ i, j, scenario: c.scenario });
      else for (const p of c.problems) problems.push({ path: cellPath(i, y ? j : null), message: `${cellValues(x, i, y, j)}: ${p.path ? `${p.path}: ` : ''}${p.message}` });
    }
  }
  if (problems.length) return { ok: false, problems };

  // every outcome applies to every cell's model (outcomes.ts, OUTCOME_MODELS): one problem per
  // outcome and model, naming the first cell of that model
  const firstOf = new Map<ModelKind, SweepCell>();
  for (const c of cells) if (!firstOf.has(modelOf(c.scenario))) firstOf.set(modelOf(c.scenario), c);
  if (f.outcomes === undefined) outcomes.push(...defaultOutcomes([...firstOf.keys()]));
  const single = firstOf.size === 1;
  for (const [kind, c] of firstOf) {
    for (const p of outcomeProblems(outcomes, kind, (i) => `outcomes[${i}]`)) {
      problems.push(single ? p : { ...p, message: `${p.message} (first at ${cellPath(c.i, y ? c.j : null)}: ${cellValues(x, c.i, y, c.j)})` });
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, sweep: { base, x, y, outcomes, cells } };
}

/** Parse JSON text, then validate it. */
export function parseSweep(text: string, loadBase?: LoadBase): ValidatedSweep {
  const j = parseJsonText(text);
  if (!j.ok) return { ok: false, problems: [j.problem] };
  return validateSweep(j.value, loadBase);
}
