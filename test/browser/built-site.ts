/**
 * The set-up every browser test file shares: the built site served on a free port and the system
 * Chromium, started before the file's tests and closed after them. Call `useBuiltSite()` once at the
 * top of a test file; `server` and `browser` are live bindings, set once its tests start.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { explorerSettled } from './pages.ts';
import { assertBuilt, startStaticServer, type StaticServer } from './serve.ts';

export let server: StaticServer;
export let browser: Browser;

/** Serve dist/ (unless `server: false`) and launch Chromium for this file's tests; close both after. */
export function useBuiltSite(options: { server?: boolean } = {}): void {
  beforeAll(async () => {
    assertBuilt();
    if (options.server !== false) server = await startStaticServer();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** console errors (and warnings, when asked), uncaught page errors and HTTP errors, in order */
  errors: string[];
  /** every URL the page requested */
  requests: string[];
}

/**
 * Open a path of the served site in a fresh context (1280 x 900 unless told), collecting what went
 * wrong; on the explorer, wait until its charts show the final run (`settle`: how long at most).
 */
export async function visit(path: string, options: { width?: number; height?: number; warnings?: boolean; settle?: number } = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || (options.warnings && m.type() === 'warning')) errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(server.origin + path);
  if ((await page.locator('.explorer').count()) > 0) await explorerSettled(page, options.settle ?? 60_000);
  return { context, page, errors, requests };
}
