/**
 * Rows of an order table (the seed example on the home page, the playground), from an engine
 * result. Pure: no DOM, no Astro, no Svelte; components only place the strings it returns.
 * The playground island loads this module in the browser, so it imports only the arithmetic and
 * the number formats (not the engine's index, which brings the scenario schema, nor the string
 * tables): see the JavaScript budgets in CONTRIBUTING.md.
 */
import { exact, type ScriptResult } from '../engine/exact-ledger.ts';
import { formatFixed, formatNumber } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

/** One order step at full precision, as the engine printed it (decimal strings). */
export interface OrderRow {
  step: number;
  user: string;
  amount: string;
  /** cash into the pool: amount x the pool share */
  inflow: string;
  issued: string;
  /** pool, circulating points and price after the step */
  pool: string;
  points: string;
  price: string;
  /** users forced out by this step (none in the seed example) */
  forcedExits: string[];
}

/** The order steps of a run; other events (sales, subsidies…) are left out. */
export function orderRows(result: ScriptResult, poolShare: number | string): OrderRow[] {
  const share = exact.of(poolShare);
  return result.steps.flatMap((s) =>
    s.event === 'order' && s.amount !== undefined && s.issued !== undefined
      ? [
          {
            step: s.step,
            user: s.user ?? '',
            amount: s.amount,
            inflow: exact.str(exact.mul(exact.of(s.amount), share)),
            issued: s.issued,
            pool: s.pool,
            points: s.points,
            price: s.price,
            forcedExits: s.forcedExits,
          },
        ]
      : [],
  );
}

/** Display strings of a row for one locale. */
export interface OrderRowView {
  step: string;
  user: string;
  amount: string;
  inflow: string;
  issued: string;
  pool: string;
  points: string;
  /** four decimals */
  price: string;
  /** two decimals, as the pitch prints it */
  priceShort: string;
  /** the engine's full-precision price, for a title attribute or a details list */
  priceFull: string;
  forcedExits: string[];
}

/** Money to the cent, points to four decimals (trailing zeros dropped), price to four decimals. */
export function viewOrderRow(row: OrderRow, locale: Locale): OrderRowView {
  return {
    step: formatNumber(row.step, locale),
    user: row.user,
    amount: formatNumber(row.amount, locale, { maxDecimals: 2 }),
    inflow: formatNumber(row.inflow, locale, { maxDecimals: 2 }),
    issued: formatNumber(row.issued, locale, { maxDecimals: 4 }),
    pool: formatNumber(row.pool, locale, { maxDecimals: 2 }),
    points: formatNumber(row.points, locale, { maxDecimals: 4 }),
    price: formatFixed(row.price, locale, 4),
    priceShort: formatFixed(row.price, locale, 2),
    priceFull: row.price,
    forcedExits: row.forcedExits,
  };
}

/**
 * The table's headers and the full-precision summary, looked up at build time (island-text.ts)
 * and passed in: the table never loads the string tables itself.
 */
export interface OrderTableLabels {
  step: string;
  buyer: string;
  amount: string;
  inflow: string;
  issued: string;
  pool: string;
  points: string;
  price: string;
  /** the price at two decimals, as the pitch prints it */
  short: string;
  /** the <details> summary of the full-precision list */
  precision: string;
}
