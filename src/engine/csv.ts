/**
 * The daily figures as CSV, written once for every output: `simulate --format csv` and the
 * explorer's download. One column per field of a day row and of that day's solvency row (the day
 * once), in the order the result document lists them; the lists below are checked against the
 * row types, so a new figure cannot be left out. Numbers print as every output prints them
 * (number-format.ts); exact figures are decimal strings, as they are. Dependency-free.
 */
import { figureText } from './number-format.ts';
import type { DayRow, FlowResult, SolvencyRow } from './result.ts';
import type { FamilyDayRow, FamilyResult } from './family/result.ts';

export const DAY_COLUMNS = [
  'day',
  'orders',
  'newBuyers',
  'repeatOrders',
  'sales',
  'forcedExits',
  'spend',
  'poolInflow',
  'paid',
  'withheld',
  'subsidies',
  'withdrawals',
  'referralPaid',
  'lockedPoints',
  'activeUsers',
  'price',
  'pool',
  'points',
] as const satisfies readonly (keyof DayRow)[];
export const SOLVENCY_COLUMNS = ['needBreakEven', 'needExitPromise', 'coverageBreakEven', 'coverageExitPromise', 'shortfallBreakEven', 'shortfallExitPromise'] as const satisfies readonly (keyof SolvencyRow)[];

// every field has its column: a field added to DayRow or SolvencyRow without one fails to compile here
type Left<T, C extends readonly unknown[]> = Exclude<keyof T, C[number]>;
true satisfies [Left<DayRow, typeof DAY_COLUMNS>] extends [never] ? true : false;
true satisfies [Exclude<Left<SolvencyRow, typeof SOLVENCY_COLUMNS>, 'day'>] extends [never] ? true : false;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A figure as a CSV field: fast-path numbers tidied to 12 significant digits, null empty. */
export const csvCell = (v: unknown): string => csvField(figureText(v));

/** The back-office profile's figures of a day (RULEBOOK §9.2; FlowResult.backOffice.days), columns after the solvency's when a run has them. */
export const BACK_OFFICE_COLUMNS = ['settled', 'kept', 'unpaidSales'] as const satisfies readonly (keyof NonNullable<FlowResult['backOffice']>['days'][number])[];

/**
 * The days joined with the solvency figures of the same day, header row first, and the
 * back-office profile's figures when the run has them (`office`: a comparison asks for the columns
 * of both sides; a run without them leaves those cells empty).
 */
export function daysCsv(r: FlowResult, office = r.backOffice !== null): string {
  const extra = office ? BACK_OFFICE_COLUMNS : [];
  const lines = [[...DAY_COLUMNS, ...SOLVENCY_COLUMNS, ...extra].join(',')];
  r.days.forEach((d, i) => {
    const s = r.solvency[i]!;
    const o = r.backOffice?.days[i];
    lines.push([...DAY_COLUMNS.map((c) => csvCell(d[c])), ...SOLVENCY_COLUMNS.map((c) => csvCell(s[c])), ...extra.map((c) => csvCell(o?.[c] ?? null))].join(','));
  });
  return `${lines.join('\n')}\n`;
}

// --- the family's models (RULEBOOK §9.1) --------------------------------------------------------

export const FAMILY_DAY_COLUMNS = [
  'day',
  'orders',
  'newBuyers',
  'repeatOrders',
  'spend',
  'fundInflow',
  'paid',
  'subsidies',
  'withdrawals',
  'fund',
  'promised',
  'outstanding',
  'coverage',
  'due',
  'defaults',
  'promises',
  'completed',
  'shareComplete',
  'dividendPerRight',
] as const satisfies readonly (keyof FamilyDayRow)[];
true satisfies [Left<FamilyDayRow, typeof FAMILY_DAY_COLUMNS>] extends [never] ? true : false;

/** A family run's days, header row first. */
export function familyDaysCsv(r: FamilyResult): string {
  const lines = [FAMILY_DAY_COLUMNS.join(',')];
  for (const d of r.days) lines.push(FAMILY_DAY_COLUMNS.map((c) => csvCell(d[c])).join(','));
  return `${lines.join('\n')}\n`;
}
