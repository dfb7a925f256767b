/** UI-string lookup with fallback to the other language, marked so that pages can say so. */
import { en } from './en.ts';
import { zh } from './zh.ts';
import { LOCALES, otherLocale, type Locale } from './locales.ts';

export type Dictionary = Readonly<Record<string, string>>;
export type MessageKey = keyof typeof zh | keyof typeof en;

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { zh, en };

/** A looked-up string: its text, the language the text is in, and whether that is a fallback. */
export interface Message {
  text: string;
  /** the language of `text` (the other locale when fallback is true) */
  lang: Locale;
  /** true when the requested locale lacks the key (text is then the other language's, or the key) */
  fallback: boolean;
}

/**
 * A translator over the given dictionaries. A key missing from the requested locale falls back to
 * the other locale's text (marked); a key missing from both comes back as the key itself (marked),
 * so that a gap is visible on the page, never an empty string or "undefined".
 */
export function createTranslator(dictionaries: Readonly<Record<Locale, Dictionary>>) {
  return function translate(locale: Locale, key: string): Message {
    const own = dictionaries[locale][key];
    if (own !== undefined && own !== '') return { text: own, lang: locale, fallback: false };
    const other = otherLocale(locale);
    const theirs = dictionaries[other][key];
    if (theirs !== undefined && theirs !== '') return { text: theirs, lang: other, fallback: true };
    return { text: key, lang: locale, fallback: true };
  };
}

const translateSite = createTranslator(DICTIONARIES);

/** The site's lookup, with the fallback mark; see <T> (src/components/T.astro) for display. */
export function translate(locale: Locale, key: MessageKey): Message {
  return translateSite(locale, key);
}

/** The text only, for attributes and other places that cannot carry a notice. */
export function t(locale: Locale, key: MessageKey): string {
  return translateSite(locale, key).text;
}

/** Fill {name} placeholders; an unknown placeholder is left as it is, visibly. */
export function interpolate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** Keys present in one locale's dictionary and absent (or empty) in another's. */
export function missingKeys(dictionaries: Readonly<Record<Locale, Dictionary>>): Record<Locale, string[]> {
  const all = new Set(LOCALES.flatMap((l) => Object.keys(dictionaries[l])));
  const result = { zh: [], en: [] } as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    for (const key of all) {
      const value = dictionaries[locale][key];
      if (value === undefined || value === '') result[locale].push(key);
    }
    result[locale].sort();
  }
  return result;
}
