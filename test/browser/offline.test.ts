/**
 * The site offline, in Chromium: after one visit the service worker (dist/sw.js, src/sw/) holds
 * the whole build; then the browser goes offline AND the server stops, and other pages (both
 * languages), the explorer with a shared address, a directory without its slash and an unknown
 * path still load, the explorer still runs in its workers, and the footer says so. A second test
 * serves a copy of the build, changes a page, regenerates sw.js as the build does, and checks
 * that the browser swaps to the new cache (the old one deleted) and serves the new page offline.
 * A third serves a copy without sw.js: the registration fails quietly and nothing claims offline.
 * Another checks when the page registers the worker: after load, and on the explorer only once its
 * first charts are drawn from a final run (src/sw/settle.ts says why).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFor, writeServiceWorker } from '../../src/sw/generate.ts';
import { cacheName } from '../../src/sw/runtime.ts';
import { launchChromium } from './chromium.ts';
import { EXPLORER_SHOWS, explorerSettled as settled } from './pages.ts';
import { assertBuilt, DIST, startStaticServer, type StaticServer } from './serve.ts';

let browser: Browser;
const temps: string[] = [];

beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

interface Visit {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function open(server: StaticServer, path: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // the one expected error: the unknown address answered 404 (from the cached 404 page)
    if (m.type() === 'error' && !m.location().url.endsWith('/nowhere/')) errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(server.origin + path);
  return { context, page, errors };
}

/** Wait until a service worker is active and controls the page; return the site's caches. */
async function controlled(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    return caches.keys();
  });
}

describe('offline', () => {
  it('after one visit, pages in both languages and the explorer load and run with no network at all', async () => {
    const server = await startStaticServer();
    const v = await open(server, '/en/');
    try {
      const p = v.page;
      // the footer's "available offline" appears once the worker is active, and one cache holds this build
      expect(await controlled(p)).toEqual([cacheName(manifestFor(DIST).version)]);
      await p.locator('[data-offline-ready]').waitFor({ state: 'visible' });
      expect(await p.locator('[data-offline-ready]').innerText()).toMatch(/Available offline/);
      expect(await p.locator('[data-offline-now]').innerText()).toBe('');

      // no network: the browser is offline and nothing listens on the port any more
      await server.close();
      await v.context.setOffline(true);

      const risks = await p.goto(`${server.origin}/zh/risks/`);
      expect(risks?.status()).toBe(200);
      expect(risks?.fromServiceWorker()).toBe(true);
      expect(await p.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await p.locator('h1').count()).toBe(1);
      expect(await p.locator('[data-offline-now]').innerText()).toMatch(/离线/);
      expect(await p.locator('[data-offline-ready]').innerText()).toMatch(/离线/);

      // a click on the main navigation to the explorer, which runs in its workers
      await Promise.all([p.waitForURL(`${server.origin}/zh/explore/`), p.locator('nav a[href="/zh/explore/"]').click()]);
      await settled(p);
      expect(await p.locator('[data-key-figures] li').count()).toBe(EXPLORER_SHOWS.keyFigureLines);

      // a shared explorer address: the query string is the scenario, the page is the cached one
      const shared = await p.goto(`${server.origin}/en/explore/?d=120&b=50&g=constant`);
      expect(shared?.fromServiceWorker()).toBe(true);
      await settled(p);
      expect(await p.getAttribute('html', 'lang')).toBe('en');
      expect(await p.locator('[data-key-figures] li').count()).toBe(EXPLORER_SHOWS.keyFigureLines);
      expect(new URL(p.url()).searchParams.get('d')).toBe('120');
      expect(await p.locator('[data-chart]').count()).toBe(EXPLORER_SHOWS.charts);
      expect(await p.locator('[data-offline-now]').innerText()).toMatch(/You are offline/);

      // a directory without its slash goes to the slash form, as the static host would redirect
      await p.goto(`${server.origin}/en/glossary`);
      expect(p.url()).toBe(`${server.origin}/en/glossary/`);
      expect(await p.locator('h1').count()).toBe(1);

      // an unknown address: the site's 404 page, with status 404
      const missing = await p.goto(`${server.origin}/en/nowhere/`);
      expect(missing?.status()).toBe(404);
      expect(await p.locator('h1').innerText()).not.toBe('');
      expect(await p.title()).toMatch(/^404/);

      // back online: the offline line goes away
      await v.context.setOffline(false);
      await p.goto(`${server.origin}/en/about/`);
      expect(await p.locator('[data-offline-now]').innerText()).toBe('');

      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
      await server.close();
    }
  });

  it('registers the service worker after the page settles: at load elsewhere, after the first final charts on the explorer', async () => {
    const server = await startStaticServer();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      // each call of register(), with what the page had done by then
      await context.addInitScript(() => {
        const calls: { loaded: boolean; settled: boolean; final: string | undefined; late: boolean }[] = [];
        (window as unknown as { registerCalls: typeof calls }).registerCalls = calls;
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof register>) {
          const root = document.documentElement;
          calls.push({
            loaded: document.readyState === 'complete',
            settled: root.hasAttribute('data-settled'),
            final: document.querySelector<HTMLElement>('.explorer')?.dataset['final'],
            late: root.hasAttribute('data-settles-late'),
          });
          return register.apply(this, args);
        };
      });
      const calls = (p: Page) => p.evaluate(() => (window as unknown as { registerCalls: unknown[] }).registerCalls);
      const page = await context.newPage();

      // a page without work after load: registered once, after load, and never marked late
      await page.goto(`${server.origin}/zh/risks/`);
      await expect.poll(() => calls(page), { timeout: 10_000 }).toHaveLength(1);
      expect(await calls(page)).toEqual([{ loaded: true, settled: false, final: undefined, late: false }]);

      // the explorer: not at load, but once its first charts are drawn from a final run
      await page.goto(`${server.origin}/en/explore/?d=120&b=50&g=constant`);
      await settled(page);
      await expect.poll(() => calls(page), { timeout: 10_000 }).toHaveLength(1);
      expect(await calls(page)).toEqual([{ loaded: true, settled: true, final: 'true', late: true }]);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('where registration fails (no sw.js on the host), the page works, logs nothing of its own and claims no offline copy', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ppe-no-sw-'));
    temps.push(root);
    cpSync(DIST, root, { recursive: true });
    rmSync(join(root, 'sw.js'));
    const server = await startStaticServer(root);
    const v = await open(server, '/zh/about/');
    try {
      const p = v.page;
      // the page tries after load and fails (Chromium reports the script's 404); then a round trip
      // to the page lets any unhandled rejection arrive
      await expect.poll(() => v.errors.some((e) => /\(404\).*fetching the script/.test(e)), { timeout: 10_000 }).toBe(true);
      await p.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
      expect(await p.evaluate(async () => (await navigator.serviceWorker.getRegistration()) ?? null)).toBeNull();
      expect(await p.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      expect(await p.locator('[data-offline-ready]').isHidden()).toBe(true);
      expect(await p.locator('[data-offline-now]').innerText()).toBe('');
      // Chromium itself reports the 404 of the script; nothing else may appear (an unhandled
      // rejection would show as "Uncaught (in promise)")
      expect(v.errors.filter((e) => !/A bad HTTP response code \(404\) was received when fetching the script/.test(e))).toEqual([]);
      expect(v.errors).toHaveLength(1);
    } finally {
      await v.context.close();
      await server.close();
    }
  });

  it('a new build replaces the old cache: new version cached, old cache deleted, new page served offline', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ppe-offline-'));
    temps.push(root);
    cpSync(DIST, root, { recursive: true });
    const first = manifestFor(root).version;
    const server = await startStaticServer(root);
    const v = await open(server, '/en/about/');
    try {
      const p = v.page;
      expect(await controlled(p)).toEqual([cacheName(first)]);
      expect(await p.locator('#second-build').count()).toBe(0);

      // the second build: one page changes, sw.js is written again as `astro build` does
      const about = join(root, 'en/about/index.html');
      const html = readFileSync(about, 'utf8');
      expect(html).toMatch(/<main\b[^>]*>/);
      writeFileSync(about, html.replace(/<main\b[^>]*>/, (m) => `${m}<p id="second-build">second build</p>`));
      const second = writeServiceWorker(root).version;
      expect(second).not.toBe(first);

      // a navigation checks sw.js, finds it changed, installs the new worker and drops the old cache
      await p.reload();
      const state = () =>
        p.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          const names = await caches.keys();
          const sizes = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).length));
          return { active: registration?.active?.state, caches: names, sizes };
        });
      const files = manifestFor(root).urls.length;
      await expect
        .poll(state, { timeout: 30_000, interval: 250 })
        .toEqual({ active: 'activated', caches: [cacheName(second)], sizes: [files] });

      await server.close();
      await v.context.setOffline(true);
      const again = await p.goto(`${server.origin}/en/about/?from=offline`);
      expect(again?.fromServiceWorker()).toBe(true);
      expect(await p.locator('#second-build').innerText()).toBe('second build');
      await p.goto(`${server.origin}/zh/`);
      expect(await p.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await p.evaluate(() => caches.keys())).toEqual([cacheName(second)]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
      await server.close();
    }
  });
});
