/**
 * Figures and lines of the walkthrough (and of the explainer pages) in the reader's language.
 * Pure: tested in node.
 */
import { interpolate, t, type Locale, type MessageKey } from '../i18n/index.ts';
import { formatVar } from '../i18n/figure.ts';
import type { Line } from './steps.ts';

export { formatVar };

/** A line's message with its figures filled in. */
export function renderLine(line: Line, locale: Locale): string {
  const values: Record<string, string> = {};
  for (const [name, v] of Object.entries(line.vars)) values[name] = formatVar(v, locale);
  return interpolate(t(locale, line.key as MessageKey), values);
}
