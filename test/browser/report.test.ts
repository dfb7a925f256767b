/**
 * The explorer's printable report, in both languages: the Print report button (by keyboard) calls
 * the browser's print; Chromium prints the page to PDF with the print stylesheet; pdftotext
 * (poppler-utils) reads the PDF's own text back, which must hold the key figures as the page shows
 * them, the parameters set in the address, the engine's version, today's date, the cohort rows,
 * the compliance rules and the address that restores the scenario, and none of the site's chrome.
 * Opening that address from the PDF restores the same controls and the same key figures. The
 * button waits while there is no result; the report names a preset, and says when the figures
 * include beyond the controls (a stress test, which the address carries).
 *
 * Chinese text in the PDF needs a CJK font on the machine (fonts-noto-cjk); CI may lack one, so
 * the Chinese checks rest on what any font prints (numbers, the address, the version), and the
 * whole sentences are compared only when the PDF's text holds Chinese at all.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAME, ENGINE_VERSION } from '../../src/engine/version.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { launchChromium } from './chromium.ts';
import { explorerSettled as settled, offSite } from './pages.ts';
import { assertBuilt, startStaticServer, type StaticServer } from './serve.ts';

let server: StaticServer;
let browser: Browser;
let dir: string;

const PDFTOTEXT = process.env['PDFTOTEXT_PATH'] ?? 'pdftotext';
const PDFINFO = process.env['PDFINFO_PATH'] ?? 'pdfinfo';

/** The PDF's text, by poppler's pdftotext: with the layout kept (rows of tables on one line) or in reading order. */
function pdfText(file: string, layout: boolean): string {
  try {
    return execFileSync(PDFTOTEXT, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`pdftotext not found (${PDFTOTEXT}): install poppler-utils (apt-get install -y poppler-utils), or set PDFTOTEXT_PATH`);
    }
    throw e;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The addresses of the PDF's link annotations, by poppler's pdfinfo -url. */
function pdfLinks(file: string): string[] {
  const out = execFileSync(PDFINFO, ['-url', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[2])
    .filter((u): u is string => !!u);
}

/** A sentence without its Chinese characters and punctuation, nor spaces: what prints without a CJK font. */
const latin = (s: string) => noSpace(s).replace(/[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufffd]/g, '');
/** Whether fontconfig knows a font for Chinese (fonts-noto-cjk here; CI may have none). */
const HAS_CJK_FONT = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
})();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const noSpace = (s: string) => s.replace(/\s+/g, '');
/** The numbers of a sentence as printed (1,234.5, 0.3, 120): what any font shows. */
const numbersOf = (s: string) => s.match(/\d[\d,.]*\d|\d/g) ?? [];

async function open(path: string): Promise<{ page: Page; context: BrowserContext; errors: string[]; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(server.origin + path);
  return { page, context, errors, requests };
}

/**
 * Replace window.print with a counter that also notes the width each chart is drawn for at that
 * moment (what a real print would lay out): the test prints with page.pdf() instead of a dialog.
 */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; frames: Record<string, number> };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
      w.frames = Object.fromEntries([...document.querySelectorAll('[data-chart]')].map((c) => [c.getAttribute('data-chart'), Number(c.querySelector('svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2])]));
    };
  });
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);
const frames = (page: Page) => page.evaluate(() => (window as unknown as { frames: Record<string, number> }).frames);
const screenFrames = (page: Page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-chart]')].map((c) => [c.getAttribute('data-chart'), Number(c.querySelector('svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2])])));

/** What the controls hold and what the page shows: to compare a restored page with the original. */
async function shownState(page: Page) {
  // days and referral sit in the advanced group, which is built when first opened
  const advanced = page.locator('details[data-advanced]');
  if (!(await advanced.evaluate((d) => (d as HTMLDetailsElement).open))) await advanced.locator('summary').click();
  return {
    perDay: await page.inputValue('#x-perDay'),
    sellRate: await page.inputValue('#x-sellRate'),
    days: await page.inputValue('#x-days'),
    referral: await page.inputValue('#x-referral'),
    followDay: await page.inputValue('#x-followDay'),
    growth: await page.inputValue('[data-control="growth"]'),
    keyFigures: await page.locator('[data-key-figures] li').allInnerTexts(),
  };
}

beforeAll(async () => {
  assertBuilt();
  // fail at once, and clearly, where poppler-utils is missing
  for (const [tool, env] of [
    [PDFTOTEXT, 'PDFTOTEXT_PATH'],
    [PDFINFO, 'PDFINFO_PATH'],
  ] as const) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils), or set ${env}`);
      throw e;
    }
  }
  server = await startStaticServer();
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'ppx-report-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DICTS = { en, zh } as const;
// a small constant flow with a referral network (so that there are compliance flags) and a followed buyer
const QUERY = 'b=50&g=constant&s=0.03&d=120&ref=0.5&follow=45';

describe.each(['en', 'zh'] as const)('the printed report /%s/explore/', (locale) => {
  const t = (key: string) => (DICTS[locale] as Record<string, string>)[key]!;

  it('waits, and says so, while there is no result to print', async () => {
    // a bad value in the address falls back to its default and runs; an event the engine refuses
    // (in the extras the controls do not show) leaves nothing to print
    const v = await open(`/${locale}/explore/?x=${encodeURIComponent(JSON.stringify({ events: [{ day: 1, nope: true }] }))}`);
    try {
      const p = v.page;
      await p.waitForSelector('[data-form-problems]');
      await stubPrint(p);
      const button = p.getByRole('button', { name: t('explorer.report.print') });
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      await button.focus();
      await p.keyboard.press('Enter');
      expect(await p.locator('[data-print-note]').innerText()).toBe(t('explorer.report.wait'));
      expect(await printed(p)).toBe(0);
      // printed from the browser's menu all the same, the page says why there is no report
      expect(await p.locator('.print-empty').isVisible()).toBe(false);
      await p.emulateMedia({ media: 'print' });
      expect(await p.locator('.print-empty').innerText()).toBe(t('explorer.report.wait'));
    } finally {
      await v.context.close();
    }
  });

  it('names the preset, and notes the stress test (which its address carries) and what the controls do not show', async () => {
    const v = await open(`/${locale}/explore/`);
    try {
      const p = v.page;
      await settled(p);
      await p.selectOption('[data-control="preset"]', 'boom');
      await settled(p);
      expect(squash((await p.textContent('[data-report] h2'))!)).toBe(t('explorer.report.title').replace('{name}', t('explorer.preset.boom')));
      expect(await p.locator('[data-report-note]').count()).toBe(0);
      await p.selectOption('[data-control="stress-kind"]', 'skim');
      await p.fill('[data-control="stress-day"]', '60');
      await p.click('[data-control="stress-run"]');
      await p.locator('[data-stress-active]').waitFor();
      await settled(p);
      const note = t('explorer.report.stress').replace('{what}', t('explorer.stressKind.skim')).replace('{day}', '60');
      expect(await p.locator('[data-report-note]').allTextContents()).toEqual([note]);
      // the report's address carries the stress test it mentions (it did not before the state object)
      const link = new URL((await p.getAttribute('[data-report-link]', 'href'))!);
      expect(link.searchParams.get('wi')).toBe('skim:60');

      // a scenario page's preset carries settings beyond the controls; its address restores its name too
      await p.selectOption('[data-control="preset"]', 'scn-legacy');
      await settled(p);
      const title = t('explorer.report.title').replace('{name}', t('explorer.presetScn.legacy'));
      expect(squash((await p.textContent('[data-report] h2'))!)).toBe(title);
      const notes = await p.locator('[data-report-note]').allTextContents();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain(t('explorer.report.extras').split('{keys}')[0]!);
      expect(notes[0]).not.toMatch(/\{\w+\}|explorer\./);
      const again = await open(new URL((await p.getAttribute('[data-report-link]', 'href'))!).pathname + new URL((await p.getAttribute('[data-report-link]', 'href'))!).search);
      try {
        await settled(again.page);
        expect(squash((await again.page.textContent('[data-report] h2'))!)).toBe(title);
        expect(await again.page.locator('[data-key-figures] li').allInnerTexts()).toEqual(await p.locator('[data-key-figures] li').allInnerTexts());
        expect(again.errors).toEqual([]);
      } finally {
        await again.context.close();
      }
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('printed from the browser’s menu: the charts are drawn for print, then for the screen again, a focused chart keeping the focus', async () => {
    const v = await open(`/${locale}/explore/?${QUERY}`);
    try {
      const p = v.page;
      await settled(p);
      const onScreen = await screenFrames(p);
      await p.focus('[data-chart="price"] svg[role="img"]');
      const during = await p.evaluate(() => {
        dispatchEvent(new Event('beforeprint'));
        // what the print would lay out: read synchronously, before anything else runs
        return Object.fromEntries([...document.querySelectorAll('[data-chart]')].map((c) => [c.getAttribute('data-chart'), Number(c.querySelector('svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2])]));
      });
      expect(during).toEqual(Object.fromEntries(Object.keys(onScreen).map((k) => [k, 600])));
      await p.evaluate(() => dispatchEvent(new Event('afterprint')));
      await p.waitForFunction((w) => Number(document.querySelector('[data-chart="follow"] svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2]) === w, onScreen['follow']);
      expect(await screenFrames(p)).toEqual(onScreen);
      expect(await p.evaluate(() => document.activeElement?.closest('[data-chart]')?.getAttribute('data-chart'))).toBe('price');
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('prints to PDF with the key figures, parameters, date, engine, cohorts, compliance and the address; the address restores the scenario', async () => {
    const v = await open(`/${locale}/explore/?${QUERY}`);
    let restored: Awaited<ReturnType<typeof open>> | undefined;
    try {
      const p = v.page;
      await settled(p);
      await stubPrint(p);
      // on screen the report is not shown; the button is, and works from the keyboard
      expect(await p.locator('[data-report]').isVisible()).toBe(false);
      const button = p.getByRole('button', { name: t('explorer.report.print') });
      expect(await button.getAttribute('aria-disabled')).toBeNull();
      // on screen the charts are drawn for their column (the followed buyer's for the whole width);
      // when print is called, every one is already drawn anew for the one printed width
      const onScreen = await screenFrames(p);
      expect(Object.keys(onScreen)).toHaveLength(9);
      expect(onScreen['follow']).toBeGreaterThan(900);
      const before = Date.now();
      await button.focus();
      await p.keyboard.press('Enter');
      expect(await printed(p)).toBe(1);
      const after = Date.now();
      expect(await frames(p)).toEqual(Object.fromEntries(Object.keys(onScreen).map((k) => [k, 600])));

      // what the page shows and what the report says, from the DOM
      const state = await shownState(p);
      expect(state.keyFigures).toHaveLength(6);
      const sentences = (await p.locator('[data-report-key] li').allTextContents()).map(squash);
      expect(sentences.slice(1)).toEqual(state.keyFigures.map(squash));
      const link = (await p.getAttribute('[data-report-link]', 'href'))!;
      expect(link).toBe(`${server.origin}/${locale}/explore/?${QUERY}`);
      expect((await p.textContent('[data-report-link]'))!.trim()).toBe(link);
      const dateText = squash((await p.textContent('[data-report-date]'))!);
      const made = Date.parse((await p.getAttribute('[data-report-date]', 'datetime'))!);
      expect(made).toBeGreaterThanOrEqual(before - 1000);
      expect(made).toBeLessThanOrEqual(after + 1000);
      expect(dateText).toContain(String(new Date(made).getFullYear()));
      expect(await p.textContent('[data-report-engine]')).toBe(`${ENGINE_NAME} ${ENGINE_VERSION}`);
      const cohortRows = await p.locator('[data-report-cohorts] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
      expect(cohortRows.length).toBeGreaterThan(10);
      const rules = await p.locator('[data-compliance] .rule').allTextContents();
      expect(rules.length).toBeGreaterThan(0);

      // print: Chromium renders the page with print media, as the print dialog would
      const file = join(dir, `report-${locale}.pdf`);
      writeFileSync(file, await p.pdf({ format: 'A4', preferCSSPageSize: true }));
      const layout = pdfText(file, true);
      const flat = squash(pdfText(file, false));
      const bare = noSpace(layout);
      expect(layout.split('\f').filter((pg) => pg.trim()).length).toBeGreaterThanOrEqual(3);

      // the key figures: every number of every sentence, in every language; whole sentences where the text is readable
      for (const s of sentences) for (const n of numbersOf(s)) expect(bare, `${n} of “${s}”`).toContain(n);
      // Chinese is read back whole where the machine has a font for it; everywhere, the rest of each
      // sentence (numbers, units, signs) must be there in order. Chinese has no spaces between words:
      // a line break in the PDF's text is no space there.
      const readable = locale === 'en' || HAS_CJK_FONT;
      const whole = (text: string) => (locale === 'en' ? flat.includes(text) : readable ? noSpace(flat).includes(noSpace(text)) : latin(flat).includes(latin(text)));
      for (const s of sentences) expect(whole(s), s).toBe(true);
      if (!readable) console.warn('report.test: no CJK font (fc-list :lang=zh lists none): the Chinese sentences are checked without their Chinese characters');

      // the engine, the date, the address
      expect(layout).toContain(`${ENGINE_NAME} ${ENGINE_VERSION}`);
      expect(whole(dateText), dateText).toBe(true);
      for (const n of numbersOf(dateText)) expect(bare).toContain(n);
      // printed as text (whole, wherever the line wraps) and as the PDF's own link
      expect(bare).toContain(link);
      // the PDF's links: the restoring address, and the compliance flags' sources (each a link on
      // the page too), nothing else
      const urls = pdfLinks(file);
      const sources = await p.locator('[data-compliance] a[data-source]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(sources.length).toBeGreaterThan(0);
      expect(new Set(urls)).toEqual(new Set([link, ...sources]));
      const fromPdf = urls.find((u) => u === link)!;

      // the parameters set in the address, each on its row beside its label (by its numbers where the glyphs may be missing)
      for (const [key, label, value] of [
        ['perDay', t('explorer.field.perDay'), `50 ${t('explorer.unit.buyers')}`],
        ['sellRate', t('explorer.field.sellRate'), '3%'],
        ['days', t('explorer.field.days'), `120 ${t('explorer.unit.days')}`],
        ['growth', t('explorer.field.growth'), t('explorer.growth.constant')],
        ['referral', t('explorer.field.referral'), '50%'],
        ['followDay', t('explorer.follow.day'), '45'],
      ] as const) {
        expect(await p.textContent(`[data-report-params] [data-param="${key}"] td`)).toBe(value);
        if (readable) expect(layout).toMatch(new RegExp(`${escape(label)}\\s+${escape(value)}(\\s|$)`, 'm'));
        else for (const n of numbersOf(value)) expect(layout).toMatch(new RegExp(`\\s${escape(n)}(\\s|[^\\d,.]|$)`, 'm'));
      }

      // the cohort table: every row on a line of its own, with its first figures
      for (const [label, users, spend] of cohortRows) {
        expect(layout, `cohort ${label}`).toMatch(new RegExp(`^\\s*${escape(label!)}\\s+${escape(users!)}\\s+${escape(numbersOf(spend!)[0]!)}`, 'm'));
      }
      // the compliance flags' rules
      for (const rule of rules) expect(bare).toContain(noSpace(rule));

      // and not the site's chrome or the controls
      if (locale === 'en') {
        expect(flat).not.toContain('Walkthrough');
        expect(flat).not.toContain(t('explorer.download.csvLabel'));
        expect(flat).not.toContain(t('explorer.report.print'));
      } else expect(flat).not.toContain('English');

      // the address from the PDF restores the scenario: the same controls, the same key figures
      restored = await open(new URL(fromPdf!).pathname + new URL(fromPdf!).search);
      await settled(restored.page);
      expect(await shownState(restored.page)).toEqual(state);
      expect(state).toMatchObject({ perDay: '50', sellRate: '3', days: '120', referral: '50', followDay: '45', growth: 'constant' });
      expect([...v.errors, ...restored.errors]).toEqual([]);
      expect(offSite([...v.requests, ...restored.requests], server.origin)).toEqual([]);
    } finally {
      await restored?.context.close();
      await v.context.close();
    }
  });
});
