/**
 * How the explorer loads (issue 18: Lighthouse's total blocking time on a phone), in both
 * languages. Hydrating the whole island was the page's longest task, so the page as built holds
 * the toolbar and the first group of the main controls only; once mounted, the island draws the
 * other groups one per task, then what follows them (the status, the advanced controls, the
 * results). Checked here: what the built page holds; that every main group is there once loaded
 * (the four of the seed's model: model, flow, selling, exit); and that nothing on screen moves
 * while the page loads, at Lighthouse's phone size (412 x 823) and at 1280 px: the sum of the
 * browser's layout-shift scores (cumulative layout shift, without input) stays at 0; and that each
 * chart, which learns its width only once laid out (no layout forced in its first draw), ends drawn at
 * its frame's width.
 */
import { describe, expect, it } from 'vitest';
import { explorerSettled } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';

useBuiltSite();

describe.each(['en', 'zh'] as const)('the explorer loading /%s/explore/', (locale) => {
  it('as built, holds the first group of the main controls and not the rest', async () => {
    const html = await (await fetch(`${server.origin}/${locale}/explore/`)).text();
    expect(html).toContain('data-group="model"');
    for (const group of ['flow', 'sell', 'exit']) expect(html).not.toContain(`data-group="${group}"`);
    // nor the status line, which would move down as the groups come in
    expect(html).not.toContain('data-status');
  });

  it.each([
    { width: 412, height: 823, mobile: true },
    { width: 1280, height: 800, mobile: false },
  ])('draws every main group once loaded, and nothing moves on screen meanwhile ($width px)', async ({ width, height, mobile }) => {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile });
    const page = await context.newPage();
    try {
      // every layout shift from the start (the scores Lighthouse sums as cumulative layout shift)
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: { value: number; nodes: string[] }[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
            if (!e.hadRecentInput) w.shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node instanceof Element ? s.node.outerHTML.slice(0, 80) : String(s.node?.nodeName))) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${server.origin}/${locale}/explore/`);
      await explorerSettled(page, 60_000);
      expect(await page.locator('.main-controls > fieldset').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-group')))).toEqual(['model', 'flow', 'sell', 'exit']);
      await page.locator('[data-status]').waitFor();
      const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; nodes: string[] }[] }).shifts);
      // named in the failure: what moved, and by how much
      expect(shifts.filter((s) => s.value > 0.0001)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // A chart is drawn first at the width the chart before it measured (640 px for the first) and
  // learns its own from a ResizeObserver once the page is laid out (chart.ts laidOutSize): each
  // ends drawn at its frame's width, max(260, clientWidth rounded), as its viewBox says.
  it.each([
    { width: 412, height: 823, mobile: true },
    { width: 1280, height: 800, mobile: false },
  ])("draws each chart at its own frame's width once laid out ($width px)", async ({ width, height, mobile }) => {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/explore/`);
      await explorerSettled(page, 60_000);
      const charts = () =>
        page.locator('figure.chart[data-chart]').evaluateAll((fs) =>
          fs.map((f) => ({ chart: f.getAttribute('data-chart'), frame: Math.max(260, Math.round(f.clientWidth)), drawn: Number(f.querySelector('svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2]) })),
        );
      await expect.poll(async () => (await charts()).filter((c) => c.frame !== c.drawn), { timeout: 5000 }).toEqual([]);
      // the seed's charts: price, solvency, coverage, shortfall, money, two cohort charts, distribution, the followed buyer
      expect((await charts()).length).toBeGreaterThanOrEqual(9);
      // a phone's frames are narrower than the first guess of 640 px: the observer did redraw them
      if (mobile) expect((await charts()).every((c) => c.drawn < 640)).toBe(true);
    } finally {
      await context.close();
    }
  });
  // The default scenario runs coarse first (9 orders to one: coarse.ts) and then in full, about ten
  // coarse runs' time: its charts wait for the full run and draw once, rather than draw the preview
  // and again (Explorer.svelte FIRST_WAIT_COARSE). What the chart area draws (data-drawn,
  // "<request>:<buyers a day>:<final|coarse>") is recorded from the start: one value, the final run.
  it('draws its first charts once, from the final run of the default scenario', async () => {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { drawnAll: string[] };
        w.drawnAll = [];
        new MutationObserver(() => {
          const now = document.querySelector('[data-drawn]')?.getAttribute('data-drawn');
          if (now && now !== w.drawnAll[w.drawnAll.length - 1]) w.drawnAll.push(now);
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
      });
      await page.goto(`${server.origin}/${locale}/explore/`);
      await explorerSettled(page, 60_000);
      const seen = await page.evaluate(() => (window as unknown as { drawnAll: string[] }).drawnAll);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^\d+:\d+:final$/);
    } finally {
      await context.close();
    }
  });
  it('draws the print-only report\'s cohort table some rows per task, and whole by the time the page is final', async () => {
    // The table is drawn REPORT_ROWS (12) rows per task after the rest (Explorer.svelte); data-final
    // waits for the last. Its rows, then, are the cohorts of the final run: as many as the rows of
    // the cohort chart's own data table (one per cohort, shown on opening "show as table"). The
    // default year holds more than 12 cohorts, so a table cut at its first chunk fails here.
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    try {
      await page.goto(`${server.origin}/${locale}/explore/`);
      await explorerSettled(page, 60_000);
      const reportRows = await page.locator('[data-report-cohorts] tbody tr').count();
      await page.locator('[data-chart="cohort-return"] > details > summary').click();
      // the chart's table is drawn on the details' toggle event, which comes a task after the click
      await page.locator('[data-chart="cohort-return"] table tbody tr').first().waitFor();
      const chartRows = await page.locator('[data-chart="cohort-return"] table tbody tr').count();
      expect(chartRows).toBeGreaterThan(12);
      expect(reportRows).toBe(chartRows);
    } finally {
      await page.close();
    }
  });
});
