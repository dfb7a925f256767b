/**
 * The playground's logic: reading the two inputs, running the orders, shaping the result. Pure, so
 * that it is tested in node (test/components/playground.test.ts); the Svelte island only binds
 * inputs.
 *
 * This module runs in the browser on the home page, whose JavaScript budget is 50 KB gzipped
 * (CONTRIBUTING.md, "Budgets"). So it drives the exact ledger (decimal.js) directly instead of going
 * through the engine's index (runScenario validates with the zod schema, ~20 KB more), and it takes
 * its strings from the page (island-text.ts, looked up at build time) instead of loading the string
 * tables. The inputs are checked here, as narrowly as the schema would: the run is the one
 * runScenario gives for the same orders (the unit tests compare the two).
 */
import { exact, Ledger, LedgerError, SEED_EXAMPLE, SEED_RULES_FILLED, type RulesV1 } from '../engine/exact-ledger.ts';
import { formatFixed, formatNumber } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import type { MessageKey } from '../i18n/translate.ts';
import type { OrderRow, OrderTableLabels } from './order-table.ts';

/** far enough for the first buyer's break-even on paper (order 76), realisable (160) and the 300th order's price (RULEBOOK §5-§6) */
export const MAX_ORDERS = 500;
/** the order whose price the box names: the public write-up's 300th order (RULEBOOK §6) */
export const MARK_ORDER = 300;
export const MAX_AMOUNT = 1_000_000_000;

/** The seed's rules with the schema's defaults filled in (exit test on points obtained, no rounding): the engine's. */
export const PLAYGROUND_RULES: RulesV1 = SEED_RULES_FILLED;

/** The strings the island shows, looked up at build time (island-text.ts) and passed as a prop. */
export interface PlaygroundText {
  amount: string;
  count: string;
  caption: string;
  invalid: string;
  amountRange: string;
  countRange: string;
  /** "Final price {price}, {factor} times the starting price." */
  summary: string;
  /** "Order {n}: ... on paper (price {price})", and its "not reached" twin */
  markPaper: string;
  markPaperNot: string;
  /** the same after the withholding: what a sale would pay back */
  markReal: string;
  markRealNot: string;
  /** "Order {n}: price {price}" */
  markOrder: string;
  table: OrderTableLabels;
}

/**
 * The marks of a run: the first order after which the first buyer's points are worth their spend
 * at the price (on paper: holding x p >= spend) and after which selling them all would pay it back
 * ((1 - w) x holding x p >= spend); the price those need; the price after order MARK_ORDER.
 */
export interface PlaygroundMarks {
  paper: number | null;
  real: number | null;
  paperPrice: string;
  realPrice: string;
  markPrice: string | null;
}

/** Buyer names A…Z, then AA, AB…: the seed's A, B, C continued. */
export function buyerName(index: number): string {
  let n = index;
  let name = '';
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

/** `count` orders of `amount` by new buyers A, B, C…, under the seed's rules, as a scenario. */
export function ordersScenario(amount: number, count: number) {
  return {
    rules: SEED_EXAMPLE.rules,
    script: Array.from({ length: count }, (_, i) => ({ order: { user: buyerName(i), amount } })),
  };
}

export type PlaygroundOutcome =
  | { ok: true; rows: OrderRow[]; finalPrice: string; initialPrice: string; marks: PlaygroundMarks }
  | { ok: false; messages: { text: string; key?: MessageKey }[] };

function asNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `count` orders of `amount` by buyers A, B, C… on the exact ledger: a row per order, with the
 * figures as runScenario prints them (decimal strings at full precision).
 */
export function runOrders(amount: number, count: number): { rows: OrderRow[]; finalPrice: string; marks: PlaygroundMarks } {
  const A = exact;
  const ledger = new Ledger(A, PLAYGROUND_RULES);
  const share = A.of(PLAYGROUND_RULES.split.pool);
  const keep = A.sub(A.one, A.of(PLAYGROUND_RULES.sellWithholding));
  const rows: OrderRow[] = [];
  const marks: PlaygroundMarks = { paper: null, real: null, paperPrice: '', realPrice: '', markPrice: null };
  for (let i = 0; i < count; i++) {
    ledger.step++;
    const amt = A.of(amount);
    const o = ledger.order(buyerName(i), amount);
    rows.push({
      step: ledger.step,
      user: o.user.id,
      amount: A.str(amt),
      inflow: A.str(A.mul(amt, share)),
      issued: A.str(o.issued),
      pool: A.str(ledger.pool),
      points: A.str(ledger.points),
      price: A.str(ledger.price),
      forcedExits: o.forced,
    });
    const first = ledger.users[0]!;
    if (i === 0) {
      // the prices at which the first buyer's points are worth the spend, before and after the withholding
      marks.paperPrice = A.str(A.div(first.spent, first.holding));
      marks.realPrice = A.str(A.div(first.spent, A.mul(keep, first.holding)));
    }
    const worth = A.mul(first.holding, ledger.price);
    if (marks.paper === null && A.cmp(worth, first.spent) >= 0) marks.paper = ledger.step;
    if (marks.real === null && A.cmp(A.mul(keep, worth), first.spent) >= 0) marks.real = ledger.step;
    if (ledger.step === MARK_ORDER) marks.markPrice = A.str(ledger.price);
  }
  return { rows, finalPrice: A.str(ledger.price), marks };
}

/**
 * Check the inputs (as an <input> gives them: a number, a string, or null/undefined when empty),
 * run the orders, and return table rows or messages (in the page's language, from `text`). A
 * problem the ledger raises is passed on as the ledger words it (orders alone raise none).
 */
export function evaluatePlayground(
  amountRaw: unknown,
  countRaw: unknown,
  text: Pick<PlaygroundText, 'amountRange' | 'countRange'>,
): PlaygroundOutcome {
  const amount = asNumber(amountRaw);
  const count = asNumber(countRaw);
  const messages: { text: string; key: MessageKey }[] = [];
  if (amount === undefined || amount <= 0 || amount > MAX_AMOUNT) {
    messages.push({ key: 'playground.amountRange', text: text.amountRange });
  }
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > MAX_ORDERS) {
    messages.push({ key: 'playground.countRange', text: text.countRange });
  }
  if (messages.length > 0 || amount === undefined || count === undefined) return { ok: false, messages };

  try {
    const { rows, finalPrice, marks } = runOrders(amount, count);
    return { ok: true, rows, finalPrice, marks, initialPrice: String(PLAYGROUND_RULES.initialPrice) };
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    return { ok: false, messages: [{ text: `${err.field}: ${err.message}` }] };
  }
}

/** The marks as lines in the page's language, with the order they point at (null: not reached). */
export function playgroundMarks(marks: PlaygroundMarks, text: PlaygroundText, locale: Locale): { text: string; order: number | null; kind: string }[] {
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const n = (x: number) => formatNumber(x, locale, { maxDecimals: 0 });
  const out = [
    { kind: 'paper', order: marks.paper, text: fill(marks.paper === null ? text.markPaperNot : text.markPaper, { n: marks.paper === null ? '' : n(marks.paper), price: formatFixed(marks.paperPrice, locale, 2) }) },
    { kind: 'real', order: marks.real, text: fill(marks.real === null ? text.markRealNot : text.markReal, { n: marks.real === null ? '' : n(marks.real), price: formatFixed(marks.realPrice, locale, 2) }) },
  ];
  if (marks.markPrice !== null) out.push({ kind: 'order', order: MARK_ORDER, text: fill(text.markOrder, { n: n(MARK_ORDER), price: formatFixed(marks.markPrice, locale, 4) }) });
  return out;
}

/** "Final price 1.8674, 1.87 times the starting price." from the template in `text.summary`. */
export function playgroundSummary(finalPrice: string, initialPrice: string, template: string, locale: Locale): string {
  const factor = exact.str(exact.div(exact.of(finalPrice), exact.of(initialPrice)));
  const values: Record<string, string> = {
    price: formatFixed(finalPrice, locale, 4),
    factor: formatFixed(factor, locale, 2),
  };
  // as interpolate() in i18n/translate.ts (not imported: that module brings the string tables)
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
