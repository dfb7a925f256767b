/**
 * The UI strings of the home page's islands (the order table, the playground), looked up at build
 * time and passed to them as props: the browser then never loads the string tables, both
 * languages of every page (about 21 KB gzipped; the home page's JavaScript budget is 50 KB, see
 * CONTRIBUTING.md, "Budgets"). Server-side only: no island imports this module.
 */
import { t, type Locale } from '../i18n/index.ts';
import type { OrderTableLabels } from './order-table.ts';
import type { PlaygroundText } from './playground.ts';

export function orderTableLabels(locale: Locale): OrderTableLabels {
  return {
    step: t(locale, 'table.step'),
    buyer: t(locale, 'table.buyer'),
    amount: t(locale, 'table.amount'),
    inflow: t(locale, 'table.inflow'),
    issued: t(locale, 'table.issued'),
    pool: t(locale, 'table.poolAfter'),
    points: t(locale, 'table.pointsAfter'),
    price: t(locale, 'table.priceAfter'),
    short: t(locale, 'table.priceSeed'),
    precision: t(locale, 'home.example.precision'),
  };
}

export function playgroundText(locale: Locale): PlaygroundText {
  return {
    amount: t(locale, 'playground.amount'),
    count: t(locale, 'playground.count'),
    caption: t(locale, 'playground.caption'),
    invalid: t(locale, 'playground.invalid'),
    amountRange: t(locale, 'playground.amountRange'),
    countRange: t(locale, 'playground.countRange'),
    summary: t(locale, 'playground.summary'),
    markPaper: t(locale, 'playground.markPaper'),
    markPaperNot: t(locale, 'playground.markPaperNot'),
    markReal: t(locale, 'playground.markReal'),
    markRealNot: t(locale, 'playground.markRealNot'),
    markOrder: t(locale, 'playground.markOrder'),
    table: orderTableLabels(locale),
  };
}
