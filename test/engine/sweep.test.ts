/**
 * Sweeps: every cell equals a single run of the same parameters (the scenario built by hand, run
 * with simulateFlow, each outcome read off its result document or its book), and bad sweep files
 * get problems that name the field, the value or the cell.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseOutcome, type Outcome } from '../../src/engine/batch/outcomes.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { runSweep } from '../../src/engine/batch/run.ts';
import { parseParam, setParam, sweepJsonSchema, validateSweep, type LoadBase, type SweepInput } from '../../src/engine/batch/sweep.ts';
import { InlineRunner } from '../../src/engine/batch/tasks.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import type { Book } from '../../src/engine/book.ts';

const BASE = {
  rules: { exitMultiple: 2 },
  flow: {
    days: 40,
    seed: 7,
    orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 },
    buyers: { perDay: 5, growth: { kind: 'exponential', ratePerDay: 0.08 } },
    sell: { ratePerDay: 0.05, portion: 1 },
    cohortDays: 10,
  },
  events: [{ day: 30, withdraw: { share: 0.4 } }],
} as const;

const ALL = [
  'users',
  'shareBrokeEven',
  'shareBrokeEven:20',
  'shareHitExitMultiple',
  'forcedExits',
  'finalPrice',
  'finalPool',
  'paidShareOfSpend',
  'daysUntilCoverageBelow:0.25',
  'poolFoldFor1x',
  'poolFoldFor2x',
  'coverageBreakEven',
  'coverageExitPromise',
  'lowestCoverageAfter:30',
  'shortfallBreakEven',
  'shortfallExitPromise',
];

const ok = (input: unknown, loadBase?: LoadBase) => {
  const v = validateSweep(input, loadBase);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.sweep;
};
const problems = (input: unknown, loadBase?: LoadBase) => {
  const v = validateSweep(input, loadBase);
  if (v.ok) throw new Error('expected problems');
  return v.problems.map((p) => `${p.path}: ${p.message}`);
};

const scenario = (input: unknown): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
};

/** each outcome of a single run, read off the result document (and the book where it alone has it) */
function expected(label: string, r: FlowResult, book: Book<unknown>): number | null {
  const buyers = [...Array(book.userCount).keys()].filter((u) => !book.isLegacy(u));
  const n = r.counts.users;
  const num = (x: unknown) => (x === null ? null : Number(x));
  switch (label) {
    case 'users':
      return n;
    case 'shareBrokeEven':
      return buyers.filter((u) => book.breakEvenDayOf(u) >= 0).length / n;
    case 'shareBrokeEven:20':
      return buyers.filter((u) => book.breakEvenDayOf(u) >= 0 && book.breakEvenDayOf(u) - book.firstDayOf(u) <= 20).length / n;
    case 'shareHitExitMultiple':
      return buyers.filter((u) => book.hitExitOf(u)).length / n;
    case 'forcedExits':
      return r.counts.forcedExits;
    case 'finalPrice':
      return num(r.final.price);
    case 'finalPool':
      return num(r.final.pool);
    case 'paidShareOfSpend':
      return num(r.aggregate.paidShareOfSpend);
    case 'daysUntilCoverageBelow:0.25':
      return r.solvency.find((d) => d.coverageBreakEven !== null && Number(d.coverageBreakEven) < 0.25)?.day ?? null;
    case 'poolFoldFor1x':
      return num(r.requiredGrowth.multiples[0]!.poolFold);
    case 'poolFoldFor2x':
      return num(r.requiredGrowth.multiples[1]!.poolFold);
    // the last solvency row, and the result's shortfall summary at the end
    case 'coverageBreakEven':
      return num(r.solvency[r.solvency.length - 1]!.coverageBreakEven);
    case 'coverageExitPromise':
      return num(r.solvency[r.solvency.length - 1]!.coverageExitPromise);
    case 'lowestCoverageAfter:30': {
      const after = r.solvency.filter((d) => d.day > 30 && d.coverageBreakEven !== null).map((d) => Number(d.coverageBreakEven));
      return after.length === 0 ? null : Math.min(...after);
    }
    case 'shortfallBreakEven':
      return num(r.shortfall.breakEven.end);
    case 'shortfallExitPromise':
      return r.shortfall.exitPromise === null ? null : num(r.shortfall.exitPromise.end);
  }
  throw new Error(label);
}

describe('sweep cells are single runs', () => {
  it('every outcome of every cell equals the same figure of simulateFlow on the scenario built by hand', async () => {
    const sweep = ok({
      base: BASE,
      x: { param: 'flow.sell.ratePerDay', values: [0, 0.05, 0.2] },
      y: { param: 'rules.exitMultiple', values: [1.5, 3, null] },
      outcomes: ALL,
    });
    expect(sweep.cells).toHaveLength(9);
    const out = await runSweep(sweep, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    let n = 0;
    const seen = new Set<string>();
    for (const x of [0, 0.05, 0.2]) {
      for (const y of [1.5, 3, null]) {
        const row = out.rows[n++]!;
        expect([row.x, row.y]).toEqual([x, y]);
        const s = scenario({ ...BASE, rules: { exitMultiple: y }, flow: { ...BASE.flow, sell: { ratePerDay: x, portion: 1 } } });
        const single = simulateFlow(s);
        if (!single.ok) throw new Error('run failed');
        const want = ALL.map((l) => expected(l, single.result, single.book));
        expect(row.values).toEqual(want);
        seen.add(JSON.stringify(want));
      }
    }
    // the grid is not degenerate: outcomes move with the parameters and several are non-trivial
    expect(seen.size).toBeGreaterThan(5);
    const col = (l: string) => out.rows.map((r) => r.values[ALL.indexOf(l)]);
    expect(col('forcedExits').some((v) => v! > 0)).toBe(true);
    expect(col('shareBrokeEven').some((v) => v! > 0)).toBe(true);
    // without sales the coverage of the need to break even is the pool share, 0.3, until the 40%
    // skim of day 30 leaves 0.18 of the spend so far against it; day 30's orders (about 8% of the
    // spend so far at 8% growth a day) add 0.3 of theirs: (0.18 + 0.3 x 0.08) / 1.08 = 0.19 < 0.25.
    // With sales the day depends on who sold (seeded draws), so only the sale-free cells are pinned.
    expect(out.rows.filter((r) => r.x === 0).map((r) => r.values[ALL.indexOf('daysUntilCoverageBelow:0.25')])).toEqual([30, 30, 30]);
    // the new measures vary across the grid (issue 13: sweeps that say something)
    for (const l of ['coverageBreakEven', 'lowestCoverageAfter:30', 'shortfallBreakEven', 'shortfallExitPromise']) {
      expect(new Set(col(l)).size, l).toBeGreaterThan(2);
    }
    // exits off: no promise, so neither its coverage nor its shortfall
    expect(out.rows.filter((r) => r.y === null).map((r) => [r.values[ALL.indexOf('coverageExitPromise')], r.values[ALL.indexOf('shortfallExitPromise')]])).toEqual([[null, null], [null, null], [null, null]]);
    // exits off: nobody hits the exit multiple
    expect(out.rows.filter((r) => r.y === null).map((r) => r.values[ALL.indexOf('shareHitExitMultiple')])).toEqual([0, 0, 0]);
  });

  it('a one-axis sweep over a field absent from the base (flow.repeat) equals single runs with it set', async () => {
    const sweep = ok({ base: BASE, x: { param: 'flow.repeat.probabilityPerDay', values: [0, 0.02] }, outcomes: ['finalPrice', 'paidShareOfSpend'] });
    expect(sweep.y).toBeNull();
    const out = await runSweep(sweep, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    for (const [k, p] of [0, 0.02].entries()) {
      const single = simulateFlow(scenario({ ...BASE, flow: { ...BASE.flow, repeat: { probabilityPerDay: p } } }));
      if (!single.ok) throw new Error('run failed');
      expect(out.rows[k]!.values).toEqual([Number(single.result.final.price), Number(single.result.aggregate.paidShareOfSpend)]);
    }
    expect(out.rows[0]!.values).not.toEqual(out.rows[1]!.values);
  });

  it('with legacy members and referral rewards: legacy members are no buyers, outcomes still equal single runs', async () => {
    const base = {
      ...BASE,
      flow: {
        ...BASE.flow,
        referral: { probability: 0.6, rewards: { direct: 0.1, indirect: 0.05 } },
        legacy: { members: 30, liabilityPerMember: 2000, day: 5, release: { batches: 4, everyDays: 5 } },
      },
    };
    const sweep = ok({ base, x: { param: 'flow.legacy.pointShare', values: [0.5, 2] }, y: { param: 'rules.exitMultiple', values: [1.5] }, outcomes: ALL });
    const out = await runSweep(sweep, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    for (const [k, share] of [0.5, 2].entries()) {
      const single = simulateFlow(scenario({ ...base, rules: { exitMultiple: 1.5 }, flow: { ...base.flow, legacy: { ...base.flow.legacy, pointShare: share } } }));
      if (!single.ok) throw new Error('run failed');
      expect(single.book.userCount).toBe(single.result.counts.users + 30);
      expect(out.rows[k]!.values).toEqual(ALL.map((l) => expected(l, single.result, single.book)));
    }
    expect(out.rows[0]!.values).not.toEqual(out.rows[1]!.values);
  });

  it('list entries: events[0].withdraw.share, and flow.seed', async () => {
    const sweep = ok({ base: BASE, x: { param: 'events[0].withdraw.share', values: [0.1, 0.9] }, y: { param: 'flow.seed', values: [1, 2] }, outcomes: ['finalPool'] });
    const out = await runSweep(sweep, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.rows.map((r) => [r.x, r.y])).toEqual([[0.1, 1], [0.1, 2], [0.9, 1], [0.9, 2]]);
    const single = simulateFlow(scenario({ ...BASE, flow: { ...BASE.flow, seed: 2 }, events: [{ day: 30, withdraw: { share: 0.9 } }] }));
    if (!single.ok) throw new Error('run failed');
    expect(out.rows[3]!.values).toEqual([Number(single.result.final.pool)]);
  });

  it('the same sweep twice gives the same rows (determinism)', async () => {
    const input = { base: BASE, x: { param: 'flow.sell.ratePerDay', values: [0.01, 0.1] }, outcomes: ALL };
    const a = await runSweep(ok(input), new InlineRunner());
    const b = await runSweep(ok(input), new InlineRunner());
    expect(a).toEqual(b);
  });

  it('a cell whose run fails names the cell and its values', async () => {
    // a withdrawal of more than the pool holds fails at run time when buyers are few
    const sweep = ok({
      base: { ...BASE, events: [{ day: 2, withdraw: { amount: 1000 } }] },
      x: { param: 'flow.buyers.perDay', values: [20, 1] },
      y: { param: 'rules.exitMultiple', values: [3] },
    });
    const out = await runSweep(sweep, new InlineRunner());
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]!.path).toBe('cell (x.values[1], y.values[0])');
    expect(out.problems[0]!.message).toMatch(/^flow\.buyers\.perDay = 1, rules\.exitMultiple = 3: events\[0\]\.withdraw\.amount: withdrawing 1000 would leave the pool at -.*\(day 2\)$/);
  });
});

describe('setParam and parseParam', () => {
  it('parses dotted paths with list entries and refuses anything else', () => {
    expect(parseParam('flow.sell.ratePerDay')).toEqual(['flow', 'sell', 'ratePerDay']);
    expect(parseParam('events[0].subsidy.amount')).toEqual(['events', 0, 'subsidy', 'amount']);
    expect(parseParam('flow.buyers.growth.values[3]')).toEqual(['flow', 'buyers', 'growth', 'values', 3]);
    for (const bad of ['', 'flow..days', '.flow', 'flow.', 'flow[x]', 'flow.sell rate', '[0]', 'events[-1]']) expect(parseParam(bad), bad).toBeNull();
  });

  it('sets a value on a copy, creating missing objects, leaving the original alone', () => {
    const base = { flow: { days: 3 } };
    const out = setParam(base, ['flow', 'repeat', 'probabilityPerDay'], 0.1);
    expect(out).toEqual({ flow: { days: 3, repeat: { probabilityPerDay: 0.1 } } });
    expect(base).toEqual({ flow: { days: 3 } });
  });
});

describe('bad sweep files: problems name the field, the value or the cell', () => {
  const x = { param: 'flow.sell.ratePerDay', values: [0, 0.1] };

  it('the sweep itself', () => {
    expect(problems([])).toEqual([': a sweep must be a JSON object; got an array']);
    expect(problems({ base: BASE })).toEqual(['x: is required (an object)']);
    expect(problems({ base: BASE, x, z: 1 })).toEqual([': unknown sweep field "z"; allowed: $schema, name, description, base, x, y, outcomes']);
    expect(problems({ base: BASE, x: { param: 'flow.days', values: [] } })).toEqual(['x.values: must have at least 1 entry']);
    expect(problems({ base: BASE, x: { param: 'flow.days', values: [1], step: 2 } })).toEqual(['x: unknown axis field "step"; allowed: param, values']);
    expect(problems({ base: 5, x })).toEqual(['base: must be a scenario object or the path of a scenario file; got a number']);
    expect(problems({ base: BASE, x, outcomes: [] })).toEqual(['outcomes: must have at least 1 entry']);
  });

  it('the grid size', () => {
    const many = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(problems({ base: BASE, x: { param: 'flow.days', values: many }, y: { param: 'flow.seed', values: many.slice(0, 101) } })).toEqual([
      'y.values: the grid has 101000 cells (x values times y values); at most 100000 are allowed',
    ]);
  });

  it('the base: invalid, a script, or a path with nothing to read it', () => {
    expect(problems({ base: { ...BASE, rules: { giftRatio: 1.5 } }, x })).toEqual(['base.rules.giftRatio: must be <= 1; got 1.5']);
    expect(problems({ base: { script: [{ order: { amount: 1 } }] }, x })).toEqual(['base: a sweep varies a time-driven scenario (with a flow); this one is a script']);
    expect(problems({ base: 'year.json', x })).toEqual(['base: a path ("year.json") needs a file system here; give the scenario inline']);
    const load: LoadBase = (p) => (p === 'year.json' ? { ok: true, value: { flow: { days: 0, buyers: { perDay: 1 } } } } : { ok: false, message: 'no such file' });
    expect(problems({ base: 'year.json', x }, load)).toEqual(['base.flow.days: must be >= 1; got 0 (in year.json)']);
    expect(problems({ base: 'nope.json', x }, load)).toEqual(['base: nope.json: no such file']);
    expect(ok({ base: 'y.json', x }, () => ({ ok: true, value: BASE })).cells).toHaveLength(2);
  });

  it('params: not a path, not a field (with what is allowed), not a list entry, the same twice', () => {
    expect(problems({ base: BASE, x: { param: 'flow..sell', values: [1] } })).toEqual([
      'x.param: "flow..sell" is not a path; write fields with dots and list entries as [n], e.g. flow.sell.ratePerDay or events[0].subsidy.amount',
    ]);
    expect(problems({ base: BASE, x: { param: 'flow.sell.rate', values: [1] } })).toEqual([
      'x.param: unknown scenario field "rate" in flow.sell; allowed: ratePerDay, portion, takeProfit',
    ]);
    expect(problems({ base: BASE, x: { param: 'rules.exitMultiple.value', values: [1] } })).toEqual([
      'x.param: rules.exitMultiple is not an object; it has no field "value"',
    ]);
    expect(problems({ base: BASE, x: { param: 'events[1].day', values: [1] } })).toEqual(['x.param: events has 1 entry in the base; [1] names nothing']);
    expect(problems({ base: BASE, x: { param: 'flow[0]', values: [1] } })).toEqual(['x.param: flow is not a list; [0] names nothing']);
    expect(problems({ base: BASE, x, y: { param: 'flow.sell.ratePerDay', values: [1] } })).toEqual([
      'y.param: is the same as x.param ("flow.sell.ratePerDay"); sweep two different parameters, or leave y out',
    ]);
    // a field of another form of a union is known; the value then fails as a scenario would
    expect(problems({ base: BASE, x: { param: 'flow.buyers.growth.capacity', values: [10] } })).toEqual([
      'x.values[0]: flow.buyers.growth.capacity = 10: flow.buyers.growth: unknown growth field "capacity"; allowed: kind, ratePerDay, flatFrom',
    ]);
  });

  it('values that make the scenario invalid, each named by its index', () => {
    expect(problems({ base: BASE, x: { param: 'flow.sell.ratePerDay', values: [0.1, 1.5, 'a'] }, y: { param: 'rules.exitMultiple', values: [2, 0.5] } })).toEqual([
      'x.values[1]: flow.sell.ratePerDay = 1.5: flow.sell.ratePerDay: must be <= 1; got 1.5',
      'x.values[2]: flow.sell.ratePerDay = "a": flow.sell.ratePerDay: must be a number; got a string',
      'y.values[1]: rules.exitMultiple = 0.5: rules.exitMultiple: must be > 1; got 0.5',
    ]);
  });

  it('cells that are invalid only together are named by both coordinates', () => {
    expect(problems({ base: BASE, x: { param: 'flow.days', values: [40, 35] }, y: { param: 'events[0].day', values: [30, 38] } })).toEqual([
      'cell (x.values[1], y.values[1]): flow.days = 35, events[0].day = 38: events[0].day: must be within the 35 days simulated; got 38',
    ]);
  });

  it('outcomes: unknown, malformed arguments, listed twice', () => {
    const got = problems({ base: BASE, x, outcomes: ['finalPrice', 'price', 'shareBrokeEven:x', 'daysUntilCoverageBelow', 'poolFoldFor0x', 'finalPrice', 'forcedExits:3'] });
    expect(got[0]).toMatch(/^outcomes\[1\]: unknown outcome "price"; allowed: users, shareBrokeEven, shareBrokeEven:N/);
    expect(problems({ base: BASE, x, outcomes: ['lowestCoverageAfter', 'lowestCoverageAfter:-1'] })).toEqual([
      'outcomes[0]: "lowestCoverageAfter": give the day as lowestCoverageAfter:N with a whole number N >= 0, e.g. lowestCoverageAfter:30',
      'outcomes[1]: "lowestCoverageAfter:-1": give the day as lowestCoverageAfter:N with a whole number N >= 0, e.g. lowestCoverageAfter:30',
    ]);
    expect(got.slice(1)).toEqual([
      'outcomes[2]: "shareBrokeEven:x": the days N in shareBrokeEven:N must be a whole number >= 0, e.g. shareBrokeEven:90',
      'outcomes[3]: "daysUntilCoverageBelow": give the coverage as daysUntilCoverageBelow:X with a number X > 0, e.g. daysUntilCoverageBelow:1',
      'outcomes[4]: "poolFoldFor0x": the multiple K in poolFoldForKx must be a number > 0, e.g. poolFoldFor1x',
      'outcomes[5]: "finalPrice" is listed already, at outcomes[0]',
      'outcomes[6]: "forcedExits:3": forcedExits takes no argument',
    ]);
  });

  it('parses the outcome vocabulary', () => {
    expect(parseOutcome('shareBrokeEven:90')).toEqual<Outcome>({ label: 'shareBrokeEven:90', name: 'shareBrokeEven', arg: 90 });
    expect(parseOutcome('shareBrokeEven')).toEqual<Outcome>({ label: 'shareBrokeEven', name: 'shareBrokeEven', arg: null });
    expect(parseOutcome('daysUntilCoverageBelow:0.5')).toEqual<Outcome>({ label: 'daysUntilCoverageBelow:0.5', name: 'daysUntilCoverageBelow', arg: 0.5 });
    expect(parseOutcome('poolFoldFor2.5x')).toEqual<Outcome>({ label: 'poolFoldFor2.5x', name: 'poolFoldFor', arg: 2.5 });
  });

  it('the default outcomes, when the file names none', () => {
    const s = ok({ base: BASE, x } satisfies SweepInput);
    expect(s.outcomes.map((o) => o.label)).toEqual(['finalPrice', 'paidShareOfSpend', 'shareBrokeEven', 'shareHitExitMultiple', 'forcedExits']);
  });
});

describe('the published sweep schema', () => {
  const published = readFileSync('schema/sweep.v1.schema.json', 'utf8');
  const check = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(published));

  it('is what the zod schema generates (npm run --silent sweep -- --schema > schema/sweep.v1.schema.json)', () => {
    expect(published).toBe(`${JSON.stringify(sweepJsonSchema(), null, 2)}\n`);
  });

  it('accepts the example and rejects what the validator rejects on its own fields', () => {
    const example = JSON.parse(readFileSync('examples/sweep-sell-exit.json', 'utf8'));
    expect(check(example), JSON.stringify(check.errors)).toBe(true);
    const load: LoadBase = (p) => ({ ok: true, value: JSON.parse(readFileSync(`examples/${p}`, 'utf8')) });
    expect(validateSweep(example, load).ok).toBe(true);
    for (const bad of [{ base: BASE }, { base: 5, x: { param: 'flow.days', values: [1] } }, { base: BASE, x: { param: 'flow.days', values: [] } }, { base: BASE, x: { param: 'flow.days', values: [1] }, z: 1 }]) {
      expect(check(bad), JSON.stringify(bad)).toBe(false);
      expect(validateSweep(bad).ok).toBe(false);
    }
  });
});

describe('the sweep measures the explorer offers (src/engine/batch/measures.ts)', () => {
  it('each is an outcome the sweep takes, and the one true by construction is not among them', async () => {
    const { SWEEP_MEASURES } = await import('../../src/engine/batch/measures.ts');
    const { parseOutcome } = await import('../../src/engine/batch/outcomes.ts');
    for (const m of SWEEP_MEASURES) expect(typeof parseOutcome(m), m).toBe('object');
    expect(SWEEP_MEASURES).not.toContain('daysUntilCoverageBelow:1');
    expect(SWEEP_MEASURES).toEqual(expect.arrayContaining(['coverageBreakEven', 'lowestCoverageAfter:30', 'shortfallBreakEven', 'shareBrokeEven']));
  });
});
