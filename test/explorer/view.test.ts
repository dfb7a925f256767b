import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { runRequest } from '../../src/explorer/run.ts';
import { brokeEvenShares, cohortCharts, coverageChart, distributionChart, formats, keyFigures, keyPart, makeTr, moneyRows, priceChart, solvencyChart } from '../../src/explorer/view.ts';
import { PALETTE } from '../../src/explorer/chart.ts';

const strings = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('explorer.')));
const scenario = buildScenario({ ...DEFAULTS, perDay: 30, growth: 'constant', days: 200, sellRate: 0.03 }).scenario;
const out = runRequest({ scenario, follow: null, stress: null });
if (!out.ok) throw new Error('run failed');
const r = out.result;

describe.each([
  ['en', en],
  ['zh', zh],
] as const)('views in %s', (locale, dict) => {
  const tr = makeTr(strings(dict));
  const f = formats(locale);

  it('key figures: six sentences (the last two the shortfall against break-even and the exit promise) with no placeholder left and no NaN', () => {
    const ks = keyFigures(r, DEFAULTS, f, tr);
    expect(ks).toHaveLength(6);
    for (const k of ks) {
      expect(k).not.toMatch(/\{\w+\}|NaN|Infinity|undefined|explorer\./);
    }
  });

  it('charts: summaries filled in, one value per day, colours from the Okabe–Ito palette', () => {
    const palette = new Set(Object.values(PALETTE));
    for (const c of [priceChart(r, f, tr), solvencyChart(r, f, tr), coverageChart(r, f, tr)]) {
      expect(c.summary).not.toMatch(/\{\w+\}|NaN|explorer\./);
      for (const s of c.series) {
        expect(s.values).toHaveLength(200);
        expect(palette.has(s.color as never)).toBe(true);
      }
    }
    const coh = cohortCharts(r, f, tr);
    expect(coh.labels[0]).toBe('1–7');
    expect(coh.summary).not.toMatch(/\{\w+\}/);
    expect(distributionChart(r, f, tr).values).toHaveLength(11);
  });

  it('where the money went: the split adds up to all spend, and the pool’s in to its outs', () => {
    const m = moneyRows(r, f, tr);
    const split = m.split.reduce((a, s) => a + s.value, 0);
    expect(split).toBeCloseTo(m.spend, 4);
    const outs = m.pool.reduce((a, s) => a + s.value, 0);
    expect(outs).toBeCloseTo(m.poolIn, 4);
  });
});

describe('the cohort charts\' table columns', () => {
  it('are formatted only when read (the table, closed while a slider is dragged, or the report), once, with the same texts', () => {
    // a Formats that counts its money figures: the spend, cash, realisable and referral columns
    // (4 per cohort) are money; the bars themselves are not formatted by cohortCharts
    const base = formats('en');
    let money = 0;
    const f = { ...base, money: (v: unknown) => (money++, base.money(v)) };
    const tr = makeTr(strings(en));
    const coh = cohortCharts(r, f, tr);
    expect(money).toBe(0);
    const spend = coh.columns[1]!;
    // 200 days of constant buyers: ceil(200 / 7) = 29 weekly cohorts (1–7, ..., 197–200), each with buyers
    expect(spend.texts).toHaveLength(29);
    expect(spend.texts[0]).toBe(base.money(coh.cohorts[0]!.spend));
    expect(money).toBe(29);
    // read again: the same array, not formatted again
    expect(coh.columns[1]!.texts).toBe(spend.texts);
    expect(money).toBe(29);
  });
});

describe('helpers', () => {
  it('share broken even is the cohorts’ shares weighted by their buyers', () => {
    const be = brokeEvenShares(r);
    expect(be.users).toBe(r.counts.users);
    expect(be.realised).toBeGreaterThanOrEqual(0);
    expect(be.realised).toBeLessThanOrEqual(be.onPaper! + 1e-12);
  });

  it('dictionary key segments from engine names', () => {
    expect(keyPart('stop-orders')).toBe('stopOrders');
    expect(keyPart('shareBrokeEven:90')).toBe('shareBrokeEven90');
    expect(keyPart('recruitment-rewards')).toBe('recruitmentRewards');
  });

  it('a missing key shows as itself, and placeholders fill in', () => {
    const tr = makeTr({ 'explorer.a': 'x {n} y' });
    expect(tr('explorer.a', { n: 3 })).toBe('x 3 y');
    expect(tr('explorer.nope')).toBe('explorer.nope');
  });
});

describe('every explorer string the code asks for exists in both languages', () => {
  const files = [
    ...readdirSync(new URL('../../src/explorer/', import.meta.url)).map((f) => new URL(`../../src/explorer/${f}`, import.meta.url)),
    ...readdirSync(new URL('../../src/components/explorer/', import.meta.url), { recursive: true })
      .map(String)
      .filter((f) => /\.(svelte|ts|astro)$/.test(f))
      .map((f) => new URL(`../../src/components/explorer/${f}`, import.meta.url)),
  ];
  const source = files.map((u) => readFileSync(u, 'utf8')).join('\n');
  const literal = [...source.matchAll(/'(explorer\.[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+)'/g)].map((m) => m[1]!);

  it.each([...new Set(literal)])('%s', (key) => {
    expect(key in en, `en ${key}`).toBe(true);
    expect(key in zh, `zh ${key}`).toBe(true);
  });

  it('and the keys built from names: fields, growth, presets, stress kinds, outcomes, flags, events', async () => {
    const { RANGES, GROWTH_KINDS, EXIT_TESTS, RULE_FIELDS } = await import('../../src/explorer/params.ts');
    const { PRESETS, STRESS_KINDS, SWEEP_OUTCOMES } = await import('../../src/explorer/presets.ts');
    const { GROUPS, ROWS, ROUND_SLOTS, labelKey, DEFAULTS } = await import('../../src/explorer/table.ts');
    const { SOURCES } = await import('../../src/engine/compliance.ts');
    const { MC_OUTCOMES } = await import('../../src/engine/batch/summary.ts');
    const { SCENARIO_SLUGS } = await import('../../src/scenarios/presets.ts');
    const keys = [
      // every field's label (the financing rounds' numbered ones: controls.ts fieldLabel)
      ...Object.keys(RANGES).map((k) => (ROUND_SLOTS.some((r) => r.day === k || r.amount === k) ? '' : `explorer.field.${k}`)).filter(Boolean),
      ...['heading', 'none', 'add', 'remove', 'full', 'day', 'amount'].map((k) => `explorer.rounds.${k}`),
      ...GROWTH_KINDS.map((k) => `explorer.growth.${k}`),
      ...EXIT_TESTS.map((k) => `explorer.exitTest.${k}`),
      ...RULE_FIELDS.map((k) => `explorer.field.${k}`),
      ...PRESETS.map((p) => `explorer.preset.${p.id}`),
      ...SCENARIO_SLUGS.map((slug) => `explorer.presetScn.${slug}`),
      ...STRESS_KINDS.map((k) => `explorer.stressKind.${keyPart(k)}`),
      ...[...SWEEP_OUTCOMES, ...MC_OUTCOMES].map((k) => `explorer.outcome.${keyPart(k)}`),
      ...Object.keys(SOURCES).map((k) => `explorer.flag.${keyPart(k)}`),
      ...['subsidy', 'withdraw', 'rules', 'stopOrders', 'run', 'stopTest'].map((k) => `explorer.event.${k}`),
      ...['buyers', 'days', 'money'].map((k) => `explorer.unit.${k}`),
      ...['number', 'whole', 'range', 'split', 'tooMany', 'day'].map((k) => `explorer.problem.${k}`),
      // the address's own names and why each can be refused (src/explorer/address-text.ts)
      ...['wi', 'follow', 'mc', 'log', 'x'].map((k) => `explorer.url.name.${k}`),
      ...['whatIf', 'follow', 'seeds', 'flag', 'json'].map((k) => `explorer.url.why.${k}`),
      // the table's groups, labels and choices
      ...GROUPS.map((g) => `explorer.group.${g}`),
      ...ROWS.flatMap((r) => [labelKey(r.key, DEFAULTS), ...(r.type === 'choice' ? r.choices.map((c) => `${r.choiceLabel}${c}`) : [])]),
    ];
    const missing = keys.filter((k) => !(k in en) || !(k in zh));
    expect(missing).toEqual([]);
  });
});

describe('one rule for figures in short form', () => {
  it('gives every short figure three significant digits, so that 4.40M stands beside 4.29M (not 4.4M)', () => {
    const f = formats('en');
    expect(f.money(4_400_000)).toBe('4.40M');
    expect(f.money(4_291_234)).toBe('4.29M');
    expect(f.price(4_291_234)).toBe('4.29M');
    expect(f.compact(4_400_000)).toBe('4.40M');
    expect(f.money(368_123_456)).toBe('368M');
    expect(f.money(42_345_678)).toBe('42.3M');
    // below 10,000 in full, to the cent
    expect(f.money(1234.567)).toBe('1,234.57');
    // axis ticks are round numbers: no trailing zeros
    expect(f.tick(10_000_000)).toBe('10M');
    const z = formats('zh');
    // 368,123,456 is 3.68亿; 4,400,000 is 440万
    expect(z.money(368_123_456)).toBe('3.68亿元');
    expect(z.money(4_400_000)).toBe('440万元');
  });
});

describe('the explorer’s kept formatters', () => {
  it('print as the site’s formatNumber and formatShort do', async () => {
    const fmt = await import('../../src/i18n/format.ts');
    for (const locale of ['zh', 'en'] as const) {
      const f = formats(locale);
      for (const x of [0, 1.23456, 999.5, 12_345.6, 3_456_789, 1.2e9, -42.1]) {
        expect(f.compact(x)).toBe(fmt.formatShort(x, locale, { maxDecimals: 1 }));
        expect(f.tick(x)).toBe(fmt.formatShort(x, locale, { maxDecimals: 1, tick: true }));
        expect(f.count(x)).toBe(fmt.formatNumber(Math.round(x), locale));
      }
    }
  });
});
