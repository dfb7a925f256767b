/**
 * The walkthrough in a real Chromium: stepped through with the keyboard, its figures read off the
 * page (they come from the engine in the browser), presentation mode, and the order amount.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

async function open(locale: 'zh' | 'en', width = 1280): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.origin}/${locale}/walkthrough/`, { waitUntil: 'networkidle' });
  // hydrated: Astro drops the ssr attribute of the island
  await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
  return { page, errors, close: () => context.close() };
}

const stepText = (page: Page) => page.locator('.walkthrough .step').innerText();
const fig = (page: Page, name: string) => page.locator(`.walkthrough [data-fig="${name}"]`).innerText();
const stepId = (page: Page) => page.locator('.walkthrough').getAttribute('data-step');

describe('walkthrough', () => {
  it('steps through the seed example with the arrow keys and reads the pitch’s figures', async () => {
    const { page, errors, close } = await open('en');
    try {
      expect(await stepId(page)).toBe('rules');
      await page.keyboard.press('ArrowRight');
      expect(await stepId(page)).toBe('order-A');
      expect(await fig(page, 'price')).toBe('1.43');
      expect(await fig(page, 'issued')).toBe('210');
      expect(await fig(page, 'pool')).toBe('300');
      await page.keyboard.press('ArrowRight');
      expect(await fig(page, 'price')).toBe('1.68');
      expect(await fig(page, 'issued')).toBe('147');
      await page.keyboard.press('ArrowRight');
      expect(await fig(page, 'price')).toBe('1.87');
      expect(await fig(page, 'points')).toBe('481.95');
      expect(await fig(page, 'pool')).toBe('900');
      await page.keyboard.press('ArrowRight');
      expect(await stepId(page)).toBe('break-even');
      expect(await stepText(page)).toContain('= 4.76');
      await page.keyboard.press('ArrowRight');
      const triple = await stepText(page);
      expect(triple).toContain('= 14.29');
      expect(triple).toContain('= 20.41');
      await page.keyboard.press('ArrowRight');
      expect(await stepId(page)).toBe('jump');
      expect(await stepText(page)).toContain('= 2,000');
      await page.keyboard.press('ArrowRight');
      const sale = await stepText(page);
      expect(sale).toContain('= 1,600');
      expect(sale).toMatch(/left in the pool: 400\b/);
      await page.keyboard.press('ArrowRight');
      expect(await stepId(page)).toBe('cascade');
      expect(await stepText(page)).toContain('(B → C)');
      await page.keyboard.press('ArrowLeft');
      expect(await stepId(page)).toBe('sale');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the buttons move back and forth and stop at the ends', async () => {
    const { page, close } = await open('zh');
    try {
      const prev = page.locator('.walkthrough .prev');
      const next = page.locator('.walkthrough .next');
      expect(await prev.isDisabled()).toBe(true);
      await next.click();
      expect(await fig(page, 'price')).toBe('1.43');
      await prev.click();
      expect(await stepId(page)).toBe('rules');
      await page.locator('.walkthrough .dot').last().click();
      expect(await stepId(page)).toBe('summary');
      expect(await next.isDisabled()).toBe(true);
      expect(await page.locator('.walkthrough tr[data-user="A"] td[data-col="cash"]').innerText()).toBe('1,600元');
    } finally {
      await close();
    }
  });

  it('presentation mode fills the window in large type, keeps the keys, and ends with Escape', async () => {
    const { page, errors, close } = await open('en');
    try {
      const normalSize = await page.locator('.walkthrough .step-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      const box = await page.locator('.walkthrough').boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(1270);
      expect(box?.height).toBeGreaterThanOrEqual(790);
      const bigSize = await page.locator('.walkthrough .step-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(bigSize).toBeGreaterThan(normalSize * 1.2);
      // the site header is covered: one idea per screen
      await page.keyboard.press('ArrowRight');
      expect(await fig(page, 'price')).toBe('1.43');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('false');
      await page.locator('.walkthrough .present').click();
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      await page.locator('.walkthrough .present').click();
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('false');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a new order amount makes every figure follow; arrows typed in the field do not change step', async () => {
    const { page, close } = await open('en');
    try {
      const input = page.locator('.walkthrough input[type="number"]');
      await input.fill('2000');
      await page.locator('.walkthrough .next').click();
      expect(await fig(page, 'issued')).toBe('420');
      expect(await fig(page, 'pool')).toBe('600');
      expect(await fig(page, 'price')).toBe('1.43');
      await input.focus();
      await page.keyboard.press('ArrowRight');
      expect(await stepId(page)).toBe('order-A');
      await page.locator('.walkthrough .dot').nth(7).click();
      expect(await stepText(page)).toContain('= 3,200');
      await input.fill('-5');
      expect(await page.locator('.walkthrough input[type="number"]').getAttribute('aria-invalid')).toBe('true');
      expect(await stepText(page)).toContain('= 3,200');
    } finally {
      await close();
    }
  });

  it('the step is kept in the address: a link opens it, and the language switch keeps it', async () => {
    const { page, close } = await open('en');
    try {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => new URL(page.url()).hash).toBe('#step-3');
      await page.locator('.lang-switch a').click();
      await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
      expect(new URL(page.url()).pathname).toBe('/zh/walkthrough/');
      await expect.poll(() => fig(page, 'price')).toBe('1.68');
      await page.goto(`${server.origin}/zh/walkthrough/#step-8`, { waitUntil: 'networkidle' });
      await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
      await expect.poll(() => stepId(page)).toBe('sale');
      await page.keyboard.press('Home');
      expect(await stepId(page)).toBe('sale');
    } finally {
      await close();
    }
  });

  it('all steps on one page, computed at build time, readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/en/walkthrough/`);
      await page.locator('.all-steps summary').click();
      const text = await page.locator('.all-steps').innerText();
      for (const figure of ['= 1.43', '= 1.68', '= 1.87', '= 4.76', '= 14.29', '= 20.41', '= 1,600', 'left in the pool: 400']) expect(text).toContain(figure);
      expect(await page.locator('.all-steps h3').count()).toBe(10);
    } finally {
      await context.close();
    }
  });

  it('the page buttons sit on one line: every top within 1 px of the others', async () => {
    // issue 11: button "1" sat 5.6 px above the rest (the prose's "li + li" margin reached the dots)
    for (const width of [1280, 360]) {
      const { page, close } = await open('en', width);
      try {
        const tops = await page.locator('.walkthrough .dot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
        expect(tops.length).toBe(10);
        // at 360 px the ten buttons may wrap onto two rows: compare each with its row
        const rows = new Map<number, number[]>();
        for (const top of tops) {
          const row = [...rows.keys()].find((r) => Math.abs(r - top) < 20) ?? top;
          rows.set(row, [...(rows.get(row) ?? []), top]);
        }
        for (const row of rows.values()) expect(Math.max(...row) - Math.min(...row), `${width} px: ${tops.join(', ')}`).toBeLessThanOrEqual(1);
        if (width === 1280) expect(rows.size).toBe(1);
      } finally {
        await close();
      }
    }
  });

  for (const locale of ['en', 'zh'] as const) {
    it(`${locale}: presentation mode at 1280x720 fits every step, Back and Next on screen`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.origin}/${locale}/walkthrough/`, { waitUntil: 'networkidle' });
        await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
        await page.keyboard.press('p');
        await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
        for (let n = 1; n <= 10; n++) {
          expect(await page.locator('.walkthrough .position').innerText()).toMatch(new RegExp(`\\b${n}\\b`));
          const fit = await page.evaluate(() => {
            const root = document.querySelector<HTMLElement>('.walkthrough')!;
            const inView = (sel: string) => {
              const r = document.querySelector(sel)!.getBoundingClientRect();
              return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
            };
            return { overflow: root.scrollHeight - root.clientHeight, prev: inView('.walkthrough .prev'), next: inView('.walkthrough .next') };
          });
          expect(fit, `step ${n}`).toEqual({ overflow: 0, prev: true, next: true });
          await page.keyboard.press('ArrowRight');
        }
      } finally {
        await context.close();
      }
    });
  }

  it('presentation mode: Space goes on, Home to the first step, End to the last; Space on a button stays the button’s', async () => {
    const { page, errors, close } = await open('en');
    try {
      // outside presentation mode, Space scrolls the page as usual
      await page.locator('.walkthrough .step-title').click();
      await page.keyboard.press(' ');
      expect(await stepId(page)).toBe('rules');
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      await page.locator('.walkthrough .step-title').click();
      await page.keyboard.press(' ');
      expect(await stepId(page)).toBe('order-A');
      await page.keyboard.press(' ');
      expect(await stepId(page)).toBe('order-B');
      await page.keyboard.press('End');
      expect(await stepId(page)).toBe('summary');
      await page.keyboard.press(' ');
      expect(await stepId(page)).toBe('summary');
      await page.keyboard.press('Home');
      expect(await stepId(page)).toBe('rules');
      // a focused page button keeps Space: it opens its own step (3), not the next one
      await page.locator('.walkthrough .dot').nth(2).focus();
      await page.keyboard.press(' ');
      expect(await stepId(page)).toBe('order-B');
      expect(await page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is usable at 360 px: nothing overflows sideways', async () => {
    const { page, close } = await open('zh', 360);
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});
