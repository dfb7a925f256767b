import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFlowScenario, runScenario } from '../../src/engine/index.ts';
import { stopTestAgainstBaseline } from '../../src/figures/scenarios.ts';
import { presetFileText, PRESETS, runPreset, runStopTest, SCENARIO_SLUGS, STOP_TEST_DAY } from '../../src/scenarios/presets.ts';
import { walkthroughFileText, walkthroughSteps } from '../../src/walkthrough/steps.ts';

const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe('scenario presets', () => {
  it.each(SCENARIO_SLUGS)('examples/scenarios/%s.json is the preset the page runs (npx tsx scripts/scenario-presets.ts rewrites it)', (slug) => {
    expect(file(`examples/scenarios/${slug}.json`)).toBe(presetFileText(slug));
  });

  it.each(SCENARIO_SLUGS)('%s: runs, same figures every time, never NaN', (slug) => {
    const a = runPreset(slug);
    const again = runFlowScenario(PRESETS[slug]);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.result.final).toEqual(a.final);
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
    // the aggregate limit: cash paid for points never exceeds pool inflow plus subsidies
    expect(Number(a.aggregate.cashPaidToUsers) + Number(a.aggregate.cashPaidToLegacyMembers)).toBeLessThanOrEqual(
      Number(a.aggregate.poolInflow) + Number(a.aggregate.subsidies) + 1e-6,
    );
  });

  it.each(SCENARIO_SLUGS)('%s: the stop test pays out the pool and no more', (slug) => {
    const st = runStopTest(slug);
    expect(st.stress.kind).toBe('stop-test');
    expect(Number(st.aggregate.cashPaidToUsers) + Number(st.aggregate.cashPaidToLegacyMembers)).toBeLessThanOrEqual(
      Number(st.aggregate.poolInflow) + Number(st.aggregate.subsidies) + 1e-6,
    );
  });

  it.each(SCENARIO_SLUGS)('%s: the stop test stands beside its baseline, the same scenario run to its end without the stop', (slug) => {
    const rows = stopTestAgainstBaseline(slug);
    // a fresh run of the preset as the file holds it, with no stop: the baseline, computed apart
    const fresh = runFlowScenario(PRESETS[slug]);
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    const stop = runStopTest(slug).stress;
    const day = STOP_TEST_DAY[slug];
    // one row per cohort that had joined before the stop day
    expect(rows.map((r) => r.fromDay)).toEqual(fresh.result.cohorts.filter((c) => c.fromDay < day && c.users > 0).map((c) => c.fromDay));
    for (const [i, row] of rows.entries()) {
      const base = fresh.result.cohorts[i]!;
      expect(row.multipleBaseline).toBe(Number(base.returnMultiple));
      expect(row.brokeEvenBaseline).toBe(Number(base.shareBrokeEvenRealised));
      expect(row.multipleAfter).toBe(Number(stop.after[i]!.returnMultiple));
      expect(row.multipleChange).toBeCloseTo(row.multipleAfter! - row.multipleBaseline!, 12);
      expect(row.brokeEvenChange).toBeCloseTo(row.brokeEvenAfter - row.brokeEvenBaseline, 12);
      // the stop test's buyers are the baseline's: all of them in a cohort that ended before the
      // stop day, fewer in the one the stop day cuts (no one joins from that day on)
      if (row.toDay < day) expect(row.users).toBe(row.baselineUsers);
      else expect(row.users).toBeLessThan(row.baselineUsers);
    }
  });

  it('what each scenario adds is there: legacy releases, referral rewards, the equity promise', () => {
    expect(runPreset('legacy').legacy?.releases.length).toBe(10);
    expect(runPreset('rebate').referral).not.toBeNull();
    expect(Object.values(runPreset('distribution').referral!.paidByKind).every((x) => Number(x) > 0)).toBe(true);
    expect(runPreset('financing').compliance.flags.map((f) => f.flag)).toContain('equity-promise');
  });
});

describe('examples/walkthrough.json', () => {
  it('is the walkthrough as a script (npx tsx scripts/scenario-presets.ts rewrites it)', () => {
    expect(file('examples/walkthrough.json')).toBe(walkthroughFileText());
  });

  it('reproduces every step of the walkthrough through runScenario', () => {
    const out = runScenario(JSON.parse(file('examples/walkthrough.json')));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const steps = walkthroughSteps().filter((s) => s.id !== 'rules' && s.id !== 'break-even' && s.id !== 'triple' && s.id !== 'summary');
    expect(out.result.steps.map((s) => s.price)).toEqual(steps.map((s) => s.state.price));
    expect(out.result.steps.map((s) => s.pool)).toEqual(steps.map((s) => s.state.pool));
    expect(out.result.steps[4]!.paid).toBe('1600');
    expect(out.result.steps[5]!.forcedExits).toEqual(['B', 'C']);
  });
});

describe('the preset descriptions say what the presets do', () => {
  /** every number of a preset's description is a number of the preset (a percentage as a share) */
  const numbersOf = (x: unknown): number[] =>
    typeof x === 'number' ? [x] : Array.isArray(x) ? x.flatMap(numbersOf) : x && typeof x === 'object' ? Object.values(x).flatMap(numbersOf) : [];
  it.each(SCENARIO_SLUGS)('%s: the numbers in both languages are the preset’s', async (slug) => {
    const { en } = await import('../../src/i18n/en.ts');
    const { zh } = await import('../../src/i18n/zh.ts');
    const known = new Set(numbersOf(PRESETS[slug]).map((n) => Math.round(n * 1e9) / 1e9));
    for (const text of [en[`pages.scn.preset.${slug}` as keyof typeof en], zh[`pages.scn.preset.${slug}` as keyof typeof zh]]) {
      for (const m of text.matchAll(/(\d[\d,]*(?:\.\d+)?)(%|×)?/g)) {
        const n = Number(m[1]!.replace(/,/g, '')) / (m[2] === '%' ? 100 : 1);
        expect(known.has(Math.round(n * 1e9) / 1e9), `${slug}: ${m[0]} in “${text.slice(0, 40)}…”`).toBe(true);
      }
    }
  });
});

describe('each preset opens in the explorer as the same scenario', () => {
  it.each(SCENARIO_SLUGS)('%s: the explorer address rebuilds a scenario that runs to the same figures', async (slug) => {
    const { explorerQuery } = await import('../../src/explorer/scenario-presets.ts');
    const { buildScenario, fromQuery } = await import('../../src/explorer/params.ts');
    const read = fromQuery(explorerQuery(slug));
    expect(read.problems).toEqual([]);
    const out = runFlowScenario(buildScenario(read.params, read.extras).scenario);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.final).toEqual(runPreset(slug).final);
    expect(out.result.counts).toEqual(runPreset(slug).counts);
  });
});
