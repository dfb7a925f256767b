import { describe, expect, it } from 'vitest';
import { createTranslator, interpolate, missingKeys, t, translate } from '../../src/i18n/translate.ts';

const dictionaries = {
  zh: { 'a.both': '两者', 'a.zhOnly': '只有中文', 'a.empty': '' },
  en: { 'a.both': 'both', 'a.enOnly': 'English only', 'a.empty': 'filled in English' },
};
const lookup = createTranslator(dictionaries);

describe('translate with fallback', () => {
  it('returns the requested language when it has the key', () => {
    expect(lookup('zh', 'a.both')).toEqual({ text: '两者', lang: 'zh', fallback: false });
    expect(lookup('en', 'a.both')).toEqual({ text: 'both', lang: 'en', fallback: false });
  });

  it('falls back to the other language and marks it', () => {
    expect(lookup('zh', 'a.enOnly')).toEqual({ text: 'English only', lang: 'en', fallback: true });
    expect(lookup('en', 'a.zhOnly')).toEqual({ text: '只有中文', lang: 'zh', fallback: true });
  });

  it('treats an empty string as missing', () => {
    expect(lookup('zh', 'a.empty')).toEqual({ text: 'filled in English', lang: 'en', fallback: true });
  });

  it('shows the key itself, marked, when neither language has it', () => {
    expect(lookup('en', 'a.nowhere')).toEqual({ text: 'a.nowhere', lang: 'en', fallback: true });
  });

  it('lists the keys each language lacks', () => {
    expect(missingKeys(dictionaries)).toEqual({ zh: ['a.empty', 'a.enOnly'], en: ['a.zhOnly'] });
  });
});

describe('the site dictionaries', () => {
  it('t gives the text in the requested language', () => {
    expect(t('zh', 'nav.skip')).toBe('跳到正文');
    expect(t('en', 'nav.skip')).toBe('Skip to content');
  });

  it('translate reports no fallback for a shipped key', () => {
    expect(translate('en', 'home.title').fallback).toBe(false);
    expect(translate('zh', 'home.title').lang).toBe('zh');
  });
});

describe('interpolate', () => {
  it('fills named placeholders, numbers included', () => {
    expect(interpolate('最后价格 {price}，是起始价格的 {factor} 倍。', { price: '1.87', factor: 1.87 })).toBe(
      '最后价格 1.87，是起始价格的 1.87 倍。',
    );
  });

  it('leaves an unknown placeholder visible', () => {
    expect(interpolate('price {price}, {missing}', { price: 2 })).toBe('price 2, {missing}');
  });
});
