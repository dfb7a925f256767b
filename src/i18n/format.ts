/**
 * Locale-aware number formatting for display. Engine figures arrive as decimal strings at full
 * precision; they go to Intl as strings, so that rounding is decimal, not binary (Intl formats
 * numeric strings exactly). Anything that is not a finite number renders as an em dash: a page
 * never shows NaN or Infinity.
 */
import { HTML_LANG, type Locale } from './locales.ts';

export type Numeric = number | string;

export interface DecimalOptions {
  /** most digits after the point (default 2) */
  maxDecimals?: number;
  /** fewest digits after the point (default 0); trailing zeros beyond it are dropped */
  minDecimals?: number;
  /** thousands separators (default true) */
  grouping?: boolean;
}

export const NOT_A_NUMBER = '—';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number as a string Intl accepts exactly, or undefined. */
export function toNumericString(value: Numeric): `${number}` | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (String(value) as `${number}`) : undefined;
  const trimmed = value.trim();
  return NUMERIC.test(trimmed) ? (trimmed as `${number}`) : undefined;
}

function clampDigits(n: number): number {
  return Math.min(20, Math.max(0, Math.trunc(n)));
}

// Intl.NumberFormat objects are costly to make and cheap to use (a result has thousands of
// figures): one per locale and options, kept.
const formatters = new Map<string, Intl.NumberFormat>();
/** `key` names the options (cheaper than serialising them on every call: a result has thousands of figures) */
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions, key = JSON.stringify(options)): Intl.NumberFormat {
  key = `${locale}|${key}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(HTML_LANG[locale], options);
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(value: Numeric, locale: Locale, options: DecimalOptions = {}): string {
  const numeric = toNumericString(value);
  if (numeric === undefined) return NOT_A_NUMBER;
  const maximumFractionDigits = clampDigits(options.maxDecimals ?? 2);
  const minimumFractionDigits = Math.min(clampDigits(options.minDecimals ?? 0), maximumFractionDigits);
  const useGrouping = options.grouping ?? true;
  return numberFormat(
    locale,
    {
      maximumFractionDigits,
      minimumFractionDigits,
      useGrouping,
      // "-0" after rounding a tiny negative reads as a bug; show 0
      signDisplay: 'negative',
    },
    `n${maximumFractionDigits}.${minimumFractionDigits}.${useGrouping}`,
  ).format(numeric);
}

/**
 * Make the formatter that plain figures use (formatNumber's default options) ahead of need: the
 * first Intl.NumberFormat of a page loads the language's number data, the slow part; a page calls
 * this in a task of its own so that the task that first shows a figure does not pay for it.
 */
export function warmNumberFormat(locale: Locale): void {
  formatNumber(0, locale);
}

/** Exactly `decimals` digits after the point: prices, e.g. 1.4286. */
export function formatFixed(value: Numeric, locale: Locale, decimals: number): string {
  return formatNumber(value, locale, { maxDecimals: decimals, minDecimals: decimals });
}

/** Money: "1,234.56元" in Chinese, "1,234.56" in English (the unit goes in the column or text). */
export function formatMoney(value: Numeric, locale: Locale, options: DecimalOptions = {}): string {
  const number = formatNumber(value, locale, { maxDecimals: 2, ...options });
  if (number === NOT_A_NUMBER) return number;
  return locale === 'zh' ? `${number}元` : number;
}

/** A calendar date in the reader's language: 2025年11月25日 / 25 November 2025 (UTC). */
export function formatDate(date: Date, locale: Locale): string {
  if (Number.isNaN(date.getTime())) return NOT_A_NUMBER;
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * Large figures in short form: 万 and 亿 in Chinese (1234.57万, 3.2亿), K/M/B in English. Below
 * 10,000 the figure is shown in full.
 */
export function formatCompact(value: Numeric, locale: Locale, maxDecimals = 2): string {
  const numeric = toNumericString(value);
  if (numeric === undefined) return NOT_A_NUMBER;
  if (Math.abs(Number(numeric)) < 10_000) return formatNumber(numeric, locale, { maxDecimals });
  return numberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: clampDigits(maxDecimals),
    signDisplay: 'negative',
  }).format(numeric);
}

/**
 * A change, signed, with exactly `decimals` digits: "+0.05", "-0.06", and "0.00" for anything
 * that rounds to zero (no "+0.00" or "-0.00").
 */
export function formatSigned(value: Numeric, locale: Locale, decimals: number): string {
  const numeric = toNumericString(value);
  if (numeric === undefined) return NOT_A_NUMBER;
  const digits = clampDigits(decimals);
  return numberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(numeric);
}

/**
 * The one rule for figures in short form (10,000 and above): three significant digits, trailing
 * zeros kept, so that figures side by side read alike (4.40M beside 4.29M, never 4.4M; 368M,
 * 42.3M; 3.68亿). Axis ticks are round numbers and drop the trailing zeros (`tick`: 10M, not
 * 10.0M). Below 10,000 the figure is shown in full with at most `maxDecimals` decimals.
 */
export const SHORT_DIGITS = 3;

export function shortOptions(tick: boolean): Intl.NumberFormatOptions {
  return { notation: 'compact', maximumSignificantDigits: SHORT_DIGITS, minimumSignificantDigits: tick ? 1 : SHORT_DIGITS, signDisplay: 'negative' };
}

export function formatShort(value: Numeric, locale: Locale, options: { tick?: boolean; maxDecimals?: number } = {}): string {
  const numeric = toNumericString(value);
  if (numeric === undefined) return NOT_A_NUMBER;
  if (Math.abs(Number(numeric)) < 10_000) return formatNumber(numeric, locale, { maxDecimals: options.maxDecimals ?? 2 });
  const tick = options.tick ?? false;
  return numberFormat(locale, shortOptions(tick), `s${tick}`).format(numeric);
}
