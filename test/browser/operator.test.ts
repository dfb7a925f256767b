/**
 * The operator's questions of issue 13 in the explorer, in Chromium on the built site, in both
 * languages: growth that stops on day N (in the address and in the run: fewer buyers), a bad N
 * refused on the field by name; two financing rounds added from the keyboard, carried in the
 * address and reopened from it, their money in the days CSV; the CSV's headers in the page's
 * language; the shortfall among the key figures and as a chart with its data table.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { launchChromium } from './chromium.ts';
import { explorerSettled } from './pages.ts';
import { assertBuilt, startStaticServer, type StaticServer } from './serve.ts';

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

const DICT = { en, zh } as Record<'en' | 'zh', Record<string, string>>;

/** the address the explorer holds (written to the location a little later) */
const address = async (p: Page) => new URLSearchParams(await p.locator('.explorer').evaluate((e) => (e as HTMLElement).dataset['address'] ?? ''));

/** wait until the explorer has run what the controls now say */
async function rerun(p: Page): Promise<void> {
  await p.waitForTimeout(50);
  await explorerSettled(p, 60_000);
}

/** buyers in the run, from the status line ("31,580 buyers and …", "31,580 名用户…") */
async function buyers(p: Page): Promise<number> {
  const text = await p.locator('[data-status]').innerText();
  return Number(/^([\d,]+)/.exec(text.trim())![1]!.replace(/,/g, ''));
}

async function csv(p: Page, which: string): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([p.waitForEvent('download'), p.locator(`[data-csv="${which}"]`).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  // none of these files quotes a field: a plain split reads them
  return { name: download.suggestedFilename(), rows: text.replace(/^\uFEFF/, '').trimEnd().split('\n').map((l) => l.split(',')) };
}

describe.each(['en', 'zh'] as const)('the operator’s questions in /%s/explore/', (locale) => {
  const t = (k: string) => DICT[locale][k]!;

  it('growth that stops on day N: in the address and the run; N = 1 and N after the run refused on the field', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    try {
      await p.goto(`${server.origin}/${locale}/explore/?d=200&b=50&g=exponential&gr=0.01&s=0.05`);
      await explorerSettled(p, 60_000);
      const growing = await buyers(p);
      await p.fill('#x-flatFrom', '100');
      await rerun(p);
      expect((await address(p)).get('flat')).toBe('100');
      const flat = await buyers(p);
      // expected buyers (RULEBOOK §7): growing 1% a day for 200 days, 50 x (1.01^200 - 1) / 0.01
      // = 50 x 631.6 = 31,580; flat from day 100, days 1..99 give 50 x (1.01^99 - 1) / 0.01 =
      // 50 x 167.8 = 8,390 and days 100..200 expect day 99's 50 x 1.01^98 = 132.6 each: 101 x
      // 132.6 = 13,390; 21,780 in all (the engine draws each day's expected buyers, rounded: the
      // sums come out within a few buyers of these, which are worked to four digits)
      expect(Math.abs(growing - 31_580)).toBeLessThanOrEqual(30);
      expect(Math.abs(flat - 21_780)).toBeLessThanOrEqual(30);

      // N = 1 is refused on the field, by its name; so is a day after the run
      await p.fill('#x-flatFrom', '1');
      await p.waitForTimeout(50);
      const problems = p.locator('[data-field-problems]');
      await problems.waitFor();
      expect(await problems.innerText()).toContain(t('explorer.field.flatFrom'));
      expect(await p.locator('[data-field="flatFrom"]').getAttribute('class')).toMatch(/invalid/);
      await p.fill('#x-flatFrom', '300');
      await p.waitForTimeout(50);
      expect(await problems.innerText()).toContain(t('explorer.field.flatFrom'));
      expect(await problems.innerText()).toContain('200');
      // emptied: growth never stops, the address forgets it
      await p.fill('#x-flatFrom', '');
      await rerun(p);
      expect((await address(p)).get('flat')).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('two financing rounds added from the keyboard: in the address, reopened from it, their money in the days CSV with headers in the page’s language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const p = await context.newPage();
    try {
      await p.goto(`${server.origin}/${locale}/explore/?d=150&b=40&g=constant`);
      await explorerSettled(p, 60_000);
      await p.locator('[data-advanced] > summary').click();
      const add = p.locator('[data-control="add-round"]');
      await add.focus();
      await p.keyboard.press('Enter');
      // the new round's day has the keyboard; the first round comes on day 90
      await p.waitForFunction(() => document.activeElement?.id === 'x-subsidyDay');
      expect(await p.inputValue('#x-subsidyDay')).toBe('90');
      await p.fill('#x-subsidyAmount', '500000');
      await add.focus();
      await p.keyboard.press('Enter');
      // the second a month after the first
      await p.waitForFunction(() => document.activeElement?.id === 'x-subsidyDay2');
      expect(await p.inputValue('#x-subsidyDay2')).toBe('120');
      await p.keyboard.press('Control+A');
      await p.keyboard.type('130');
      await p.fill('#x-subsidyAmount2', '2000000');
      await rerun(p);
      const q = await address(p);
      expect([q.get('fd'), q.get('fa'), q.get('fd2'), q.get('fa2')]).toEqual(['90', '500000', '130', '2000000']);
      // each round labelled with its number, in the page's language
      expect(await p.locator('label[for="x-subsidyAmount2"]').innerText()).toBe(t('explorer.rounds.amount').replace('{n}', '2'));

      // the address reopens with both rounds
      const again = await context.newPage();
      await again.goto(`${server.origin}/${locale}/explore/?${q.toString()}`);
      await explorerSettled(again, 60_000);
      await again.locator('[data-advanced] > summary').click();
      expect(await again.locator('[data-round]').count()).toBe(2);
      expect([await again.inputValue('#x-subsidyDay'), await again.inputValue('#x-subsidyAmount'), await again.inputValue('#x-subsidyDay2'), await again.inputValue('#x-subsidyAmount2')]).toEqual(['90', '500000', '130', '2000000']);

      // the days CSV: headers in the page's language; the rounds' money on their days, to the cent
      const days = await csv(again, 'days');
      expect(days.name).toBe('days.csv');
      const head = days.rows[0]!;
      expect(head.slice(0, 3)).toEqual([t('explorer.csv.col.day'), t('explorer.csv.col.orders'), t('explorer.csv.col.newBuyers')]);
      if (locale === 'en') expect(head.slice(0, 3)).toEqual(['day', 'orders', 'new buyers']);
      else expect(head.slice(0, 3)).toEqual(['天', '订单数', '新买家']);
      const sub = head.indexOf(t('explorer.csv.col.subsidies'));
      const paidIn = days.rows.slice(1).filter((r) => Number(r[sub]) > 0).map((r) => [r[0], r[sub]]);
      expect(paidIn).toEqual([
        ['90', '500000.00'],
        ['130', '2000000.00'],
      ]);
      // removing the first round moves the second up
      await again.locator('[data-round="1"] [data-control="remove-round"]').click();
      await rerun(again);
      const q2 = await address(again);
      expect([q2.get('fd'), q2.get('fa'), q2.get('fd2')]).toEqual(['130', '2000000', null]);
    } finally {
      await context.close();
    }
  });

  it('the shortfall: among the key figures, and as a chart of money per day with its data table', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    try {
      await p.goto(`${server.origin}/${locale}/explore/?d=200&b=200&g=exponential&gr=0.005&s=0.05&m=2`);
      await explorerSettled(p, 60_000);
      const keys = await p.locator('[data-key-figures]').innerText();
      const lead = t('explorer.key.shortfall').split('{')[0]!;
      expect(keys).toContain(lead);
      const chart = p.locator('[data-chart="shortfall"]');
      await chart.waitFor();
      expect(await chart.locator('path').count()).toBeGreaterThan(0);
      expect(await chart.innerText()).toContain(t('explorer.series.shortfallBe'));
    } finally {
      await context.close();
    }
  });
});
