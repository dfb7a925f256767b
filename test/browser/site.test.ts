/**
 * The built site in a real Chromium: served from dist/ on 127.0.0.1, every request recorded.
 * Run `astro build` first (npm test does); without dist/ every test here fails saying so.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HTML_LANG, LOCALES, LOCALIZED_PAGES, offSite, settledIfExplorer, url } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


/**
 * What a visit saw besides the page: every request's URL, and its errors: console.error messages,
 * uncaught exceptions, failed requests and HTTP errors. Requests and responses are recorded for the
 * whole context, so that those of the explorer's workers count too.
 */
interface Visit {
  page: Page;
  context: BrowserContext;
  requests: string[];
  errors: string[];
}

async function visit(path: string, options: { width?: number; locale?: string } = {}): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m: ConsoleMessage) => {
    // Chromium logs an HTTP error status as a console error too; /nowhere/ is the 404 test's own
    if (m.type() === 'error' && !m.location().url.endsWith('/nowhere/')) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  context.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    // a navigation (the root page's forward, a click) cancels what is still loading: not a fault
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${reason}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/nowhere/')) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(server.origin + path, { waitUntil: 'networkidle' });
  // the explorer: wait for its final run, so that the workers' requests and messages are in
  await settledIfExplorer(page);
  return { page, context, requests, errors };
}

/** Requests to anything but the local server. */
const foreign = (requests: string[]) => offSite(requests, server.origin);

async function columnText(page: Page, col: string, within = '#seed-example'): Promise<string[]> {
  return page.locator(`${within} td[data-col="${col}"]`).allInnerTexts();
}

useBuiltSite();

describe.each(LOCALES)('home page /%s/', (locale) => {
  it('loads with the right lang attribute and title', async () => {
    const v = await visit(`/${locale}/`);
    try {
      expect(await v.page.getAttribute('html', 'lang')).toBe(HTML_LANG[locale]);
      expect(await v.page.title()).toContain(locale === 'zh' ? '积分增值沙盘' : 'Points Pool Explorer');
      await expect(v.page.locator('main#main').count()).resolves.toBe(1);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('shows the seed example as the engine computes it', async () => {
    const v = await visit(`/${locale}/`);
    try {
      const p = v.page;
      expect(await columnText(p, 'inflow')).toEqual(['300', '300', '300']);
      expect(await columnText(p, 'issued')).toEqual(['210', '147', '124.95']);
      expect(await columnText(p, 'pool')).toEqual(['300', '600', '900']);
      expect(await columnText(p, 'points')).toEqual(['210', '357', '481.95']);
      expect(await columnText(p, 'price')).toEqual(['1.4286', '1.6807', '1.8674']);
      expect(await columnText(p, 'price-short')).toEqual(['1.43', '1.68', '1.87']);
      const titles = await p.locator('#seed-example td[data-col="price"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('title')));
      expect(titles.map((t) => t?.slice(0, 12))).toEqual(['1.4285714285', '1.6806722689', '1.8674136321']);
      const buyers = await p.locator('#seed-example tbody th[scope="row"]').allInnerTexts();
      expect(buyers).toEqual(['A', 'B', 'C']);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('makes no request to any host but the local server', async () => {
    const v = await visit(`/${locale}/`);
    try {
      // the island hydrates: its script was fetched, from here
      expect(v.requests.some((u) => u.endsWith('.js'))).toBe(true);
      expect(foreign(v.requests)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe.each(LOCALES)('every page in /%s/', (locale) => {
  it.each(LOCALIZED_PAGES)('$name: lang, switch to the same page in the other language, no errors', async (page) => {
    const other = locale === 'zh' ? 'en' : 'zh';
    const v = await visit(url(locale, page));
    try {
      expect(await v.page.getAttribute('html', 'lang')).toBe(HTML_LANG[locale]);
      const link = v.page.locator(`.lang-switch a[hreflang="${HTML_LANG[other]}"]`);
      await Promise.all([v.page.waitForURL(`${server.origin}${url(other, page)}`), link.click()]);
      await v.page.waitForLoadState('networkidle');
      await settledIfExplorer(v.page);
      expect(await v.page.getAttribute('html', 'lang')).toBe(HTML_LANG[other]);
      expect(foreign(v.requests)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it.each(LOCALIZED_PAGES)('$name: no horizontal scroll at 360 and 768 px (phone, tablet)', async (page) => {
    for (const width of [360, 768]) {
      const v = await visit(url(locale, page), { width });
      try {
        const { scroll, client } = await v.page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(scroll, `${width} px`).toBeLessThanOrEqual(client);
      } finally {
        await v.context.close();
      }
    }
  });
});

describe('the error gate', () => {
  it('sees console errors, uncaught exceptions, failed requests and HTTP errors (so "no errors" means something)', async () => {
    const v = await visit('/en/');
    try {
      expect(v.errors).toEqual([]);
      await v.page.evaluate(async () => {
        console.error('probe: console');
        setTimeout(() => {
          throw new Error('probe: uncaught');
        });
        await fetch('/probe-missing.js').catch(() => undefined);
        await fetch('http://127.0.0.1:9/probe-refused.js').catch(() => undefined);
      });
      await expect.poll(() => v.errors.length).toBeGreaterThanOrEqual(4);
      const all = v.errors.join('\n');
      expect(all).toMatch(/console: probe: console/);
      expect(all).toMatch(/page error: probe: uncaught/);
      expect(all).toMatch(/HTTP 404: .*probe-missing\.js/);
      expect(all).toMatch(/request failed: .*probe-refused\.js/);
      expect(foreign(v.requests)).toEqual(['http://127.0.0.1:9/probe-refused.js']);
    } finally {
      await v.context.close();
    }
  });
});

describe('language switch with state', () => {
  it('keeps the query string and the hash', async () => {
    const v = await visit('/zh/?orders=5#seed-example');
    try {
      await Promise.all([
        v.page.waitForURL(`${server.origin}/en/?orders=5#seed-example`),
        v.page.locator('.lang-switch a').click(),
      ]);
      expect(await v.page.getAttribute('html', 'lang')).toBe('en');
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe('keyboard and landmarks', () => {
  it('the first Tab lands on the skip link, which is visible and leads to main', async () => {
    const v = await visit('/zh/');
    try {
      await v.page.keyboard.press('Tab');
      const focused = await v.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const box = el?.getBoundingClientRect();
        return { cls: el?.className, href: el?.getAttribute('href'), top: box?.top ?? -1, outline: el ? getComputedStyle(el).outlineStyle : '' };
      });
      expect(focused.cls).toBe('skip-link');
      expect(focused.href).toBe('#main');
      expect(focused.top).toBeGreaterThanOrEqual(0);
      expect(focused.outline).not.toBe('none');
      await v.page.keyboard.press('Enter');
      expect(await v.page.evaluate(() => document.activeElement?.id)).toBe('main');
    } finally {
      await v.context.close();
    }
  });
});

describe('the order playground (Svelte island)', () => {
  it('reruns the engine in the browser and keeps the last good table on bad input', async () => {
    const v = await visit('/en/');
    try {
      const p = v.page;
      const section = p.locator('section[aria-labelledby="playground"]');
      const count = section.getByLabel('Number of orders');
      const amount = section.getByLabel('Amount of each order');
      await p.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      await count.fill('5');
      await expect.poll(() => section.locator('tbody tr').count()).toBe(5);
      expect(await section.locator('td[data-col="issued"]').first().innerText()).toBe('210');
      await amount.fill('2000');
      await expect.poll(() => section.locator('td[data-col="inflow"]').first().innerText()).toBe('600');
      // equal orders: the price path does not depend on the amount
      expect(await section.locator('td[data-col="price"]').nth(2).innerText()).toBe('1.8674');
      await amount.fill('0');
      await expect.poll(() => section.locator('[role="status"]').innerText()).toContain('greater than 0');
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await section.locator('td[data-col="inflow"]').first().innerText()).toBe('600');
      expect(foreign(v.requests)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe('the root page', () => {
  it.each([
    ['zh-CN', '/zh/'],
    ['en-US', '/en/'],
  ])('a browser preferring %s is sent to %s', async (browserLocale, target) => {
    const v = await visit('/', { locale: browserLocale });
    try {
      await v.page.waitForURL(`${server.origin}${target}`);
      expect(foreign(v.requests)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('without JavaScript offers both languages and refreshes to /zh/ at once', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const html = await (await context.request.get(`${server.origin}/`)).text();
      expect(html).toContain('href="/zh/"');
      expect(html).toContain('href="/en/"');
      // no delay: a timed forward is a time limit (WCAG 2.2.1, axe's meta-refresh rule)
      expect(html).toMatch(/<meta http-equiv="refresh" content="0; url=\/zh\/"/);
      await page.goto(`${server.origin}/`);
      await page.waitForURL(`${server.origin}/zh/`);
    } finally {
      await context.close();
    }
  });

  it('an unknown path gets the bilingual 404 page, with no errors and nothing fetched off the site', async () => {
    const v = await visit('/nowhere/');
    try {
      expect(await v.page.locator('h1').innerText()).toBe('找不到这个页面');
      expect(await v.page.locator('a[href="/en/"]').count()).toBe(1);
      // the page's own 404 status is the point (the listener leaves /nowhere/ out); anything else is an error
      expect(foreign(v.requests)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
