/**
 * A figure as the explainer pages quote it (the walkthrough's steps, the prose's {{placeholders}}):
 * its value as the engine gives it, a decimal string, and how it is shown, in the reader's
 * language. Shared by the walkthrough and the prose figures, so that neither reaches into the other.
 */
import { formatCompact, formatFixed, formatMoney, formatNumber } from './format.ts';
import type { Locale } from './locales.ts';

/** How a figure is shown: money to the cent (or to 6 decimals: a dividend per right a day), points to 4 decimals, a price to 2, a count, a share. */
export type VarKind = 'money' | 'money6' | 'points' | 'price' | 'price4' | 'count' | 'share' | 'share1' | 'factor' | 'compact' | 'text';
export interface Var {
  value: string;
  kind: VarKind;
}

/** One figure: money to the cent, points to 4 decimals, a price to 2 (as the pitch prints it). */
export function formatVar(v: Var, locale: Locale): string {
  switch (v.kind) {
    case 'money':
      return formatMoney(v.value, locale);
    case 'money6':
      return formatMoney(v.value, locale, { maxDecimals: 6, minDecimals: 6 });
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
