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
];

export const LOCALES: Locale[] = ['zh', 'en'];

export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export function url(locale: Locale, page: SitePage): string {
  return page.path ? `/${locale}/${page.path}/` : `/${locale}/`;
}
