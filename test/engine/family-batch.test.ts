/**
 * Sweeps and Monte Carlo run every model of the family (RULEBOOK §9, issue 15 point 4): a release
 * swept over its rate with first default days and defaults worked from §9.3's arithmetic; one flow
 * swept over the model itself (seed, release, queue, rights) with each model's figures worked by
 * hand; every outcome of a family cell equal to the same figure of the single run's result
 * document; Monte Carlo whose seeds all give the same run, so that its bands collapse to known
 * values; and the refusals: an outcome that does not apply to a model, a cell its model refuses.
 */
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/engine/batch/run.ts';
import { monteCarlo } from '../../src/engine/batch/run.ts';
import { readFileSync } from 'node:fs';
import { validateSweep, type LoadBase } from '../../src/engine/batch/sweep.ts';
import { InlineRunner } from '../../src/engine/batch/tasks.ts';
import { cellOutcomes, parseOutcome, type Outcome } from '../../src/engine/batch/outcomes.ts';
import { LEVELS } from '../../src/engine/batch/summary.ts';
import { FAMILY_SERIES, type FamilyMonteCarloResult } from '../../src/engine/batch/family-summary.ts';
import { isFamilyMonteCarlo, planMonteCarlo } from '../../src/engine/batch/montecarlo.ts';
import { isFamily, type FamilyScenario } from '../../src/engine/family/run.ts';
import { simulateFamily } from '../../src/engine/family/simulate.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { commonOfSeed } from '../../src/engine/family/common.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';

const valid = (input: unknown): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
};

const sweepOf = (input: unknown) => {
  const v = validateSweep(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.sweep;
};
const problemsOf = (input: unknown) => {
  const v = validateSweep(input);
  if (v.ok) throw new Error('expected problems');
  return v.problems.map((p) => `${p.path}: ${p.message}`);
};
async function rows(input: unknown) {
  const out = await runSweep(sweepOf(input), new InlineRunner());
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.rows;
}

// RULEBOOK §9.3's worked example: fund share f = 0.16 (split cost 0.6, platform 0.24), k = 1,
// 100 orders of 1,000 a day from day 1 (fixed amounts, constant buyers, no repeat purchases)
const RELEASE_BASE = {
  rules: { split: { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } },
  model: { kind: 'release', k: 1, ratePerDay: 0.001, of: 'original' },
  flow: { days: 220, orderAmount: 1000, buyers: { perDay: 100 }, cohortDays: 10 },
};

describe('a release swept over its rate', () => {
  it('first default day and defaults as §9.3 works them, for each rate', async () => {
    // Each day's orders promise 100 x 1,000 = 100,000 and put 16,000 in the fund; from the next day
    // on each day's promises release r x 100,000 a day. Until the first default, the due on day d is
    // 100,000 r (d - 1) and the fund at the end of day d is 16,000 d - 100,000 r d (d - 1) / 2
    // = d (16,000 - 50,000 r (d - 1)).
    //   r = 0.0015: fund_d = d (16,000 - 75 (d - 1)); day 214: 214 x 25 = 5,350; day 215 would go
    //     below 0 (16,000 - 75 x 214 = -50): first default on day 215, due 150 x 214 = 32,100, paid
    //     5,350 + 16,000 = 21,350, default 10,750. From then on the fund is emptied every day: it
    //     holds the day's 16,000 against a due of 150 (d - 1) (the unpaid part stays owed and is not
    //     added to the next day's due): defaults 16,250, 16,400, 16,550, 16,700, 16,850 on days
    //     216-220. Total 10,750 + 82,750 = 93,500.
    //   r = 0.003: fund_d = d (16,000 - 150 (d - 1)); day 107: 107 x 100 = 10,700; day 108: due 300 x
    //     107 = 32,100, paid 26,700, default 5,400; days 109-220: 300 (d - 1) - 16,000 each, summed
    //     300 x (108 + ... + 219) - 112 x 16,000 = 300 x 18,312 - 1,792,000 = 3,701,600. Total
    //     3,707,000. (No promise completes: the first day's has had at most 107 x 300 = 32,100 of its
    //     100,000.)
    // Either way the fund ends at 0; over 220 days 22,000,000 was promised (and spent) and every
    // 16,000 of inflow paid out: 3,520,000 paid, 18,480,000 outstanding, coverage 0, paid 0.16 of
    // spend. Coverage first falls below 1e-6 on the first default day, when the fund is emptied.
    const got = await rows({
      base: RELEASE_BASE,
      x: { param: 'model.ratePerDay', values: [0.0015, 0.003] },
      outcomes: ['firstDefaultDay', 'totalDefaults', 'fund', 'outstanding', 'coverage', 'paidShareOfSpend', 'users', 'daysUntilPromiseCoverageBelow:0.000001', 'waiting'],
    });
    const [a, b] = got.map((r) => r.values);
    expect(a![0]).toBe(215);
    expect(b![0]).toBe(108);
    expect(a![1]).toBeCloseTo(93_500, 4);
    expect(b![1]).toBeCloseTo(3_707_000, 3);
    for (const v of [a!, b!]) {
      expect(v[2]).toBeCloseTo(0, 6);
      expect(v[3]).toBeCloseTo(18_480_000, 2);
      expect(v[4]).toBeCloseTo(0, 9);
      expect(v[5]).toBeCloseTo(0.16, 12);
      expect(v[6]).toBe(22_000);
      expect(v[8]).toBe(22_000);
    }
    expect([a![7], b![7]]).toEqual([215, 108]);
  });

  it('the rulebook\'s own rate: the fund holds 1,105,000 at the end of day 100', async () => {
    // fund_100 = 100 x (16,000 - 50 x 99) = 1,105,000 (RULEBOOK §9.3); no default yet
    const got = await rows({ base: { ...RELEASE_BASE, flow: { ...RELEASE_BASE.flow, days: 100 } }, x: { param: 'model.k', values: [1] }, outcomes: ['fund', 'firstDefaultDay', 'totalDefaults'] });
    expect(got[0]!.values[0]).toBeCloseTo(1_105_000, 4);
    expect(got[0]!.values.slice(1)).toEqual([null, 0]);
  });
});

// one flow for every model: 10 new buyers a day for 10 days, each one order of 1,000 (100 orders,
// 100,000 spent), fund share 0.5 (50,000 in)
const ONE_FLOW = {
  rules: { split: { cost: 0.3, distribution: 0.1, platform: 0.1, pool: 0.5 } },
  flow: { days: 10, orderAmount: 1000, buyers: { perDay: 10 }, cohortDays: 5 },
};
const MODELS = [{ kind: 'seed' }, { kind: 'release', ratePerDay: 0.01 }, { kind: 'queue' }, { kind: 'rights', unit: 1000, capPerDay: 20 }];
const COMMON = ['users', 'paidShareOfSpend', 'shareBrokeEven', 'fund', 'outstanding', 'coverage', 'firstDefaultDay', 'totalDefaults'];

describe('a sweep over the model itself', () => {
  it('seed, release, queue and rights on one flow, each as worked by hand', async () => {
    const got = await rows({ base: ONE_FLOW, x: { param: 'model', values: MODELS }, outcomes: COMMON });
    expect(got.map((r) => r.x)).toEqual(MODELS);
    const near = (v: (number | null)[], want: (number | null)[]) =>
      want.forEach((w, i) => (w === null || Number.isInteger(w) && i !== 3 && i !== 4 ? expect(v[i], COMMON[i]).toBe(w) : expect(v[i], COMMON[i]).toBeCloseTo(w, 9)));
    // seed: nobody sells, and nobody reaches the exit multiple 3 (the first buyer's 350 points would
    // need a price of 3,000 / 350 = 8.57; the price grows about as the pool to the power 1 - g = 0.3,
    // from 1.43 after one order to about 1.43 x 100^0.3 = 5.7 after 100): nothing paid. §9.1: the
    // fund is the pool, 50,000; the outstanding promise the exit promise, 3 x 100,000 - 0; no defaults
    near(got[0]!.values, [100, 0, 0, 50_000, 300_000, 1 / 6, null, 0]);
    // release, r = 0.01 of the original: from day 2 each earlier day's 10,000 promised releases 100 a
    // day, so day d pays 100 (d - 1), 4,500 over 10 days from 50,000 in: fund 45,500, outstanding
    // 100,000 - 4,500 = 95,500, coverage 45,500 / 95,500 = 91 / 191; nobody has broken even
    near(got[1]!.values, [100, 0.045, 0, 45_500, 95_500, 91 / 191, null, 0]);
    // queue, fifo, k = 1: entry j completes at order 2j (§9.4), so after 100 orders entries 1-50 are
    // paid 1,000 each (their spend: broken even) and the fund is empty: 50,000 paid, 50,000 owed
    near(got[2]!.values, [100, 0.5, 0.5, 0, 50_000, 0, null, 0]);
    // rights, U = 1,000, k = 1, cap 20 a day: one right per order; day d pays each of the 10 (d - 1)
    // earlier rights the full 20 (the fund, 5,000 in a day, is never short): 200 (d - 1), 9,000 in
    // all; fund 41,000, outstanding 91,000, coverage 41 / 91
    near(got[3]!.values, [100, 0.09, 0, 41_000, 91_000, 41 / 91, null, 0]);
  });

  it('with no outcomes named, those of the family\'s defaults that apply to every model of the sweep', () => {
    const labels = (x: unknown[]) => sweepOf({ base: ONE_FLOW, x: { param: 'model', values: x } }).outcomes.map((o) => o.label);
    // shareComplete is not the seed's: dropped when a cell runs the seed's model
    expect(labels(MODELS)).toEqual(['paidShareOfSpend', 'shareBrokeEven', 'coverage', 'firstDefaultDay', 'totalDefaults']);
    expect(labels(MODELS.slice(1))).toEqual(['paidShareOfSpend', 'shareBrokeEven', 'coverage', 'firstDefaultDay', 'totalDefaults', 'shareComplete']);
    // every cell the seed's: the seed's defaults, as before
    expect(labels([{ kind: 'seed' }])).toEqual(['finalPrice', 'paidShareOfSpend', 'shareBrokeEven', 'shareHitExitMultiple', 'forcedExits']);
  });
});

describe('the example sweep over the models', () => {
  const load: LoadBase = (p) => ({ ok: true, value: JSON.parse(readFileSync(`examples/${p}`, 'utf8')) });
  const example = JSON.parse(readFileSync('examples/sweep-models.json', 'utf8'));

  it('validates, its base the release example, one cell per model', () => {
    const v = validateSweep(example, load);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    expect(v.sweep.cells.map((c) => c.scenario.model?.kind)).toEqual(['seed', 'release', 'release', 'queue', 'queue', 'rights']);
  });

  it('each model fails on the day the rulebook says', async () => {
    const v = validateSweep(example, load);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const out = await runSweep(v.sweep, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const day = v.sweep.outcomes.findIndex((o) => o.label === 'firstDefaultDay');
    // §9.3: the original release first defaults on day 322, the remaining one on day 361. §9.5's
    // rights (100 orders of 500 a day, U = 500) are first under the cap on day 162; here each order
    // of 1,000 makes two rights and puts twice the money in the fund, so each right's share of the
    // fund, and the day, are the same. The seed's model and the queues never default.
    expect(out.rows.map((r) => r.values[day])).toEqual([null, 322, 361, null, null, 162]);
  });
});

describe('refusals', () => {
  it('an outcome that does not apply to the model, named with the model and what to ask instead', () => {
    expect(problemsOf({ base: RELEASE_BASE, x: { param: 'model.ratePerDay', values: [0.001, 0.002] }, outcomes: ['fund', 'finalPool', 'forcedExits'] })).toEqual([
      'outcomes[1]: "finalPool" does not apply to the release model (model.kind "release"): it is the seed\'s pool; ask for fund instead, or see the outcomes for every model: users, shareBrokeEven, shareBrokeEven:N, paidShareOfSpend, fund, outstanding, coverage, firstDefaultDay, totalDefaults, daysUntilPromiseCoverageBelow:X, lowestPromiseCoverageAfter:N',
      'outcomes[2]: "forcedExits" does not apply to the release model (model.kind "release"): it is the seed\'s forced exits; ask for shareComplete or waiting instead, or see the outcomes for every model: users, shareBrokeEven, shareBrokeEven:N, paidShareOfSpend, fund, outstanding, coverage, firstDefaultDay, totalDefaults, daysUntilPromiseCoverageBelow:X, lowestPromiseCoverageAfter:N',
    ]);
  });

  it('the seed\'s coverage of the need to break even is the seed\'s; every model compares the coverage of its promise', () => {
    expect(problemsOf({ base: RELEASE_BASE, x: { param: 'model.ratePerDay', values: [0.001] }, outcomes: ['lowestCoverageAfter:30', 'daysUntilCoverageBelow:1'] }).map((p) => p.slice(0, p.indexOf(', or see'))) ).toEqual([
      'outcomes[0]: "lowestCoverageAfter:30" does not apply to the release model (model.kind "release"): it is a coverage of what the seed\'s buyers need to break even; ask for lowestPromiseCoverageAfter:N instead',
      'outcomes[1]: "daysUntilCoverageBelow:1" does not apply to the release model (model.kind "release"): it is a coverage of what the seed\'s buyers need to break even; ask for daysUntilPromiseCoverageBelow:X instead',
    ]);
  });

  it('over a model axis, the first cell of the model it does not apply to', () => {
    const got = problemsOf({ base: ONE_FLOW, x: { param: 'model', values: MODELS }, outcomes: ['coverage', 'shareComplete', 'finalPrice'] });
    expect(got).toHaveLength(4);
    expect(got[0]).toMatch(/^outcomes\[1\]: "shareComplete" does not apply to the seed's model \(model.kind "seed"\): it is a count of promises paid entry by entry, which the seed's model does not make; ask for shareHitExitMultiple instead, .* \(first at x.values\[0\]: model = \{"kind":"seed"\}\)$/);
    expect(got.slice(1).map((p) => p.slice(0, p.indexOf(':', 14)))).toEqual([
      'outcomes[2]: "finalPrice" does not apply to the release model (model.kind "release")',
      'outcomes[2]: "finalPrice" does not apply to the queue model (model.kind "queue")',
      'outcomes[2]: "finalPrice" does not apply to the rights model (model.kind "rights")',
    ]);
    expect(got[1]).toMatch(/\(first at x.values\[1\]: model = \{"kind":"release","ratePerDay":0.01\}\)$/);
  });

  it('a cell whose scenario its model refuses (the base sells points), with the cell named; the seed\'s cell is fine', () => {
    const base = { ...ONE_FLOW, flow: { ...ONE_FLOW.flow, sell: { ratePerDay: 0.1 } } };
    expect(problemsOf({ base, x: { param: 'model', values: MODELS.slice(0, 2) }, outcomes: ['users'] })).toEqual([
      'x.values[1]: model = {"kind":"release","ratePerDay":0.01}: flow.sell: sells points or takes profit on them, which the release model does not have; remove it (model.kind "release")',
    ]);
  });

  it('a model parameter on a base of another model, and a parameter no model has', () => {
    expect(problemsOf({ base: ONE_FLOW, x: { param: 'model.ratePerDay', values: [0.01] }, outcomes: ['users'] })[0]).toMatch(/^x.values\[0\]: model.ratePerDay = 0.01: model/);
    expect(problemsOf({ base: RELEASE_BASE, x: { param: 'model.rate', values: [0.01] } })).toEqual([
      'x.param: unknown scenario field "rate" in model; allowed: kind, k, ratePerDay, of, cap, mode, unit, capPerDay',
    ]);
  });

  it('an axis over model.kind alone: each model has its own parameters, so the message says to vary the model whole', () => {
    // the release needs its rate, the seed's model takes no k: both values refused, each saying how
    const got = problemsOf({ base: { ...ONE_FLOW, model: { kind: 'queue', k: 1 } }, x: { param: 'model.kind', values: ['seed', 'release'] }, outcomes: ['users'] });
    expect(got).toHaveLength(2);
    expect(got[0]).toBe('x.values[0]: model.kind = "seed": model: unknown model field "k"; allowed: kind; to vary the model, give whole models: {"param": "model", "values": [{"kind": "seed"}, {"kind": "release", "ratePerDay": 0.001}]}');
    expect(got[1]).toMatch(/^x.values\[1\]: model.kind = "release": model.ratePerDay: .*; to vary the model, give whole models: /);
  });

  it('a family base keeps only the parts it gives: a sweep of a release varies its rate without the seed\'s defaults being refused', () => {
    // the validated base has every rule and flow.sell filled in; the cells start from the base as given
    const sw = sweepOf({ base: RELEASE_BASE, x: { param: 'model.ratePerDay', values: [0.001, 0.002] } });
    expect(sw.cells.map((c) => c.scenario.model)).toEqual([
      { kind: 'release', k: 1, ratePerDay: 0.001, of: 'original' },
      { kind: 'release', k: 1, ratePerDay: 0.002, of: 'original' },
    ]);
  });

  it('Monte Carlo refuses an outcome its model does not have, before anything runs', () => {
    const s = valid(RELEASE_BASE);
    const p = planMonteCarlo(s, 2, [parseOutcome('finalPrice') as Outcome]);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]!.message).toMatch(/^"finalPrice" does not apply to the release model \(model.kind "release"\): it is the price of the seed's points; see the outcomes for every model/);
    // and a cell given one anyway (a task from elsewhere) answers with the problem, not a throw
    const o = cellOutcomes({ scenario: s, outcomes: [parseOutcome('finalPrice') as Outcome] });
    expect(o.ok).toBe(false);
  });
});

/** each outcome of a family run, read off the single run's result document */
function fromDocument(label: string, s: FamilyScenario): number | null {
  const r = simulateFamily(s);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const d = r.result;
  const num = (x: unknown) => (x === null ? null : Number(x));
  const last = d.days[d.days.length - 1]!;
  switch (label) {
    case 'users':
      return d.counts.users;
    case 'shareBrokeEven':
      return num(d.aggregate.shareBrokeEven);
    case 'paidShareOfSpend':
      return num(d.aggregate.paidShareOfSpend);
    case 'fund':
      return num(d.final.fund);
    case 'outstanding':
      return num(d.final.outstanding);
    case 'coverage':
      return num(d.final.coverage);
    case 'firstDefaultDay':
      return d.failure.firstDefaultDay;
    case 'totalDefaults':
      return num(d.failure.totalDefaults);
    case 'shareComplete':
      return num(last.shareComplete);
    case 'waiting':
      return d.counts.waiting;
    case 'lowestPromiseCoverageAfter:0':
      return d.failure.lowestCoverage === null ? null : num(d.failure.lowestCoverage.coverage);
    case 'daysUntilPromiseCoverageBelow:0.5':
      return d.days.find((x) => x.coverage !== null && Number(x.coverage) < 0.5)?.day ?? null;
  }
  throw new Error(label);
}

const EVERY = ['users', 'shareBrokeEven', 'paidShareOfSpend', 'fund', 'outstanding', 'coverage', 'firstDefaultDay', 'totalDefaults', 'shareComplete', 'waiting', 'lowestPromiseCoverageAfter:0', 'daysUntilPromiseCoverageBelow:0.5'];
// lognormal amounts and repeat purchases, so that the figures are not round
const BUSY = {
  rules: { split: { cost: 0.6, distribution: 0, platform: 0.2, pool: 0.2 } },
  flow: { days: 60, seed: 5, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.7 }, buyers: { perDay: 8, growth: { kind: 'exponential', ratePerDay: 0.02 } }, repeat: { probabilityPerDay: 0.02 }, cohortDays: 10 },
  events: [{ day: 40, stopOrders: true }],
};

describe('family cells are single runs', () => {
  for (const [name, model] of [
    ['release', { kind: 'release', ratePerDay: 0.01, k: 1.5 }],
    ['queue, even', { kind: 'queue', mode: 'even', k: 1.2 }],
    ['rights', { kind: 'rights', unit: 500, capPerDay: 3 }],
  ] as const) {
    it(`${name}: every outcome equals the same figure of simulateFamily's document`, async () => {
      const base = { ...BUSY, model };
      const got = await rows({ base, x: { param: 'flow.seed', values: [5, 6] }, outcomes: EVERY });
      got.forEach((row, n) => {
        const s = valid({ ...base, flow: { ...base.flow, seed: [5, 6][n] } }) as FamilyScenario;
        expect(isFamily(s)).toBe(true);
        EVERY.forEach((l, i) => {
          const want = fromDocument(l, s);
          if (want === null) expect(row.values[i], l).toBeNull();
          else expect(row.values[i], l).toBeCloseTo(want, 9);
        });
      });
    });
  }
});

describe('the seed\'s model through §9.1\'s lens', () => {
  it('fund, outstanding, coverage, defaults of a seed cell are what commonOfSeed reads off the single run\'s result', async () => {
    // with exits on (the outstanding promise is the exit promise) and off (the need to break even)
    const base = { rules: { exitMultiple: 2 }, flow: { days: 40, seed: 3, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 }, buyers: { perDay: 6 }, sell: { ratePerDay: 0.05 }, cohortDays: 10 } };
    const labels = ['fund', 'outstanding', 'coverage', 'firstDefaultDay', 'totalDefaults', 'paidShareOfSpend', 'shareBrokeEven', 'lowestPromiseCoverageAfter:10', 'daysUntilPromiseCoverageBelow:0.2'];
    const got = await rows({ base, x: { param: 'rules.exitMultiple', values: [2, null] }, outcomes: labels });
    got.forEach((row, n) => {
      const r = simulateFlow(valid({ ...base, rules: { exitMultiple: [2, null][n] } }));
      if (!r.ok) throw new Error('failed');
      const c = commonOfSeed(r.result);
      const after = c.days.filter((d) => d.day > 10 && d.coverage !== null).map((d) => Number(d.coverage));
      const below = c.days.find((d) => d.coverage !== null && Number(d.coverage) < 0.2)?.day ?? null;
      const want = [c.final.fund, c.final.outstanding, c.final.coverage, c.firstDefaultDay, c.days.reduce((a, d) => a + Number(d.defaults), 0), c.aggregate.paidShareOfSpend, c.aggregate.shareBrokeEven, after.length ? Math.min(...after) : null, below].map((v) => (v === null ? null : Number(v)));
      labels.forEach((l, i) => (want[i] === null ? expect(row.values[i], l).toBeNull() : expect(row.values[i], l).toBeCloseTo(want[i]!, 9)));
      // the two promises differ, so the cells do
      expect(row.values[1]).toBeGreaterThan(0);
    });
    expect(got[0]!.values[1]).not.toBeCloseTo(got[1]!.values[1]!, 0);
    // the pool starts at 0.3 of spend: against 2 x spend (exits at 2x) it is below 0.2 from day 1,
    // against the spend alone (exits off) not before sales and forced exits have drawn it down
    expect(got[0]!.values[8]).toBe(1);
    expect(got[1]!.values[8] === null || got[1]!.values[8]! > 1).toBe(true);
  });
});

describe('the seed\'s defaults: sales a price floor leaves unpaid (RULEBOOK §9.2)', () => {
  it('firstDefaultDay and totalDefaults are what the back-office rows and the common lens say', async () => {
    // a floor far above pool / points once the operator takes 99% of the pool on day 20, then every
    // holder sells: sales at the floor cannot be paid in full (the common lens's own test case)
    const base = {
      rules: { split: { cost: 0.6, distribution: 0, platform: 0.1, pool: 0.3 }, minPrice: 2000 },
      flow: { days: 30, seed: 7, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.7 }, buyers: { perDay: 20 }, sell: { ratePerDay: 0.05 }, cohortDays: 10 },
      events: [{ day: 20, withdraw: { share: 0.99 } }, { day: 20, run: { share: 1 } }],
    };
    const got = await rows({ base, x: { param: 'events[0].withdraw.share', values: [0.99] }, outcomes: ['firstDefaultDay', 'totalDefaults'] });
    const r = simulateFlow(valid(base));
    if (!r.ok) throw new Error('failed');
    const office = r.result.backOffice!;
    const first = office.days.find((d) => Number(d.unpaidSales) > 0)!.day;
    expect(first).toBeGreaterThanOrEqual(20);
    expect(got[0]!.values[0]).toBe(first);
    expect(got[0]!.values[0]).toBe(commonOfSeed(r.result).firstDefaultDay);
    expect(got[0]!.values[1]).toBeCloseTo(Number(office.totals.unpaidSales), 6);
    expect(got[0]!.values[1]).toBeGreaterThan(0);
  });
});

describe('Monte Carlo of a model of the family', () => {
  const mc = async (input: unknown, n: number): Promise<FamilyMonteCarloResult> => {
    const s = valid(input);
    if (!isFamily(s)) throw new Error('not a family scenario');
    const out = await monteCarlo(s, n, new InlineRunner());
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(isFamilyMonteCarlo(out.result)).toBe(true);
    return out.result;
  };
  /** every level of a band the same value */
  const flat = (b: Record<string, unknown>) => new Set(LEVELS.map((q) => JSON.stringify(b[`p${q}`])));

  it('fixed amounts and a constant flow: every seed the same run, every band collapsed onto the values worked by hand', async () => {
    // the fifo queue of the model sweep above: 10 orders a day, entry j completes at order 2j, so
    // each day's end (an even order count) leaves the fund empty, has paid 5,000 that day, has
    // completed 5d of 10d entries (share 0.5) and owes 10,000 d - 5,000 d = 5,000 d
    const r = await mc({ ...ONE_FLOW, model: { kind: 'queue' } }, 3);
    expect(r.seeds).toEqual({ from: 1, count: 3 });
    expect(r.model).toEqual({ kind: 'queue', k: 1, cap: null, mode: 'fifo' });
    expect(Object.keys(r.bands)).toEqual([...FAMILY_SERIES]);
    const days = [...Array(10).keys()].map((i) => i + 1);
    const want: Record<string, number[]> = {
      fund: days.map(() => 0),
      outstanding: days.map((d) => 5_000 * d),
      coverage: days.map(() => 0),
      paid: days.map(() => 5_000),
      defaults: days.map(() => 0),
      shareComplete: days.map(() => 0.5),
    };
    for (const k of FAMILY_SERIES) {
      expect(flat(r.bands[k]).size, k).toBe(1);
      r.bands[k].p50.forEach((v, i) => expect(v, `${k} day ${i + 1}`).toBeCloseTo(want[k]![i]!, 9));
    }
    // outcomes: the last day's figures, the same in every run
    expect(r.outcomes['fund']!.bands.p0).toBeCloseTo(0, 9);
    expect(r.outcomes['outstanding']!.mean).toBeCloseTo(50_000, 9);
    expect(r.outcomes['shareComplete']!.mean).toBe(0.5);
    expect(r.outcomes['firstDefaultDay']).toEqual({ mean: null, bands: { p0: null, p5: null, p25: null, p50: null, p75: null, p95: null, p100: null } });
    // cohorts of 5 days: the first 50 buyers (entries 1-50) all completed by order 100, paid their
    // 1,000 back (multiple 1, all of the promise, all broken even); the last 50 nothing
    expect(r.cohorts.map((c) => [c.users, c.runs, c.brokeEvenRealised.mean, c.complete.mean, c.returnMultiple.bands.p50, c.shareOfPromise.bands.p50])).toEqual([
      [50, 3, 1, 1, 1, 1],
      [50, 3, 0, 0, 0, 0],
    ]);
  });

  it('a release: daily bands from §9.3\'s arithmetic, and the cohorts\' multiples', async () => {
    // r = 0.01 of the original, 10 orders of 1,000 a day, fund share 0.5: day d pays 100 (d - 1);
    // the fund ends day d at 5,000 d - 50 d (d - 1) and 10,000 d - 50 d (d - 1) is owed
    const r = await mc({ ...ONE_FLOW, model: { kind: 'release', ratePerDay: 0.01 } }, 2);
    for (let d = 1; d <= 10; d++) {
      for (const q of LEVELS) {
        expect(r.bands.paid[`p${q}`][d - 1]).toBeCloseTo(100 * (d - 1), 9);
        expect(r.bands.fund[`p${q}`][d - 1]).toBeCloseTo(5_000 * d - 50 * d * (d - 1), 9);
        expect(r.bands.coverage[`p${q}`][d - 1]).toBeCloseTo((5_000 * d - 50 * d * (d - 1)) / (10_000 * d - 50 * d * (d - 1)), 12);
      }
    }
    // a buyer of day j has 100 x (10 - j) / 10 = 10 (10 - j) back by day 10: the first cohort (days
    // 1-5) 10 x (9 + 8 + 7 + 6 + 5) x 10 buyers = 3,500 of 50,000 (0.07), the second 1,000 (0.02)
    expect(r.cohorts.map((c) => c.returnMultiple.bands.p0)).toEqual([expect.closeTo(0.07, 12), expect.closeTo(0.02, 12)]);
    expect(r.cohorts.map((c) => c.shareOfPromise.bands.p100)).toEqual([expect.closeTo(0.07, 12), expect.closeTo(0.02, 12)]);
  });

  it('seeds that differ: every band of every day is the single runs\' value at its rank, every cohort\'s mean their mean', async () => {
    const base = { ...BUSY, model: { kind: 'queue', mode: 'even', k: 1.2 } };
    const n = 5;
    const r = await mc(base, n);
    const singles = [...Array(n).keys()].map((i) => {
      const out = simulateFamily(valid({ ...base, flow: { ...base.flow, seed: base.flow.seed + i } }) as FamilyScenario);
      if (!out.ok) throw new Error('failed');
      return out.result;
    });
    // lower nearest rank, nulls last (summary.ts's definition)
    const at = (xs: (number | null)[], q: number) => [...xs].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b))[Math.floor((q * (n - 1)) / 100)];
    const num = (x: unknown) => (x === null ? null : Number(x));
    let spread = 0;
    for (const k of FAMILY_SERIES) {
      for (let d = 0; d < base.flow.days; d++) {
        const xs = singles.map((x) => num(x.days[d]![k]));
        for (const q of LEVELS) expect(r.bands[k][`p${q}`][d], `${k} day ${d + 1} p${q}`).toBe(at(xs, q));
        if (r.bands[k].p100[d] !== r.bands[k].p0[d]) spread++;
      }
    }
    expect(spread).toBeGreaterThan(100);
    // the cohorts after orders stop (day 40) have no members: no runs, no means (summary.ts); the
    // others have members in every run (new buyers per day do not depend on the seed)
    expect(r.cohorts.map((c) => c.runs)).toEqual([n, n, n, n, 0, 0]);
    expect(r.cohorts[5]!.brokeEvenRealised.mean).toBeNull();
    r.cohorts.slice(0, 4).forEach((c, i) => {
      const be = singles.map((x) => Number(x.cohorts[i]!.shareBrokeEven));
      expect(c.brokeEvenRealised.mean).toBeCloseTo(be.reduce((a, b) => a + b, 0) / n, 12);
      expect(c.complete.bands.p100).toBe(Math.max(...singles.map((x) => Number(x.cohorts[i]!.shareComplete))));
    });
    expect(r.outcomes['outstanding']!.bands.p0).toBe(Math.min(...singles.map((x) => Number(x.final.outstanding))));
  });

  it('the seed\'s document is as it was: no model named, its own series', async () => {
    const s = valid({ flow: { days: 5, buyers: { perDay: 3 } } });
    const out = await monteCarlo(s, 2, new InlineRunner());
    if (!out.ok) throw new Error('failed');
    expect(isFamilyMonteCarlo(out.result)).toBe(false);
    expect(Object.keys(out.result.bands)).toContain('price');
  });
});
