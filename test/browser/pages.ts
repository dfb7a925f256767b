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
];

export const LOCALES: Locale[] = ['zh', 'en'];

export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export function url(locale: Locale, page: SitePage): string {
  return page.path ? `/${locale}/${page.path}/` : `/${locale}/`;
}
