/**
 * Your own example (/{locale}/walkthrough/custom/) and the home page's try-it box, in a real
 * Chromium: a custom example steps through and its address restores it; a bad row shows its
 * problem and the steps keep the last good state; the exported file is a scenario the validator
 * accepts and `simulate` runs to the figures shown; a file imports back; the home box reaches
 * order 500 and marks orders 76, 160 and 300.
 *
 * Figures worked by hand (seed rules, RULEBOOK §6): orders of 1000 by A, B, C leave the pool at
 * 300, 600, 900; a subsidy of 5000 then makes it 5,900; A holds 210 points.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulateScript, validateScenario } from '../../src/engine/index.ts';
import type { ScriptScenarioV1 } from '../../src/engine/scenario/index.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
  await page.waitForSelector('astro-island:not([ssr]) .walkthrough, astro-island:not([ssr]) .playground');
  return { page, errors, close: () => context.close() };
}

const row = (page: Page, n: number) => page.locator(`.custom tr[data-row="${n}"]`);
const stepNumber = async (page: Page) => Number(await page.locator('.walkthrough').getAttribute('data-step-number'));
const stepCount = (page: Page) => page.locator('.walkthrough .dot').count();
const shownPool = (page: Page) => page.locator('.walkthrough [data-pic="pool"] .value').getAttribute('data-value');
const shownPoints = (page: Page) => page.locator('.walkthrough [data-pic="points"] .value').getAttribute('data-value');
const shownPrice = (page: Page) => page.locator('.walkthrough [data-fig="price"]').getAttribute('title');

describe('your own example', () => {
  it('steps through with the walkthrough’s pictures, and its address restores it', async () => {
    const { page, errors, close } = await open('/en/walkthrough/custom/');
    try {
      // the default example: the rules, 7 rows, who got what; it stays out of the address until changed
      expect(await stepCount(page)).toBe(9);
      expect(page.url()).not.toContain('example=');
      // change row 7 (D's order) to 3000 and step with the keyboard to it
      await row(page, 7).locator('input[data-col="amount"]').fill('3000');
      await page.locator('.walkthrough .step').focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      expect(await stepNumber(page)).toBe(5);
      // step 5 is row 4, the subsidy: 900 + 5000
      expect(await shownPool(page)).toBe('5900');
      expect(await page.locator('.walkthrough .picture .moves').innerText()).toContain('Subsidy');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await stepNumber(page)).toBe(8);
      // step 8 is row 7: D's order of 3000 puts 900 into the pool of 5,500 (after A's sale of 500, paid 400)
      expect(await shownPool(page)).toBe('6400');
      const address = page.url();
      expect(address).toContain('example=');
      expect(address).toMatch(/#step-8$/);
      const figures = [await shownPool(page), await shownPoints(page), await shownPrice(page)];
      expect(errors).toEqual([]);

      // the address alone brings the example and the step back, in the other language too
      const again = await open(address.replace(server.origin, ''));
      try {
        expect(await again.page.locator('.custom tr[data-row="7"] input[data-col="amount"]').inputValue()).toBe('3000');
        expect(await stepNumber(again.page)).toBe(8);
        expect([await shownPool(again.page), await shownPoints(again.page), await shownPrice(again.page)]).toEqual(figures);
      } finally {
        await again.close();
      }
      // the language switch keeps the example and the step
      await Promise.all([page.waitForURL(/\/zh\/walkthrough\/custom\/\?example=/), page.locator('.lang-switch a').click()]);
      await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
      expect(await stepNumber(page)).toBe(8);
      expect([await shownPool(page), await shownPoints(page), await shownPrice(page)]).toEqual(figures);
      const zh = await open(address.replace(server.origin, '').replace('/en/', '/zh/'));
      try {
        expect([await shownPool(zh.page), await shownPoints(zh.page), await shownPrice(zh.page)]).toEqual(figures);
      } finally {
        await zh.close();
      }
    } finally {
      await close();
    }
  });

  it('adds and removes rows with labelled buttons; every cell input has a label', async () => {
    const { page, close } = await open('/en/walkthrough/custom/');
    try {
      await page.getByRole('button', { name: 'Add a row' }).click();
      expect(await page.locator('.custom tbody tr').count()).toBe(8);
      expect(await stepCount(page)).toBe(10);
      await page.getByLabel('Row 8: Buyer').fill('E');
      await page.getByRole('button', { name: 'Remove row 8' }).click();
      expect(await page.locator('.custom tbody tr').count()).toBe(7);
      const unlabelled = await page.evaluate(
        () => Array.from(document.querySelectorAll('.custom input, .custom select')).filter((el) => !(el.getAttribute('aria-label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label'))).length,
      );
      expect(unlabelled).toBe(0);
    } finally {
      await close();
    }
  });

  for (const locale of ['en', 'zh'] as const) {
    it(`a bad row shows the engine’s problem on that row and the steps keep the last good state (${locale})`, async () => {
      const { page, errors, close } = await open(`/${locale}/walkthrough/custom/`);
      try {
        await page.locator('.walkthrough .step').focus();
        await page.keyboard.press('End');
        await page.keyboard.press('ArrowRight');
        // row 5: A sells 1000 points, but holds 210
        await row(page, 5).locator('select[data-col="how"]').selectOption('points');
        await row(page, 5).locator('input[data-col="amount"]').fill('1000');
        const message = await row(page, 5).locator('[data-col="result"]').innerText();
        expect(message).toContain(locale === 'en' ? 'A holds 210 points' : 'A 持有 210 积分');
        expect(message).not.toMatch(/sell\.|points:|script\[/);
        expect(await row(page, 5).locator('input[data-col="amount"]').getAttribute('aria-invalid')).toBe('true');
        expect(await row(page, 6).locator('[data-col="result"]').innerText()).toBe(locale === 'en' ? 'Not run: a row above has a problem.' : '未执行：上面有一行有问题。');
        // the rules, rows 1-4, who got what: the last good state is after the subsidy
        expect(await stepCount(page)).toBe(6);
        await page.locator('.walkthrough .dot').last().click();
        expect(await shownPool(page)).toBe('5900');
        expect(await page.locator('.walkthrough .step').innerText()).toContain(locale === 'en' ? 'before row 5' : '第 5 行之前');
        // an unknown buyer, then a negative amount
        await row(page, 5).locator('input[data-col="user"]').fill('Z');
        expect(await row(page, 5).locator('[data-col="result"]').innerText()).toContain(locale === 'en' ? 'Nobody called Z' : '还没有叫 Z 的买家');
        await row(page, 5).locator('select[data-col="kind"]').selectOption('order');
        await row(page, 5).locator('input[data-col="amount"]').fill('-5');
        expect(await row(page, 5).locator('[data-col="result"]').innerText()).toContain(locale === 'en' ? 'Enter an amount from 0.01' : '请输入 0.01');
        expect(await shownPool(page)).toBe('5900');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('exports the scenario file: the validator accepts it and simulate runs it to the figures shown', async () => {
    const { page, close } = await open('/en/walkthrough/custom/');
    try {
      await row(page, 7).locator('input[data-col="amount"]').fill('2500');
      await page.locator('.walkthrough .dot').last().click();
      const shown = { pool: await shownPool(page), points: await shownPoints(page), price: await shownPrice(page) };
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the scenario file (JSON)' }).click()]);
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as unknown;
      const v = validateScenario(file);
      if (!v.ok) throw new Error(JSON.stringify(v.problems));
      const out = simulateScript(v.scenario as ScriptScenarioV1);
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      expect(out.result.final).toEqual(shown);
      expect(out.result.steps).toHaveLength(7);

      // and the file imports back, with more rows than the address carries
      const long = { ...(file as object), script: [...(file as { script: unknown[] }).script, ...Array.from({ length: 30 }, (_, i) => ({ order: { user: `N${i}`, amount: 100 } }))] };
      await page.locator('.custom input[type="file"]').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(long)) });
      await page.waitForFunction(() => document.querySelector('.custom')?.getAttribute('data-rows') === '37');
      expect(await page.locator('.custom [data-url]').getAttribute('data-url')).toBe('over');
      expect(page.url()).not.toContain('example=');
    } finally {
      await close();
    }
  });

  it('presentation mode works on it', async () => {
    const { page, close } = await open('/en/walkthrough/custom/?present#step-3');
    try {
      await page.waitForSelector('.walkthrough[data-presenting="true"]');
      expect(await stepNumber(page)).toBe(3);
      await page.keyboard.press('ArrowRight');
      expect(await stepNumber(page)).toBe(4);
      expect(await page.locator('.custom .editor').isVisible()).toBe(true);
      // the step covers the window: the editor is under it
      const onTop = await page.evaluate(() => document.elementFromPoint(640, 400)?.closest('.walkthrough') !== null);
      expect(onTop).toBe(true);
    } finally {
      await close();
    }
  });
});

describe('the home page’s try-it box', () => {
  it('reaches order 500 and marks the first buyer’s break-even at orders 76 and 160 and the 300th order’s price', async () => {
    const { page, errors, close } = await open('/en/');
    try {
      await page.getByLabel('Number of orders').fill('500');
      await page.waitForSelector('.order-table tr[data-step="500"]');
      const marks = await page.locator('.marks li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-mark'), e.getAttribute('data-order'), e.textContent]));
      expect(marks.map((m) => [m[0], m[1]])).toEqual([
        ['paper', '76'],
        ['real', '160'],
        ['order', '300'],
      ]);
      // RULEBOOK §6: 7.1876 after the 300th order
      expect(marks[2]![2]).toBe('Order 300: price 7.1876.');
      for (const [step, mark] of [
        ['76', 'paper'],
        ['160', 'real'],
        ['300', 'order'],
      ]) {
        expect(await page.locator(`.order-table tr[data-step="${step}"]`).first().getAttribute('data-mark')).toBe(mark);
      }
      // each mark links to its row
      await page.locator('.marks li[data-mark="real"] a').click();
      expect(page.url()).toMatch(/#mark-real$/);
      expect(await page.locator('#mark-real').getAttribute('data-step')).toBe('160');
      expect(await page.locator('#mark-real').isVisible()).toBe(true);
      await page.getByLabel('Number of orders').fill('501');
      expect(await page.locator('.playground .problems').innerText()).toContain('1 to 500');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
