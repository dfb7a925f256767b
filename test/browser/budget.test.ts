/**
 * JavaScript budgets per page (issue 7), gated here: gzipped JavaScript each built page could
 * load, measured statically over dist/ (budget.ts says exactly what counts). The explorer at most
 * 250 KB; pages with live figures 150 KB; every other page 50 KB. The figures of every page are
 * printed, so that they are in the CI log.
 *
 * The measure is checked twice: on a small made-up site whose answer is known (each kind of
 * reference, each file once, a missing file reported), and against a real Chromium, which must
 * fetch no script the measure left out and no more gzipped bytes than it counted.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, budgetTable, categoryOf, gz, kb, loadGraph, measurePage, measureSite, type PageJs } from './budget.ts';
import { launchChromium } from './chromium.ts';
import { LOCALES, LOCALIZED_PAGES, settledIfExplorer } from './pages.ts';
import { assertBuilt, DIST, startStaticServer, type StaticServer } from './serve.ts';

describe('the measure itself, on a made-up site', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'budget-'));
    write(
      'page/index.html',
      `<!doctype html><html><head>
        <link rel="modulepreload" href="/_a/pre.js">
        <script type="application/ld+json">{"not":"javascript"}</script>
        <script type="module" src="../_a/entry.js"></script>
        <script>navigator.serviceWorker.register('/sw.js')</script>
      </head><body>
        <astro-island component-url="/_a/island.js" renderer-url="/_a/renderer.js" props="{}"></astro-island>
      </body></html>`,
    );
    write('_a/pre.js', 'export const pre = 1;');
    write('_a/entry.js', 'import{x}from"./shared.js";import"./side.js";const w=new Worker(new URL(`/_a/worker.js`,""+import.meta.url),{type:`module`});');
    write('_a/island.js', "import{x}from'./shared.js';export default()=>import('./lazy.js');");
    write('_a/renderer.js', 'export default 1;');
    write('_a/shared.js', 'export const x = 1;');
    write('_a/side.js', 'const deps=["_a/listed.js"];');
    write('_a/lazy.js', 'export const lazy = 2;');
    write('_a/worker.js', 'importScripts("/_a/in-worker.js");');
    write('_a/in-worker.js', 'self.x = 1;');
    write('_a/listed.js', 'export const listed = 3;');
    write('_a/never.js', 'export const never = 4; // on disk, referenced by nothing');
    write('sw.js', 'const PRECACHE = ["/_a/never.js"];');
    write('broken/index.html', '<script type="module">import "/_a/gone.js";</script><script src="https://cdn.example/x.js"></script>');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('follows every kind of reference, counts each file once, and counts the service worker but not its precache', () => {
    const m = measurePage(root, 'page/index.html');
    const names = m.files.map((f) => f.name).sort();
    expect(names).toEqual(
      [
        '_a/entry.js',
        '_a/in-worker.js',
        '_a/island.js',
        '_a/lazy.js',
        '_a/listed.js',
        '_a/pre.js',
        '_a/renderer.js',
        '_a/shared.js',
        '_a/side.js',
        '_a/worker.js',
        'inline #1',
        'sw.js',
      ].sort(),
    );
    expect(m.missing).toEqual([]);
    const shared = gzipSync('export const x = 1;').length;
    expect(m.files.find((f) => f.name === '_a/shared.js')?.gzip).toBe(shared);
    expect(m.gzip).toBe(m.files.reduce((s, f) => s + f.gzip, 0));
  });

  it('the load graph: what the page runs as it loads, without what loads on demand, in workers or in the service worker', () => {
    // entry.js (script src) imports shared.js and side.js; island.js and renderer.js (the island's
    // urls) and pre.js (modulepreload); not lazy.js (import()), worker.js and in-worker.js (a
    // worker), listed.js (a mere string), sw.js (registered)
    expect(loadGraph(root, 'page/index.html')).toEqual(['_a/entry.js', '_a/island.js', '_a/pre.js', '_a/renderer.js', '_a/shared.js', '_a/side.js']);
  });

  it('reports a script it cannot follow: missing from the site or on another host', () => {
    const m = measurePage(root, 'broken/index.html');
    expect(m.missing).toHaveLength(2);
    expect(m.missing.join('\n')).toMatch(/gone\.js/);
    expect(m.missing.join('\n')).toMatch(/cdn\.example/);
  });

  it('sorts pages into the budgets the issue names', () => {
    expect(categoryOf('en/explore/index.html')).toBe('explorer');
    for (const p of ['zh/walkthrough/index.html', 'en/claims/index.html', 'en/how-it-works/index.html', 'zh/scenarios/legacy/index.html']) {
      expect(categoryOf(p), p).toBe('live');
    }
    for (const p of ['index.html', '404.html', 'en/index.html', 'zh/method/index.html', 'en/glossary/index.html', 'en/risks/index.html', 'en/about/index.html', 'en/scenarios/index.html', 'en/models/index.html', 'zh/models/release/index.html']) {
      expect(categoryOf(p), p).toBe('text');
    }
  });
});

describe('the built site', () => {
  let pages: PageJs[] = [];
  beforeAll(() => {
    assertBuilt();
    pages = measureSite(DIST);
    // the figures, for the CI log
    console.log(`JavaScript per page, gzipped (node:zlib default level):\n${budgetTable(pages)}`);
  });

  it('measures every page: each localized page in both languages, the root page and 404', () => {
    const measured = new Set(pages.map((p) => p.page));
    const expected = [
      'index.html',
      '404.html',
      ...LOCALES.flatMap((l) => LOCALIZED_PAGES.map((p) => (p.path ? `${l}/${p.path}/index.html` : `${l}/index.html`))),
    ];
    expect(expected.filter((p) => !measured.has(p))).toEqual([]);
    // the measure sees the islands: the explorer's worker, the home page's playground
    const files = (page: string) => pages.find((p) => p.page === page)?.files.map((f) => f.name) ?? [];
    expect(files('en/explore/index.html').some((f) => /worker/i.test(f))).toBe(true);
    expect(files('zh/index.html').some((f) => /OrderPlayground/.test(f))).toBe(true);
  });

  // decimal.js (about 12 KB gzipped, and its evaluation) is for the exact path: the explorer runs
  // that in its worker, and its main thread (controls, charts, address) needs only plain data.
  // '[DecimalError]' is a string of decimal.js's own that minifying keeps.
  it("the explorer's page loads no decimal.js on its main thread; its worker and the home page's playground do", () => {
    const hasDecimal = (file: string) => readFileSync(join(DIST, file), 'utf8').includes('[DecimalError]');
    for (const locale of LOCALES) {
      const page = `${locale}/explore/index.html`;
      expect(loadGraph(DIST, page).filter(hasDecimal), page).toEqual([]);
      const worker = pages.find((p) => p.page === page)!.files.map((f) => f.name).filter((f) => /worker/i.test(f));
      expect(worker.some(hasDecimal), `${page}: ${worker.join(', ')}`).toBe(true);
      expect(loadGraph(DIST, `${locale}/index.html`).some(hasDecimal), `${locale}/index.html`).toBe(true);
    }
  });

  it('follows every script reference to a file of the site', () => {
    expect(pages.flatMap((p) => p.missing.map((m) => `${p.page}: ${m}`))).toEqual([]);
  });

  it('keeps every page within its budget', () => {
    const over = pages.flatMap((p) => {
      const category = categoryOf(p.page);
      const budget = BUDGETS[category];
      if (p.gzip <= budget) return [];
      const biggest = p.files.slice(0, 5).map((f) => `${f.name} ${kb(f.gzip)}`);
      return [`${p.page} loads ${kb(p.gzip)} of JavaScript (gzipped), over its ${category} budget of ${kb(budget)}; biggest: ${biggest.join(', ')}`];
    });
    expect(over, over.join('\n')).toEqual([]);
  });
});

describe('the measure against a real browser', () => {
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

  // the pages with the most JavaScript of each kind: the home page's island, the explorer's
  // workers, the walkthrough's charts, a scenario page
  it.each(['/en/', '/zh/explore/', '/en/walkthrough/', '/zh/scenarios/legacy/'])(
    '%s: Chromium fetches no script the static measure left out, and no more gzipped bytes',
    async (path) => {
      // service workers blocked: the worker's precache of the whole site is outside the measure
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      const fetched = new Map<string, number>();
      const reading: Promise<void>[] = [];
      // context-wide, so that requests of dedicated workers count too
      context.on('response', (r) => {
        const type = r.headers()['content-type'] ?? '';
        if (!/javascript/.test(type) && !/\.m?js$/.test(new URL(r.url()).pathname)) return;
        reading.push(
          r.body().then(
            (body) => void fetched.set(new URL(r.url()).pathname, gz(body)),
            () => undefined,
          ),
        );
      });
      const page = await context.newPage();
      try {
        await page.goto(server.origin + path, { waitUntil: 'networkidle' });
        // bring every island into view (client:visible hydrates only then), then wait for all of them
        const islands = await page.locator('astro-island').count();
        for (let i = 0; i < islands; i++) {
          await page.evaluate((n) => {
            const island = document.querySelectorAll('astro-island')[n]!;
            (island.firstElementChild ?? island).scrollIntoView();
          }, i);
          await page.waitForFunction((n) => !document.querySelectorAll('astro-island')[n]?.hasAttribute('ssr'), i, { timeout: 30_000 });
        }
        await settledIfExplorer(page);
        await page.waitForLoadState('networkidle');
        await Promise.all(reading);

        const file = path.replace(/^\//, '') + 'index.html';
        const measured = measurePage(DIST, file);
        const counted = new Set(measured.files.map((f) => `/${f.name}`));
        expect(fetched.size, 'the browser fetched scripts').toBeGreaterThan(0);
        // the explorer's simulation workers are seen (context-wide responses include them)
        if (path.includes('explore')) expect([...fetched.keys()].some((u) => /worker/i.test(u))).toBe(true);
        expect([...fetched.keys()].filter((u) => !counted.has(u)), 'scripts fetched but not counted').toEqual([]);
        const browserTotal = [...fetched.values()].reduce((s, n) => s + n, 0);
        expect(measured.gzip).toBeGreaterThanOrEqual(browserTotal);
        console.log(`${path}: browser fetched ${fetched.size} scripts, ${kb(browserTotal)} gzipped; static measure ${measured.files.length} files, ${kb(measured.gzip)}`);
      } finally {
        await context.close();
      }
    },
  );
});
