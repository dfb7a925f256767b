/**
 * The model pages (issue 16) in Chromium, both languages: the comparison with the seed's model on
 * the same buyers is on the page as three tables whose figures are the build-time comparison's
 * (src/figures/models.ts), with no script; the index links every model page.
 */
import { describe, expect, it } from 'vitest';
import { browser, server, useBuiltSite } from './built-site.ts';
import { MODEL_SIDES, MODEL_SLUGS, SEED_SIDE, modelComparison, stoppedCohorts } from '../../src/figures/models.ts';
import { formatNumber } from '../../src/i18n/index.ts';

useBuiltSite();

describe.each(['zh', 'en'] as const)('model pages in /%s/', (locale) => {
  it.each(MODEL_SLUGS)('%s: the comparison’s tables, read off the run, no script, no error', async (slug) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(`${server.origin}/${locale}/models/${slug}/`, { waitUntil: 'networkidle' });
      const section = page.locator(`.model-comparison[data-model="${slug}"]`);
      expect(await section.count()).toBe(1);
      expect(await section.innerText()).not.toMatch(/\{|\}|NaN|Infinity|undefined|pages\.model/);
      const c = modelComparison(slug);
      // who gets paid: one row a cohort, the model's share of spend as the run has it
      const paid = section.locator('[data-table="paid"] tbody tr');
      expect(await paid.count()).toBe(c.cohorts.length);
      const pct = (x: unknown) => `${formatNumber(Number(x) * 100, locale, { maxDecimals: 1 })}%`;
      for (let i = 0; i < c.cohorts.length; i++) {
        expect(await paid.nth(i).locator('[data-col="b"]').innerText()).toBe(pct(c.cohorts[i]!.multipleB));
        expect(await paid.nth(i).locator('[data-col="a"]').innerText()).toBe(pct(c.cohorts[i]!.multipleA));
      }
      // the stop test: the cohorts that bought before the stop, each side's share of spend and of promise
      const stop = section.locator('[data-table="stop"] tbody tr');
      const b = stoppedCohorts(c.stop!.b);
      expect(await stop.count()).toBe(b.length);
      expect(await stop.first().locator('[data-col="b-spend"]').innerText()).toBe(pct(b[0]!.ofSpend));
      expect(await stop.first().locator('[data-col="b-promise"]').innerText()).toBe(pct(b[0]!.ofPromise));
      // the failure in its own terms: the first default day where there is one
      const fd = await section.locator('[data-fig="firstDefault"]').innerText();
      if (c.b.view.firstDefaultDay !== null) expect(fd).toContain(formatNumber(c.b.view.firstDefaultDay, locale));
      // the scenarios to run it again are the ones the page ran
      expect(JSON.parse(await section.locator('pre[data-file="seed"]').textContent() ?? '')).toEqual(SEED_SIDE);
      expect(JSON.parse(await section.locator('pre[data-file="model"]').textContent() ?? '')).toEqual(MODEL_SIDES[slug]);
      // a text page: no script of its own
      expect(await page.locator('astro-island').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the index links every model page, and the method page links the index', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/models/`, { waitUntil: 'networkidle' });
      for (const slug of MODEL_SLUGS) expect(await page.locator(`main a[href="/${locale}/models/${slug}/"]`).count(), slug).toBeGreaterThan(0);
      await page.goto(`${server.origin}/${locale}/method/`, { waitUntil: 'networkidle' });
      expect(await page.locator(`main a[href="/${locale}/models/"]`).count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
