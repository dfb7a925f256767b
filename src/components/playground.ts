/**
 * The playground's logic: reading the two inputs, building the scenario, running it. Pure, so that
 * it is tested in node (test/components/playground.test.ts); the Svelte island only binds inputs.
 */
import { exact, formatProblem, runScenario, SEED_EXAMPLE } from '../engine/index.ts';
import { formatFixed, interpolate, t, type Locale, type MessageKey } from '../i18n/index.ts';
import { orderRows, type OrderRow } from './order-table.ts';

export const MAX_ORDERS = 50;
export const MAX_AMOUNT = 1_000_000_000;

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

/** `count` orders of `amount` by new buyers A, B, C…, under the seed's rules. */
export function ordersScenario(amount: number, count: number) {
  return {
    rules: SEED_EXAMPLE.rules,
    script: Array.from({ length: count }, (_, i) => ({ order: { user: buyerName(i), amount } })),
  };
}

export type PlaygroundOutcome =
  | { ok: true; rows: OrderRow[]; finalPrice: string; initialPrice: string }
  | { ok: false; messages: { text: string; key?: MessageKey }[] };

function asNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Check the inputs (as an <input> gives them: a number, a string, or null/undefined when empty),
 * run the engine, and return table rows or messages in the reader's language. Engine problems are
 * passed on as the engine words them.
 */
export function evaluatePlayground(amountRaw: unknown, countRaw: unknown, locale: Locale): PlaygroundOutcome {
  const amount = asNumber(amountRaw);
  const count = asNumber(countRaw);
  const messages: { text: string; key: MessageKey }[] = [];
  if (amount === undefined || amount <= 0 || amount > MAX_AMOUNT) {
    messages.push({ key: 'playground.amountRange', text: t(locale, 'playground.amountRange') });
  }
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > MAX_ORDERS) {
    messages.push({ key: 'playground.countRange', text: t(locale, 'playground.countRange') });
  }
  if (messages.length > 0 || amount === undefined || count === undefined) return { ok: false, messages };

  const outcome = runScenario(ordersScenario(amount, count));
  if (!outcome.ok) return { ok: false, messages: outcome.problems.map((p) => ({ text: formatProblem(p) })) };
  return {
    ok: true,
    rows: orderRows(outcome.result, SEED_EXAMPLE.rules.split.pool),
    finalPrice: outcome.result.final.price,
    initialPrice: String(SEED_EXAMPLE.rules.initialPrice),
  };
}

/** "Final price 1.8674, 1.87 times the starting price." */
export function playgroundSummary(finalPrice: string, initialPrice: string, locale: Locale): string {
  const factor = exact.str(exact.div(exact.of(finalPrice), exact.of(initialPrice)));
  return interpolate(t(locale, 'playground.summary'), {
    price: formatFixed(finalPrice, locale, 4),
    factor: formatFixed(factor, locale, 2),
  });
}
