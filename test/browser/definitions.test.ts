/**
 * Definitions where the words are (issue 17, part 3), in both languages: on a text page (the
 * method page, with JavaScript turned off: the popover attribute and interest invokers do it) the
 * first link to a glossary entry shows the glossary's definition on hover, on keyboard focus and
 * on tap of its button, and Escape closes it; in the explorer, a control's definition and a chart
 * title's show on hover and on keyboard focus. Each definition is compared with the glossary page's
 * own entry (read from the built glossary page), so the test fails if a popover shows anything but
 * the glossary's text.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { explorerSettled, LOCALES } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

/** The glossary page's entry: its heading and its first paragraph, as the reader sees them. */
async function glossaryEntry(page: Page, locale: string, id: string): Promise<{ term: string; text: string }> {
  await page.goto(`${server.origin}/${locale}/glossary/`);
  return page.evaluate((id) => {
    const h = document.getElementById(id)!;
    let text = '';
    for (let el = h.nextElementSibling; el && el.tagName === 'P'; el = el.nextElementSibling) text += ' ' + el.textContent;
    return { term: h.textContent!.trim(), text: text.replace(/\s+/g, ' ').trim() };
  }, id);
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe.each(LOCALES)('/%s/: definitions where the words are', (locale) => {
  it('method page, no JavaScript: the term “pool” shows its glossary definition on hover, on keyboard focus and on tap; Escape closes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const entry = await glossaryEntry(page, locale, 'pool');
      await page.goto(`${server.origin}/${locale}/method/`);
      const link = page.locator('.prose .gterm a.term[href$="#pool"]');
      const def = page.locator('#gdef-pool');
      expect(await link.count()).toBe(1);
      // the link still leads to the glossary entry (for a browser without popovers)
      expect(await link.getAttribute('href')).toBe(`/${locale}/glossary/#pool`);
      expect(await def.isVisible()).toBe(false);

      // the popover's text is the glossary's: its heading, then its definition; the glossary's
      // closing pointer to another page ("How it works." / "见原理。") is left out of the popover
      const shown = squash(await def.textContent());
      expect(shown.startsWith(entry.term)).toBe(true);
      const body = shown.slice(entry.term.length).trim();
      expect(body.length).toBeGreaterThan(40);
      expect(entry.text.startsWith(body.replace(/[.。]$/, ''))).toBe(true);
      // the link names the definition as its description (a screen reader reads it on focus)
      expect(await link.getAttribute('aria-describedby')).toBe('gdef-pool');

      // hover
      await link.hover();
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(true);
      // the popover sits by the term (anchored), not in the middle of the screen
      const a = (await link.boundingBox())!;
      const d = (await def.boundingBox())!;
      expect(Math.abs(d.y - (a.y + a.height))).toBeLessThan(40);
      await page.mouse.move(5, 5);
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(false);

      // keyboard focus: Tab until the term's link has focus
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      let focused = false;
      for (let i = 0; i < 80 && !focused; i++) {
        await page.keyboard.press('Tab');
        focused = await link.evaluate((el) => el === document.activeElement);
      }
      expect(focused).toBe(true);
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(false);
      // no trap: Tab goes on to the button, then past it
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('gterm-tip');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.gterm'))).toBeNull();

      // tap (a click on the button), and Escape closes
      await page.locator('.gterm-tip[popovertarget="gdef-pool"]').click();
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(false);
    } finally {
      await context.close();
    }
  });
  it('risks page on a phone, no JavaScript: a tap on a term’s button shows its definition; a tap elsewhere closes it', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const entry = await glossaryEntry(page, locale, 'withholding');
      await page.goto(`${server.origin}/${locale}/risks/`);
      const button = page.locator('.gterm-tip[popovertarget="gdef-withholding"]');
      const def = page.locator('#gdef-withholding');
      await button.scrollIntoViewIfNeeded();
      await button.tap();
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(true);
      expect(squash(await def.textContent()).startsWith(entry.term)).toBe(true);
      // within the screen
      const d = (await def.boundingBox())!;
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x + d.width).toBeLessThanOrEqual(360);
      await page.touchscreen.tap(180, 5);
      await expect.poll(() => def.isVisible(), { timeout: 3000 }).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('explorer: the exit control’s and two chart titles’ definitions (a line chart, a bar chart) show on hover and on keyboard focus; Escape closes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const exitEntry = await glossaryEntry(page, locale, 'forced-exit');
      const priceEntry = await glossaryEntry(page, locale, 'price');
      const cohortEntry = await glossaryEntry(page, locale, 'cohort');
      await page.goto(`${server.origin}/${locale}/explore/?d=60`);
      await explorerSettled(page, 60_000);
      for (const [tip, def, entry] of [
        ['[data-field="exit"] [data-def-tip]', '#def-exit', exitEntry],
        ['[data-chart="price"] [data-def-tip]', '#def-chart-price', priceEntry],
        ['[data-chart="cohort-return"] [data-def-tip]', '#def-chart-cohort-return', cohortEntry],
      ] as const) {
        const button = page.locator(tip);
        const pop = page.locator(def);
        expect(await button.count(), tip).toBe(1);
        expect(await pop.isVisible()).toBe(false);
        // the glossary's text: heading, then the definition (its closing page pointer left out)
        const shown = squash(await pop.textContent());
        expect(shown.startsWith(entry.term), shown).toBe(true);
        expect(entry.text.startsWith(shown.slice(entry.term.length).trim().replace(/[.。]$/, ''))).toBe(true);
        // named in words and described by the definition
        expect(await button.getAttribute('aria-label')).toContain(entry.term);
        expect(await button.getAttribute('aria-describedby')).toBe(def.slice(1));
        // hover
        await button.hover();
        await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(true);
        await page.mouse.move(2, 2);
        await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(false);
        // keyboard: Shift+Tab back from the element after the button
        await button.evaluate((b) => {
          const all = [...document.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]')];
          all[all.indexOf(b as HTMLElement) + 1]!.focus();
        });
        await page.keyboard.press('Shift+Tab');
        expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
        await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(false);
        // Enter (as a tap) shows it again; Tab moves on (no trap)
        await page.keyboard.press('Enter');
        await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(true);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Tab');
        expect(await button.evaluate((b) => b === document.activeElement)).toBe(false);
      }
    } finally {
      await context.close();
    }
  });

  it('walkthrough and your own example: the pool’s, the points’ and the price’s labels show their glossary definitions in place on hover and on keyboard focus, and still link to the glossary', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const entries = { pool: await glossaryEntry(page, locale, 'pool'), points: await glossaryEntry(page, locale, 'points'), price: await glossaryEntry(page, locale, 'price') };
      for (const path of ['walkthrough', 'walkthrough/custom']) {
        await page.goto(`${server.origin}/${locale}/${path}/#step-2`);
        await page.locator('.walkthrough [data-fig="pool"]').waitFor();
        for (const [key, entry] of Object.entries(entries)) {
          const pop = page.locator(`#def-walk-${key}`);
          const button = page.locator(`.walkthrough .state [aria-describedby="def-walk-${key}"]`);
          expect(await button.count(), `${path} ${key}`).toBe(1);
          // the label still leads to the glossary entry
          expect(await page.locator(`.walkthrough .state a[href="/${locale}/glossary/#${key}"]`).count()).toBeGreaterThan(0);
          const shown = squash(await pop.textContent());
          expect(shown.startsWith(entry.term), shown).toBe(true);
          expect(entry.text.startsWith(shown.slice(entry.term.length).trim().replace(/[.。]$/, ''))).toBe(true);
          expect(await button.getAttribute('aria-label')).toContain(entry.term);
          await button.hover();
          await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(true);
          await page.mouse.move(2, 2);
          await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(false);
          await button.focus();
          await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(true);
          await page.keyboard.press('Escape');
          await expect.poll(() => pop.isVisible(), { timeout: 3000 }).toBe(false);
        }
      }
    } finally {
      await context.close();
    }
  });
});
