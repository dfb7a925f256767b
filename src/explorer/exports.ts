/**
 * The explorer's CSV downloads, for a spreadsheet reader: the days, the cohorts, the key figures and
 * the parameters, each a file of its own, with headers in the page's language (the scenario JSON
 * keeps the machine keys). Every figure has a stated number of decimals: money to the cent,
 * points, prices and multiples to 4 decimals, percentages to 2 (of a percent); counts and days are
 * whole. No thousands separators and a full stop for decimals in both languages, so that a
 * spreadsheet reads them as numbers; the file starts with a byte-order mark, so that it reads the
 * Chinese headers as UTF-8. Pure: tested in node (test/explorer/exports.test.ts). The daily
 * columns are the engine's own list (src/engine/csv.ts, as `simulate --format csv` prints them),
 * not a copy.
 */
import { DAY_COLUMNS, FAMILY_DAY_COLUMNS, KEY_FIGURES, keyFigures, SOLVENCY_COLUMNS, type CohortRow, type DayRow, type FamilyResult, type FlowResult, type KeyFigures, type SolvencyRow } from '../engine/plain.ts';
import { fieldLabel, specOf, unitText } from './controls.ts';
import { isActive, ROWS, type Params } from './table.ts';
import type { Tr } from './view.ts';

/** How a column's figures are written: its decimals, and a share as a percentage. */
export type CsvKind = 'count' | 'day' | 'money' | 'points' | 'price' | 'mult' | 'pct';
export const DECIMALS: Readonly<Record<CsvKind, number>> = { count: 0, day: 0, money: 2, points: 4, price: 4, mult: 4, pct: 2 };

/** the daily columns: the engine's day and solvency columns (src/engine/csv.ts) */
export const DAILY_COLUMNS = [...DAY_COLUMNS, ...SOLVENCY_COLUMNS] as const;
type DailyColumn = (typeof DAILY_COLUMNS)[number];

// how each column reads: keyed by the engine's names, so a column the engine adds fails to compile here until it is given one
const DAILY_KIND: Record<DailyColumn, CsvKind> = {
  day: 'day',
  orders: 'count',
  newBuyers: 'count',
  repeatOrders: 'count',
  sales: 'count',
  forcedExits: 'count',
  spend: 'money',
  poolInflow: 'money',
  paid: 'money',
  withheld: 'money',
  subsidies: 'money',
  withdrawals: 'money',
  referralPaid: 'money',
  lockedPoints: 'points',
  activeUsers: 'count',
  price: 'price',
  pool: 'money',
  points: 'points',
  needBreakEven: 'money',
  needExitPromise: 'money',
  coverageBreakEven: 'pct',
  coverageExitPromise: 'pct',
  shortfallBreakEven: 'money',
  shortfallExitPromise: 'money',
};

export const COHORT_COLUMNS = [
  'cohort', 'fromDay', 'toDay', 'users', 'spend', 'cashFromPoints', 'referralIncome', 'realisableValue', 'returnMultiple',
  'shareBrokeEvenRealised', 'shareBrokeEvenOnPaper', 'shareHitExitMultiple', 'medianDaysToBreakEven',
] as const satisfies readonly (keyof CohortRow)[];
const COHORT_KIND: Record<(typeof COHORT_COLUMNS)[number], CsvKind> = {
  cohort: 'count',
  fromDay: 'day',
  toDay: 'day',
  users: 'count',
  spend: 'money',
  cashFromPoints: 'money',
  referralIncome: 'money',
  realisableValue: 'money',
  returnMultiple: 'mult',
  shareBrokeEvenRealised: 'pct',
  shareBrokeEvenOnPaper: 'pct',
  shareHitExitMultiple: 'pct',
  medianDaysToBreakEven: 'count',
};

const KEY_KIND: Record<keyof KeyFigures, CsvKind> = {
  finalPrice: 'price',
  pool: 'money',
  users: 'count',
  activeUsers: 'count',
  orders: 'count',
  totalSpend: 'money',
  cashPaidToUsers: 'money',
  paidShareOfSpend: 'pct',
  shareBrokeEvenRealised: 'pct',
  shareBrokeEvenOnPaper: 'pct',
  shareNeverBrokeEven: 'pct',
  forcedExits: 'count',
  withdrawals: 'money',
  coverageBreakEven: 'pct',
  coverageExitPromise: 'pct',
  poolFoldToBreakEven: 'mult',
  daysToBreakEven: 'count',
  ordersStoppedOn: 'day',
  shortfallBreakEven: 'money',
  largestShortfallBreakEven: 'money',
  largestShortfallBreakEvenDay: 'day',
  shortfallExitPromise: 'money',
  largestShortfallExitPromise: 'money',
  largestShortfallExitPromiseDay: 'day',
};

/** A figure as a CSV value with its kind's decimals; none (null, not a number) is an empty cell. */
export function csvNumber(v: unknown, kind: CsvKind): string {
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(x)) return '';
  const s = (kind === 'pct' ? x * 100 : x).toFixed(DECIMALS[kind]);
  // a value that rounds to zero is zero, unsigned
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** the lines as a file: a byte-order mark (spreadsheets then read UTF-8), one line each, a final line break */
const file = (lines: string[][]): string => `\uFEFF${lines.map((l) => l.join(',')).join('\n')}\n`;

/** a column's header in the page's language, with its unit */
const header = (col: string, tr: Tr): string => csvText(tr(`explorer.csv.col.${col}`));

/** The days: one row per day, the day's figures and the same day's solvency figures. */
export function daysCsv(r: FlowResult, tr: Tr): string {
  const lines = [DAILY_COLUMNS.map((c) => header(c, tr))];
  r.days.forEach((d, i) => {
    const s = r.solvency[i]!;
    const row = { ...d, ...s } as Partial<Record<DailyColumn, unknown>> & DayRow & SolvencyRow;
    lines.push(DAILY_COLUMNS.map((c) => csvNumber(row[c], DAILY_KIND[c])));
  });
  return file(lines);
}

// a model of the family's days (RULEBOOK §9.1): the engine's columns (src/engine/csv.ts), each read as its kind
type FamilyColumn = (typeof FAMILY_DAY_COLUMNS)[number];
const FAMILY_KIND: Record<FamilyColumn, CsvKind> = {
  day: 'day',
  orders: 'count',
  newBuyers: 'count',
  repeatOrders: 'count',
  spend: 'money',
  fundInflow: 'money',
  paid: 'money',
  subsidies: 'money',
  withdrawals: 'money',
  fund: 'money',
  promised: 'money',
  outstanding: 'money',
  coverage: 'pct',
  due: 'money',
  defaults: 'money',
  promises: 'count',
  completed: 'count',
  shareComplete: 'pct',
  dividendPerRight: 'price',
};
/** the columns that mean what the seed's columns of the same name mean; the others have headers of their own (explorer.csv.fam.*) */
const SHARED_COLUMNS: ReadonlySet<string> = new Set(['day', 'orders', 'newBuyers', 'repeatOrders', 'spend', 'subsidies', 'withdrawals']);

/** A model of the family's days: one row per day, the fund against the outstanding promise and what fell due. */
export function familyDaysCsv(r: FamilyResult, tr: Tr): string {
  const head = FAMILY_DAY_COLUMNS.map((c) => (SHARED_COLUMNS.has(c) ? header(c, tr) : csvText(tr(`explorer.csv.fam.${c}`))));
  return file([head, ...r.days.map((d) => FAMILY_DAY_COLUMNS.map((c) => csvNumber(d[c], FAMILY_KIND[c])))]);
}

/** The cohorts: one row per cohort (buyers grouped by the period of their first order). */
export function cohortsCsv(r: FlowResult, tr: Tr): string {
  return file([COHORT_COLUMNS.map((c) => header(c, tr)), ...r.cohorts.map((c) => COHORT_COLUMNS.map((k) => csvNumber(c[k], COHORT_KIND[k])))]);
}

/** the unit a kind of figure is read in, in the page's language */
function unitOf(kind: CsvKind, tr: Tr): string {
  return kind === 'money' ? tr('explorer.unit.money') : kind === 'pct' ? '%' : kind === 'mult' ? '×' : kind === 'day' ? tr('explorer.csv.unit.day') : '';
}

/** The key figures of the run (src/engine/keyfigures.ts): figure, value, unit. */
export function keyFiguresCsv(r: FlowResult, tr: Tr): string {
  const k = keyFigures(r);
  const lines = [[tr('explorer.csv.figure'), tr('explorer.csv.value'), tr('explorer.csv.unit')].map(csvText)];
  for (const key of KEY_FIGURES) lines.push([csvText(tr(`explorer.kf.${key}`)), csvNumber(k[key], KEY_KIND[key]), csvText(unitOf(KEY_KIND[key], tr))]);
  return file(lines);
}

/**
 * The parameters that ran, as the controls show them: label, value (in the control's units: a
 * percentage as a percentage), unit; a choice by its name, an option that is off as "off".
 */
export function parametersCsv(p: Params, tr: Tr): string {
  const lines = [[tr('explorer.csv.parameter'), tr('explorer.csv.value'), tr('explorer.csv.unit')].map(csvText)];
  for (const row of ROWS) {
    if (!isActive(row, p)) continue;
    const label = csvText(fieldLabel(row.key, p, tr));
    if (row.type === 'choice') {
      lines.push([label, csvText(tr(`${row.choiceLabel}${p[row.key]}`)), '']);
      continue;
    }
    const v = p[row.key];
    const spec = specOf(row.key, p);
    const unit = unitText(spec, tr);
    if (v === null) lines.push([label, csvText(tr(row.key === 'stopDay' || row.key === 'flatFrom' ? 'explorer.report.noStop' : 'explorer.exit.off')), '']);
    else lines.push([label, String(+(v * spec.scale).toPrecision(10)), csvText(unit)]);
  }
  return file(lines);
}
