import { describe, expect, it } from 'vitest';
import {
  NOT_A_NUMBER,
  formatCompact,
  formatDate,
  formatFixed,
  formatMoney,
  formatNumber,
  formatSigned,
  toNumericString,
} from '../../src/i18n/format.ts';

const PRICE_1 = '1.428571428571428571428571428571428571429';

describe('formatNumber', () => {
  it('groups thousands in both locales', () => {
    expect(formatNumber(1000, 'zh')).toBe('1,000');
    expect(formatNumber('1234567.5', 'en')).toBe('1,234,567.5');
  });

  it('drops trailing zeros by default and keeps up to maxDecimals', () => {
    expect(formatNumber('210.000', 'en')).toBe('210');
    expect(formatNumber('124.95', 'zh', { maxDecimals: 4 })).toBe('124.95');
    expect(formatNumber(PRICE_1, 'en', { maxDecimals: 4 })).toBe('1.4286');
  });

  it('rounds decimal strings as decimals, not as binary floats', () => {
    // 1.0049999999999999999 is below the half-way point, 1.005 is on it: binary floats blur the two
    expect(formatNumber('1.0049999999999999999', 'en', { maxDecimals: 2 })).toBe('1');
    expect(formatNumber('1.005', 'en', { maxDecimals: 2 })).toBe('1.01');
    expect(formatNumber('481.95', 'en', { maxDecimals: 0 })).toBe('482');
    expect(formatNumber('124.95', 'en', { maxDecimals: 0 })).toBe('125');
  });

  it('keeps digits beyond float64 precision', () => {
    expect(formatNumber('12345678901234567890.5', 'en', { maxDecimals: 1 })).toBe('12,345,678,901,234,567,890.5');
  });

  it('can switch grouping off', () => {
    expect(formatNumber(12345, 'en', { grouping: false })).toBe('12345');
  });

  it('never shows NaN, Infinity or -0', () => {
    expect(formatNumber(Number.NaN, 'en')).toBe(NOT_A_NUMBER);
    expect(formatNumber(Number.POSITIVE_INFINITY, 'zh')).toBe(NOT_A_NUMBER);
    expect(formatNumber('Infinity', 'en')).toBe(NOT_A_NUMBER);
    expect(formatNumber('abc', 'en')).toBe(NOT_A_NUMBER);
    expect(formatNumber('', 'en')).toBe(NOT_A_NUMBER);
    expect(formatNumber('-0.001', 'en')).toBe('0');
  });
});

describe('toNumericString', () => {
  it('accepts finite decimal and exponent forms', () => {
    expect(toNumericString(' 12.5 ')).toBe('12.5');
    expect(toNumericString('1e-7')).toBe('1e-7');
    expect(toNumericString(-3)).toBe('-3');
  });

  it('rejects everything else', () => {
    expect(toNumericString('1,000')).toBeUndefined();
    expect(toNumericString('0x10')).toBeUndefined();
    expect(toNumericString(Number.NaN)).toBeUndefined();
  });
});

describe('formatFixed', () => {
  it('shows prices at exactly four decimals', () => {
    expect(formatFixed(PRICE_1, 'zh', 4)).toBe('1.4286');
    expect(formatFixed('1.680672268907563025210084033613445378151', 'en', 4)).toBe('1.6807');
    expect(formatFixed('1', 'en', 4)).toBe('1.0000');
  });

  it('gives the pitch figures at two decimals', () => {
    expect(formatFixed(PRICE_1, 'zh', 2)).toBe('1.43');
    expect(formatFixed('1.680672268907563025210084033613445378151', 'zh', 2)).toBe('1.68');
    expect(formatFixed('1.867413632119514472455648926237161531286', 'en', 2)).toBe('1.87');
  });
});

describe('formatMoney', () => {
  it('adds 元 in Chinese only', () => {
    expect(formatMoney('1234.5', 'zh')).toBe('1,234.5元');
    expect(formatMoney('1234.56', 'en')).toBe('1,234.56');
    expect(formatMoney('1234.5', 'zh', { minDecimals: 2 })).toBe('1,234.50元');
  });

  it('does not attach a unit to a dash', () => {
    expect(formatMoney('NaN', 'zh')).toBe(NOT_A_NUMBER);
  });
});

describe('formatCompact', () => {
  it('uses 万 and 亿 in Chinese', () => {
    expect(formatCompact(12_345_678, 'zh')).toBe('1234.57万');
    expect(formatCompact('320000000', 'zh')).toBe('3.2亿');
    expect(formatCompact(50_000, 'zh', 0)).toBe('5万');
  });

  it('uses K/M/B in English', () => {
    expect(formatCompact(12_345_678, 'en')).toBe('12.35M');
    expect(formatCompact('2500000000', 'en', 1)).toBe('2.5B');
  });

  it('writes figures under ten thousand in full', () => {
    expect(formatCompact(9999.5, 'zh')).toBe('9,999.5');
    expect(formatCompact(481.95, 'en')).toBe('481.95');
  });

  it('never shows NaN', () => {
    expect(formatCompact('nope', 'zh')).toBe(NOT_A_NUMBER);
  });
});

describe('formatDate', () => {
  it('writes a date the way each language does', () => {
    const d = new Date('2025-11-25T00:00:00Z');
    expect(formatDate(d, 'zh')).toBe('2025年11月25日');
    expect(formatDate(d, 'en')).toBe('25 November 2025');
  });

  it('shows a dash for an invalid date', () => {
    expect(formatDate(new Date('nope'), 'en')).toBe(NOT_A_NUMBER);
  });
});

describe('formatSigned', () => {
  it('signs a change, and shows one that rounds to zero as zero', () => {
    expect(formatSigned(0.051, 'en', 2)).toBe('+0.05');
    expect(formatSigned('-0.0612', 'zh', 2)).toBe('-0.06');
    // -0.001 rounds to 0.00: neither "+0.00" nor "-0.00"
    expect(formatSigned(-0.001, 'en', 2)).toBe('0.00');
    expect(formatSigned(1234.5, 'en', 1)).toBe('+1,234.5');
    expect(formatSigned(Number.NaN, 'en', 2)).toBe(NOT_A_NUMBER);
  });
});
