import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { DICTIONARIES, missingKeys } from '../../src/i18n/translate.ts';

describe('UI dictionaries', () => {
  it('every key in zh exists in en', () => {
    const missing = Object.keys(zh).filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('every key in en exists in zh', () => {
    const missing = Object.keys(en).filter((key) => !(key in zh));
    expect(missing).toEqual([]);
  });

  it('no string is empty or only whitespace in either language', () => {
    for (const dict of [zh, en]) {
      const blank = Object.entries(dict).filter(([, text]) => text.trim() === '');
      expect(blank).toEqual([]);
    }
  });

  it('missingKeys finds nothing for the shipped dictionaries', () => {
    expect(missingKeys(DICTIONARIES)).toEqual({ zh: [], en: [] });
  });

  it('keys are flat and dotted: lowercase segments, no spaces', () => {
    for (const key of Object.keys(zh)) expect(key).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/);
  });

  it('the same placeholders appear in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('Chinese strings are in Chinese and English strings carry no untranslated Chinese prose', () => {
    const han = /\p{Script=Han}/u;
    // English text may quote a Chinese term in parentheses or quotes, never a whole Chinese sentence
    const longHan = /\p{Script=Han}{9,}/u;
    // a string of punctuation alone (the Chinese colon, list separator and full stop) has no words to translate
    const wordless = (text: string) => !/[\p{L}\p{N}]/u.test(text);
    for (const [key, text] of Object.entries(zh)) expect(han.test(text) || wordless(text) || key === 'table.step', key).toBe(true);
    for (const [key, text] of Object.entries(en)) {
      if (key === 'root.title') continue; // names the site in both scripts on purpose
      expect(longHan.test(text), key).toBe(false);
    }
  });
});
