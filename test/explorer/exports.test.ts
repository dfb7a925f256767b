/**
 * The explorer's CSV files (src/explorer/exports.ts) and the shortfall as the explorer shows it
 * (key figures, chart, comparison rows), on the small time-driven scenario worked by hand in
 * test/engine/shortfall.test.ts:
 *
 * One buyer a day of 1000, nobody sells, 4 days; seed split (30% into the pool), exit multiple 2;
 * a subsidy of 2000 on day 3.
 *   pool:   300, 600, 2900, 3200; need to break even 1000, 2000, 3000, 4000; promise 2x that
 *   shortfall (break even) = 700, 1400, 100, 800   -> largest 1400 on day 2, 800 at the end
 *   shortfall (promise)    = 1700, 3400, 3100, 4800 -> largest 4800 on day 4, 4800 at the end
 *   price on day 1: pool 300 / 210 points = 1.428571... -> 1.4286 to 4 decimals
 *   coverage on day 2: 600 / 2000 = 30.00%
 * Without the subsidy the pool is 300, 600, 900, 1200 and the shortfall against break-even
 * 700, 1400, 2100, 2800: largest 2800 on day 4.
 */
import { describe, expect, it } from 'vitest';
import { SOLVENCY_COLUMNS } from '../../src/engine/csv.ts';
import { keyFigureRows } from '../../src/explorer/compare.ts';
import { cohortsCsv, csvNumber, DAILY_COLUMNS, daysCsv, DECIMALS, keyFiguresCsv, parametersCsv } from '../../src/explorer/exports.ts';
import { DEFAULTS } from '../../src/explorer/params.ts';
import { runRequest } from '../../src/explorer/run.ts';
import { formats, keyFigures, makeTr, shortfallChart } from '../../src/explorer/view.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import type { FlowResult } from '../../src/engine/result.ts';

const strings = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('explorer.')));
const TR = { en: makeTr(strings(en)), zh: makeTr(strings(zh)) };

function run(events: unknown[]): FlowResult {
  const scenario = { version: 1, rules: { exitMultiple: 2 }, flow: { days: 4, orderAmount: 1000, buyers: { perDay: 1 } }, events };
  const out = runRequest({ scenario, follow: null, stress: null });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}
const r = run([{ day: 3, subsidy: { amount: 2000 } }]);
const noSubsidy = run([]);

/** RFC 4180: fields split on commas outside quotes, quotes doubled inside */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  for (const line of text.slice(1).trimEnd().split('\n')) {
    const row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') row.push(cell), (cell = '');
      else cell += c;
    }
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
const decimals = (v: string) => (v.includes('.') ? v.split('.')[1]!.length : 0);

describe('a figure as a CSV value', () => {
  it('has its kind’s decimals: money to the cent, points, prices and multiples to 4, percentages to 2', () => {
    expect(csvNumber(1234.5, 'money')).toBe('1234.50');
    expect(csvNumber('1400', 'money')).toBe('1400.00');
    expect(csvNumber(300 / 210, 'price')).toBe('1.4286');
    expect(csvNumber('481.95', 'points')).toBe('481.9500');
    expect(csvNumber(0.3, 'pct')).toBe('30.00');
    expect(csvNumber(1 / 3, 'pct')).toBe('33.33');
    expect(csvNumber(7, 'count')).toBe('7');
    // nothing is an empty cell, a value that rounds to zero is unsigned
    expect(csvNumber(null, 'money')).toBe('');
    expect(csvNumber(-0.001, 'money')).toBe('0.00');
    expect(csvNumber(102000.27000000002, 'money')).toBe('102000.27');
  });
});

describe.each(['en', 'zh'] as const)('the CSV files in %s', (locale) => {
  const tr = TR[locale];

  it('the days: headers in the page’s language, the engine’s solvency columns, values with the stated decimals', () => {
    const rows = parseCsv(daysCsv(r, tr));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(DAILY_COLUMNS.map((c) => tr(`explorer.csv.col.${c}`)));
    // the solvency columns are the engine's (simulate's CSV), in its order, at the end
    expect(DAILY_COLUMNS.slice(-SOLVENCY_COLUMNS.length)).toEqual([...SOLVENCY_COLUMNS]);
    const col = (name: string) => rows.slice(1).map((row) => row[DAILY_COLUMNS.indexOf(name as never)]);
    expect(col('pool')).toEqual(['300.00', '600.00', '2900.00', '3200.00']);
    expect(col('shortfallBreakEven')).toEqual(['700.00', '1400.00', '100.00', '800.00']);
    expect(col('shortfallExitPromise')).toEqual(['1700.00', '3400.00', '3100.00', '4800.00']);
    expect(col('price')![0]).toBe('1.4286');
    expect(col('coverageBreakEven')![1]).toBe('30.00');
    // no value with more decimals than its column states
    for (const row of rows.slice(1)) for (const v of row) expect(decimals(v)).toBeLessThanOrEqual(Math.max(...Object.values(DECIMALS)));
    if (locale === 'en') expect(rows[0]!.slice(0, 3)).toEqual(['day', 'orders', 'new buyers']);
    else expect(rows[0]!.slice(0, 3)).toEqual(['天', '订单数', '新买家']);
  });

  it('the key figures: figure, value, unit, the shortfall among them', () => {
    const rows = parseCsv(keyFiguresCsv(r, tr));
    expect(rows[0]).toEqual([tr('explorer.csv.figure'), tr('explorer.csv.value'), tr('explorer.csv.unit')]);
    const at = (key: string) => rows.find((row) => row[0] === tr(`explorer.kf.${key}`));
    expect(at('largestShortfallBreakEven')).toEqual([tr('explorer.kf.largestShortfallBreakEven'), '1400.00', tr('explorer.unit.money')]);
    expect(at('largestShortfallBreakEvenDay')?.[1]).toBe('2');
    expect(at('shortfallBreakEven')?.[1]).toBe('800.00');
    expect(at('largestShortfallExitPromise')?.[1]).toBe('4800.00');
    expect(at('largestShortfallExitPromiseDay')?.[1]).toBe('4');
    for (const row of rows) expect(row[0]).not.toMatch(/^explorer\./);
  });

  it('the cohorts: one row per cohort, headers in the page’s language', () => {
    const rows = parseCsv(cohortsCsv(r, tr));
    expect(rows).toHaveLength(1 + r.cohorts.length);
    for (const h of rows[0]!) expect(h).not.toMatch(/^explorer\./);
    // the seed's cohorts are 7 days: all 4 buyers in one, 4000 spent
    expect(rows[1]!.slice(3, 5)).toEqual(['4', '4000.00']);
  });

  it('the parameters: label, value, unit as the controls show them', () => {
    const rows = parseCsv(parametersCsv({ ...DEFAULTS, sellRate: 0.05, flatFrom: 200 }, tr));
    expect(rows[0]).toEqual([tr('explorer.csv.parameter'), tr('explorer.csv.value'), tr('explorer.csv.unit')]);
    expect(rows.find((row) => row[0] === tr('explorer.field.sellRate'))).toEqual([tr('explorer.field.sellRate'), '5', '%']);
    expect(rows.find((row) => row[0] === tr('explorer.field.flatFrom'))).toEqual([tr('explorer.field.flatFrom'), '200', tr('explorer.unit.days')]);
    expect(rows.find((row) => row[0] === tr('explorer.field.growth'))?.[1]).toBe(tr('explorer.growth.exponential'));
  });
});

describe('the shortfall in the explorer', () => {
  it('key figures: the largest shortfall with its day and the end, against break-even and the exit promise, per locale', () => {
    for (const locale of ['en', 'zh'] as const) {
      const f = formats(locale);
      const lines = keyFigures(r, DEFAULTS, f, TR[locale]);
      const be = lines.find((l) => l.includes(f.money(1400)));
      expect(be, locale).toBeDefined();
      expect(be).toContain(f.money(800));
      const ex = lines.find((l) => l.includes(f.money(4800)));
      expect(ex, locale).toBeDefined();
      for (const l of lines) expect(l).not.toMatch(/\{\w+\}/);
    }
    const lines = keyFigures(r, DEFAULTS, formats('en'), TR.en);
    expect(lines).toContain('The pool fell short of what active buyers need to break even by at most 1,400, on day 2 (outside money that, paid in that day, would close it); 800 at the end.');
    expect(lines).toContain('Against the exit promise it fell short by at most 4,800, on day 4; 4,800 at the end.');
  });

  it('the chart: money per day, two series, and its summary from the run', () => {
    const c = shortfallChart(r, formats('en'), TR.en);
    expect(c.xs).toEqual([1, 2, 3, 4]);
    expect(c.series.map((s) => s.values)).toEqual([
      [700, 1400, 100, 800],
      [1700, 3400, 3100, 4800],
    ]);
    expect(c.summary).toBe('Largest shortfall against the need to break even: 1,400 on day 2, 800 at the end; against the exit promise: 4,800 on day 4.');
  });

  it('the comparison: A (no subsidy) beside B (a subsidy of 2000 on day 3), with the difference', () => {
    const rows = keyFigureRows(noSubsidy, r, formats('en'), TR.en);
    const row = (k: string) => rows.find((x) => x.key === k)!;
    // A: largest 2800 on day 4; B: 1400 on day 2
    expect(row('largestShortfallBreakEven')).toMatchObject({ a: '2,800', b: '1,400', difference: '−1,400', delta: -1400 });
    expect(row('largestShortfallBreakEvenDay')).toMatchObject({ a: '4', b: '2', delta: -2 });
    // at the end: A 4000 - 1200 = 2800, B 800
    expect(row('shortfallBreakEven')).toMatchObject({ a: '2,800', b: '800', delta: -2000 });
  });
});

describe('the printed report’s name for a scenario of the reader’s own', () => {
  it('says what the scenario is: the flow and selling that ran, the pool’s share, exit and days from the run', async () => {
    const { customName } = await import('../../src/explorer/report.ts');
    // the operator's question: 200 buyers a day growing 0.5%, flat from day 180, 5% selling daily;
    // the run above has the seed's 30% into the pool, exits at 2x and 4 days
    const p = { ...DEFAULTS, perDay: 200, growth: 'exponential' as const, growthRate: 0.005, flatFrom: 180, sellRate: 0.05 };
    expect(customName(p, r, formats('en'), TR.en)).toBe('Your scenario: 200 buyers a day growing 0.5% a day, flat from day 180, 5.0% of holders selling daily, 30% into the pool, exit at 2×, 4 days');
    expect(customName(p, r, formats('zh'), TR.zh)).toBe('你的情景：每天 200 名新买家，每天增长 0.5%，自第 180 天起持平；每天 5.0% 的持有人卖出；30% 进入资金池；2× 出局；共 4 天');
  });
});
