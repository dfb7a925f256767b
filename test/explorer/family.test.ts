/**
 * The explorer's model menu (issue 16, RULEBOOK §9): each model's parameters are rows of the table,
 * active only for their model; the scenario built from the table sends a model of the family none
 * of the seed's parts (the engine would refuse them); the address carries the model; a scenario file
 * reads back into the model; the worker runs a model of the family and the comparison of two
 * models, whose figures equal two separate engine runs. Expected figures are the rulebook's worked
 * examples (§9.2, §9.3), worked there by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { simulateFamily } from '../../src/engine/family/simulate.ts';
import { commonOfFamily, commonOfSeed } from '../../src/engine/family/common.ts';
import { buildScenario, fieldOfPath, fromQuery, fromScenario, toQuery } from '../../src/explorer/params.ts';
import { DEFAULTS, isActive, MODEL_MENU, ROWS, type Params } from '../../src/explorer/table.ts';
import { compareStopDay, runExplorer, validateFlow, type FamilyOk } from '../../src/explorer/run.ts';
import { completionChart, familyKeyFigures, familyWhatIfFigures, settlementChart, familyWhatIfName, familyWhatIfRows, fundChart, modelCohortRows, modelFigureRows, paidChart } from '../../src/explorer/family-view.ts';
import { FAMILY_WHAT_IFS } from '../../src/engine/scenario/index.ts';
import { zh as zhDict } from '../../src/i18n/zh.ts';
import { backOfficeSentence, formats, makeTr } from '../../src/explorer/view.ts';
import { familyDaysCsv } from '../../src/explorer/exports.ts';
import { en as enDict } from '../../src/i18n/en.ts';
import type { FlowScenarioV1 } from '../../src/engine/scenario/index.ts';

const tr = makeTr(Object.fromEntries(Object.entries(enDict).filter(([k]) => k.startsWith('explorer.'))));
const f = formats('en');

/** the seed's own parameters set away from their defaults: a family model must send none of them */
const SEED_CHANGED: Partial<Params> = { sellRate: 0.1, exit: 2, gift: 0.5, withholding: 0.3, initialPrice: 2, takeProfit: 2, portion: 0.5, exitTest: 'total', referral: 0.2, ruleDay: 10, ruleField: 'gift', ruleValue: 0.6 };

const famOk = (out: ReturnType<typeof runExplorer>): FamilyOk => {
  if (!out.ok || !('kind' in out)) throw new Error(`not a family run: ${JSON.stringify(out).slice(0, 300)}`);
  return out;
};

describe('the model menu in the parameter table', () => {
  it('each model’s own rows are active for that model only; the seed’s selling, exit, points rules and referral for the seed’s model and its back-office profile only', () => {
    const own = { office: ['minPrice', 'maxPrice', 'pointsCap'], release: ['releaseK', 'releaseRate', 'releaseOf'], queue: ['queueK', 'queueCap', 'queueMode'], rights: ['rightsUnit', 'rightsK', 'rightsCap'] } as Record<string, string[]>;
    for (const m of MODEL_MENU) {
      const p = { ...DEFAULTS, model: m, referral: 0.2, ruleDay: 5 };
      const active = ROWS.filter((r) => r.group === 'model' && isActive(r, p)).map((r) => r.key);
      expect(active, m).toEqual(['model', ...(own[m] ?? [])]);
      const seedOnly = ['sellRate', 'exit', 'gift', 'withholding', 'initialPrice', 'exitTest', 'portion', 'takeProfit', 'referral', 'direct', 'ruleDay', 'ruleValue'];
      const onPoints = m === 'seed' || m === 'office';
      for (const k of seedOnly) expect(isActive(ROWS.find((r) => r.key === k)!, p), `${m} ${k}`).toBe(onPoints);
    }
  });

  it('a model of the family gets its own parameters and none of the seed’s parts, so the engine takes it, whatever the seed’s controls say', () => {
    const want = {
      release: { kind: 'release', k: 1.16, ratePerDay: 0.002, of: 'remaining' },
      queue: { kind: 'queue', k: 1.2, cap: 5000, mode: 'even' },
      rights: { kind: 'rights', unit: 300, k: 2, capPerDay: 0.5 },
    };
    const p: Params = { ...DEFAULTS, ...SEED_CHANGED, perDay: 10, growth: 'constant', days: 30, releaseK: 1.16, releaseRate: 0.002, releaseOf: 'remaining', queueK: 1.2, queueCap: 5000, queueMode: 'even', rightsUnit: 300, rightsK: 2, rightsCap: 0.5 };
    for (const m of ['release', 'queue', 'rights'] as const) {
      const s = buildScenario({ ...p, model: m }).scenario;
      expect(s['model'], m).toEqual(want[m]);
      expect(Object.keys(s['rules'] as object), m).toEqual(['split']);
      expect((s['flow'] as Record<string, unknown>)['sell'], m).toBeUndefined();
      expect((s['flow'] as Record<string, unknown>)['referral'], m).toBeUndefined();
      expect(s['events'], m).toBeUndefined();
      const v = validateScenario(s);
      expect(v.ok ? [] : v.problems, m).toEqual([]);
    }
    // the seed's model with the same controls sends them all (and the engine takes them too)
    const seed = buildScenario(p).scenario;
    expect(seed['model']).toBeUndefined();
    expect((seed['rules'] as Record<string, unknown>)['exitMultiple']).toBe(2);
    expect(validateScenario(seed).ok).toBe(true);
  });

  it('the back-office profile is the seed’s model with the profile’s truncation, its floor, and a ceiling and cap only when set', () => {
    const s = buildScenario({ ...DEFAULTS, model: 'office', maxPrice: 3 }).scenario;
    expect(s['model']).toBeUndefined();
    const rules = s['rules'] as Record<string, unknown>;
    expect(rules['rounding']).toEqual({ mode: 'down', points: 2, price: 4, money: 2, gift: 4 });
    expect(rules['minPrice']).toBe(1);
    expect(rules['maxPrice']).toBe(3);
    expect('pointsCap' in rules).toBe(false);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('the address carries the model by one short name and its parameters by theirs, and reads them back', () => {
    const p: Params = { ...DEFAULTS, model: 'queue', queueMode: 'even', queueK: 1.5 };
    const q = new URLSearchParams(toQuery(p));
    expect(q.get('mo')).toBe('queue');
    expect(q.get('qm')).toBe('even');
    expect(q.get('qk')).toBe('1.5');
    const back = fromQuery(q.toString());
    expect(back.problems).toEqual([]);
    expect(back.params).toEqual(p);
    // a model the menu does not have falls back to the seed's, named
    const bad = fromQuery('mo=ponzi');
    expect(bad.params.model).toBe('seed');
    expect(bad.problems).toEqual([{ name: 'mo', value: 'ponzi', field: 'model', kind: 'choice' }]);
  });

  it('a scenario file of a family model reads back into the menu and builds the same model again', () => {
    const file = JSON.parse(readFileSync('examples/family-release.json', 'utf8')) as unknown;
    const v = validateFlow(file);
    if (!v.ok) throw new Error('example invalid');
    const { params, extras } = fromScenario(v.scenario as unknown as Record<string, unknown>);
    expect(params.model).toBe('release');
    expect([params.releaseK, params.releaseRate, params.releaseOf]).toEqual([1, 0.001, 'original']);
    expect(buildScenario(params, extras).scenario['model']).toEqual({ kind: 'release', k: 1, ratePerDay: 0.001, of: 'original' });
    // the back-office profile reads back as itself
    const office = validateFlow(buildScenario({ ...DEFAULTS, model: 'office', minPrice: 1.5, pointsCap: 1e6 }).scenario);
    if (!office.ok) throw new Error('office invalid');
    const o = fromScenario(office.scenario as unknown as Record<string, unknown>);
    expect([o.params.model, o.params.minPrice, o.params.maxPrice, o.params.pointsCap]).toEqual(['office', 1.5, null, 1e6]);
    expect(o.extras.rules).toBeUndefined();
  });

  it('a scenario page’s file, switched to a model of the family, sends none of its seed’s extras (referral tables, legacy members, promises); switched back, they return', () => {
    for (const name of ['legacy', 'financing', 'rebate', 'distribution']) {
      const v = validateFlow(JSON.parse(readFileSync(`examples/scenarios/${name}.json`, 'utf8')) as unknown);
      if (!v.ok) throw new Error(`${name} invalid`);
      const { params, extras } = fromScenario(v.scenario as unknown as Record<string, unknown>);
      for (const m of ['release', 'queue', 'rights'] as const) {
        const out = validateScenario(buildScenario({ ...params, model: m }, extras).scenario);
        expect(out.ok ? [] : out.problems, `${name} ${m}`).toEqual([]);
      }
      // the seed's model still gets the file as it was
      const seed = buildScenario(params, extras).scenario;
      expect(validateScenario(seed).ok, name).toBe(true);
      if (name === 'legacy') expect((seed['flow'] as Record<string, unknown>)['legacy']).toBeDefined();
    }
  });

  it('an engine problem at a path several models share belongs to the model that runs', () => {
    const built = buildScenario({ ...DEFAULTS, model: 'queue' });
    expect(fieldOfPath('model.k', built, { ...DEFAULTS, model: 'queue' })).toBe('queueK');
    expect(fieldOfPath('model.k', built, { ...DEFAULTS, model: 'rights' })).toBe('rightsK');
    expect(fieldOfPath('model.k', built, { ...DEFAULTS, model: 'release' })).toBe('releaseK');
  });
});

/** RULEBOOK §9.3's worked example: pool share 0.16, k 1, 0.1% of the original a day, 100 orders of 1,000 a day */
const RELEASE_EXAMPLE: Params = { ...DEFAULTS, model: 'release', perDay: 100, growth: 'constant', amount: 1000, amountCv: 0, cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16, releaseK: 1, releaseRate: 0.001, releaseOf: 'original', days: 330, cohortDays: 30 };

describe('the worker runs the family', () => {
  it('daily release: the first default on day 322 (due 32,100, paid 16,000), as RULEBOOK §9.3 works it', () => {
    const out = famOk(runExplorer({ scenario: buildScenario(RELEASE_EXAMPLE).scenario, follow: 30, stress: null }));
    expect(out.comparison).toBeNull();
    const r = out.family!;
    expect(r.failure.firstDefaultDay).toBe(322);
    expect(r.failure.firstDefault).toMatchObject({ due: 32_100, paid: 16_000, default: 16_100 });
    // the key sentence says it from the result: day d's due is 100(d - 1), the fund pays 16,000 of it
    // (the day's inflow), so over days 322-330 the defaults are 100 x (321 + ... + 329) - 9 x 16,000 = 292,500 - 144,000 = 148,500
    expect(familyKeyFigures(r, f, tr)[1]).toBe(tr('explorer.fam.key.releaseDefault', { day: '322', due: f.money(32_100), paid: f.money(16_000), def: f.money(16_100), total: f.money(148_500) }));
  });

  it('the charts say the run’s figures: after 100 days of the release example the fund holds 1,105,000 against 9,505,000 (RULEBOOK §9.3)', () => {
    // promised 100 days x 100,000 = 10,000,000; paid 100 x (0 + 1 + ... + 99) = 495,000 (day d releases 100(d - 1));
    // the fund 16% of 10,000,000 less that = 1,105,000; outstanding 10,000,000 - 495,000 = 9,505,000
    const out = famOk(runExplorer({ scenario: buildScenario({ ...RELEASE_EXAMPLE, days: 100 }).scenario, follow: null, stress: null }));
    expect(fundChart(out.view, f, tr).summary).toBe(tr('explorer.fam.summary.fund', { day: '100', fund: f.money(1_105_000), outstanding: f.money(9_505_000) }));
    expect(paidChart(out.view, f, tr).summary).toBe(tr('explorer.fam.summary.paidNoDefault', { paid: f.money(495_000), share: f.pct(0.0495) }));
    // no promise completes in 100 days at 0.1% a day (each takes 1,000)
    expect(completionChart(out.family!, f, tr).summary).toBe(tr('explorer.fam.summary.complete', { share: f.pct(0), completed: '0', promises: f.count(10_000) }));
  });

  it('the family’s days as CSV: day 100 of the release example, worked as above (coverage 1,105,000 / 9,505,000 = 11.63%)', () => {
    const out = famOk(runExplorer({ scenario: buildScenario({ ...RELEASE_EXAMPLE, days: 100 }).scenario, follow: null, stress: null }));
    const lines = familyDaysCsv(out.family!, tr).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('day,orders,new buyers,repeat orders,spend (yuan),into the fund (yuan),paid to buyers (yuan),financing paid in (yuan),withdrawn by the operator (yuan),fund (yuan),promised (yuan),outstanding promise (yuan),fund ÷ outstanding promise (%),due (yuan),due and not paid (yuan),promises made,promises paid in full,share paid in full (%),dividend per right (yuan)');
    // day 100: 100 orders of 1,000; 16,000 in; the release due and paid 100 x 99 = 9,900; 10,000 promises, none complete
    expect(lines[100]).toBe('100,100,100,0,100000.00,16000.00,9900.00,0.00,0.00,1105000.00,100000.00,9505000.00,11.63,9900.00,0.00,10000,0,0.00,');
  });

  it('the back-office profile: settled at the ceiling at the end of day 4, 5,999.81 paid of 6,000, 0.19 kept (RULEBOOK §9.2)', () => {
    const p: Params = { ...DEFAULTS, model: 'office', maxPrice: 3, perDay: 5, growth: 'constant', amount: 1000, amountCv: 0, sellRate: 0, days: 4 };
    const out = runExplorer({ scenario: buildScenario(p).scenario, follow: null, stress: null });
    if (!out.ok || 'kind' in out) throw new Error('not a seed run');
    const day4 = out.result.backOffice!.days[3]!;
    expect(Number(day4.settled)).toBeCloseTo(5999.81, 6);
    expect(Number(day4.kept)).toBeCloseTo(0.19, 6);
  });

  it('the back-office profile’s sentence: two cycles of 20 orders settle on days 4 and 8, 2 x 5,999.81 paid and 2 x 0.19 kept (RULEBOOK §9.2: every cycle repeats the first)', () => {
    const p: Params = { ...DEFAULTS, model: 'office', maxPrice: 3, perDay: 5, growth: 'constant', amount: 1000, amountCv: 0, sellRate: 0, days: 8 };
    const out = runExplorer({ scenario: buildScenario(p).scenario, follow: null, stress: null });
    if (!out.ok || 'kind' in out) throw new Error('not a seed run');
    expect(out.result.backOffice!.settlements.map((x) => x.day)).toEqual([4, 8]);
    expect(backOfficeSentence(out.result.backOffice!, f, tr)).toBe(
      `${tr('explorer.office.settled', { n: '2', day: '4', paid: f.money(11_999.62), kept: f.money(0.38) })} ${tr('explorer.office.unpaid', { unpaid: f.money(0) })}`,
    );
  });

  it('two models on the same buyers: the comparison’s figures equal two separate engine runs', () => {
    const p: Params = { ...DEFAULTS, perDay: 20, growth: 'constant', days: 120, sellRate: 0.03 };
    const a = buildScenario(p).scenario;
    const b = buildScenario({ ...p, model: 'release' }).scenario;
    const out = famOk(runExplorer({ scenario: b, follow: null, stress: null, pinned: { scenario: a, stress: null } }));
    const c = out.comparison!;
    const va = validateFlow(a);
    const vb = validateFlow(b);
    if (!va.ok || !vb.ok) throw new Error('invalid');
    const ra = simulateFlow(va.scenario as FlowScenarioV1);
    const rb = simulateFamily(vb.scenario as Parameters<typeof simulateFamily>[0]);
    if (!ra.ok || !rb.ok) throw new Error('run failed');
    expect(c.a.view).toEqual(commonOfSeed(ra.result));
    expect(c.b.view).toEqual(commonOfFamily(rb.result));
    expect(out.view).toEqual(c.b.view);
    expect(c.sameBuyers).toBe(true);
    // the stop test on half the run: 120 / 2 = day 60
    expect(compareStopDay(120, 120)).toBe(60);
    expect(c.stop?.day).toBe(60);
    // the same buyers: every cohort's users and spend alike on both sides
    for (const x of c.cohorts) expect([x.usersA, x.spendA]).toEqual([x.usersB, x.spendB]);
    // the tables say the engine's figures: the paid row is each side's aggregate, formatted
    const paid = modelFigureRows(c, f, tr).find((r) => r.key === 'paid')!;
    expect([paid.a, paid.b]).toEqual([f.money(ra.result.aggregate.cashPaidToUsers), f.money(rb.result.aggregate.paid)]);
    expect(modelCohortRows(c, f)[0]!.cashB).toBe(f.money(rb.result.cohorts[0]!.cashReceived));
  });

  it('two models of the family side by side (a queue pinned, dividend rights on the controls): both views are their own runs', () => {
    const p: Params = { ...DEFAULTS, perDay: 20, growth: 'constant', days: 60 };
    const a = buildScenario({ ...p, model: 'queue', queueMode: 'even' }).scenario;
    const b = buildScenario({ ...p, model: 'rights' }).scenario;
    const out = famOk(runExplorer({ scenario: b, follow: null, stress: null, pinned: { scenario: a, stress: null } }));
    const va = validateFlow(a);
    const vb = validateFlow(b);
    if (!va.ok || !vb.ok) throw new Error('invalid');
    const ra = simulateFamily(va.scenario as Parameters<typeof simulateFamily>[0]);
    const rb = simulateFamily(vb.scenario as Parameters<typeof simulateFamily>[0]);
    if (!ra.ok || !rb.ok) throw new Error('run failed');
    expect(out.comparison!.a.view).toEqual(commonOfFamily(ra.result));
    expect(out.comparison!.b.view).toEqual(commonOfFamily(rb.result));
    expect(out.family).toEqual(rb.result);
    expect(out.comparison!.stop!.day).toBe(30);
  });

  it('a problem of the pinned side is named pinned, of the controls’ side as it is', () => {
    const p: Params = { ...DEFAULTS, perDay: 20, growth: 'constant', days: 30 };
    const a = buildScenario(p).scenario;
    const b = { ...buildScenario({ ...p, model: 'rights' }).scenario, model: { kind: 'rights', unit: -1, capPerDay: 1 } };
    const out = runExplorer({ scenario: b, follow: null, stress: null, pinned: { scenario: a, stress: null } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((x) => x.path)).toEqual(['model.unit']);
  });
});

describe('a what-if on a model of the family (FAMILY_WHAT_IFS, run by the engine’s simulateFamilyWhatIf)', () => {
  const P: Params = { ...RELEASE_EXAMPLE, days: 100 };

  it('orders stop on day 51 of the release example: paid 372,500, fund 427,500, cohort 31–60 recovers 119,000, worked by hand; baseline as in the run without it', () => {
    const out = famOk(runExplorer({ scenario: buildScenario(P).scenario, follow: null, stress: { kind: 'stop-orders', day: 51 } }));
    expect(out.whatIf?.preset).toMatchObject({ kind: 'stop-orders', day: 51 });
    const run = out.family!;
    const base = out.whatIf!.baseline;
    // with it: buyers on days 1-50 only (5,000 promises of 1,000); day d releases 100 x min(d - 1, 50),
    // so over 100 days 100 x (0 + ... + 49 + 50 x 50) = 100 x (1,225 + 2,500) = 372,500 paid;
    // fund 16% of 5,000,000 = 800,000 less 372,500 = 427,500; owed 5,000,000 - 372,500 = 4,627,500
    const fig = familyWhatIfFigures(base, run, f, tr);
    const by = Object.fromEntries(fig.map((r) => [r.key, r]));
    expect(by['paid']).toMatchObject({ va: 495_000, vb: 372_500 });
    expect(by['fund']).toMatchObject({ va: 1_105_000, vb: 427_500 });
    expect(by['outstanding']).toMatchObject({ va: 9_505_000, vb: 4_627_500 });
    expect(by['waitingAtEnd']).toMatchObject({ va: 10_000, vb: 5_000 });
    expect(by['firstDefault']!.b).toBe(tr('explorer.never'));
    // cohort days 31-60: 2,000 buyers on days 31-50, a buyer of day j is paid 1 a day on days j + 1 ... 100,
    // 100 x (69 + ... + 50) = 100 x 1,190 = 119,000; without it (days 31-60, 3,000 buyers) 100 x (69 + ... + 40) = 163,500
    const rows = familyWhatIfRows(base, run, f);
    const c2 = rows.find((r) => r.fromDay === 31)!;
    expect([c2.vCashWithout, c2.vCashWith].map((x) => Math.round(x!))).toEqual([163_500, 119_000]);
    expect(c2.users).toBe(`${f.count(3000)} / ${f.count(2000)}`);
    // k = 1: each promise is its spend, so the share of promise reads as the share of spend (119,000 / 2,000,000)
    expect(c2.ofPromiseWith).toBe(c2.ofSpendWith);
    // the cohorts after the stop have no buyers with it: shown, with nothing recovered
    expect(rows.find((r) => r.fromDay === 61)!.cashWith).toBe('—');
  });

  it('each kind the family takes: the figures equal separate engine runs with and without the event', () => {
    const v = validateFlow(buildScenario(P).scenario);
    if (!v.ok) throw new Error('invalid');
    const events = { 'stop-orders': { day: 40, stopOrders: true }, skim: { day: 40, withdraw: { share: 0.5 } }, 'stop-test': { day: 40, stopTest: true } } as Record<string, unknown>;
    const base = simulateFamily(v.scenario as Parameters<typeof simulateFamily>[0], { exact: false });
    if (!base.ok) throw new Error('base');
    expect([...FAMILY_WHAT_IFS].sort()).toEqual(Object.keys(events).sort());
    for (const kind of FAMILY_WHAT_IFS) {
      const out = famOk(runExplorer({ scenario: v.scenario, follow: null, stress: { kind: kind as 'skim', day: 40, ...(kind === 'skim' ? { value: 0.5 } : {}) } }));
      const sep = simulateFamily({ ...v.scenario, events: [events[kind]] } as Parameters<typeof simulateFamily>[0], { exact: false });
      if (!sep.ok) throw new Error(kind);
      expect(out.family!.aggregate, kind).toEqual(sep.result.aggregate);
      expect(out.family!.cohorts, kind).toEqual(sep.result.cohorts);
      expect(out.family!.failure, kind).toEqual(sep.result.failure);
      expect(out.whatIf!.baseline.cohorts, kind).toEqual(base.result.cohorts);
      expect(out.whatIf!.baseline.failure, kind).toEqual(base.result.failure);
    }
  });

  it('a what-if only the seed takes is the engine’s problem, named at the stress panel', () => {
    const out = runExplorer({ scenario: buildScenario(P).scenario, follow: null, stress: { kind: 'run', day: 10 } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.path)).toEqual(['stress']);
    expect(out.problems[0]!.message).toContain('stop-orders, skim, stop-test');
  });

  it('each kind the family takes has a name in both languages, not the seed’s (no points are sold)', () => {
    const trZh = makeTr(Object.fromEntries(Object.entries(zhDict).filter(([k]) => k.startsWith('explorer.'))));
    for (const k of FAMILY_WHAT_IFS) {
      for (const t of [tr, trZh]) {
        const name = familyWhatIfName(k, t);
        expect(name, k).not.toMatch(/^explorer\./);
      }
    }
    expect(familyWhatIfName('stop-test', tr)).not.toBe(tr('explorer.stressKind.stopTest'));
  });
});

describe('the back-office profile’s settlements (FlowResult.backOffice.settlements)', () => {
  it('two cycles of 20 holders settle on days 4 and 8, each 5,999.81 paid and 0.19 kept (RULEBOOK §9.2, worked there by hand), bar by bar and in the data table', () => {
    // 5 buyers a day of 1,000, nobody sells, the ceiling 3: the price reaches it at the end of day 4,
    // when the 20 holders of the cycle are settled (5,999.81 paid, 0.19 kept); day 8 repeats it
    const p: Params = { ...DEFAULTS, model: 'office', maxPrice: 3, perDay: 5, growth: 'constant', amount: 1000, amountCv: 0, sellRate: 0, days: 8 };
    const out = runExplorer({ scenario: buildScenario(p).scenario, follow: null, stress: null });
    if (!out.ok || 'kind' in out) throw new Error('not a seed run');
    const c = settlementChart(out.result.backOffice!, f, tr);
    expect(c.labels).toEqual(['4', '8']);
    expect(c.values.map((v) => Math.round(v! * 100) / 100)).toEqual([5999.81, 5999.81]);
    const col = Object.fromEntries(c.columns.map((x) => [x.label, x.texts]));
    expect(col[tr('explorer.office.col.holders')]).toEqual(['20', '20']);
    expect(col[tr('explorer.office.col.kept')]).toEqual([f.money(0.19), f.money(0.19)]);
    // the ceiling: the settlement is at the price the run reached, at least the ceiling of 3
    for (const s of out.result.backOffice!.settlements) expect(Number(s.price)).toBeGreaterThanOrEqual(3);
    expect(c.summary).toBe(tr('explorer.office.summary', { n: '2', first: '4', last: '8', paid: f.money(11_999.62), kept: f.money(0.38) }));
  });

  it('no ceiling reached: no bars and no summary (the key sentence says nobody was settled)', () => {
    const p: Params = { ...DEFAULTS, model: 'office', maxPrice: 1000, perDay: 5, growth: 'constant', amount: 1000, amountCv: 0, sellRate: 0, days: 8 };
    const out = runExplorer({ scenario: buildScenario(p).scenario, follow: null, stress: null });
    if (!out.ok || 'kind' in out) throw new Error('not a seed run');
    const c = settlementChart(out.result.backOffice!, f, tr);
    expect(c.labels).toEqual([]);
    expect(c.summary).toBe('');
  });
});
