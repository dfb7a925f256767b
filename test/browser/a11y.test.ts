/**
 * Accessibility of the built site in Chromium, gated:
 * - axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 target size, best practices) on every page in both
 *   languages, the root page and the not-found page, in the light and the dark colour scheme, at
 *   1280 px and for a few pages at 360 px: no serious or critical violation;
 * - keyboard: Tab goes through a text page and the explorer in document order (skip link, header
 *   navigation, main content, footer), every stop is on screen with a visible focus indicator,
 *   every control can be reached, and the explorer's other controls work from the keyboard (the
 *   sliders have their own tests in explorer.test.ts);
 * - charts: every chart is an image whose accessible name is its summary, with figures in it, and
 *   has its figures as a table beside it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, gated, runAxe } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { explorerSettled, LOCALES, LOCALIZED_PAGES, url } from './pages.ts';
import { assertBuilt, startStaticServer, type StaticServer } from './serve.ts';

let server: StaticServer;
let browser: Browser;
/** one context and one page for the axe runs at each width, reused from page to page */
const shared = new Map<number, { context: BrowserContext; page: Page }>();

const SCHEMES = ['light', 'dark'] as const;

async function sharedPage(width: number): Promise<Page> {
  let s = shared.get(width);
  if (!s) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    s = { context, page: await context.newPage() };
    shared.set(width, s);
  }
  return s.page;
}

async function load(page: Page, path: string): Promise<void> {
  await page.goto(server.origin + path);
  if (path.includes('/explore/')) await explorerSettled(page, 45_000);
  // the islands that hydrate on load (walkthrough, playground) are hydrated; those that hydrate
  // when scrolled into view (the scenario charts) are checked as the server rendered them
  await page.waitForFunction(() => !document.querySelector('astro-island[ssr]:not([client="visible"])'), undefined, { timeout: 15_000 });
}

/**
 * axe on the page at `path` in each colour scheme (a fresh load for each: switching the scheme on a
 * loaded page can leave stale colours behind in Chromium); the failures as text. `prepare` puts
 * the page in the state to check (tables opened).
 */
async function axeReport(page: Page, path: string, width: number, prepare?: (page: Page) => Promise<void>): Promise<string> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await load(page, path);
    await prepare?.(page);
    const violations = gated(await runAxe(page));
    if (violations.length > 0) found.push(describeViolations(violations, `${path} (${scheme} scheme, ${width} px${prepare ? ', tables open' : ''})`));
  }
  return found.join('\n\n');
}

/** Open every chart's data table (and the other closed groups) and wait for the tables. */
async function openEverything(page: Page): Promise<void> {
  const closed = page.locator('details:not([open]) > summary');
  for (let n = await closed.count(); n > 0; n = await closed.count()) await closed.first().click();
  await expect.poll(() => page.locator('figure[data-chart] table').count()).toBeGreaterThanOrEqual(await page.locator('figure[data-chart]').count());
}

beforeAll(async () => {
  assertBuilt();
  server = await startStaticServer();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const s of shared.values()) await s.context.close();
  await browser?.close();
  await server?.close();
});

const EVERY_PAGE = [
  ...LOCALES.flatMap((locale) => LOCALIZED_PAGES.map((p) => url(locale, p))),
  '/nowhere/',
];

describe('axe: no serious or critical violation, light and dark', () => {
  it.each(EVERY_PAGE)('%s at 1280 px', async (path) => {
    const report = await axeReport(await sharedPage(1280), path, 1280);
    expect(report === '', report).toBe(true);
  });

  it.each(['/zh/', '/en/explore/', '/en/explore/?mo=rights', '/zh/walkthrough/', '/en/walkthrough/custom/', '/en/scenarios/rebate/', '/en/risks/', '/zh/method/'])('%s at 360 px (target sizes too)', async (path) => {
    const report = await axeReport(await sharedPage(360), path, 360);
    expect(report === '', report).toBe(true);
  });

  it.each(['/zh/explore/', '/en/explore/?mo=queue&pin=', '/en/scenarios/legacy/'])('%s with every chart table and closed group open', async (path) => {
    const report = await axeReport(await sharedPage(1280), path, 1280, openEverything);
    expect(report === '', report).toBe(true);
  });

  it('the root page / as a browser without JavaScript gets it (its forward cancelled)', async () => {
    // With JavaScript the page forwards while its head is parsed: nobody sees its body. Without,
    // the meta refresh forwards once it has loaded. The page's own script is kept from running by
    // a Content-Security-Policy header on the served page (axe itself needs JavaScript), and the
    // forward is cancelled (as a reader's Stop would), so the page stays while axe looks at it.
    const found: string[] = [];
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      try {
        const page = await context.newPage();
        await page.route(
          (u) => u.pathname === '/',
          async (route) => {
            const response = await route.fetch();
            await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'unsafe-eval'" } });
          },
        );
        let forwarded = false;
        await page.route(
          (u) => u.pathname === '/zh/' || u.pathname === '/en/',
          (route) => {
            forwarded = true;
            void route.abort('aborted');
          },
        );
        await page.goto(`${server.origin}/`);
        await expect.poll(() => forwarded, { timeout: 10_000 }).toBe(true);
        const violations = gated(await runAxe(page));
        expect(new URL(page.url()).pathname).toBe('/');
        if (violations.length > 0) found.push(describeViolations(violations, `/ (${scheme} scheme, without JavaScript)`));
        await page.unrouteAll({ behavior: 'ignoreErrors' });
      } finally {
        await context.close();
      }
    }
    const report = found.join('\n\n');
    expect(report === '', report).toBe(true);
  });
});

/** Where keyboard focus went, one stop per Tab. */
interface Stop {
  /** tag#id.class "text", for messages */
  what: string;
  region: 'skip' | 'header' | 'main' | 'footer' | 'other';
  /** position among all the document's elements */
  order: number;
  /** box in document coordinates */
  box: { x: number; y: number; width: number; height: number };
  doc: { width: number; height: number };
  outline: string;
  shadow: string;
}

async function focusStop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const all = Array.from(document.querySelectorAll('*'));
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const region = el.classList.contains('skip-link') ? 'skip' : el.closest('header') ? 'header' : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'other';
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return {
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} "${text}"`,
      region,
      order: all.indexOf(el),
      box: { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
      doc: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
      outline: cs.outlineStyle === 'none' ? '' : `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}`,
      shadow: cs.boxShadow === 'none' ? '' : cs.boxShadow,
    } satisfies Stop;
  });
}

/** Tab from the top of the page until focus leaves the document or comes back round. */
async function tabThrough(page: Page, limit: number): Promise<Stop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    if (!stop || (stops.length > 0 && stop.order <= stops[stops.length - 1]!.order)) break;
    stops.push(stop);
  }
  return stops;
}

/** What should be reachable with Tab: the focusable elements that are shown and not disabled. */
async function tabbables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
    return Array.from(document.querySelectorAll<HTMLElement>(sel))
      .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility({ visibilityProperty: true }))
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)))
      .map((el) => `${el.tagName.toLowerCase()} ${Array.from(document.querySelectorAll('*')).indexOf(el)}`);
  });
}

/** The checks every tab order must pass; the problems found, as text. */
function focusProblems(stops: Stop[]): string[] {
  const problems: string[] = [];
  const rank = { skip: 0, header: 1, main: 2, footer: 3, other: 4 };
  if (stops[0]?.region !== 'skip') problems.push(`the first stop is ${stops[0]?.what ?? 'nothing'}, not the skip link`);
  stops.forEach((s, i) => {
    const prev = stops[i - 1];
    if (prev && rank[s.region] < rank[prev.region]) problems.push(`${s.what} (${s.region}) comes after ${prev.what} (${prev.region})`);
    if (prev && s.order <= prev.order) problems.push(`${s.what} is before ${prev.what} in the document but after it in the tab order`);
    if (s.box.width <= 0 || s.box.height <= 0) problems.push(`${s.what} has no size on screen`);
    if (s.box.x + s.box.width < 0 || s.box.y + s.box.height < 0 || s.box.x > s.doc.width || s.box.y > s.doc.height) problems.push(`${s.what} is outside the document (${JSON.stringify(s.box)})`);
    if (!s.outline && !s.shadow) problems.push(`${s.what} shows no focus indicator (no outline, no box-shadow)`);
  });
  return problems;
}

describe('keyboard focus: order and visibility', () => {
  it.each([
    ['/en/how-it-works/', 'a text page'],
    ['/zh/scenarios/rebate/', 'a scenario page with charts'],
    ['/en/walkthrough/custom/', 'your own example: an editable table'],
  ])('%s (%s): skip link, header, main, footer in document order, each stop visible with a focus ring', async (path) => {
    const page = await sharedPage(1280);
    await page.emulateMedia({ colorScheme: 'light' });
    await load(page, path);
    const stops = await tabThrough(page, 400);
    expect(focusProblems(stops)).toEqual([]);
    expect(stops.filter((s) => s.region === 'header').length).toBe(12); // brand, ten pages, language
    expect(stops.some((s) => s.region === 'main')).toBe(true);
    const reached = new Set(stops.map((s) => s.order));
    const missed = (await tabbables(page)).filter((t) => !reached.has(Number(t.split(' ')[1])));
    expect(missed, 'focusable elements that Tab never reached').toEqual([]);
    // the skip link leads into main, and the next Tab goes to main's first control
    await load(page, path);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect((await focusStop(page))?.region).toBe('main');
  });

  it.each(LOCALES)('the explorer (/%s/explore/): every control reached in order with a visible focus', async (locale) => {
    const page = await sharedPage(1280);
    await page.emulateMedia({ colorScheme: 'dark' });
    await load(page, `/${locale}/explore/`);
    const stops = await tabThrough(page, 600);
    expect(focusProblems(stops)).toEqual([]);
    const reached = new Set(stops.map((s) => s.order));
    const missed = (await tabbables(page)).filter((t) => !reached.has(Number(t.split(' ')[1])));
    expect(missed, 'focusable elements that Tab never reached').toEqual([]);
    const kinds = (re: RegExp) => stops.filter((s) => re.test(s.what)).length;
    expect(kinds(/^select/)).toBeGreaterThanOrEqual(2);
    expect(kinds(/^input/)).toBeGreaterThanOrEqual(6);
    expect(kinds(/^button/)).toBeGreaterThanOrEqual(4);
    expect(kinds(/^svg/)).toBeGreaterThanOrEqual(6);
  });

  it('the explorer works from the keyboard: a select, a checkbox, the advanced group, a chart read-out', async () => {
    const page = await sharedPage(1280);
    await page.emulateMedia({ colorScheme: 'light' });
    await load(page, '/en/explore/?d=120&b=50');
    // the growth pattern: a select changed with the arrow keys reruns the scenario
    const growth = page.locator('select[data-control="growth"]');
    const before = await growth.inputValue();
    await growth.focus();
    await page.keyboard.press(before === 'constant' ? 'ArrowDown' : 'ArrowUp');
    await expect.poll(() => growth.inputValue()).not.toBe(before);
    await expect.poll(() => new URL(page.url()).searchParams.get('g')).toBe(await growth.inputValue());
    await explorerSettled(page, 45_000);
    // the log scale: a checkbox toggled with Space redraws the price chart
    const path = () => page.locator('[data-chart="price"] svg[role="img"] path[stroke-width="2.2"]').first().getAttribute('d');
    const drawn = await path();
    const log = page.locator('input[data-control="log"]');
    const wasLog = await log.isChecked();
    await log.focus();
    await page.keyboard.press('Space');
    expect(await log.isChecked()).toBe(!wasLog);
    await expect.poll(path).not.toBe(drawn);
    // the advanced parameters open with Enter on their summary, and their fields take focus
    const advanced = page.locator('details[data-advanced]');
    expect(await advanced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await advanced.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await advanced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('details[data-advanced]') && document.activeElement?.tagName)).toBe('INPUT');
    // a chart: focus it and the arrow keys read its values out
    const chart = page.locator('[data-chart="price"]');
    await chart.locator('svg[role="img"]').focus();
    await page.keyboard.press('End');
    await expect.poll(() => chart.locator('[data-readout]').innerText()).toMatch(/120/);
    await page.keyboard.press('Escape');
    await expect.poll(() => chart.locator('[data-readout]').innerText()).toBe('');
  });
});

/** Every image in the accessibility tree (as a screen reader gets it): its name and description. */
async function axImages(page: Page): Promise<{ name: string; description: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string }; description?: { value?: string } }[];
    };
    return nodes
      .filter((n) => !n.ignored && n.role?.value === 'image')
      .map((n) => ({ name: String(n.name?.value ?? ''), description: String(n.description?.value ?? '') }));
  } finally {
    await cdp.detach();
  }
}

const CHART_PAGES = [
  ...LOCALES.flatMap((locale) => LOCALIZED_PAGES.filter((p) => p.name === 'explore' || p.name.startsWith('scenario-')).map((p) => url(locale, p))),
  // the model family's charts (issue 16): a queue's, and the rights' against the seed's model
  '/en/explore/?mo=queue',
  '/zh/explore/?mo=rights&pin=',
];

describe('charts are announced with their summary', () => {
  it.each(CHART_PAGES)('%s: each chart is an image named by its title and a summary with figures, with a table beside it', async (path) => {
    const page = await sharedPage(1280);
    await page.emulateMedia({ colorScheme: 'light' });
    await load(page, path);
    const charts = await page.locator('figure[data-chart]').evaluateAll((figs) =>
      figs.map((f) => ({
        chart: f.getAttribute('data-chart') ?? '',
        title: f.querySelector('.title')?.textContent?.trim() ?? '',
        summary: f.querySelector('[data-summary]')?.textContent?.trim() ?? '',
        images: f.querySelectorAll('svg[role="img"]').length,
        table: !!f.querySelector('table, details > summary'),
      })),
    );
    // the seed's explorer draws 8 charts; a model of the family 7 (5 common, completion and its own); a scenario page at least 3
    expect(charts.length).toBeGreaterThanOrEqual(path.includes('?mo=') ? 7 : path.includes('/explore/') ? 8 : 3);
    const images = await axImages(page);
    expect(images.length).toBe(charts.reduce((n, c) => n + c.images, 0));
    for (const c of charts) {
      expect(c.images, `${c.chart}: one chart image`).toBe(1);
      expect(c.table, `${c.chart}: its figures as a table`).toBe(true);
      expect(c.summary, `${c.chart}: a summary with figures`).toMatch(/\d/);
      const image = images.find((i) => i.name.startsWith(c.title));
      expect(image, `${c.chart}: an image named "${c.title}. …" (names: ${images.map((i) => i.name).join(' | ')})`).toBeDefined();
      expect(`${image!.name} ${image!.description}`, `${c.chart}: the accessible name carries the summary`).toContain(c.summary);
    }
  });
});
