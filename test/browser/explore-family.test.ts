/**
 * The model family in the explorer (issue 16), in Chromium, both languages: switching the model
 * menu changes the controls, the charts and the address; a model's own control changes its charts
 * and the address; "the seed's model against daily release, same buyers" is one click, and its
 * table's figures equal two separate engine runs (simulateFlow for A, simulateFamily for B, read
 * through the engine's common lens); reopening the address restores the model, its controls and the
 * comparison. Accessible with the comparison shown (axe). A buyer of a model of the family followed
 * day by day, and the queue's waiting times per cohort, equal an engine run; the address restores the
 * followed buyer; accessible with them shown.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explorerSettled as settled } from './pages.ts';
import { describeViolations, gated, runAxe } from './axe.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { formats, makeTr } from '../../src/explorer/view.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import type { Params } from '../../src/explorer/table.ts';
import { familyFollowChart, familyKeyFigures, modelFigureRows, queueWaitChart } from '../../src/explorer/family-view.ts';
import { familyDaysCsv } from '../../src/explorer/exports.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { simulateFamily } from '../../src/engine/family/simulate.ts';
import { commonOfFamily, commonOfSeed } from '../../src/engine/family/common.ts';
import type { ModelComparison } from '../../src/engine/family/compare.ts';
import { useBuiltSite, visit } from './built-site.ts';

/** a small run: 20 new buyers a day for 120 days, some selling (so the seed's model pays) */
const BASE: Params = { ...DEFAULTS, perDay: 20, growth: 'constant', days: 120, sellRate: 0.03 };
const START = '?b=20&g=constant&d=120&s=0.03';

function valid(p: Params): FlowScenarioV1 {
  const v = validateScenario(buildScenario(p).scenario);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
}
function familyRun(p: Params, follow: number | null = null) {
  const out = simulateFamily(valid(p) as Parameters<typeof simulateFamily>[0], { follow });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}
function seedRun(p: Params) {
  const out = simulateFlow(valid(p));
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

const keyList = (p: Page) => p.locator('[data-key-figures] li').allTextContents();
const modelTable = (p: Page) => p.locator('[data-compare-models] tbody tr').evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-key'), ...[...t.querySelectorAll('td')].map((td) => td.textContent)]));
const charts = (p: Page) => p.locator('[data-chart]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-chart')));
/** what the address will be (data-address: written to the location a moment later) */
const address = async (p: Page) => new URLSearchParams((await p.getAttribute('.explorer', 'data-address')) ?? '');

/** a chart's data table, opened: the header row and the body rows, cell by cell */
async function chartTable(p: Page, id: string): Promise<string[][]> {
  const fig = p.locator(`[data-chart="${id}"]`);
  if ((await fig.locator('details').getAttribute('open')) === null) await fig.locator('details > summary').click();
  await fig.locator('table tbody tr').first().waitFor();
  return fig.locator('table tr').evaluateAll((trs) => trs.map((t) => [...t.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
}

async function pick(p: Page, control: string, value: string) {
  await p.selectOption(`[data-control="${control}"]`, value);
  await settled(p, 60_000);
}

useBuiltSite();

describe.each(['zh', 'en'] as const)('the model family in /%s/explore/', (locale) => {
  const tr = makeTr(locale === 'zh' ? zh : en);
  const f = formats(locale);

  it('switching the model changes the controls, the charts and the address; a model’s own control changes its charts', async () => {
    const v = await visit(`/${locale}/explore/${START}`);
    try {
      const p = v.page;
      expect(await p.getAttribute('.explorer', 'data-model')).toBe('seed');
      expect(await charts(p)).toContain('price');

      await pick(p, 'model', 'release');
      expect(await p.getAttribute('.explorer', 'data-model')).toBe('release');
      expect((await address(p)).get('mo')).toBe('release');
      const shown = await charts(p);
      for (const c of ['fam-fund', 'fam-coverage', 'fam-paid', 'fam-cohort-return', 'fam-cohort-breakeven', 'fam-complete']) expect(shown, c).toContain(c);
      expect(shown).not.toContain('price');
      // the seed's selling and exit are not the release's: not drawn; its own rate is
      expect(await p.locator('#x-sellRate').count()).toBe(0);
      expect(await p.locator('#x-releaseRate').count()).toBe(1);
      // the key figures are the engine's run of the same scenario, in the page's words
      expect(await keyList(p)).toEqual(familyKeyFigures(familyRun({ ...BASE, model: 'release' }), f, tr));

      // its days as CSV are the engine's run's; the seed's cohorts and key figures are not offered
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-csv="days"]')]);
      expect(readFileSync((await download.path())!, 'utf8')).toBe(familyDaysCsv(familyRun({ ...BASE, model: 'release' }), tr));
      expect(await p.locator('[data-csv="cohorts"]').isDisabled()).toBe(true);

      // the release's own rate: 0.1% a day -> 2% a day, in the address, and the figures follow
      const sumBefore = await p.locator('[data-chart="fam-fund"]').textContent();
      await p.fill('#x-releaseRate', '2');
      await settled(p, 60_000);
      expect((await address(p)).get('rr')).toBe('0.02');
      expect(await keyList(p)).toEqual(familyKeyFigures(familyRun({ ...BASE, model: 'release', releaseRate: 0.02 }), f, tr));
      expect(await p.locator('[data-chart="fam-fund"]').textContent()).not.toBe(sumBefore);

      // the queue: its own controls and its waiting entries
      await pick(p, 'model', 'queue');
      expect((await address(p)).get('mo')).toBe('queue');
      expect(await p.locator('#x-releaseRate').count()).toBe(0);
      expect(await p.locator('#x-queueK').count()).toBe(1);
      expect(await charts(p)).toContain('fam-waiting');
      await pick(p, 'queueMode', 'even');
      expect((await address(p)).get('qm')).toBe('even');
      expect(await keyList(p)).toEqual(familyKeyFigures(familyRun({ ...BASE, model: 'queue', queueMode: 'even' }), f, tr));

      // dividend rights: the dividend per right
      await pick(p, 'model', 'rights');
      expect(await charts(p)).toContain('fam-dividend');
      expect(await keyList(p)).toEqual(familyKeyFigures(familyRun({ ...BASE, model: 'rights' }), f, tr));

      // back to the seed's model: its own charts again, the model gone from the address
      await pick(p, 'model', 'seed');
      expect(await charts(p)).toContain('price');
      expect((await address(p)).get('mo')).toBeNull();
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('follow one buyer of a model of the family: the panel and its table say what an engine run says; the queue’s waiting times beside its waiting entries; the address restores it', async () => {
    const v = await visit(`/${locale}/explore/${START}`);
    try {
      const p = v.page;
      await pick(p, 'model', 'queue');
      await p.fill('#x-followDay', '45');
      await p.locator('#x-followDay').press('Tab');
      await settled(p, 60_000);
      expect((await address(p)).get('follow')).toBe('45');

      // the same scenario run by the engine, the buyer of day 45 followed, in the page's words
      const run = familyRun({ ...BASE, model: 'queue' }, 45);
      const fl = run.follow!;
      expect(fl.day).toBe(45);
      const chart = familyFollowChart(fl, f, tr);
      const summary = () => p.locator('[data-chart="follow"] [data-summary]').innerText();
      expect(await summary()).toBe(chart.summary);
      // its table: day, spent, cash received, still promised, paid ÷ spent, every day from entry
      const rows = await chartTable(p, 'follow');
      expect(rows[0]).toEqual([tr('explorer.axis.day'), tr('explorer.follow.spent'), tr('explorer.follow.cash'), tr('explorer.follow.owed'), tr('explorer.follow.multiple')]);
      expect(rows.slice(1)).toEqual(fl.rows.map((r, i) => [f.day(r.day), f.money(r.spent), f.money(r.paid), f.money(r.outstanding), chart.columns[0]!.texts[i]!]));
      expect(rows.length - 1).toBe(BASE.days - 45 + 1);

      // the queue's waiting times per cohort: the engine's cohorts, the still-waiting apart
      const waits = queueWaitChart(run, f, tr);
      expect(await p.locator('[data-chart="fam-waits"] [data-summary]').innerText()).toBe(waits.summary);
      expect(await p.locator('[data-chart="fam-waiting-share"] [data-summary]').innerText()).toBe(waits.waitingSummary);
      const wt = await chartTable(p, 'fam-waits');
      expect(wt.slice(1).map((r) => r[0])).toEqual(waits.labels);
      expect(wt.slice(1).map((r) => r.slice(3))).toEqual(waits.labels.map((_, i) => waits.columns.map((c) => c.texts[i]!)));
      // accessible with the panel, its table and the waits chart open (axe)
      const violations = gated(await runAxe(p));
      expect(violations, describeViolations(violations, 'explorer, queue, followed buyer')).toEqual([]);

      // reopened, the address restores the model and the followed buyer
      const q = await address(p);
      const fresh = await visit(`/${locale}/explore/?${q.toString()}`);
      try {
        await settled(fresh.page, 60_000);
        expect(await fresh.page.inputValue('[data-control="model"]')).toBe('queue');
        expect(await fresh.page.inputValue('#x-followDay')).toBe('45');
        expect(await fresh.page.locator('[data-chart="follow"] [data-summary]').innerText()).toBe(chart.summary);
        expect(fresh.errors).toEqual([]);
      } finally {
        await fresh.context.close();
      }

      // a cohort's bar picks its first buyer: the second cohort's (days 31-60 with cohorts of 30)
      const bars = p.locator('[data-chart="fam-cohort-return"] svg[role="img"]');
      await bars.focus();
      await bars.press('Home');
      await bars.press('ArrowRight');
      await bars.press('Enter');
      await settled(p, 60_000);
      const second = run.cohorts.filter((c) => c.users > 0)[1]!.fromDay;
      expect((await address(p)).get('follow')).toBe(String(second));
      expect(await summary()).toBe(familyFollowChart(familyRun({ ...BASE, model: 'queue' }, second).follow!, f, tr).summary);

      // off: no chart, no buyer
      await p.fill('#x-followDay', '');
      await p.locator('#x-followDay').press('Tab');
      await settled(p, 60_000);
      expect((await address(p)).get('follow')).toBe('off');
      expect(await p.locator('[data-chart="follow"]').count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('the seed’s model against daily release, same buyers: one click; the figures equal two separate engine runs; the address restores it', async () => {
    const v = await visit(`/${locale}/explore/${START}`);
    try {
      const p = v.page;
      await p.click('[data-control="compare-release"]');
      await p.locator('[data-compare="models"]').waitFor();
      await settled(p, 60_000);
      expect(await p.getAttribute('.explorer', 'data-model')).toBe('release');

      // the two runs, separately, through the engine's common lens
      const a = { view: commonOfSeed(seedRun(BASE)) };
      const b = { view: commonOfFamily(familyRun({ ...BASE, model: 'release' })) };
      const expected = modelFigureRows({ a, b } as unknown as ModelComparison, f, tr).map((r) => [r.key, r.a, r.b]);
      expect(await modelTable(p)).toEqual(expected);
      // the seed's model pays its sellers; the release pays every buyer: not one run with itself
      expect(expected.find((r) => r[0] === 'paid')![1]).not.toBe(expected.find((r) => r[0] === 'paid')![2]);
      expect(await p.locator('[data-not-same]').count()).toBe(0);
      // the stop test on half the run
      expect(await p.getAttribute('[data-compare-stop]', 'data-compare-stop')).toBe('60');
      // the charts overlay A and B
      const series = await p.locator('[data-chart="fam-fund"] path[data-series]').evaluateAll((ps) => ps.map((x) => x.getAttribute('data-series')));
      expect(series.some((s) => s!.startsWith('a:'))).toBe(true);
      expect(series.some((s) => s!.startsWith('b:'))).toBe(true);

      const violations = gated(await runAxe(p));
      expect(violations, describeViolations(violations, 'explorer')).toEqual([]);

      // the address carries model and comparison: reopened, the same
      const q = await address(p);
      expect(q.get('mo')).toBe('release');
      expect(new URLSearchParams(q.get('pin') ?? '').get('mo')).toBeNull();
      const fresh = await visit(`/${locale}/explore/?${q.toString()}`);
      try {
        await fresh.page.locator('[data-compare="models"]').waitFor();
        await settled(fresh.page, 60_000);
        expect(await modelTable(fresh.page)).toEqual(expected);
        expect(await fresh.page.inputValue('[data-control="model"]')).toBe('release');
        expect(await fresh.page.inputValue('#x-releaseRate')).toBe('0.1');
        expect(fresh.errors).toEqual([]);
      } finally {
        await fresh.context.close();
      }
      await p.click('[data-control="unpin"]');
      await settled(p, 60_000);
      expect(await p.locator('[data-compare]').count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
