/**
 * The model choice in the scenario format (RULEBOOK §9): every new field's range refused with its
 * name, and each model of the family refusing, with the model and the field named, the parts of a
 * scenario that belong to the seed's model (issue 15: "rather than ignoring them").
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/index.ts';
import { formatProblem, runComparison, simulateFlow, validateComparison, type FlowScenarioV1 } from '../../../src/engine/index.ts';

const FLOW = { days: 10, buyers: { perDay: 5 } };
const SPLIT = { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 };
const RELEASE = { kind: 'release', ratePerDay: 0.001 };

function problems(input: unknown): string[] {
  const v = validateScenario(input);
  return v.ok ? [] : v.problems.map(formatProblem);
}

describe('the model choice: ranges', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown model', { kind: 'pyramid' }, 'model.kind'],
    ['a release without its rate', { kind: 'release' }, 'model.ratePerDay'],
    ['a release rate of 0', { kind: 'release', ratePerDay: 0 }, 'model.ratePerDay'],
    ['a release rate above 1', { kind: 'release', ratePerDay: 1.5 }, 'model.ratePerDay'],
    ['a release of something else', { kind: 'release', ratePerDay: 0.01, of: 'balance' }, 'model.of'],
    ['a promise multiple of 0', { kind: 'queue', k: 0 }, 'model.k'],
    ['a queue mode unknown', { kind: 'queue', mode: 'lifo' }, 'model.mode'],
    ['a queue cap below a cent', { kind: 'queue', cap: 0.001 }, 'model.cap'],
    ['rights without a unit', { kind: 'rights', capPerDay: 1 }, 'model.unit'],
    ['rights with a daily cap of 0', { kind: 'rights', unit: 500, capPerDay: 0 }, 'model.capPerDay'],
    ['a field of another model', { kind: 'queue', ratePerDay: 0.01 }, 'model'],
  ];
  for (const [what, model, path] of cases) {
    it(`${what} is refused at ${path}`, () => {
      const out = problems({ model, rules: { split: SPLIT }, flow: FLOW });
      expect(out.length, out.join('\n')).toBeGreaterThan(0);
      expect(out.some((p) => p.startsWith(`${path}:`)), out.join('\n')).toBe(true);
    });
  }

  it('every model with its defaults is accepted, and absent means the seed', () => {
    for (const model of [RELEASE, { kind: 'queue' }, { kind: 'rights', unit: 500, capPerDay: 1 }, { kind: 'seed' }]) {
      expect(problems({ model, rules: { split: SPLIT }, flow: FLOW })).toEqual([]);
    }
    const v = validateScenario({ model: { kind: 'queue' }, rules: { split: SPLIT }, flow: FLOW });
    expect(v.ok && v.scenario.model).toEqual({ kind: 'queue', k: 1, cap: null, mode: 'fifo' });
    const seed = validateScenario({ flow: FLOW });
    expect(seed.ok && seed.scenario.model).toBe(undefined);
  });
});

describe("a model of the family refuses the seed's parts, naming the model and the field", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a script', { script: [{ order: { amount: 100 } }], flow: undefined }, 'script: the release model runs time-driven scenarios only'],
    ['the gift ratio', { rules: { split: SPLIT, giftRatio: 0.5 } }, 'rules.giftRatio: is a rule of the seed\'s model'],
    ['an exit multiple', { rules: { split: SPLIT, exitMultiple: 2 } }, 'rules.exitMultiple: is a rule of the seed\'s model'],
    ['platform rounding', { rules: { split: SPLIT, rounding: { money: 2 } } }, 'rules.rounding: is a rule of the seed\'s model'],
    ['selling', { flow: { ...FLOW, sell: { ratePerDay: 0.1 } } }, 'flow.sell: sells points or takes profit on them'],
    ['take-profit', { flow: { ...FLOW, sell: { takeProfit: 2 } } }, 'flow.sell: sells points or takes profit on them'],
    ['referral', { flow: { ...FLOW, referral: { probability: 0.5 } } }, 'flow.referral:'],
    ['a legacy conversion', { flow: { ...FLOW, legacy: { members: 1, liabilityPerMember: 100, release: { batches: 1, everyDays: 1 } } } }, 'flow.legacy:'],
    ['a run on the pool', { events: [{ day: 2, run: { share: 0.5 } }] }, 'events[0].run: is a run of holders selling points'],
    ['a rule change of the gift', { events: [{ day: 2, rules: { giftRatio: 0.5 } }] }, 'events[0].rules.giftRatio: changes a rule of the seed\'s model'],
    ['a what-if on the exit multiple', { whatIf: { kind: 'exit-down', day: 3 } }, 'whatIf.kind: "exit-down" stresses the seed\'s points; the release model takes stop-orders, skim, stop-test'],
    ['a promise of equity', { promises: { equityForPoints: true } }, 'promises: are promises about the seed\'s points'],
    ['a change of another model\'s parameter', { events: [{ day: 2, model: { capPerDay: 2 } }] }, 'events[0].model.capPerDay: is not a parameter of the release model; it may change k, ratePerDay'],
  ];
  for (const [what, over, message] of cases) {
    it(`${what}`, () => {
      const input: Record<string, unknown> = { model: RELEASE, rules: { split: SPLIT }, flow: FLOW, ...over };
      if (input['flow'] === undefined) delete input['flow'];
      const out = problems(input);
      expect(out.some((p) => p.startsWith(message)), out.join('\n')).toBe(true);
      if (what !== 'a script' && !what.startsWith('a change')) expect(out.find((p) => p.startsWith(message))).toMatch(/model\.kind "release"/);
    });
  }

  it('what applies to every model is accepted: the split, subsidies, withdrawals, stops, the stop test, its own changes', () => {
    const events = [
      { day: 2, subsidy: { amount: 100 } },
      { day: 3, withdraw: { share: 0.1 } },
      { day: 4, rules: { split: { cost: 0.5, distribution: 0, platform: 0.3, pool: 0.2 } } },
      { day: 5, model: { ratePerDay: 0.002, k: 1.2 } },
      { day: 8, stopOrders: true },
      { day: 9, stopTest: true },
    ];
    expect(problems({ model: RELEASE, rules: { split: SPLIT }, flow: FLOW, events, whatIf: { kind: 'skim', day: 6 } })).toEqual([]);
  });

  it('a validated scenario, written out with every default filled in, validates again (the seed\'s defaults say nothing)', () => {
    for (const model of [RELEASE, { kind: 'queue' }, { kind: 'rights', unit: 500, capPerDay: 1 }]) {
      const v = validateScenario({ model, rules: { split: SPLIT }, flow: FLOW });
      expect(v.ok).toBe(true);
      if (v.ok) expect(problems(JSON.parse(JSON.stringify(v.scenario)))).toEqual([]);
    }
    // a default-valued field given by hand is no different; any other value is refused
    expect(problems({ model: RELEASE, rules: { split: SPLIT, exitMultiple: 3 }, flow: { ...FLOW, sell: { ratePerDay: 0 } } })).toEqual([]);
    expect(problems({ model: RELEASE, rules: { split: SPLIT, exitMultiple: 2.5 }, flow: FLOW })[0]).toMatch(/^rules\.exitMultiple: is a rule of the seed's model/);
  });

  it("the seed's model refuses a dated model change", () => {
    expect(problems({ flow: FLOW, events: [{ day: 2, model: { k: 2 } }] })).toContain('events[0].model: changes the parameters of a model of the family; the seed\'s model changes its rules with "rules"');
  });

  it("a scenario of the family never runs as the seed's, and a comparison refuses it with the side named", () => {
    const v = validateScenario({ model: RELEASE, rules: { split: SPLIT }, flow: FLOW });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const out = simulateFlow(v.scenario as FlowScenarioV1);
    expect(out.ok).toBe(false);
    const c = validateComparison({ version: 1, comparison: { a: { flow: FLOW }, b: { model: RELEASE, rules: { split: SPLIT }, flow: FLOW } } });
    expect(c.ok).toBe(false);
    if (c.ok) return void runComparison(c.comparison);
    expect(c.problems.map((p) => p.path)).toContain('comparison.b.model');
  });
});

describe('run limits count the rights a scenario makes', () => {
  it('a unit of one cent on orders of 1,000 is about 100,000 rights an order: refused before it runs, naming the flow', async () => {
    const { checkLimits, DEFAULT_LIMITS } = await import('../../../src/engine/index.ts');
    const v = validateScenario({ model: { kind: 'rights', unit: 0.01, capPerDay: 1 }, rules: { split: SPLIT }, flow: { days: 100, buyers: { perDay: 1000 }, orderAmount: 1000 } });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    // 100,000 orders x (1 + 1,000 / 0.01) = about 1.0e10 events, over the fast path's limit of 1e9
    const over = checkLimits(v.scenario, DEFAULT_LIMITS.fast, false);
    expect(over.map((p) => p.path)).toEqual(['flow']);
    // the same flow with a unit of 500 makes 3 events an order: within it
    const ok = validateScenario({ model: { kind: 'rights', unit: 500, capPerDay: 1 }, rules: { split: SPLIT }, flow: { days: 100, buyers: { perDay: 1000 }, orderAmount: 1000 } });
    expect(ok.ok && checkLimits(ok.scenario, DEFAULT_LIMITS.fast, false)).toEqual([]);
  });
});
