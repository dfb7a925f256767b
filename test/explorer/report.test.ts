import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { activeFields, buildScenario, DEFAULTS, fromQuery, type Params } from '../../src/explorer/params.ts';
import { cohortTable, extraKeys, FOLLOW_DEFAULT, parameterGroups, reportDate, reportLink, reportSentences, warmReportFormats } from '../../src/explorer/report.ts';
import { runRequest } from '../../src/explorer/run.ts';
import { initialState, toAddress, type ExplorerState } from '../../src/explorer/state.ts';

const addressQuery = (p: Params, extras: Record<string, unknown>, follow: number | null): string => toAddress({ ...initialState(), scenario: { params: p, extras }, follow } satisfies ExplorerState);
import { formats, keyFigures, makeTr } from '../../src/explorer/view.ts';
import { fieldLabel } from '../../src/explorer/controls.ts';

const strings = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('explorer.')));
const params: Params = { ...DEFAULTS, perDay: 30, growth: 'constant', days: 200, sellRate: 0.03 };
const out = runRequest({ scenario: buildScenario(params).scenario, follow: null, stress: null });
if (!out.ok) throw new Error('run failed');
const r = out.result;
const LEFTOVER = /\{\w+\}|NaN|Infinity|undefined|explorer\./;

describe('the report address', () => {
  it('is the explorer address: parameters that differ from the defaults, the followed buyer when not the default', () => {
    expect(addressQuery(DEFAULTS, {}, FOLLOW_DEFAULT)).toBe('');
    expect(addressQuery(params, {}, FOLLOW_DEFAULT)).toBe('b=30&g=constant&s=0.03&d=200');
    expect(addressQuery(params, {}, 12)).toBe('b=30&g=constant&s=0.03&d=200&follow=12');
    expect(addressQuery(DEFAULTS, {}, null)).toBe('follow=off');
    expect(reportLink('https://example.org', '/en/explore/', 'b=30')).toBe('https://example.org/en/explore/?b=30');
    expect(reportLink('https://example.org', '/zh/explore/', '')).toBe('https://example.org/zh/explore/');
  });

  it('reads back as the same parameters and extras', () => {
    const extras = { name: 'Mine', events: [{ day: 3, subsidy: { amount: 5 } }] };
    const back = fromQuery(addressQuery(params, extras, 40));
    expect(back.params).toEqual(params);
    expect(back.extras).toEqual(extras);
    expect(back.problems).toEqual([]);
    expect(extraKeys(extras)).toEqual(['events']);
  });
});

describe('the report date', () => {
  const d = new Date(Date.UTC(2026, 10, 25, 9, 5));
  it('is in the reader’s language, with ISO 8601 for <time>', () => {
    expect(reportDate(d, 'en').text).toMatch(/November 25, 2026/);
    expect(reportDate(d, 'zh').text).toMatch(/2026年11月25日/);
    expect(reportDate(d, 'en').iso).toBe('2026-11-25T09:05:00.000Z');
  });
  it('keeps one format per language, made ahead (warmReportFormats), that formats each date it is given', () => {
    // warmed with the epoch (1 January 1970): a format kept with its first text would say 1970 below
    warmReportFormats('en');
    warmReportFormats('zh');
    expect(reportDate(d, 'en').text).toMatch(/November 25, 2026/);
    // a month later (noon UTC: the same day in every time zone)
    expect(reportDate(new Date(Date.UTC(2026, 11, 25, 12)), 'en').text).toMatch(/December 25, 2026/);
    // each language its own format: zh after en is still Chinese
    expect(reportDate(d, 'zh').text).toMatch(/2026年11月25日/);
    expect(reportDate(d, 'en').text).not.toMatch(/年/);
  });
});

describe.each([
  ['en', en],
  ['zh', zh],
] as const)('the report in %s', (locale, dict) => {
  const tr = makeTr(strings(dict));
  const f = formats(locale);

  it('lists every parameter the scenario uses once, with the controls’ labels and units', () => {
    const groups = parameterGroups(params, tr, locale, 30);
    const rows = groups.flatMap((g) => g.rows);
    const keys = rows.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    // the numeric fields in use, the model, growth and exit-test choices, the followed buyer
    expect(new Set(keys)).toEqual(new Set([...activeFields(params), 'model', 'growth', 'exitTest', 'followDay']));
    for (const g of groups) expect(g.legend).not.toMatch(LEFTOVER);
    for (const row of rows) {
      expect(row.label).toBe(row.key === 'followDay' ? tr('explorer.follow.day') : fieldLabel(row.key as keyof Params, params, tr));
      expect(row.value).not.toMatch(LEFTOVER);
      expect(row.value).not.toBe('');
    }
    const value = (k: string) => rows.find((row) => row.key === k)?.value;
    expect(value('perDay')).toBe(`30 ${tr('explorer.unit.buyers')}`);
    expect(value('sellRate')).toBe('3%');
    expect(value('exit')).toBe('3×');
    expect(value('days')).toBe(`200 ${tr('explorer.unit.days')}`);
    expect(value('amount')).toBe(`1,000 ${tr('explorer.unit.money')}`);
    expect(value('growth')).toBe(tr('explorer.growth.constant'));
    expect(value('stopDay')).toBe(tr('explorer.report.noStop'));
    expect(value('subsidyDay')).toBe(tr('explorer.report.none'));
    expect(value('takeProfit')).toBe(tr('explorer.exit.off'));
    expect(value('followDay')).toBe('30');
    expect(value('model')).toBe(tr('explorer.model.seed'));
  });

  it('shows the fields a choice brings in, with the label the control has', () => {
    const p: Params = { ...params, growth: 'linear', growthRate: 5, ruleDay: 50, ruleField: 'gift', ruleValue: 0.5, subsidyDay: 10, subsidyAmount: 2_500_000 };
    const rows = parameterGroups(p, tr, locale, null).flatMap((g) => g.rows);
    const row = (k: string) => rows.find((x) => x.key === k);
    expect(row('growthRate')).toEqual({ key: 'growthRate', label: tr('explorer.field.growthAdd'), value: `5 ${tr('explorer.unit.buyers')}` });
    expect(row('ruleField')?.value).toBe(tr('explorer.field.gift'));
    expect(row('ruleValue')?.value).toBe('50%');
    expect(row('subsidyAmount')?.value).toBe(`2,500,000 ${tr('explorer.unit.money')}`);
    expect(row('followDay')?.value).toBe(tr('explorer.exit.off'));
  });

  it('says where the run ends, then the explorer’s key figures word for word', () => {
    const ss = reportSentences(r, params, f, tr);
    expect(ss.slice(1)).toEqual(keyFigures(r, params, f, tr));
    for (const s of ss) expect(s).not.toMatch(LEFTOVER);
    expect(ss[0]).toContain(f.price(r.final.price));
    expect(ss[0]).toContain(f.money(r.final.pool));
    expect(ss[0]).toContain(f.count(r.counts.users));
    expect(ss[0]).toContain('200');
  });

  it('tabulates the cohorts: a header and one full row per cohort with buyers, the return multiple among the columns', () => {
    const t = cohortTable(r, f, tr);
    const cohorts = r.cohorts.filter((c) => c.users > 0);
    expect(t.rows).toHaveLength(cohorts.length);
    expect(t.head).not.toContain(tr('explorer.col.referral'));
    const at = t.head.indexOf(tr('explorer.col.return'));
    expect(at).toBeGreaterThan(0);
    t.rows.forEach((row, i) => {
      expect(row).toHaveLength(t.head.length);
      expect(row[at]).toBe(f.mult(cohorts[i]!.returnMultiple));
      expect(row[t.head.indexOf(tr('explorer.col.users'))]).toBe(f.count(cohorts[i]!.users));
      for (const cell of row) expect(cell).not.toMatch(LEFTOVER);
    });
  });
});
