import { describe, expect, it } from 'vitest';
import {
  HTML_LANG,
  isLocale,
  localeFromPath,
  localePath,
  otherLocale,
  switchLocalePath,
} from '../../src/i18n/locales.ts';

describe('locales', () => {
  it('maps locales to html lang tags', () => {
    expect(HTML_LANG).toEqual({ zh: 'zh-CN', en: 'en' });
  });

  it('knows its locales and nothing else', () => {
    expect(isLocale('zh')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(otherLocale('zh')).toBe('en');
    expect(otherLocale('en')).toBe('zh');
  });

  it('reads the locale from the first path segment', () => {
    expect(localeFromPath('/zh/')).toBe('zh');
    expect(localeFromPath('/en/about/')).toBe('en');
    expect(localeFromPath('/')).toBeUndefined();
    expect(localeFromPath('/english/')).toBeUndefined();
  });

  it('builds locale paths with one trailing slash', () => {
    expect(localePath('zh')).toBe('/zh/');
    expect(localePath('en', 'about')).toBe('/en/about/');
    expect(localePath('en', '/about/')).toBe('/en/about/');
    expect(localePath('zh', 'a/b')).toBe('/zh/a/b/');
  });
});

describe('switchLocalePath keeps the reader on the same page', () => {
  it('swaps the locale segment of a home page', () => {
    expect(switchLocalePath('/zh/', 'en')).toBe('/en/');
    expect(switchLocalePath('/en', 'zh')).toBe('/zh/');
  });

  it('keeps the rest of the path', () => {
    expect(switchLocalePath('/zh/about/', 'en')).toBe('/en/about/');
    expect(switchLocalePath('/en/explore/cohorts', 'zh')).toBe('/zh/explore/cohorts/');
  });

  it('keeps the query string and hash (a shared scenario survives the switch)', () => {
    expect(switchLocalePath('/zh/explore/?g=0.7&w=0.2#chart', 'en')).toBe('/en/explore/?g=0.7&w=0.2#chart');
    expect(switchLocalePath('/en/#example', 'zh')).toBe('/zh/#example');
  });

  it('sends a path without a locale to the target home page', () => {
    expect(switchLocalePath('/', 'en')).toBe('/en/');
    expect(switchLocalePath('/404.html', 'zh')).toBe('/zh/');
  });
});
