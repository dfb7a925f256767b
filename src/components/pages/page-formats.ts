/**
 * How the build-time result pages (a scenario's preset, a model beside the seed's) write the
 * engine's figures in a locale: money compact with its unit, shares as percentages, multiples to two
 * places, counts whole; a missing figure reads as a dash. One place for both pages.
 */
import { formatCompact, formatFixed, formatNumber, t, type Locale, type MessageKey } from '../../i18n/index.ts';

export function pageFormats(locale: Locale) {
  return {
    k: (key: string) => t(locale, key as MessageKey),
    money: (x: unknown) => (locale === 'zh' ? `${formatCompact(String(x), locale)}元` : formatCompact(String(x), locale)),
    pct: (x: unknown) => (x === null || x === undefined ? '—' : `${formatNumber(Number(x) * 100, locale, { maxDecimals: 1 })}%`),
    mult: (x: unknown) => (x === null || x === undefined ? '—' : formatFixed(String(x), locale, 2)),
    count: (x: unknown) => formatNumber(Number(x), locale, { maxDecimals: 0 }),
  };
}
