/**
 * Two scenarios side by side in the explorer, in Chromium, both languages: A = the explorer's
 * default scenario on the seed's rules (200 days), pinned; B = the same with forced exits at 2x.
 * The key figures in two columns and their difference equal those of two separate engine runs; every
 * line chart overlays A and B; the downloaded comparison file is what was run (the engine's own
 * runComparison gives the same figures) and, reopened in a fresh page, restores both.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explorerSettled as settled } from './pages.ts';
import { describeViolations, gated, runAxe } from './axe.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { formats, makeTr } from '../../src/explorer/view.ts';
import { keyFigureRows } from '../../src/explorer/compare.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { runComparison, validateComparison } from '../../src/engine/whatif.ts';
import { useBuiltSite, visit } from './built-site.ts';



const keyTable = (p: Page) =>
  p.locator('[data-compare-keys] tbody tr').evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-key'), ...[...t.querySelectorAll('td')].map((td) => td.textContent)]));

function engineRun(s: Record<string, unknown>) {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const out = simulateFlow(v.scenario as FlowScenarioV1);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

useBuiltSite();

describe.each(['zh', 'en'] as const)('comparison in /%s/explore/', (locale) => {
  const tr = makeTr(locale === 'zh' ? zh : en);
  const f = formats(locale);

  it('A = seed defaults, B = exit 2x: the figures equal two separate engine runs; the downloaded file reopens to the same', async () => {
    const v = await visit(`/${locale}/explore/?d=200`);
    try {
      const p = v.page;
      await p.click('[data-control="pin"]');
      await p.focus('#x-exit-range');
      await p.keyboard.press('ArrowLeft');
      await p.keyboard.press('ArrowLeft');
      expect(await p.getAttribute('#x-exit-range', 'aria-valuetext')).toBe(f.factor(2));
      await p.locator('[data-compare-keys]').waitFor();
      await settled(p, 60_000);

      // the two runs, separately, on the engine
      const a = engineRun(buildScenario({ ...DEFAULTS, days: 200 }).scenario);
      const b = engineRun(buildScenario({ ...DEFAULTS, days: 200, exit: 2 }).scenario);
      const expected = keyFigureRows(a, b, f, tr).map((r) => [r.key, r.a, r.b, r.difference]);
      const shown = await keyTable(p);
      expect(shown).toEqual(expected);
      // forced exits differ: the comparison is not of one run with itself
      expect(shown.find((r) => r[0] === 'forcedExits')![1]).not.toBe(shown.find((r) => r[0] === 'forcedExits')![2]);

      // every line chart overlays A and B, A in its own dash pattern
      for (const chart of ['price', 'solvency', 'coverage']) {
        const keys = await p.locator(`[data-chart="${chart}"] path[data-series]`).evaluateAll((ps) => ps.map((x) => [x.getAttribute('data-series'), x.getAttribute('stroke-dasharray')]));
        const as = keys.filter(([k]) => k!.startsWith('a:'));
        const bs = keys.filter(([k]) => k!.startsWith('b:'));
        expect(as.length, chart).toBeGreaterThan(0);
        expect(as.length).toBe(bs.length);
        as.forEach(([, dash], i) => expect(dash).not.toBe(bs[i]![1]));
      }
      // accessible as the rest of the page: no serious or critical axe violation with the comparison shown
      const violations = gated(await runAxe(p));
      expect(violations, describeViolations(violations, 'explorer')).toEqual([]);

      // the printed report carries both: A's parameters, the key figures of both and their cohorts
      expect(await p.locator('[data-report-params-a] [data-param="exit"] td').textContent()).toBe(f.factor(3));
      expect(await p.locator('[data-report-params] [data-param="exit"] td').first().textContent()).toBe(f.factor(2));
      expect(await p.locator('[data-report-table]').allTextContents()).toEqual([tr('explorer.compare.keyTable'), tr('explorer.compare.cohortTable')]);
      // the bar charts mark A's value across B's bars
      expect(await p.locator('[data-chart="cohort-return"] [data-other]').count()).toBeGreaterThan(10);

      // the download: one comparison file, which the engine runs to the same figures
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-control="download-scenario"]')]);
      expect(download.suggestedFilename()).toBe('comparison.json');
      const text = readFileSync((await download.path())!, 'utf8');
      const file = validateComparison(JSON.parse(text));
      if (!file.ok) throw new Error(JSON.stringify(file.problems));
      const run = runComparison(file.comparison);
      if (!run.ok) throw new Error(JSON.stringify(run.problems));
      expect(keyFigureRows(run.result.a, run.result.b, f, tr).map((r) => [r.key, r.a, r.b, r.difference])).toEqual(expected);

      // reopened in a fresh page: both sides restored, the same figures
      const again = await visit(`/${locale}/explore/`);
      try {
        await again.page.setInputFiles('[data-control="open"]', { name: 'comparison.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        await again.page.locator('[data-compare-keys]').waitFor();
        await settled(again.page, 60_000);
        expect(await keyTable(again.page)).toEqual(expected);
        expect(await again.page.getAttribute('#x-exit-range', 'aria-valuetext')).toBe(f.factor(2));
        expect(again.errors).toEqual([]);
      } finally {
        await again.context.close();
      }
      // the address carries the comparison (pin=): opened afresh, the same figures
      const fresh = await visit(`/${locale}/explore/?${new URL(p.url()).searchParams.toString()}`);
      try {
        await fresh.page.locator('[data-compare-keys]').waitFor();
        expect(await keyTable(fresh.page)).toEqual(expected);
      } finally {
        await fresh.context.close();
      }
      // stop comparing: back to one scenario
      await p.click('[data-control="unpin"]');
      await settled(p, 60_000);
      expect(await p.locator('[data-compare-keys]').count()).toBe(0);
      expect(await p.locator('[data-chart="price"] path[data-series^="a:"]').count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
