/**
 * The compliance lens in both languages (issue 13): the engine returns facts, src/i18n/compliance.ts
 * words them. In either language, no internal field name (a parameter path, a camelCase name such
 * as levelDifference) and no unformatted number over 9,999 appears in a flag's reason or rules;
 * the Chinese reason and rules are Chinese throughout; every source is named and has an address.
 */
import { describe, expect, it } from 'vitest';
import { runFlowScenario } from '../../src/engine/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { complianceText, ruleText, SOURCE_LINKS } from '../../src/i18n/compliance.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { runPreset } from '../../src/scenarios/presets.ts';

function run(exact: boolean): FlowResult {
  const out = runFlowScenario(
    {
      flow: {
        days: 30,
        seed: 2,
        buyers: { perDay: 6 },
        referral: {
          probability: 0.95,
          rewards: {
            perRecruit: 5,
            direct: 0.1,
            indirect: 0.05,
            peer: 0.01,
            levels: [{ name: 'VIP', rate: 0.04, minPersonalSpend: 1000 }],
            agents: { regions: { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 }, district: { rate: 0.01 }, city: {}, province: {} },
            dividend: { rate: 0.01, minPersonalSpend: 1000 },
          },
        },
      },
      promises: { equityForPoints: true },
    },
    { exact },
  );
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

/** a parameter path (flow.referral..., promises.x), a camelCase name, or an internal kind */
const INTERNAL = /\b(flow|promises|rules)\.[a-zA-Z]|\b[a-z]+[A-Z][a-zA-Z]*\b|levelDifference|perRecruit|equityForPoints|\blevel\(s\)/;
/** 5 or more digits in a row: a number over 9,999 without group separators (decimals have at most 2 digits) */
const UNFORMATTED = /\d{5,}/;

describe('compliance text in both languages', () => {
  const results: Array<[string, FlowResult]> = [
    ['all five flags, exact', run(true)],
    ['all five flags, fast', run(false)],
    ['the distribution scenario page', runPreset('distribution')],
  ];

  for (const [what, r] of results) {
    it(`${what}: no internal name and no unformatted number over 9,999 in either language`, () => {
      expect(r.compliance.flags.length).toBeGreaterThan(0);
      let big = 0;
      for (const f of r.compliance.flags) {
        for (const l of LOCALES) {
          const t = complianceText(f, l);
          for (const line of [t.reason, ...t.rules, ...t.sources.map((s) => s.label)]) {
            expect(line, `${f.flag} ${l}`).not.toMatch(INTERNAL);
            expect(line, `${f.flag} ${l}`).not.toMatch(UNFORMATTED);
            if (/\d{1,3}(,\d{3})+/.test(line)) big++;
          }
          // Chinese reason and rules: no Latin words at all
          if (l === 'zh') for (const line of [t.reason, ...t.rules]) expect(line, `${f.flag} zh`).not.toMatch(/[A-Za-z]/);
          for (const s of t.sources) expect(s.href, `${f.flag} ${l}`).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
        }
      }
      // the test has teeth: some figure was over 9,999 and was grouped
      if (what !== 'the distribution scenario page') expect(big).toBeGreaterThan(0);
    });
  }

  it('figures are formatted per locale: 12345.678 money reads 12,345.68 and 12,345.68元', () => {
    const f = { facts: { flag: 'entry-purchase' as const, earners: 12345, total: '12345.678', levelThresholds: [], dividendThreshold: null }, rules: [], sources: [] };
    expect(complianceText(f, 'en').reason).toContain('Every one of the 12,345 members who earned rewards (12,345.68 in all)');
    expect(complianceText(f, 'zh').reason).toContain('拿到奖励的 12,345 名会员（共 12,345.68元）');
  });

  it('every rule the engine cites is named in words in both languages', () => {
    const paths = ['flow.referral.rewards.perRecruit', 'flow.referral.rewards.direct', 'flow.referral.rewards.indirect', 'flow.referral.rewards.levels', 'flow.referral.rewards.peer', 'flow.referral.rewards.agents', 'flow.referral.rewards.dividend', 'flow.referral', 'flow.referral.rewards.levels[0].minPersonalSpend', 'flow.referral.rewards.dividend.minPersonalSpend', 'flow.referral.probability', 'flow.referral.choice', 'promises.equityForPoints'];
    for (const l of LOCALES) for (const path of paths) expect(ruleText({ path, value: 0.1 }, l), `${path} ${l}`).not.toMatch(INTERNAL);
    expect(ruleText({ path: 'flow.referral.rewards.direct', value: 0.1 }, 'en')).toBe('direct referral reward: 10% of each order');
    expect(ruleText({ path: 'flow.referral.rewards.direct', value: 0.1 }, 'zh')).toBe('直推奖励：订单的 10%');
  });

  it('every source has a name in both languages and an address', () => {
    for (const [id, s] of Object.entries(SOURCE_LINKS)) {
      expect(s.en.length, id).toBeGreaterThan(10);
      expect(s.zh, id).toMatch(/\p{Script=Han}/u);
      expect(s.href, id).toMatch(/^https:\/\//);
    }
  });
});
