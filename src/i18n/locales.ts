/** The site's locales and the paths between them. No DOM, no Astro: testable in node. */

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

/** BCP 47 tags for <html lang> and for Intl. */
export const HTML_LANG: Readonly<Record<Locale, string>> = { zh: 'zh-CN', en: 'en' };

/** Each language's name in its own script, for the language switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { zh: '中文', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}

/** The locale a path belongs to (its first segment), or undefined for /, assets and the like. */
export function localeFromPath(pathname: string): Locale | undefined {
  const first = pathname.split('/').filter(Boolean)[0];
  return isLocale(first) ? first : undefined;
}

/**
 * The URL of `path` (a page path without locale, e.g. '' or 'about') in `locale`, always with a
 * trailing slash: localePath('en', 'about') === '/en/about/'.
 */
export function localePath(locale: Locale, path = ''): string {
  const rest = path.split('/').filter(Boolean).join('/');
  return rest ? `/${locale}/${rest}/` : `/${locale}/`;
}

/**
 * The same page in another locale: swaps the locale segment and keeps the rest of the path, the
 * query and the hash. A path without a locale segment gets the target's home page.
 */
export function switchLocalePath(url: string, target: Locale): string {
  const match = /^([^?#]*)([?#].*)?$/.exec(url);
  const pathname = match?.[1] ?? '';
  const suffix = match?.[2] ?? '';
  const segments = pathname.split('/').filter(Boolean);
  if (!isLocale(segments[0])) return localePath(target) + suffix;
  return localePath(target, segments.slice(1).join('/')) + suffix;
}
