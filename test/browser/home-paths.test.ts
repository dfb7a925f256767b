/**
 * The home page's path for each reader (issue 17, part 5): the operator into the explorer, the
 * trainer into the walkthrough in presentation mode, the reviewer into the claims, the stress
 * tests and the comparison (the explorer, until it compares two scenarios), in both languages.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

describe.each(LOCALES)('home page /%s/: a path for each reader', (locale) => {
  it('three paths, each a question and links to pages that exist, in the page’s language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/`);
      const paths = await page.locator('.path').evaluateAll((els) =>
        els.map((el) => ({
          who: el.getAttribute('data-path'),
          title: el.querySelector('h3')!.textContent!.trim(),
          question: el.querySelector('.question')!.textContent!.trim(),
          links: [...el.querySelectorAll('a')].map((a) => ({ key: a.getAttribute('data-go'), href: a.getAttribute('href'), text: a.textContent!.trim() })),
        })),
      );
      expect(paths.map((p) => p.who)).toEqual(['operator', 'trainer', 'reviewer']);
      const hrefs = Object.fromEntries(paths.flatMap((p) => p.links.map((l) => [`${p.who}.${l.key}`, l.href])));
      expect(hrefs).toEqual({
        'operator.explore': `/${locale}/explore/`,
        'trainer.present': `/${locale}/walkthrough/?present`,
        'reviewer.claims': `/${locale}/claims/`,
        'reviewer.stress': `/${locale}/risks/`,
        'reviewer.compare': `/${locale}/explore/`,
      });
      for (const p of paths) {
        // a question, in the page's language: Chinese text for /zh/, none for /en/
        expect(p.question.endsWith(locale === 'zh' ? '？' : '?'), p.question).toBe(true);
        expect(/[\u4e00-\u9fff]/.test(p.title + p.question), p.title).toBe(locale === 'zh');
        for (const l of p.links) {
          const response = await page.request.get(server.origin + l.href!);
          expect(response.status(), l.href!).toBe(200);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('the trainer’s link opens the walkthrough in presentation mode; ending it drops ?present from the address', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/`, { waitUntil: 'networkidle' });
      await page.locator('[data-go="present"]').click();
      await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      // the keys work at once: Space moves on
      await page.keyboard.press(' ');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-step')).toBe('order-A');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('false');
      const address = new URL(page.url());
      expect(address.search).toBe('');
      expect(address.hash).toBe('#step-2');
    } finally {
      await context.close();
    }
  });
});
