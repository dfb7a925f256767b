/**
 * How the fast path's numbers are printed, in every output (simulate's JSON and CSV, sweep's CSV,
 * the explorer's downloads): every number in the shortest form that keeps 12 significant digits, so
 * that float noise such as 102000.27000000002 prints as 102000.27 (counts, whole numbers below
 * 1e12, print as they are).
 * The fast path is held to the exact one to 1e-9 relative, so 12 digits lose nothing it knows.
 * Exact results are decimal strings and are never touched. Dependency-free: the page imports it.
 */
export const SIGNIFICANT_DIGITS = 12;

/** A figure of a time-driven run's result: a JSON number on the fast path, a decimal string on the exact one. */
export type Fig = number | string;

/** The number as printed: rounded to 12 significant digits, in its shortest form (counts, below 1e12, are unchanged). */
export function tidy(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** A JSON.stringify replacer that tidies every number. */
export function tidyReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? tidy(value) : value;
}

/** A figure as text: a number tidied, a string (an exact decimal) as it is, null and undefined empty. */
export function figureText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(tidy(v)) : String(v);
}
