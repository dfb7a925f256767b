/**
 * The explorer's buyer limit and a long run's progress, in Chromium (issue 18): a device that
 * reports 4 GB of memory or less (navigator.deviceMemory, set by an init script) gets the lower
 * limit of table.ts BUYER_LIMIT, stated on the page in its language, with the buyers slider
 * stopping below it; a desktop gets the higher one; a run of millions of buyers shows its coarse
 * preview first and then its progress (day of days) until its final charts.
 */
import { describe, expect, it } from 'vitest';
import { browser, server, useBuiltSite } from './built-site.ts';
import { explorerSettled } from './pages.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';

useBuiltSite();

/** open a page on a device reporting this much memory (GB; undefined: reporting nothing, as Firefox and Safari do) */
async function open(path: string, deviceMemory: number | undefined) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript((gb) => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => (gb === -1 ? undefined : gb), configurable: true }), deviceMemory ?? -1);
  await page.goto(server.origin + path);
  return { context, page, errors };
}

describe.each(['en', 'zh'] as const)('/%s/explore/: the buyer limit of the device', (locale) => {
  const t = (key: string) => (locale === 'en' ? en : zh)[key as keyof typeof en] as string;
  it('on a device reporting 2 GB: 3 million buyers at most, said on the page; the buyers slider stops at 810 a day', async () => {
    const { context, page, errors } = await open(`/${locale}/explore/`, 2);
    try {
      await explorerSettled(page);
      const note = await page.locator('[data-buyer-limit]').innerText();
      // the template with the figures in the page's language (3,000,000 is written alike in both)
      expect(note).toBe(t('explorer.limit.lowMemory').replace('{gb}', '4').replace('{max}', '3,000,000').replace('{desktop}', '10,000,000'));
      // 100 a day growing 1% a day: 3678.3 buyers for each buyer a day on day 1 (test/explorer/table.test.ts), so 3,000,000 / 3678.3 = 815.6: 810 on steps of 10
      expect(await page.getAttribute('#x-perDay-range', 'max')).toBe('810');
      // a value typed beyond it is refused with a message naming the limit
      await page.fill('#x-perDay', '900');
      const problem = await page.locator('#x-growthRate-problem').innerText();
      expect(problem).toContain('3,000,000');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a desktop (8 GB, or nothing reported): no note, the buyers slider runs to its table maximum of 1000', async () => {
    for (const gb of [8, undefined]) {
      const { context, page, errors } = await open(`/${locale}/explore/`, gb);
      try {
        await explorerSettled(page);
        expect(await page.locator('[data-buyer-limit]').count()).toBe(0);
        // 1000 a day at 1% is 3,678,300 buyers, within 10,000,000
        expect(await page.getAttribute('#x-perDay-range', 'max')).toBe('1000');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});

describe('/en/explore/: a run of millions of buyers', () => {
  it('shows its coarse preview, then its progress, then its final charts', async () => {
    // 900 a day growing 1% a day: about 3.3 million buyers (900 x 3678.3), over the low-memory limit, within the desktop's
    const { context, page, errors } = await open('/en/explore/?b=900', 8);
    try {
      const seen = new Set<string>();
      const drawnFirst = await page.waitForFunction(() => document.querySelector('[data-drawn]')?.getAttribute('data-drawn'), undefined, { timeout: 120_000 });
      expect(String(await drawnFirst.jsonValue())).toMatch(/^\d+:900:coarse$/);
      await page.waitForFunction(() => document.querySelector('[data-status]')?.hasAttribute('data-progress'), undefined, { timeout: 120_000 });
      const progress = (await page.getAttribute('[data-status]', 'data-progress'))!;
      const [day, days] = progress.split('/').map(Number);
      expect(days).toBe(365);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(365);
      seen.add(await page.locator('[data-status]').innerText());
      // while the preview shows, the key figures say they are approximate (read in one go, so the final run cannot come between)
      const during = await page.evaluate(() => ({ drawn: document.querySelector('[data-drawn]')?.getAttribute('data-drawn') ?? '', heading: document.querySelector('#x-key-h')?.textContent ?? '' }));
      expect(during.drawn).toMatch(/:coarse$/);
      expect(during.heading).toBe('Key figures(preview, approximate)');
      expect([...seen].some((s) => /\(day [\d,]+ of 365\)/.test(s))).toBe(true);
      await explorerSettled(page, 240_000);
      expect(await page.getAttribute('[data-drawn]', 'data-drawn')).toMatch(/^\d+:900:final$/);
      expect(await page.getAttribute('[data-status]', 'data-progress')).toBeNull();
      // the final run's key figures carry no preview mark
      expect(await page.locator('[data-key-preview]').count()).toBe(0);
      expect(await page.locator('#x-key-h').innerText()).toBe('Key figures');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});

describe('/en/explore/: a long run named by the address starts before the island (src/explorer/early.ts)', () => {
  it('is computed once: the worker started by the page\'s script runs it, the island takes it over (sending only its coarse run), and its final charts show', async () => {
    // 5,000 new buyers a day for 100 days, constant: 500,000 buyers, more than twice COARSE_BUYERS
    // (40,000), so it starts early, and more than the first charts wait for (10 x COARSE_BUYERS,
    // Explorer.svelte FIRST_WAIT_BUYERS), so the island sends its preview: a long run as far as the page is concerned
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // every message the page posts to a worker: its type, and for a run its coarse size (0: the full run)
    await page.addInitScript(() => {
      const posted: string[] = [];
      (window as unknown as { posted: string[] }).posted = posted;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, m: { type: string; req?: { coarseBuyers?: number } }, ...rest: unknown[]) {
        posted.push(m.type === 'run' ? `run ${m.req?.coarseBuyers ?? 0}` : m.type);
        return (post as (...a: unknown[]) => void).call(this, m, ...rest);
      } as typeof Worker.prototype.postMessage;
    });
    try {
      await page.goto(`${server.origin}/en/explore/?b=5000&g=constant&d=100`);
      await explorerSettled(page, 120_000);
      expect(await page.getAttribute('[data-drawn]', 'data-drawn')).toMatch(/^\d+:5000:final$/);
      const posted = await page.evaluate(() => (window as unknown as { posted: string[] }).posted);
      // the early start, then the island's coarse run (PREVIEW_BUYERS, 20,000): no full run sent by the island
      expect(posted[0]).toBe('early');
      expect(posted.filter((p) => p === 'early')).toHaveLength(1);
      expect(posted).toContain('run 20000');
      expect(posted).not.toContain('run 0');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
