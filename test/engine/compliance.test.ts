/**
 * The compliance lens: each flag on a scenario built to raise it and on one built to avoid it; each
 * raised flag's facts carry the run's own figures (worked from the scenario by hand), its rules
 * name the scenario field, and its sources are what REFERENCES.md records. The words are the
 * page's (src/i18n/compliance.ts; test/i18n/compliance.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { exact } from '../../src/engine/arith.ts';
import { complianceOf, COMPLIANCE_NOTE, type ComplianceFacts, type ComplianceFlag } from '../../src/engine/compliance.ts';
import { complianceText } from '../../src/i18n/compliance.ts';
import { runFlowScenario } from '../../src/engine/index.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { network, type ReferralCfg } from './network-stub.ts';
import { expectNear } from './helpers.ts';

function run(input: ScenarioInput, exactMode = true): FlowResult {
  const out = runFlowScenario(input, { exact: exactMode });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}
const names = (r: FlowResult) => r.compliance.flags.map((f) => f.flag);
const flag = (r: FlowResult, name: string) => {
  const f = r.compliance.flags.find((x) => x.flag === name);
  if (!f) throw new Error(`no ${name} flag; flags: ${names(r).join(', ')}`);
  return f;
};

/** What REFERENCES.md records for each feature: the law, the article, the words and the repost read (English names, addresses). */
const CITED: Record<string, string[]> = {
  'recruitment-rewards': ['禁止传销条例', 'Order 444', 'Art. 7', '拉人头', 's6law.com/law/6law/law9/law90445.html'],
  'downline-rewards': ['禁止传销条例', 'Art. 7', '团队计酬', '公通字〔2013〕37号', 'Art. 5', 's6law.com/law/6law/law9/law90445.html', 'chnlawyer.net/law/explain/459.html'],
  'entry-purchase': ['禁止传销条例', 'Art. 7', '入门费', 's6law.com/law/6law/law9/law90445.html'],
  'depth-and-size': ['224-1', '组织、领导传销活动罪', '公通字〔2013〕37号', '30 or more', '3 or more levels', 'chnlawyer.net/law/explain/459.html', 'sqxb.com/2021/sqtj_0706/1050.html'],
  'equity-promise': ['法释〔2010〕18号', 'Art. 1', '股权', 'fawu365.com/Html/xsfl/2015-9/29/1592909034871922.html'],
};

function expectWellFormed(r: FlowResult): void {
  expect(r.compliance.note).toBe(COMPLIANCE_NOTE);
  expect(r.compliance.note).toContain('not legal advice');
  for (const f of r.compliance.flags) {
    expect(f.facts.flag, f.flag).toBe(f.flag);
    expect(f.rules.length, f.flag).toBeGreaterThan(0);
    const cited = complianceText(f, 'en').sources.map((x) => `${x.label} ${x.href}`).join(' ');
    for (const words of CITED[f.flag]!) expect(cited, `${f.flag} cites ${words}`).toContain(words);
  }
}
const facts = <K extends ComplianceFacts['flag']>(r: FlowResult | ComplianceFlag[], name: K) => {
  const flags: ComplianceFlag[] = Array.isArray(r) ? r : r.compliance.flags;
  const f = flags.find((x) => x.flag === name);
  if (!f) throw new Error(`no ${name} flag`);
  return f.facts as Extract<ComplianceFacts, { flag: K }>;
};
const paths = (r: FlowResult, name: string) => flag(r, name).rules;

const AGENTS_ONLY = (rate: number) => ({
  regions: { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 },
  district: { rate },
  city: {},
  province: {},
});

describe('no flags where nothing raises them', () => {
  it('no referral network and no promise: no flag', () => {
    const r = run({ flow: { days: 5, buyers: { perDay: 3 }, sell: { ratePerDay: 0.2 } } });
    expect(r.referral).toBeNull();
    expect(r.compliance.flags).toEqual([]);
    expect(r.compliance.note).toBe(COMPLIANCE_NOTE);
  });

  it('a network of 40 in one tree that pays nothing: no flag (the flags read what was paid, not the tree alone)', () => {
    const r = run({ flow: { days: 1, buyers: { perDay: 40 }, referral: { probability: 1, choice: 'uniform' } } });
    expect(r.referral!.largestOrganisation.members).toBe(40);
    expect(r.compliance.flags).toEqual([]);
  });

  it('promises.equityForPoints false: no equity flag', () => {
    const r = run({ flow: { days: 2, buyers: { perDay: 1 } }, promises: { equityForPoints: false } });
    expect(r.compliance.flags).toEqual([]);
  });
});

describe('direct rewards only, probability 0.2, 20 buyers', () => {
  // one order of 1000 per buyer, no repeats: each referred buyer pays its referrer 100, once,
  // on the joining order; 20 buyers cannot make an organisation of 30
  const input: ScenarioInput = { flow: { days: 10, buyers: { perDay: 2 }, referral: { probability: 0.2, rewards: { direct: 0.1 } } } };

  for (const exactMode of [true, false]) {
    it(`${exactMode ? 'exact' : 'fast'}: recruitment, downline and entry-purchase flags with the run's figures; no depth-and-size`, () => {
      const r = run(input, exactMode);
      const R = r.referral!.referredUsers;
      expect(R).toBeGreaterThan(0);
      expect(R).toBeLessThan(20);
      expect(names(r)).toEqual(['recruitment-rewards', 'downline-rewards', 'entry-purchase']);
      expectWellFormed(r);
      const n = (x: unknown) => Number(x);
      const rec = facts(r, 'recruitment-rewards');
      expect(rec.perRecruit).toBeNull();
      expect([rec.joining!.payments, n(rec.joining!.total), rec.joining!.kinds]).toEqual([R, 100 * R, ['direct']]);
      expect(paths(r, 'recruitment-rewards')).toEqual([{ path: 'flow.referral.rewards.direct', value: 0.1 }]);
      const down = facts(r, 'downline-rewards');
      expect(down.kinds.map((k) => [k.kind, n(k.total), k.payments])).toEqual([['direct', 100 * R, R]]);
      expect(down.maxPaidDistance).toBe(1);
      expect(paths(r, 'downline-rewards')).toEqual([{ path: 'flow.referral.rewards.direct', value: 0.1 }]);
      expect(n(facts(r, 'entry-purchase').total)).toBe(100 * R);
      expect(paths(r, 'entry-purchase')).toEqual([{ path: 'flow.referral', value: null }]);
    });
  }

  it('a per-recruit bonus names itself in the rule and the reason', () => {
    const r = run({ flow: { days: 10, buyers: { perDay: 2 }, referral: { probability: 0.2, rewards: { perRecruit: 50 } } } });
    const R = r.referral!.referredUsers;
    expect(R).toBeGreaterThan(0);
    // a per-recruit bonus is pay per head, not pay on the downline's purchases
    expect(names(r)).toEqual(['recruitment-rewards', 'entry-purchase']);
    expect(paths(r, 'recruitment-rewards')).toEqual([{ path: 'flow.referral.rewards.perRecruit', value: 50 }]);
    const rec = facts(r, 'recruitment-rewards');
    expect([rec.perRecruit!.payments, Number(rec.perRecruit!.total)]).toEqual([R, 50 * R]);
    expectWellFormed(r);
  });
});

describe('depth-and-size: 30 or more members in 3 or more levels, with downline rewards', () => {
  it('probability 1, uniform, 40 buyers: one organisation of 40; flagged with its size and levels', () => {
    const r = run({ flow: { days: 1, buyers: { perDay: 40 }, referral: { probability: 1, choice: 'uniform', rewards: { direct: 0.1 } } } });
    const { members, levels } = r.referral!.largestOrganisation;
    expect(members).toBe(40);
    expect(levels).toBeGreaterThanOrEqual(3);
    expect(r.referral!.deepestChain).toBe(levels);
    expect(names(r)).toContain('depth-and-size');
    const f = flag(r, 'depth-and-size');
    expect(f.facts).toEqual({ flag: 'depth-and-size', members: 40, levels, largestMembers: 40, deepestLevels: levels });
    expect(f.rules).toEqual([{ path: 'flow.referral.probability', value: 1 }, { path: 'flow.referral.choice', value: 'uniform' }]);
    // 39 recruits each paid their referrer 100
    expect(facts(r, 'downline-rewards').kinds).toEqual([{ kind: 'direct', total: '3900', payments: 39 }]);
    expectWellFormed(r);
  });

  it('probability 1, 29 buyers: too small, not flagged', () => {
    const r = run({ flow: { days: 1, buyers: { perDay: 29 }, referral: { probability: 1, choice: 'uniform', rewards: { direct: 0.1 } } } });
    expect(r.referral!.largestOrganisation.members).toBe(29);
    expect(names(r)).not.toContain('depth-and-size');
    expect(names(r)).toContain('downline-rewards');
  });

  /** a tree drawn on paper: parents[i] is user i's referrer (null: a root); every user orders 1000 */
  function tree(parents: Array<number | null>, cfg: ReferralCfg) {
    const n = network(cfg);
    for (const p of parents) n.order(n.join(p), 1000);
    const v = validateScenario({ flow: { days: 1, buyers: { perDay: parents.length }, referral: cfg } });
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    return complianceOf(exact, v.scenario as FlowScenarioV1, n.ref);
  }
  const direct: ReferralCfg = { probability: 1, choice: 'uniform', rewards: { direct: 0.1 } };
  // root 0; user 1 under 0; users 2.. under 1: three levels
  const threeLevels = (size: number) => [null, 0, ...Array.from({ length: size - 2 }, () => 1)];

  it('exactly 30 members in exactly 3 levels, with direct rewards: flagged', () => {
    const flags = tree(threeLevels(30), direct);
    expect(facts(flags, 'depth-and-size')).toEqual({ flag: 'depth-and-size', members: 30, levels: 3, largestMembers: 30, deepestLevels: 3 });
  });

  it('29 members in 3 levels: not flagged', () => {
    expect(tree(threeLevels(29), direct).map((f) => f.flag)).not.toContain('depth-and-size');
  });

  it('a star of 40 (2 levels): not flagged', () => {
    const star = [null, ...Array.from({ length: 39 }, () => 0)];
    const flags = tree(star, direct);
    expect(flags.map((f) => f.flag)).toEqual(['recruitment-rewards', 'downline-rewards', 'entry-purchase']);
    expect(facts(flags, 'downline-rewards').kinds).toEqual([{ kind: 'direct', total: '3900', payments: 39 }]);
  });

  it('30 in 3 levels but only a shareholder dividend paid (no downline reward): not flagged', () => {
    const flags = tree(threeLevels(30), { probability: 1, choice: 'uniform', rewards: { dividend: { rate: 0.05, minPersonalSpend: 0 } } });
    expect(flags.map((f) => f.flag)).toEqual([]); // the dividend is paid at day end: nothing yet
  });

  it('two organisations of 20 in 3 levels each (40 members in all): not flagged', () => {
    const one = threeLevels(20);
    const two = one.map((p) => (p === null ? null : p + 20));
    expect(tree([...one, ...two], direct).map((f) => f.flag)).not.toContain('depth-and-size');
  });
});

describe('entry-purchase', () => {
  it('a dividend alone: entry-purchase only (no recruitment or downline flag), with the total paid', () => {
    // 3 buyers of 1000 a day for 4 days, each a shareholder from the first order (threshold 0):
    // each day's 5% goes to that day's shareholders; 5% of 12,000 = 600, to all 12 buyers
    const r = run({ flow: { days: 4, buyers: { perDay: 3 }, referral: { probability: 0, rewards: { dividend: { rate: 0.05, minPersonalSpend: 0 } } } } });
    // (shares of a day's pool are divided at 40 digits: 600 to 1e-30)
    expectNear(r.referral!.paidByKind['dividend']!, 600);
    expect(names(r)).toEqual(['entry-purchase']);
    // a threshold of 0 is no threshold: the facts name none
    const e = facts(r, 'entry-purchase');
    expect([e.earners, e.levelThresholds, e.dividendThreshold]).toEqual([12, [], null]);
    expectNear(e.total, 600);
    expectWellFormed(r);
  });

  it('spend thresholds of levels and dividends are named in the reason and the rule', () => {
    const r = run({
      flow: {
        days: 3,
        buyers: { perDay: 4 },
        referral: {
          probability: 1,
          choice: 'uniform',
          rewards: { levels: [{ name: 'V1', rate: 0.05, minPersonalSpend: 500 }], dividend: { rate: 0.02, minPersonalSpend: 2000 } },
        },
      },
    });
    const e = facts(r, 'entry-purchase');
    expect([e.levelThresholds, e.dividendThreshold]).toEqual([[{ level: 1, spend: 500 }], 2000]);
    expect(paths(r, 'entry-purchase')).toEqual([
      { path: 'flow.referral', value: null },
      { path: 'flow.referral.rewards.levels[0].minPersonalSpend', value: 500 },
      { path: 'flow.referral.rewards.dividend.minPersonalSpend', value: 2000 },
    ]);
    expectWellFormed(r);
  });
});

describe('equity-promise', () => {
  it('promises.equityForPoints: flagged from the scenario, with or without a network', () => {
    for (const referral of [undefined, { probability: 0.5, rewards: { direct: 0.1 } }]) {
      const r = run({ flow: { days: 3, buyers: { perDay: 2 }, ...(referral ? { referral } : {}) }, promises: { equityForPoints: true } });
      expect(names(r)).toContain('equity-promise');
      const f = flag(r, 'equity-promise');
      expect(f.rules).toEqual([{ path: 'promises.equityForPoints', value: true }]);
      expect(f.facts).toEqual({ flag: 'equity-promise' });
      expectWellFormed(r);
    }
  });
});

describe('flags say what the run did', () => {
  // Fixed engine bug: recruitment-rewards counts every reward paid on anyone's first order
  // (Referral.paidOnJoining is booked whenever `first` is true), including a regional agent's
  // reward on the first order of a buyer nobody referred. With probability 0 nobody is recruited,
  // yet the flag says "14 rewards totalling 280 paid on recruits' joining orders", and its rule
  // names "flow.referral.rewards.direct = 0", a reward that paid nothing.
  // Repro: {flow: {days: 5, buyers: {perDay: 3}, referral: {probability: 0, rewards: {agents:
  //   {regions: {provinces: 1, citiesPerProvince: 1, districtsPerCity: 1}, district: {rate: 0.02}, city: {}, province: {}}}}}}
  it('with nobody referred there is no recruitment-rewards flag', () => {
    const r = run({ flow: { days: 5, buyers: { perDay: 3 }, referral: { probability: 0, rewards: { agents: AGENTS_ONLY(0.02) } } } });
    expect(r.referral!.referredUsers).toBe(0);
    // 14 buyers after the agent (the first buyer), 2% of 1000 each
    expect(r.referral!.paidByKind['agents']).toBe('280');
    expect(names(r)).not.toContain('recruitment-rewards');
  });

  // Fixed engine bug: when recruitment-rewards is raised by rewards other than a per-recruit bonus, the
  // rule always reads "flow.referral.rewards.direct = <rate> (paid on the joining purchase)", even
  // when direct is 0 and the joining orders paid level differences.
  // Repro: {flow: {days: 1, buyers: {perDay: 5}, referral: {probability: 1, choice: "uniform",
  //   rewards: {levels: [{rate: 0.05}]}}}} -> rule "flow.referral.rewards.direct = 0 (paid on the joining purchase)".
  it('the recruitment-rewards rule names the reward that was paid on joining orders', () => {
    const r = run({ flow: { days: 1, buyers: { perDay: 5 }, referral: { probability: 1, choice: 'uniform', rewards: { levels: [{ rate: 0.05 }] } } } });
    expect(r.referral!.paidByKind['direct']).toBe('0');
    expect(Number(r.referral!.paidByKind['levelDifference'])).toBeGreaterThan(0);
    expect(paths(r, 'recruitment-rewards')).toEqual([{ path: 'flow.referral.rewards.levels', value: 1 }]);
  });

  // Fixed engine bug: the downline-rewards reason adds ", across more than one level" whenever a reward
  // kind other than direct was paid, even when no reward went further than 1 level above the buyer;
  // the reason then reads "rewards reached up to 1 level(s) above the buyer, across more than one level".
  // Repro: the agents-only scenario above (maxPaidDistance 1).
  it('the downline-rewards reason does not claim more than one level when rewards reached only one', () => {
    const r = run({ flow: { days: 5, buyers: { perDay: 3 }, referral: { probability: 0, rewards: { agents: AGENTS_ONLY(0.02) } } } });
    expect(r.referral!.maxPaidDistance).toBe(1);
    expect(facts(r, 'downline-rewards').maxPaidDistance).toBe(1);
    expect(complianceText(flag(r, 'downline-rewards'), 'en').reason).toContain('up to 1 level above the buyer.');
  });

  it('fast and exact raise the same flags on a network paying every kind', () => {
    const input: ScenarioInput = {
      flow: {
        days: 20,
        seed: 4,
        buyers: { perDay: 3 },
        repeat: { probabilityPerDay: 0.05 },
        referral: {
          probability: 0.9,
          rewards: {
            perRecruit: 5,
            direct: 0.05,
            indirect: 0.02,
            peer: 0.01,
            levels: [{ rate: 0.02, minTeamVolume: 2000 }, { rate: 0.05, minTeamVolume: 8000 }],
            agents: AGENTS_ONLY(0.01),
            dividend: { rate: 0.01, minPersonalSpend: 2000 },
          },
        },
      },
      promises: { equityForPoints: true },
    };
    const e = run(input, true);
    const f = run(input, false);
    expect(names(e)).toEqual(['recruitment-rewards', 'downline-rewards', 'entry-purchase', 'depth-and-size', 'equity-promise']);
    expect(names(f)).toEqual(names(e));
    expectWellFormed(e);
    expectWellFormed(f);
  });
});
