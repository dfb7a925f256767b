/**
 * The printable report of the explorer's scenario: every parameter with the controls' own labels
 * and units, the key figures in sentences, the cohort table, the date, and the address that
 * restores the scenario. Pure: tested in node (test/explorer/report.test.ts); ReportHead.svelte and
 * ReportCohorts.svelte lay it out for print only.
 */
import { compareCohorts, type FlowResult } from '../engine/plain.ts';
import { HTML_LANG, type Locale } from '../i18n/locales.ts';
import { fieldLabel, specOf, unitText } from './controls.ts';
import type { Extras, Params } from './params.ts';
import { GROUPS, isActive, ROWS } from './table.ts';
import { cohortCharts, exitOff, keyFigures, type Formats, type Tr } from './view.ts';
import { exitMultipleText } from './view.ts';
import { cohortPairRows, keyFigureRows } from './compare.ts';

export { FOLLOW_DEFAULT } from './state.ts';

/** The full address that restores the scenario: origin and path of the page, and the query. */
export function reportLink(origin: string, pathname: string, query: string): string {
  return `${origin}${pathname}${query ? `?${query}` : ''}`;
}

/** The date and time the report is made, in the reader's language, and as ISO 8601 for <time>. */
export function reportDate(d: Date, locale: Locale): { text: string; iso: string } {
  let df = dateFormats.get(locale);
  if (!df) {
    df = new Intl.DateTimeFormat(HTML_LANG[locale], { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    dateFormats.set(locale, df);
  }
  return { text: df.format(d), iso: d.toISOString() };
}
// One per language, kept: the report is made anew for every final run, and making the date format
// (it loads the language's calendar and time-zone names) cost about 11 ms of a desktop's main thread,
// 40-45 ms on Lighthouse's 4x-slowed phone, each time.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * Make the report's date and number formats ahead of need: the explorer calls this in a task of its
 * own while its first run computes, so that the task that first makes the report (on load) does
 * not also pay for loading their data.
 */
export function warmReportFormats(locale: Locale): void {
  reportDate(new Date(0), locale);
  paramNumber(0, locale);
}

export interface ParamRow {
  /** the parameter (or control) the row shows */
  key: string;
  label: string;
  /** the value with its unit, as the reader reads it */
  value: string;
}
export interface ParamGroup {
  key: string;
  legend: string;
  rows: ParamRow[];
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
/** A parameter's number as the reader reads it: grouped digits, no rounding a control would not do. */
function paramNumber(v: number, locale: Locale): string {
  let nf = numberFormats.get(locale);
  if (!nf) {
    nf = new Intl.NumberFormat(HTML_LANG[locale], { maximumSignificantDigits: 10 });
    numberFormats.set(locale, nf);
  }
  return nf.format(v);
}

/**
 * Every parameter the scenario uses, grouped as the controls are, with the controls' labels and
 * units; the followed buyer last. A value that is off reads "off" ("never" for the stop day, "none"
 * for an event on day 0).
 */
export function parameterGroups(p: Params, tr: Tr, locale: Locale, followDay: number | null): ParamGroup[] {
  const out: ParamGroup[] = [];
  for (const g of GROUPS) {
    const rows: ParamRow[] = [];
    for (const row of ROWS) {
      if (row.group !== g || !isActive(row, p)) continue;
      const key = row.key;
      const label = fieldLabel(key, p, tr);
      if (row.type === 'choice') {
        rows.push({ key, label, value: tr(`${row.choiceLabel}${p[key]}`) });
        continue;
      }
      const v = p[row.key];
      let value: string;
      if (v === null) value = key === 'stopDay' || key === 'flatFrom' ? tr('explorer.report.noStop') : tr('explorer.exit.off');
      else if (row.day && row.range.min === 0 && v === 0) value = tr('explorer.report.none');
      else {
        const spec = specOf(row.key, p);
        const unit = unitText(spec, tr);
        const shown = paramNumber(+(v * spec.scale).toPrecision(10), locale);
        value = unit === '' ? shown : unit === '%' || unit === '×' ? `${shown}${unit}` : `${shown} ${unit}`;
      }
      rows.push({ key, label, value });
    }
    if (rows.length) out.push({ key: g, legend: tr(`explorer.group.${g}`), rows });
  }
  out.push({
    key: 'follow',
    legend: tr('explorer.follow.heading'),
    rows: [{ key: 'followDay', label: tr('explorer.follow.day'), value: followDay === null ? tr('explorer.exit.off') : paramNumber(followDay, locale) }],
  });
  return out;
}

/**
 * The report's key figures in sentences: where the run ends (price, pool, buyers, orders, spend),
 * then the explorer's own key figures, word for word (pass the page's `keyFigures` when it has
 * them already).
 */
export function reportSentences(r: FlowResult, p: Params, f: Formats, tr: Tr, keys: string[] = keyFigures(r, p, f, tr)): string[] {
  const last = r.days[r.days.length - 1];
  const end = tr('explorer.report.end', {
    days: f.count(last?.day ?? p.days),
    price: f.price(r.final.price),
    p0: f.price(p.initialPrice),
    pool: f.money(r.final.pool),
    users: f.count(r.counts.users),
    orders: f.count(r.counts.orders),
    spend: f.money(r.aggregate.totalSpend),
  });
  return [end, ...keys];
}

/**
 * The cohort table: one row per cohort with buyers, the return multiple beside the other columns
 * (pass the page's `cohortCharts` when it has them already).
 */
export function cohortTable(r: FlowResult, f: Formats, tr: Tr, c: ReturnType<typeof cohortCharts> = cohortCharts(r, f, tr)): { head: string[]; rows: string[][] } {
  // the referral column only where there was a referral network
  const columns = c.columns.filter((col) => r.referral !== null || col.label !== tr('explorer.col.referral'));
  const at = columns.findIndex((col) => col.label === tr('explorer.col.realisable')) + 1;
  const ret = { label: tr('explorer.col.return'), texts: c.returnMultiple.map((v) => f.mult(v)) };
  const all = [...columns.slice(0, at), ret, ...columns.slice(at)];
  return {
    head: [tr('explorer.axis.cohort'), ...all.map((col) => col.label)],
    rows: c.labels.map((label, i) => [label, ...all.map((col) => col.texts[i] ?? '')]),
  };
}

/** What the report says the scenario carries beyond the controls (the extras' own keys), if anything. */
export function extraKeys(extras: Extras): string[] {
  return Object.keys(extras).filter((k) => k !== 'name' && k !== 'description');
}

export interface ReportTable {
  title: string;
  head: string[];
  rows: string[][];
}

/** The cohorts of two runs side by side (return multiple and share broken even on paper, each a, b and the change). */
function cohortPairTable(title: string, a: FlowResult, b: FlowResult, f: Formats, tr: Tr, labels: [string, string, string], beforeDay?: number): ReportTable {
  const rows = cohortPairRows(compareCohorts(a.cohorts, b.cohorts), f, tr, { beforeDay });
  const ret = tr('explorer.col.return');
  const be = tr('explorer.col.onPaper');
  return {
    title,
    head: [tr('explorer.axis.cohort'), ...labels.map((l) => `${ret}: ${l}`), ...labels.map((l) => `${be}: ${l}`)],
    rows: rows.map((r) => [r.label, r.multA, r.multB, r.multChange, r.beA, r.beB, r.beChange]),
  };
}

/** The printed report's tables of a comparison: the key figures of A and B with the difference, their cohorts side by side. */
export function comparisonTables(a: FlowResult, b: FlowResult, f: Formats, tr: Tr): ReportTable[] {
  const sides: [string, string, string] = [tr('explorer.compare.a'), tr('explorer.compare.b'), tr('explorer.compare.difference')];
  return [
    {
      title: tr('explorer.compare.keyTable'),
      head: [tr('explorer.compare.figure'), ...sides],
      rows: keyFigureRows(a, b, f, tr).map((k) => [k.label, k.a, k.b, k.difference]),
    },
    cohortPairTable(tr('explorer.compare.cohortTable'), a, b, f, tr, sides),
  ];
}

/** The printed report's table of a what-if: every cohort that joined before it, without it, with it and the change. */
export function whatIfTable(baseline: FlowResult, run: FlowResult, day: number, f: Formats, tr: Tr): ReportTable {
  return cohortPairTable(tr('explorer.stress.table'), baseline, run, f, tr, [tr('explorer.whatIf.without'), tr('explorer.whatIf.with'), tr('explorer.stress.changeMult')], day);
}

/**
 * The printed report's name for a scenario that is no preset: "Your scenario: 100 buyers a day
 * growing 1.0% a day, 2.0% of holders selling daily, 30% into the pool, exit at 3×, 365 days". The
 * days, the pool's share and the exit multiple are read off the run's result; the flow and the
 * selling off the parameters that ran (`p`: those the shown run was asked for, not the controls').
 */
export function customName(p: Params, r: FlowResult, f: Formats, tr: Tr): string {
  const rate = (v: number) => f.pct(v);
  let growth: string;
  switch (p.growth) {
    case 'constant':
      growth = tr('explorer.report.growth.constant');
      break;
    case 'linear':
      growth = tr('explorer.report.growth.linear', { n: f.count(p.growthRate) });
      break;
    case 'exponential':
      growth = tr('explorer.report.growth.exponential', { rate: rate(p.growthRate) });
      break;
    case 'logistic':
      growth = tr('explorer.report.growth.logistic', { rate: rate(p.growthRate), cap: f.count(p.capacity) });
      break;
    case 'boom':
      growth = tr('explorer.report.growth.boom', { rate: rate(p.growthRate), peak: f.day(p.peakDay), decline: rate(p.decline) });
      break;
  }
  if (p.growth !== 'constant' && p.flatFrom !== null) growth = tr('explorer.report.growth.flat', { growth, day: f.day(p.flatFrom) });
  const exit = exitOff(r) ? tr('explorer.report.exitOff') : tr('explorer.report.exitAt', { m: exitMultipleText(r, f, tr) });
  return tr('explorer.report.custom', {
    buyers: f.count(p.perDay),
    growth,
    sell: rate(p.sellRate),
    pool: f.pct(r.aggregate.poolShare, 0),
    exit,
    days: f.count(r.days.length),
  });
}
