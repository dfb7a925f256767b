import { csvCell, csvField, daysCsv, figureText, type Book, type FlowResult, type StepResult } from '../engine/index.ts';

// the daily CSV and its quoting are the engine's (src/engine/csv.ts), written once for the command and the explorer
export { csvField, daysCsv };

export const STEP_COLUMNS = ['step', 'event', 'user', 'amount', 'issued', 'sold', 'value', 'paid', 'price', 'pool', 'points', 'forcedExits'] as const;

/** The steps as CSV lines (each with its line break), header row first; forced exits as user ids separated by spaces. */
export function* stepsCsvLines(steps: readonly StepResult[]): Generator<string> {
  yield `${STEP_COLUMNS.join(',')}\n`;
  for (const s of steps) yield `${STEP_COLUMNS.map((c) => csvCell(c === 'forcedExits' ? s.forcedExits.join(' ') : s[c])).join(',')}\n`;
}

/** The steps as one CSV text. */
export function stepsCsv(steps: readonly StepResult[]): string {
  return [...stepsCsvLines(steps)].join('');
}

/** A comparison's days: the days of A, then those of B, each row led by its side (a or b); the back-office columns when either side has them. */
export function comparisonCsv(a: FlowResult, b: FlowResult): string {
  const office = a.backOffice !== null || b.backOffice !== null;
  const [head, ...rowsA] = daysCsv(a, office).trimEnd().split('\n');
  const rowsB = daysCsv(b, office).trimEnd().split('\n').slice(1);
  return `${['side,' + head, ...rowsA.map((r) => `a,${r}`), ...rowsB.map((r) => `b,${r}`)].join('\n')}\n`;
}

export const USER_COLUMNS = ['id', 'firstDay', 'spent', 'cash', 'points', 'status', 'exitDay', 'breakEvenDay', 'hitExitMultiple'] as const;

/** One user as a CSV line (with its line break). */
export function userRow<T>(book: Book<T>, u: number): string {
  const A = book.A;
  const f = (x: T) => figureText(A.mode === 'fast' ? A.num(x) : A.str(x));
  const exit = book.exitDayOf(u);
  const be = book.breakEvenDayOf(u);
  return `#${u + 1},${book.firstDayOf(u)},${f(book.spentOf(u))},${f(book.cashOf(u))},${f(book.holdingOf(u))},${book.isActive(u) ? 'active' : 'exited'},${exit < 0 ? '' : exit},${be < 0 ? '' : be},${book.hitExitOf(u)}\n`;
}
