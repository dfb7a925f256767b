/** The site's pages, for the browser tests and the screenshots. */
import type { Locale } from '../../src/i18n/locales.ts';

export interface SitePage {
  /** short name for files and test titles */
  name: string;
  /** path within a locale ('' for the home page) */
  path: string;
}

export const LOCALIZED_PAGES: SitePage[] = [
  { name: 'home', path: '' },
  { name: 'about', path: 'about' },
  { name: 'walkthrough', path: 'walkthrough' },
  { name: 'walkthrough-custom', path: 'walkthrough/custom' },
  { name: 'explore', path: 'explore' },
  { name: 'how-it-works', path: 'how-it-works' },
  { name: 'claims', path: 'claims' },
  { name: 'risks', path: 'risks' },
  { name: 'method', path: 'method' },
  { name: 'glossary', path: 'glossary' },
  { name: 'scenarios', path: 'scenarios' },
  { name: 'scenario-inventory', path: 'scenarios/inventory' },
  { name: 'scenario-legacy', path: 'scenarios/legacy' },
  { name: 'scenario-rebate', path: 'scenarios/rebate' },
  { name: 'scenario-newcomer', path: 'scenarios/newcomer' },
  { name: 'scenario-financing', path: 'scenarios/financing' },
  { name: 'scenario-distribution', path: 'scenarios/distribution' },
  { name: 'models', path: 'models' },
  { name: 'model-back-office', path: 'models/back-office' },
  { name: 'model-release', path: 'models/release' },
  { name: 'model-queue', path: 'models/queue' },
  { name: 'model-rights', path: 'models/rights' },
];

export const LOCALES: Locale[] = ['zh', 'en'];

/**
 * What the explorer shows for a plain scenario once its run is in: its charts (price, solvency,
 * coverage, shortfall, money, two cohort charts, distribution, the followed buyer) and its key-figure
 * lines (the two shortfall lines included). One place for the tests that count them.
 */
export const EXPLORER_SHOWS = { charts: 9, keyFigureLines: 6 } as const;

export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export function url(locale: Locale, page: SitePage): string {
  return page.path ? `/${locale}/${page.path}/` : `/${locale}/`;
}

/**
 * Wait until the explorer's charts show the final run of its latest request (the workers have
 * started and finished): only then has the page loaded all it will load and logged all it will log.
 */
export async function explorerSettled(page: import('playwright-core').Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const e = document.querySelector<HTMLElement>('.explorer');
      const d = e?.dataset;
      return !!d && d['ready'] === 'true' && d['final'] === 'true' && d['shownId'] === d['requestedId'] && d['shownId'] !== '0';
    },
    undefined,
    { timeout },
  );
}

/** One redraw of the explorer's chart area, as its data-drawn attribute says: "<request id>:<buyers per day asked for>:<final|coarse>". */
export interface Drawn {
  id: number;
  perDay: number;
  final: boolean;
}
export const parseDrawn = (s: string): Drawn => {
  const [id, perDay, fin] = s.split(':');
  return { id: Number(id), perDay: Number(perDay), final: fin === 'final' };
};
/** b shows a newer run than a: a higher request id, or the same request going from its coarse run to its final one */
export const newerDrawn = (a: Drawn, b: Drawn): boolean => b.id > a.id || (b.id === a.id && !a.final && b.final);

/** Record, in the page, each value the chart area's data-drawn takes from now on (a MutationObserver); drawnSeen reads them. */
export async function recordDrawn(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __drawn: string[] };
    const area = document.querySelector<HTMLElement>('[data-drawn]')!;
    w.__drawn = [area.dataset['drawn']!];
    new MutationObserver(() => {
      const now = area.dataset['drawn']!;
      if (now !== w.__drawn[w.__drawn.length - 1]) w.__drawn.push(now);
    }).observe(area, { attributes: true, attributeFilter: ['data-drawn'] });
  });
}

/** The data-drawn values recordDrawn has recorded, in order, the one at its start first. */
export async function drawnSeen(page: import('playwright-core').Page): Promise<Drawn[]> {
  return (await page.evaluate(() => (window as unknown as { __drawn: string[] }).__drawn)).map(parseDrawn);
}

/** On a page with the explorer, wait as explorerSettled does; on any other page, return at once. */
export async function settledIfExplorer(page: import('playwright-core').Page): Promise<void> {
  if ((await page.locator('.explorer').count()) > 0) await explorerSettled(page);
}

/** The requests that went anywhere but the site's own origin (data: and blob: URLs stay in the page). */
export function offSite(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
}
