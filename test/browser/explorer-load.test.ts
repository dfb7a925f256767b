/**
 * How the explorer loads (issue 18: Lighthouse's total blocking time on a phone), in both
 * languages. Hydrating the whole island was the page's longest task, so the page as built holds
 * the toolbar and the first group of the main controls only; once mounted, the island draws the
 * other groups one per task, then what follows them (the status, the advanced controls, the
 * results). Checked here: what the built page holds; that every main group is there once loaded
 * (the four of the seed's model: model, flow, selling, exit); and that nothing on screen moves
 * while the page loads, at Lighthouse's phone size (412 x 823) and at 1280 px: the sum of the
 * browser's layout-shift scores (cumulative layout shift, without input) stays at 0.
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
});
