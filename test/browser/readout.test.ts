/**
 * Read-outs on the line charts (issue 17, part 4), in Chromium, both languages: focus a chart from
 * the keyboard and it reads out its first day; ArrowRight moves to the next day, and the read-out
 * (the day and every series' value) is that day's row of the chart's own data table, word for word;
 * PageUp, End and Home move as src/explorer/readout.ts says; the live region speaks on keyboard
 * moves and stays silent on pointer moves; Escape clears. In the explorer (the price chart, and
 * with a what-if its baseline too) and on a scenario page (the same LineChart).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { explorerSettled, LOCALES } from './pages.ts';
import { assertBuilt, startStaticServer, type StaticServer } from './serve.ts';
import { pageStep } from '../../src/explorer/readout.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  server = await startStaticServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Shown {
  index: number;
  day: string;
  items: { key: string; value: string }[];
  live: string;
}

async function shown(chart: Locator): Promise<Shown> {
  return chart.evaluate((fig) => {
    const box = fig.querySelector<HTMLElement>('[data-readout]')!;
    return {
      index: Number(box.dataset['index']),
      day: box.hidden ? '' : (box.querySelector('.readout-day')?.textContent ?? ''),
      items: box.hidden ? [] : [...box.querySelectorAll<HTMLElement>('li')].map((li) => ({ key: li.dataset['series']!, value: li.querySelector('.readout-value')!.textContent! })),
      live: fig.querySelector('[data-readout-live]')!.textContent ?? '',
    };
  });
}

/** The chart's data table: its header's series labels, and each row's day and values as shown. */
async function table(chart: Locator): Promise<{ head: string[]; rows: { day: string; values: string[] }[] }> {
  const details = chart.locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  return chart.locator('table').evaluate((t) => ({
    head: [...t.querySelectorAll('thead th')].slice(1).map((th) => th.textContent!),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({ day: tr.querySelector('th')!.textContent!, values: [...tr.querySelectorAll('td')].map((td) => td.textContent!) })),
  }));
}

/** Tab from the top of the page until the chart's SVG has keyboard focus. */
async function tabTo(page: Page, chart: Locator): Promise<void> {
  const svg = chart.locator('svg[role="img"]');
  await svg.evaluate((el) => {
    // start from the element just before it in the tab order: the chart's heading area
    (el.closest('figure') as HTMLElement).setAttribute('tabindex', '-1');
    (el.closest('figure') as HTMLElement).focus();
    (el.closest('figure') as HTMLElement).removeAttribute('tabindex');
  });
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    if (await svg.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('the chart never got focus from Tab');
}

async function checkKeyboard(page: Page, chart: Locator, locale: string): Promise<void> {
  const { head, rows } = await table(chart);
  const n = rows.length;
  expect(n).toBeGreaterThan(20);
  await tabTo(page, chart);
  // focused from the keyboard: the first day, shown but not yet announced
  await expect.poll(async () => (await shown(chart)).index).toBe(0);
  await page.keyboard.press('ArrowRight');
  const s = await shown(chart);
  expect(s.index).toBe(1);
  // the read-out is the table's second row: the day, and each series' value in the table's column order
  const row = rows[1]!;
  expect(s.day).toContain(row.day);
  expect(s.day).toBe(locale === 'zh' ? `第 ${row.day} 天` : `Day ${row.day}`);
  expect(s.items.map((it) => it.value)).toEqual(row.values);
  expect(s.items).toHaveLength(head.length);
  // announced once, politely: the same day and values in one sentence
  const [colon, semi] = locale === 'zh' ? ['：', '；'] : [': ', '; '];
  expect(s.live).toBe(`${s.day}${colon}${head.map((h, i) => `${h} ${row.values[i]}`).join(semi)}`);
  // PageUp: a tenth of the chart on; End and Home: the last and first days
  await page.keyboard.press('PageUp');
  const up = 1 + pageStep(n);
  expect((await shown(chart)).index).toBe(up);
  expect((await shown(chart)).items.map((it) => it.value)).toEqual(rows[up]!.values);
  await page.keyboard.press('PageDown');
  expect((await shown(chart)).index).toBe(1);
  await page.keyboard.press('End');
  expect((await shown(chart)).items.map((it) => it.value)).toEqual(rows[n - 1]!.values);
  await page.keyboard.press('ArrowRight');
  expect((await shown(chart)).index).toBe(n - 1);
  await page.keyboard.press('Home');
  expect((await shown(chart)).index).toBe(0);
  // the rule marks the day: a vertical line at the day's x
  expect(await chart.locator('svg[role="img"] line[data-rule]').count()).toBe(1);
  await page.keyboard.press('Escape');
  expect(await shown(chart)).toEqual({ index: -1, day: '', items: [], live: '' });
}

describe.each(LOCALES)('/%s/: chart read-outs', (locale) => {
  it('explorer price chart: keyboard read-out equals the data table’s row; a pointer move shows it without announcing it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/explore/?d=120`);
      await explorerSettled(page, 60_000);
      const chart = page.locator('[data-chart="price"]');
      await checkKeyboard(page, chart, locale);
      // hover: shown at the pointer, the live region silent
      await page.mouse.click(5, 5);
      const box = (await chart.locator('svg[role="img"]').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      const s = await shown(chart);
      expect(s.index).toBeGreaterThan(40);
      expect(s.items.length).toBeGreaterThan(0);
      expect(s.live).toBe('');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
      expect((await shown(chart)).index).toBe(-1);
    } finally {
      await context.close();
    }
  });

  it('explorer with a what-if: the read-out carries the baseline’s value beside the stressed run’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/explore/?d=120`);
      await explorerSettled(page, 60_000);
      await page.selectOption('[data-control="stress-kind"]', 'skim');
      await page.fill('[data-control="stress-day"]', '60');
      await page.fill('[data-control="stress-value"]', '50');
      await page.click('[data-control="stress-run"]');
      await page.locator('[data-stress-active]').waitFor();
      await explorerSettled(page, 60_000);
      const chart = page.locator('[data-chart="price"]');
      const drawn = await chart.locator('svg[role="img"] path[data-series]').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series')));
      expect(drawn).toContain('base:price');
      await checkKeyboard(page, chart, locale);
      await tabTo(page, chart);
      await page.keyboard.press('End');
      expect((await shown(chart)).items.map((it) => it.key)).toEqual(drawn);
    } finally {
      await context.close();
    }
  });

  it('a tap on a phone shows the read-out at the tapped day, and it stays after the finger lifts', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/scenarios/newcomer/`);
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      const chart = page.locator('[data-chart="newcomer-price"]');
      const svg = chart.locator('svg[role="img"]');
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      await page.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await expect.poll(async () => (await shown(chart)).index).toBeGreaterThan(0);
      const s = await shown(chart);
      const { rows } = await table(chart);
      expect(s.items.map((it) => it.value)).toEqual(rows[s.index]!.values);
      // not announced: a tap is not a keyboard move
      expect(s.live).toBe('');
    } finally {
      await context.close();
    }
  });

  it('a scenario page’s price chart: the same read-out, by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/scenarios/newcomer/`);
      const chart = page.locator('[data-chart="newcomer-price"]');
      await chart.locator('svg[role="img"]').waitFor();
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      await checkKeyboard(page, chart, locale);
    } finally {
      await context.close();
    }
  });
});
