/**
 * `npx tsx test/browser/screenshots-teach.ts`: the states `npm run screenshots` cannot reach, into
 * screenshots/ (gitignored): a definition popover on a text page (the method page, JavaScript off)
 * and on an explorer control, and a chart read-out (the explorer's price chart, moved by keyboard),
 * both languages, 1280 and 360 px wide. Each shot is the viewport, scrolled to the thing shown.
 * Needs a built site.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.ts';
import { explorerSettled, LOCALES } from './pages.ts';
import { assertBuilt, startStaticServer } from './serve.ts';

const OUT = resolve(fileURLToPath(new URL('../../screenshots', import.meta.url)));
assertBuilt();
mkdirSync(OUT, { recursive: true });
const server = await startStaticServer();
const browser = await launchChromium();
try {
  for (const locale of LOCALES) {
    for (const width of [1280, 360]) {
      const height = width < 500 ? 780 : 800;
      // text pages: hover a defined term (in prose; in a table cell on the risks page), dark too
      for (const [name, path, nth, scheme] of [
        ['term', 'how-it-works', 0, 'light'],
        ['term-table', 'risks', 2, 'light'],
        ['term-dark', 'method', 0, 'dark'],
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: false, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${server.origin}/${locale}/${path}/`);
        const link = page.locator('.gterm a.term').nth(nth);
        await link.scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, -120));
        await link.hover();
        await page.locator('.gdef:popover-open').waitFor({ timeout: 5000 });
        await page.screenshot({ path: `${OUT}/teach-${locale}-${name}-${width}.png` });
        await context.close();
      }
      // the explorer: a control's definition, then a chart read-out
      {
        const context = await browser.newContext({ viewport: { width, height } });
        const page = await context.newPage();
        await page.goto(`${server.origin}/${locale}/explore/?wi=skim:183:0.5`);
        await explorerSettled(page, 60_000);
        const tip = page.locator('[data-field="exit"] [data-def-tip]');
        await tip.scrollIntoViewIfNeeded();
        await tip.focus();
        await page.keyboard.press('Enter');
        await page.locator('#def-exit:popover-open').waitFor({ timeout: 5000 });
        await page.screenshot({ path: `${OUT}/teach-${locale}-control-${width}.png` });
        await page.keyboard.press('Escape');
        const chart = page.locator('[data-chart="price"] svg[role="img"]');
        await chart.scrollIntoViewIfNeeded();
        await chart.focus();
        await page.keyboard.press('End');
        for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
        await page.screenshot({ path: `${OUT}/teach-${locale}-readout-${width}.png` });
        await page.keyboard.press('Home');
        for (let i = 0; i < 2; i++) await page.keyboard.press('PageUp');
        await page.screenshot({ path: `${OUT}/teach-${locale}-readout-left-${width}.png` });
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${OUT}`);
