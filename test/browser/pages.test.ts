/**
 * The explainer pages (issue #6) in a real Chromium: every page in both languages with its
 * figures filled in, the glossary links landing on a term, the language switch keeping the page,
 * the claim checker's fourteen claims, the scenario pages' live presets.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

const PATHS = [
  'walkthrough',
  'how-it-works',
  'claims',
  'risks',
  'method',
  'glossary',
  'scenarios',
  'scenarios/inventory',
  'scenarios/legacy',
  'scenarios/rebate',
  'scenarios/newcomer',
  'scenarios/financing',
  'scenarios/distribution',
  'models',
  'models/back-office',
  'models/release',
  'models/queue',
  'models/rights',
];
/** pages reached from the text rather than the nav: the model family's (linked from the method page, glossary, claims and risks) */
const OFF_NAV = new Set(['models']);

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(server.origin + path, { waitUntil: 'networkidle' });
  return { page, errors, close: () => context.close() };
}

describe.each(['zh', 'en'] as const)('explainer pages in /%s/', (locale) => {
  it.each(PATHS)('%s: figures filled, nothing left unrendered, in the page language', async (path) => {
    const { page, errors, close } = await open(`/${locale}/${path}/`);
    try {
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/\{\{|\}\}|NaN|Infinity|undefined|glossary:|page:/);
      if (path !== 'glossary') expect(await page.locator('main .fig').count()).toBeGreaterThan(0);
      expect(await page.getAttribute('html', 'lang')).toBe(locale === 'zh' ? 'zh-CN' : 'en');
      // the nav marks the page (scenario pages: none, they sit under the scenarios item)
      if (!path.includes('/') && !OFF_NAV.has(path)) expect(await page.locator(`nav a[aria-current="page"]`).getAttribute('href')).toBe(`/${locale}/${path}/`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('every internal link of the explainer pages leads to a page that exists, and glossary links to a term', async () => {
    const { page, close } = await open(`/${locale}/how-it-works/`);
    try {
      const hrefs = new Set<string>();
      for (const path of PATHS) {
        await page.goto(`${server.origin}/${locale}/${path}/`, { waitUntil: 'domcontentloaded' });
        for (const h of await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) hrefs.add(h);
      }
      const glossary = [...hrefs].filter((h) => h.includes('/glossary/#'));
      expect(glossary.length).toBeGreaterThan(10);
      await page.goto(`${server.origin}/${locale}/glossary/`, { waitUntil: 'domcontentloaded' });
      for (const h of glossary) expect(await page.locator(`[id="${h.split('#')[1]}"]`).count(), h).toBe(1);
      for (const h of [...hrefs].map((x) => x.split('#')[0]!)) {
        const r = await page.request.get(server.origin + h);
        expect(r.status(), h).toBe(200);
      }
    } finally {
      await close();
    }
  });

  it('the claim checker shows all fourteen claims, each with a verdict', async () => {
    const { page, close } = await open(`/${locale}/claims/`);
    try {
      const headings = await page.locator('main h3').allInnerTexts();
      expect(headings.length).toBe(14);
      expect(await page.locator('main .verdict').count()).toBeGreaterThanOrEqual(14 + 4);
      const text = await page.locator('main').innerText();
      for (const figure of ['1.43', '1.68', '1.87', '4.76', '14.29', '20.41', '7.1876']) expect(text).toContain(figure);
    } finally {
      await close();
    }
  });

  it('a scenario page shows its live preset: key figures, cohorts, stop test and how to reproduce it', async () => {
    const { page, close } = await open(`/${locale}/scenarios/distribution/`);
    try {
      const live = page.locator('.scenario-results');
      expect(await live.locator('dd[data-fig="users"]').innerText()).toMatch(/^\d{1,3}(,\d{3})*$/);
      expect(await live.locator('table').count()).toBeGreaterThanOrEqual(4);
      expect(await live.locator('li[data-flag]').count()).toBe(4);
      expect(await live.locator('details pre').first().textContent()).toContain('examples/scenarios/distribution.json');
      // the preset opens in the explorer with its parameters in the address
      const href = await live.locator('a.open-explorer').getAttribute('href');
      expect(href).toMatch(new RegExp(`^/${locale}/explore/\\?.+`));
      await page.goto(server.origin + href!, { waitUntil: 'networkidle' });
      expect(new URL(page.url()).search.length).toBeGreaterThan(1);
    } finally {
      await close();
    }
  });

  it('the language switch keeps the reader on the same scenario page', async () => {
    const { page, close } = await open(`/${locale}/scenarios/legacy/`);
    try {
      await page.locator('.lang-switch a').click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).pathname).toBe(`/${locale === 'zh' ? 'en' : 'zh'}/scenarios/legacy/`);
    } finally {
      await close();
    }
  });
});

describe('scenario charts (the explorer’s LineChart, drawn from the build-time run)', () => {
  it.each(['zh', 'en'] as const)('/%s/scenarios/newcomer/: price, pool and coverage charts with their tables', async (locale) => {
    const { page, errors, close } = await open(`/${locale}/scenarios/newcomer/`);
    try {
      const charts = page.locator('.scenario-results .charts svg');
      expect(await charts.count()).toBeGreaterThanOrEqual(3);
      const summary = await page.locator('.scenario-results .charts').innerText();
      expect(summary).toMatch(/\d/);
      expect(summary).not.toMatch(/NaN|Infinity|undefined|\{\w+\}/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
