/**
 * The explorer's what-if and comparison views (src/explorer/compare.ts) and the key-figure and
 * caption defects of issue 11 (src/explorer/view.ts): a skim shown against its baseline, never
 * "0 more days" after orders stop, the coverage caption's days taken from the plotted series.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { keyFigures as engineKeyFigures } from '../../src/engine/keyfigures.ts';
import { buildScenario, DEFAULTS, type Params } from '../../src/explorer/params.ts';
import { runRequest, type RunOk } from '../../src/explorer/run.ts';
import { coverageChart, coverageCrossings, formats, keyFigures, makeTr, priceChart } from '../../src/explorer/view.ts';
import { keyFigureRows, overlay, whatIfRows, whatIfSentence, withBaseline } from '../../src/explorer/compare.ts';
import { STRESS_KINDS } from '../../src/engine/stress.ts';
import { comparisonTables, whatIfTable } from '../../src/explorer/report.ts';

const strings = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('explorer.')));
function go(p: Partial<Params>, stress: RunOk['stress'] extends infer S ? (S extends { preset: infer P } ? P | null : never) : never = null, pinned?: Partial<Params>): RunOk {
  const out = runRequest({ scenario: buildScenario({ ...DEFAULTS, ...p }).scenario, follow: null, stress, pinned: pinned ? { scenario: buildScenario({ ...DEFAULTS, ...pinned }).scenario, stress: null } : null });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out;
}

// the default scenario with the operator skimming half the pool on day 183 (the case)
const skim = go({}, { kind: 'skim', day: 183, value: 0.5 });
// orders stop on day 180 and everyone sells: the latest buyer's "growth needed" used to be 1x, "0 more days"
const stopTest = go({}, { kind: 'stop-test', day: 180 });
// orders stop on day 183 with 4% selling a day: three holders left at the end (engine 0.2.1's streams;
// with 5% none is left, and the coverage of nobody's need has no figure)
const stopped = go({ stopDay: 183, sellRate: 0.04 });

describe.each([
  ['en', en],
  ['zh', zh],
] as const)('in %s', (locale, dict) => {
  const tr = makeTr(strings(dict));
  const f = formats(locale);

  it('a 50% skim on day 183: the late cohorts end below their baseline, and the table says so', () => {
    const rows = whatIfRows(skim.stress!.baseline, skim.result, skim.stress!.preset, f, tr);
    // only cohorts that joined before the event
    expect(rows.every((r) => r.fromDay < 183)).toBe(true);
    const late = rows.filter((r) => r.fromDay >= 150);
    expect(late.length).toBeGreaterThan(3);
    // half the pool gone: each late cohort's multiple is lower than without the skim
    for (const r of late) {
      expect(r.multDelta!).toBeLessThan(0);
      expect(r.multChange.startsWith('−')).toBe(true);
    }
  });

  it('the what-if sentence has no space before its full stop, with or without a value', () => {
    for (const kind of STRESS_KINDS) {
      const s = whatIfSentence({ kind, day: 183, ...(kind === 'skim' ? { value: 0.5 } : {}) }, f, tr);
      expect(s, kind).not.toMatch(/\s[.。]$/);
      expect(s).not.toMatch(/\{\w+\}/);
    }
    // and the dictionaries' own templates, as any page would fill them
    expect(tr('explorer.stress.active', { what: 'X', day: '1', value: '' })).not.toMatch(/\s[.。]$/);
  });

  it('after orders stop, required growth is never: orders stopped on day N, never "0 more days"', () => {
    const ks = keyFigures(stopTest.result, DEFAULTS, f, tr);
    const growth = ks[1]!;
    expect(growth).toBe(tr('explorer.key.growthStopped', { day: f.day(stopTest.result.requiredGrowth.buyer!.day), stop: f.day(180) }));
    expect(growth).not.toContain(tr('explorer.key.growth', { day: 'X', fold: 'Y', days: f.count(0) }).split('X')[1]!.split('Y')[1]!);
    expect(ks.join(' ')).not.toMatch(/\b0 more days|还需 0 天/);
  });

  it('with a stop and few holders left, the coverage sentence says how many remain and who never broke even', () => {
    const k = engineKeyFigures(stopped.result);
    // the case: a handful of holders, the pool covering well over 100% of their need
    expect(k.activeUsers).toBeLessThan(10);
    expect(k.coverageBreakEven!).toBeGreaterThan(1);
    const end = keyFigures(stopped.result, DEFAULTS, f, tr)[3]!;
    const exits = tr('explorer.key.exits', { m: f.factor(3), exits: f.count(k.forcedExits) });
    expect(end).toBe(tr('explorer.key.endStopped', { exits, stop: f.day(183), active: f.count(k.activeUsers), users: f.count(k.users), cover: f.pct(k.coverageBreakEven, 0), never: f.pct(k.shareNeverBrokeEven) }));
    expect(end).toContain(f.pct(k.shareNeverBrokeEven));
  });

  it("the coverage caption names the days computed from the plotted series", () => {
    const c = coverageChart(stopped.result, f, tr);
    const plotted = c.series.find((s) => s.key === 'coverBe')!.values;
    // the days worked out from the series here, independently of coverageCrossings
    let first: number | null = null;
    let lastUp: number | null = null;
    let prev: boolean | null = null;
    plotted.forEach((v, i) => {
      if (v === null) return;
      const below = v < 1;
      if (below && first === null) first = c.xs[i]!;
      if (!below && prev === true) lastUp = c.xs[i]!;
      prev = below;
    });
    expect(first).not.toBeNull();
    expect(c.summary).toContain(f.day(first));
    // here the line rises back above 100% (the holders left are few) and ends there: the caption
    // must say from which day, not only that it fell
    expect(lastUp).not.toBeNull();
    expect(prev).toBe(false);
    expect(c.summary).toBe(tr('explorer.summary.coverRecovered', { day: f.day(first), up: f.day(lastUp), cover: f.pct(plotted[plotted.length - 1], 0) }));
  });

  it('a comparison: key figures in two columns and the difference, from the two runs', () => {
    const out = go({ exit: 2 }, null, {});
    const rows = keyFigureRows(out.pinned!.result, out.result, f, tr);
    const ka = engineKeyFigures(out.pinned!.result);
    const kb = engineKeyFigures(out.result);
    const exits = rows.find((r) => r.key === 'forcedExits')!;
    expect(exits.delta).toBe(kb.forcedExits - ka.forcedExits);
    expect(exits.a).toBe(f.count(ka.forcedExits));
    expect(exits.b).toBe(f.count(kb.forcedExits));
    for (const r of rows) expect(`${r.label}${r.a}${r.b}${r.difference}`).not.toMatch(/\{\w+\}|NaN|explorer\./);
  });

  it('the printed report: a comparison as two tables, a what-if as its cohort table', () => {
    const out = go({ exit: 2 }, null, {});
    const [keys, cohorts] = comparisonTables(out.pinned!.result, out.result, f, tr);
    expect(keys!.rows.map((r) => r.slice(1))).toEqual(keyFigureRows(out.pinned!.result, out.result, f, tr).map((k) => [k.a, k.b, k.difference]));
    expect(cohorts!.head).toHaveLength(7);
    expect(cohorts!.rows.every((r) => r.length === 7)).toBe(true);
    const w = whatIfTable(skim.stress!.baseline, skim.result, 183, f, tr);
    expect(w.rows.map((r) => r[0])).toEqual(whatIfRows(skim.stress!.baseline, skim.result, skim.stress!.preset, f, tr).map((r) => r.label));
  });

  it('charts: the baseline faint behind, A and B told apart by dash pattern and label', () => {
    const chart = withBaseline(priceChart(skim.result, f, tr), priceChart(skim.stress!.baseline, f, tr), tr);
    expect(chart.series.map((s) => s.key)).toEqual(['base:price', 'price']);
    expect(chart.series[0]!.opacity).toBeLessThan(1);
    expect(chart.series[0]!.values).toEqual(priceChart(skim.stress!.baseline, f, tr).series[0]!.values);
    const cmp = overlay(coverageChart(skim.stress!.baseline, f, tr), coverageChart(skim.result, f, tr), tr);
    const a = cmp.series.filter((s) => s.key.startsWith('a:'));
    const b = cmp.series.filter((s) => s.key.startsWith('b:'));
    expect(a.length).toBe(b.length);
    a.forEach((s, i) => {
      expect(s.dash).toBeTruthy();
      expect(s.dash).not.toBe(b[i]!.dash);
      expect(s.label).not.toBe(b[i]!.label);
    });
  });
});

describe('coverageCrossings', () => {
  it('first day under 100%, each recovery, each later fall, days with nothing to cover skipped', () => {
    expect(coverageCrossings([1, 2, 3, 4, 5, 6], [0.5, 0.8, 1.2, null, 0.9, 0.95])).toEqual({ firstBelow: 1, recovered: [3], fellAgain: [5], endsBelow: true });
    expect(coverageCrossings([1, 2, 3], [1, 1.5, 2])).toEqual({ firstBelow: null, recovered: [], fellAgain: [], endsBelow: false });
    expect(coverageCrossings([1, 2, 3], [0.3, 0.99, 1])).toEqual({ firstBelow: 1, recovered: [3], fellAgain: [], endsBelow: false });
  });
});
