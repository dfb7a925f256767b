/**
 * `npm run screenshots`: full-page PNGs of every page in both languages at 1280, 768 and 360 px wide,
 * into screenshots/ (gitignored). Needs a built site (astro build) and /usr/bin/chromium.
 * `ONLY=explore WIDTHS=1280,360 npm run screenshots` takes the shots whose name contains `explore`, at
 * those widths. The root page is taken with JavaScript off, since with it on it forwards at once.
 * Chinese text needs a CJK font on the machine (Debian: `apt-get install -y fonts-noto-cjk`);
 * without one the PNGs show empty boxes where the Chinese should be. The site itself loads no font.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.ts';
import { LOCALES, LOCALIZED_PAGES, url } from './pages.ts';
import { assertBuilt, startStaticServer } from './serve.ts';

const OUT = resolve(fileURLToPath(new URL('../../screenshots', import.meta.url)));
const WIDTHS = (process.env['WIDTHS'] ?? '1280,768,360').split(',').map(Number);
const ONLY = process.env['ONLY'];

const shots: { file: string; path: string; js: boolean; colorScheme: 'light' | 'dark' }[] = [];
for (const locale of LOCALES) {
  for (const page of LOCALIZED_PAGES) {
    shots.push({ file: `${locale}-${page.name}`, path: url(locale, page), js: true, colorScheme: 'light' });
  }
}
shots.push({ file: 'root', path: '/', js: false, colorScheme: 'light' });
shots.push({ file: 'not-found', path: '/nowhere/', js: true, colorScheme: 'light' });
for (const locale of LOCALES) shots.push({ file: `${locale}-home-dark`, path: `/${locale}/`, js: true, colorScheme: 'dark' });
// the explorer in the states a reviewer cites: a stress test beside its baseline, and two scenarios side by side
for (const locale of LOCALES) {
  shots.push({ file: `${locale}-explore-skim`, path: `/${locale}/explore/?wi=skim:183:0.5`, js: true, colorScheme: 'light' });
  shots.push({ file: `${locale}-explore-compare`, path: `/${locale}/explore/?m=2&pin=`, js: true, colorScheme: 'light' });
  // the operator's question (issue 13): 20% into the pool, exits at 2x, 200 buyers a day growing
  // 0.5% and flat from day 180, 5% of holders selling daily, two financing rounds: the shortfall in money
  // the model family (issue 16): the model menu on daily release, and the seed's model (A) against daily release (B) on the same buyers
  shots.push({ file: `${locale}-explore-model-release`, path: `/${locale}/explore/?mo=release`, js: true, colorScheme: 'light' });
  shots.push({ file: `${locale}-explore-model-compare`, path: `/${locale}/explore/?mo=release&pin=`, js: true, colorScheme: 'light' });
  // the queue: its waiting entries and waiting times per cohort, and the followed buyer (the default entry day)
  shots.push({ file: `${locale}-explore-model-queue`, path: `/${locale}/explore/?mo=queue`, js: true, colorScheme: 'light' });
  // the back-office profile: its truncation run on floats, said on the page with the exact run one click away
  shots.push({ file: `${locale}-explore-model-office`, path: `/${locale}/explore/?mo=office`, js: true, colorScheme: 'light' });
  shots.push({ file: `${locale}-explore-operator`, path: `/${locale}/explore/?b=200&gr=0.005&flat=180&s=0.05&m=2&spo=0.2&spl=0.2&fd=120&fa=2000000&fd2=240&fa2=5000000`, js: true, colorScheme: 'light' });
}

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

assertBuilt();
if (!hasChineseFont()) {
  console.warn('No Chinese font found (fc-list :lang=zh): install fonts-noto-cjk for readable screenshots.');
}
mkdirSync(OUT, { recursive: true });
const server = await startStaticServer();
const browser = await launchChromium();
try {
  for (const shot of ONLY ? shots.filter((x) => x.file.includes(ONLY)) : shots) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        javaScriptEnabled: shot.js,
        colorScheme: shot.colorScheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(server.origin + shot.path, { waitUntil: 'networkidle' });
      if (shot.path.includes('/explore/')) await page.locator('.explorer[data-final="true"]').waitFor({ timeout: 60_000 });
      const file = join(OUT, `${shot.file}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
