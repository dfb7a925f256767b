/**
 * Figures and lines of the walkthrough (and of the explainer pages) in the reader's language.
 * Pure: tested in node.
 */
import { formatCompact, formatFixed, formatMoney, formatNumber, interpolate, t, type Locale, type MessageKey } from '../i18n/index.ts';
import type { Line, Var } from './steps.ts';

/** One figure: money to the cent, points to 4 decimals, a price to 2 (as the pitch prints it). */
export function formatVar(v: Var, locale: Locale): string {
  switch (v.kind) {
    case 'money':
      return formatMoney(v.value, locale);
    case 'points':
      return formatNumber(v.value, locale, { maxDecimals: 4 });
    case 'price':
      return formatFixed(v.value, locale, 2);
    case 'price4':
      return formatFixed(v.value, locale, 4);
    case 'share1':
      return `${formatNumber(Number(v.value) * 100, locale, { maxDecimals: 1 })}%`;
    case 'compact':
      return locale === 'zh' ? `${formatCompact(v.value, locale)}元` : formatCompact(v.value, locale);
    case 'count':
      return formatNumber(v.value, locale, { maxDecimals: 0 });
    case 'share':
      return `${formatNumber(Number(v.value) * 100, locale, { maxDecimals: 2 })}%`;
    case 'factor':
      return formatNumber(v.value, locale, { maxDecimals: 2 });
    case 'text':
      return v.value;
  }
}

/** A line's message with its figures filled in. */
export function renderLine(line: Line, locale: Locale): string {
  const values: Record<string, string> = {};
  for (const [name, v] of Object.entries(line.vars)) values[name] = formatVar(v, locale);
  return interpolate(t(locale, line.key as MessageKey), values);
}
