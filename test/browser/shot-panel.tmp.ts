import { mkdirSync } from 'node:fs';
import { launchChromium } from './chromium.ts';
import { assertBuilt, startStaticServer } from './serve.ts';
assertBuilt();
mkdirSync('screenshots', { recursive: true });
const server = await startStaticServer();
const browser = await launchChromium();
const sel = process.env['SEL'] ?? '.stress';
const q = process.env['Q'] ?? '?mo=release&wi=stop-test:183';
try {
  for (const locale of ['zh', 'en']) for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.origin}/${locale}/explore/${q}`, { waitUntil: 'networkidle' });
    await page.locator('.explorer[data-final="true"]').waitFor({ timeout: 60_000 });
    const file = `screenshots/${process.env['NAME'] ?? 'fam-whatif'}-${locale}-${width}.png`;
    await page.locator(sel).first().screenshot({ path: file });
    console.log(file);
    await context.close();
  }
} finally { await browser.close(); await server.close(); }
