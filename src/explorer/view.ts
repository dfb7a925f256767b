/**
 * From an engine result to what the explorer shows: chart series, one-line summaries, the key
 * figures in sentences, and the money table (the CSV files: exports.ts). Pure: tested in node
 * (test/explorer/view.test.ts); the Svelte components only lay it out.
 */
import { brokeEvenShares as cohortBrokeEven, keyFigures as engineKeyFigures, num, type FlowResult, type KeyFigures } from '../engine/plain.ts';
import { formatNumber, formatShort, NOT_A_NUMBER } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { PALETTE, type Band, type Series } from './chart.ts';
import type { Params } from './params.ts';
import type { Follow } from './run.ts';

/** a cohort's entry days as its label: one day, or the first and last day */
export const cohortLabel = (c: { fromDay: number; toDay: number }): string => (c.fromDay === c.toDay ? String(c.fromDay) : `${c.fromDay}–${c.toDay}`);

export type Values = Record<string, string | number>;
export type Tr = (key: string, values?: Values) => string;

/** A lookup over one language's explorer strings; a missing key shows as itself, visibly. */
export function makeTr(strings: Readonly<Record<string, string>>): Tr {
  return (key, values = {}) => {
    const template = strings[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
  };
}

const n = (v: unknown): number | null => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

/** Number formats in the reader's language. */
export function formats(locale: Locale) {
  return {
    money: (v: unknown) => {
      const x = n(v);
      if (x === null) return NOT_A_NUMBER;
      const s = formatShort(x, locale, { maxDecimals: 2 });
      return locale === 'zh' ? `${s}元` : s;
    },
    compact: (v: unknown) => {
      const x = n(v);
      return x === null ? NOT_A_NUMBER : formatShort(x, locale, { maxDecimals: 1 });
    },
    /** an axis tick: short form without trailing zeros (10M) */
    tick: (v: unknown) => {
      const x = n(v);
      return x === null ? NOT_A_NUMBER : formatShort(x, locale, { maxDecimals: 1, tick: true });
    },
    count: (v: unknown) => {
      const x = n(v);
      return x === null ? NOT_A_NUMBER : formatNumber(Math.round(x), locale);
    },
    pct: (v: unknown, digits = 1) => {
      const x = n(v);
      // a fixed number of decimals, so that figures side by side read alike (7.0% beside 8.6%)
      return x === null ? NOT_A_NUMBER : `${formatNumber(x * 100, locale, { maxDecimals: digits, minDecimals: digits })}%`;
    },
    /** a rule's multiple as given (the exit at 2x, 1.5x): trailing zeros dropped */
    factor: (v: unknown) => {
      const x = n(v);
      return x === null ? NOT_A_NUMBER : `${formatNumber(x, locale, { maxDecimals: 2 })}×`;
    },
    /** a computed multiple (a return, a price's growth): fixed decimals, so that a column reads alike */
    mult: (v: unknown) => {
      const x = n(v);
      if (x === null) return NOT_A_NUMBER;
      const d = Math.abs(x) < 10 ? 2 : 1;
      return `${formatNumber(x, locale, { maxDecimals: d, minDecimals: d })}×`;
    },
    price: (v: unknown) => {
      const x = n(v);
      if (x === null) return NOT_A_NUMBER;
      return x >= 10_000 ? formatShort(x, locale, { maxDecimals: 2 }) : formatNumber(x, locale, { maxDecimals: x < 10 ? 4 : 2 });
    },
    day: (v: unknown) => {
      const x = n(v);
      return x === null ? NOT_A_NUMBER : formatNumber(x, locale, { maxDecimals: 0 });
    },
  };
}
export type Formats = ReturnType<typeof formats>;

const nums = (xs: readonly unknown[]): (number | null)[] => xs.map(n);

/** Share of all buyers who ever broke even (realised) and on paper, weighted by cohort size (the engine's key figures). */
export const brokeEvenShares = (r: FlowResult) => cohortBrokeEven(r.cohorts);

/** True when forced exits were off for the whole run (as the run reports its exit multiples). */
export const exitOff = (r: FlowResult): boolean => r.exitMultiples.every((x) => x.multiple === null);

/**
 * The exit multiple as the run had it, from its result (never from the controls): "3×", or with
 * rule changes (a scenario's own, a stress test's) "3×, then 2× from day 170".
 */
export function exitMultipleText(r: FlowResult, f: Formats, tr: Tr): string {
  const show = (m: number | null) => (m === null ? tr('explorer.exit.off') : f.factor(m));
  return r.exitMultiples.map((x, i) => (i === 0 ? show(x.multiple) : tr('explorer.key.exitFrom', { m: show(x.multiple), day: f.day(x.fromDay) }))).join('');
}

/** The key figures of a run, as sentences; every figure from the run's result (src/engine/keyfigures.ts), never from the controls. */
export function keyFigures(r: FlowResult, _p: Params, f: Formats, tr: Tr): string[] {
  const out: string[] = [];
  const k = engineKeyFigures(r);
  out.push(tr('explorer.key.brokeEven', { share: f.pct(k.shareBrokeEvenRealised), users: f.count(k.users), paper: f.pct(k.shareBrokeEvenOnPaper) }));
  const rg = r.requiredGrowth;
  const one = rg.multiples[0];
  if (rg.buyer && k.ordersStoppedOn !== null) {
    // after a stop no order comes to lift the pool: never (RULEBOOK §8), whatever the fold
    out.push(tr('explorer.key.growthStopped', { day: f.day(rg.buyer.day), stop: f.day(k.ordersStoppedOn) }));
  } else if (rg.buyer && one && one.poolFold !== null) {
    out.push(
      one.days === null
        ? tr('explorer.key.growthNever', { day: f.day(rg.buyer.day), fold: f.mult(one.poolFold) })
        : tr('explorer.key.growth', { day: f.day(rg.buyer.day), fold: f.mult(one.poolFold), days: f.count(one.days) }),
    );
  } else out.push(tr('explorer.key.growthNone'));
  const a = r.aggregate;
  out.push(tr('explorer.key.group', { spend: f.money(a.totalSpend), paid: f.money(a.cashPaidToUsers), share: f.pct(a.paidShareOfSpend), pool: f.pct(a.poolShare, 0) }));
  const values = {
    exits: f.count(k.forcedExits),
    m: exitMultipleText(r, f, tr),
    active: f.count(k.activeUsers),
    users: f.count(k.users),
    cover: f.pct(k.coverageBreakEven, 0),
    stop: f.day(k.ordersStoppedOn),
    never: f.pct(k.shareNeverBrokeEven),
  };
  const exits = tr(exitOff(r) ? 'explorer.key.exitsOff' : 'explorer.key.exits', values);
  // after a stop the holders left are few: the coverage of what they need says little about the
  // buyers as a whole, so the sentence says how many remain and how many never broke even
  const end = k.ordersStoppedOn !== null ? (k.activeUsers === 0 ? 'explorer.key.endStoppedNone' : 'explorer.key.endStopped') : 'explorer.key.endActive';
  out.push(tr(end, { ...values, exits }));
  out.push(...shortfallSentences(k, f, tr));
  if (r.backOffice) out.push(backOfficeSentence(r.backOffice, f, tr));
  return out;
}

/** The back-office profile's settlements at its price ceiling and the sales its floor left unpaid (RULEBOOK §9.2), from the run's own figures. */
export function backOfficeSentence(o: NonNullable<FlowResult['backOffice']>, f: Formats, tr: Tr): string {
  const t = o.totals;
  const first = o.settlements[0];
  const settled = first
    ? tr('explorer.office.settled', { n: f.count(t.settlements), day: f.day(first.day), paid: f.money(t.settled), kept: f.money(t.kept) })
    : tr(o.maxPrice === null ? 'explorer.office.noCeiling' : 'explorer.office.notSettled', { max: f.price(o.maxPrice) });
  return `${settled} ${tr('explorer.office.unpaid', { unpaid: f.money(t.unpaidSales) })}`;
}

/**
 * The shortfall in money (RULEBOOK §8: what the pool lacks, never below 0; the outside money that,
 * paid in that day, would close it): its largest value with its day and its value at the end,
 * against the need to break even and, while forced exits are on, against the exit promise.
 */
export function shortfallSentences(k: KeyFigures, f: Formats, tr: Tr): string[] {
  const out: string[] = [];
  if (!k.largestShortfallBreakEven) out.push(tr('explorer.key.shortfallNone'));
  else out.push(tr('explorer.key.shortfall', { be: f.money(k.largestShortfallBreakEven), day: f.day(k.largestShortfallBreakEvenDay), end: f.money(k.shortfallBreakEven) }));
  if (k.largestShortfallExitPromise !== null) {
    const values = { ex: f.money(k.largestShortfallExitPromise), day: f.day(k.largestShortfallExitPromiseDay), end: f.money(k.shortfallExitPromise) };
    if (k.largestShortfallExitPromise === 0) out.push(tr('explorer.key.shortfallPromiseNone'));
    else out.push(tr(k.shortfallExitPromise === null ? 'explorer.key.shortfallPromiseOff' : 'explorer.key.shortfallPromise', values));
  }
  return out;
}

const days = (r: FlowResult) => r.days.map((d) => d.day);

export interface Bands {
  price?: { lo: (number | null)[]; hi: (number | null)[] };
  pool?: { lo: (number | null)[]; hi: (number | null)[] };
  coverage?: { lo: (number | null)[]; hi: (number | null)[] };
}

export function priceChart(r: FlowResult, f: Formats, tr: Tr, bands: Bands = {}) {
  const values = nums(r.days.map((d) => d.price));
  const first = values.find((v) => v !== null) ?? null;
  const last = values[values.length - 1] ?? null;
  // the largest one-day fall (withdrawals, releases of locked points, a rule change)
  let drop = 0;
  let dropDay = 0;
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined && a > 0 && 1 - b / a > drop) {
      drop = 1 - b / a;
      dropDay = r.days[i]!.day;
    }
  }
  const band: Band[] = bands.price ? [{ key: 'mc', label: tr('explorer.mc.band'), color: PALETTE.sky, lo: bands.price.lo, hi: bands.price.hi }] : [];
  return {
    xs: days(r),
    series: [{ key: 'price', label: tr('explorer.series.price'), color: PALETTE.blue, values }] satisfies Series[],
    bands: band,
    summary:
      first !== null && last !== null
        ? drop > 0.001
          ? tr('explorer.summary.priceDrop', { from: f.price(first), to: f.price(last), day: f.day(dropDay), drop: f.pct(drop, 0) })
          : tr('explorer.summary.priceUp', { from: f.price(first), to: f.price(last), fold: f.mult(last / first) })
        : '',
  };
}

export function solvencyChart(r: FlowResult, f: Formats, tr: Tr, bands: Bands = {}) {
  const pool = nums(r.days.map((d) => d.pool));
  const need = nums(r.solvency.map((s) => s.needBreakEven));
  const promise = nums(r.solvency.map((s) => s.needExitPromise));
  const series: Series[] = [
    { key: 'pool', label: tr('explorer.series.pool'), color: PALETTE.blue, values: pool },
    { key: 'need', label: tr('explorer.series.need'), color: PALETTE.vermillion, dash: '6 3', values: need },
  ];
  if (promise.some((v) => v !== null)) series.push({ key: 'promise', label: tr('explorer.series.promise'), color: PALETTE.orange, dash: '2 3', values: promise });
  const i = pool.length - 1;
  return {
    xs: days(r),
    series,
    bands: bands.pool ? [{ key: 'mc', label: tr('explorer.mc.band'), color: PALETTE.blue, lo: bands.pool.lo, hi: bands.pool.hi }] : [],
    summary: i >= 0 ? tr('explorer.summary.solvency', { pool: f.money(pool[i]), need: f.money(need[i]), promise: f.money(promise[i]) }) : '',
  };
}

/** The shortfall in money per day (the solvency rows' own figures), against the need to break even and the exit promise. */
export function shortfallChart(r: FlowResult, f: Formats, tr: Tr) {
  const be = nums(r.solvency.map((s) => s.shortfallBreakEven));
  const ex = nums(r.solvency.map((s) => s.shortfallExitPromise));
  const series: Series[] = [{ key: 'shortBe', label: tr('explorer.series.shortfallBe'), color: PALETTE.vermillion, values: be }];
  if (ex.some((v) => v !== null)) series.push({ key: 'shortEx', label: tr('explorer.series.shortfallEx'), color: PALETTE.orange, dash: '6 3', values: ex });
  const sb = r.shortfall.breakEven;
  const se = r.shortfall.exitPromise;
  const largest = num(sb.largest) ?? 0;
  const values = { be: f.money(sb.largest), day: f.day(sb.largestDay), end: f.money(sb.end), ex: f.money(se?.largest ?? null), exDay: f.day(se?.largestDay ?? null) };
  const summary =
    largest === 0 && (se === null || num(se.largest) === 0)
      ? tr('explorer.summary.shortfallNone')
      : tr(se === null ? 'explorer.summary.shortfall' : 'explorer.summary.shortfallPromise', values);
  return { xs: days(r), series, bands: [] as Band[], summary };
}

export function coverageChart(r: FlowResult, f: Formats, tr: Tr, bands: Bands = {}) {
  const be = nums(r.solvency.map((s) => s.coverageBreakEven));
  const ex = nums(r.solvency.map((s) => s.coverageExitPromise));
  const series: Series[] = [{ key: 'coverBe', label: tr('explorer.series.coverBe'), color: PALETTE.green, values: be }];
  if (ex.some((v) => v !== null)) series.push({ key: 'coverEx', label: tr('explorer.series.coverEx'), color: PALETTE.purple, dash: '6 3', values: ex });
  const band: Band[] = bands.coverage ? [{ key: 'mc', label: tr('explorer.mc.band'), color: PALETTE.green, lo: bands.coverage.lo, hi: bands.coverage.hi }] : [];
  const lastBe = be[be.length - 1] ?? null;
  const xs = days(r);
  const c = coverageCrossings(xs, be);
  let summary: string;
  if (c.firstBelow === null) summary = tr('explorer.summary.coverAlways', { cover: f.pct(lastBe, 0) });
  else if (c.recovered.length === 0) summary = tr('explorer.summary.coverBelow', { day: f.day(c.firstBelow), cover: f.pct(lastBe, 0) });
  else if (c.endsBelow) summary = tr('explorer.summary.coverBelowAgain', { day: f.day(c.firstBelow), up: f.day(c.recovered[0]!), down: f.day(c.fellAgain[c.fellAgain.length - 1]!), cover: f.pct(lastBe, 0) });
  else summary = tr('explorer.summary.coverRecovered', { day: f.day(c.firstBelow), up: f.day(c.recovered[c.recovered.length - 1]!), cover: f.pct(lastBe, 0) });
  return { xs, series, bands: band, summary };
}

/**
 * Where a plotted coverage series crosses 100%: the first day under it, every day it comes back to
 * 100% or more after being under, every later day it falls under again, and whether it ends under.
 * Days with nothing to cover (null) neither cross nor break a run.
 */
export function coverageCrossings(xs: readonly number[], values: readonly (number | null)[]): { firstBelow: number | null; recovered: number[]; fellAgain: number[]; endsBelow: boolean } {
  let firstBelow: number | null = null;
  const recovered: number[] = [];
  const fellAgain: number[] = [];
  let below: boolean | null = null;
  values.forEach((v, i) => {
    if (v === null) return;
    const now = v < 1;
    if (now && below !== true) {
      if (firstBelow === null) firstBelow = xs[i]!;
      else fellAgain.push(xs[i]!);
    } else if (!now && below === true) recovered.push(xs[i]!);
    below = now;
  });
  return { firstBelow, recovered, fellAgain, endsBelow: below === true };
}

/**
 * A table column whose texts are formatted when first read, then kept: a chart's table is drawn
 * only while open (ChartTable), and a drag redraws the charts for each preview, so that formatting
 * every cohort's figures for a closed table is work no one sees.
 */
export function lazyColumn(label: string, make: () => string[]): { label: string; readonly texts: string[] } {
  let texts: string[] | undefined;
  return {
    label,
    get texts() {
      return (texts ??= make());
    },
  };
}

export function cohortCharts(r: FlowResult, f: Formats, tr: Tr) {
  const cs = r.cohorts.filter((c) => c.users > 0);
  const labels = cs.map(cohortLabel);
  const ret = nums(cs.map((c) => c.returnMultiple));
  const be = nums(cs.map((c) => c.shareBrokeEvenRealised));
  const paper = nums(cs.map((c) => c.shareBrokeEvenOnPaper));
  const gaining = cs.filter((_, i) => (ret[i] ?? 0) >= 1).length;
  const lastGain = (() => {
    for (let i = cs.length - 1; i >= 0; i--) if ((ret[i] ?? 0) >= 1) return cs[i]!.toDay;
    return null;
  })();
  return {
    cohorts: cs,
    labels,
    returnMultiple: ret,
    shareBrokeEven: be,
    columns: [
      lazyColumn(tr('explorer.col.users'), () => cs.map((c) => f.count(c.users))),
      lazyColumn(tr('explorer.col.spend'), () => cs.map((c) => f.money(c.spend))),
      lazyColumn(tr('explorer.col.cash'), () => cs.map((c) => f.money(c.cashFromPoints))),
      lazyColumn(tr('explorer.col.realisable'), () => cs.map((c) => f.money(c.realisableValue))),
      lazyColumn(tr('explorer.col.referral'), () => cs.map((c) => f.money(c.referralIncome))),
      lazyColumn(tr('explorer.col.brokeEven'), () => be.map((v) => f.pct(v))),
      lazyColumn(tr('explorer.col.onPaper'), () => paper.map((v) => f.pct(v))),
      lazyColumn(tr('explorer.col.hitExit'), () => cs.map((c) => f.pct(c.shareHitExitMultiple))),
      lazyColumn(tr('explorer.col.medianDays'), () => cs.map((c) => (c.medianDaysToBreakEven === null ? tr('explorer.never') : f.count(c.medianDaysToBreakEven)))),
    ],
    summary:
      gaining === 0
        ? tr('explorer.summary.cohortsNone', { n: f.count(cs.length) })
        : tr('explorer.summary.cohorts', { gaining: f.count(gaining), n: f.count(cs.length), day: f.day(lastGain) }),
    summaryBe: tr('explorer.summary.cohortsBe', { first: f.pct(be[0] ?? null, 0), last: f.pct(be[be.length - 1] ?? null, 0) }),
  };
}

export function distributionChart(r: FlowResult, f: Formats, tr: Tr) {
  const values = nums(r.distribution.values);
  const labels = r.distribution.percentiles.map((q) => (q === 0 ? tr('explorer.dist.min') : q === 100 ? tr('explorer.dist.max') : `p${q}`));
  const median = values[r.distribution.percentiles.indexOf(50)] ?? null;
  const p90 = values[r.distribution.percentiles.indexOf(90)] ?? null;
  return { labels, values, summary: tr('explorer.summary.dist', { median: f.mult(median), p90: f.mult(p90) }) };
}

/** Where the money went: each row with its amount and share of all spend. */
export function moneyRows(r: FlowResult, f: Formats, tr: Tr) {
  const a = r.aggregate;
  const spend = n(a.totalSpend) ?? 0;
  const split = [
    { key: 'cost', label: tr('explorer.money.cost'), value: n(a.cost) ?? 0, color: PALETTE.sky },
    { key: 'distributionPaid', label: tr('explorer.money.distributionPaid'), value: n(a.distributionPaid) ?? 0, color: PALETTE.purple },
    { key: 'distributionKept', label: tr('explorer.money.distributionKept'), value: n(a.distributionKept) ?? 0, color: PALETTE.orange },
    { key: 'platform', label: tr('explorer.money.platform'), value: n(a.platform) ?? 0, color: PALETTE.vermillion },
    { key: 'poolInflow', label: tr('explorer.money.pool'), value: n(a.poolInflow) ?? 0, color: PALETTE.blue },
  ];
  const poolIn = (n(a.poolInflow) ?? 0) + (n(a.subsidies) ?? 0);
  const pool = [
    { key: 'paid', label: tr('explorer.money.paid'), value: (n(a.cashPaidToUsers) ?? 0) + (n(a.cashPaidToLegacyMembers) ?? 0), color: PALETTE.green },
    { key: 'withdrawn', label: tr('explorer.money.withdrawn'), value: n(a.withdrawals) ?? 0, color: PALETTE.vermillion },
    { key: 'left', label: tr('explorer.money.left'), value: n(a.pool) ?? 0, color: PALETTE.blue },
  ];
  const shareOf = (v: number, of: number) => (of > 0 ? v / of : null);
  return {
    spend,
    poolIn,
    subsidies: n(a.subsidies) ?? 0,
    subsidiesText: f.money(n(a.subsidies) ?? 0),
    split: split.map((s) => ({ ...s, text: f.money(s.value), share: shareOf(s.value, spend), shareText: f.pct(shareOf(s.value, spend)) })),
    pool: pool.map((s) => ({ ...s, text: f.money(s.value), share: shareOf(s.value, poolIn), shareText: f.pct(shareOf(s.value, poolIn)) })),
    summary: tr('explorer.summary.money', { spend: f.money(spend), paid: f.money(pool[0]!.value), share: f.pct(shareOf(pool[0]!.value, spend)), left: f.money(pool[2]!.value) }),
  };
}

export function followChart(fl: Follow, f: Formats, tr: Tr) {
  const xs = fl.rows.map((r) => r.day);
  const series: Series[] = [
    { key: 'spent', label: tr('explorer.follow.spent'), color: PALETTE.vermillion, dash: '6 3', values: fl.rows.map((r) => r.spent) },
    { key: 'cash', label: tr('explorer.follow.cash'), color: PALETTE.green, values: fl.rows.map((r) => r.cash) },
    { key: 'total', label: tr('explorer.follow.total'), color: PALETTE.blue, values: fl.rows.map((r) => r.cash + r.holdingValue) },
  ];
  const last = fl.rows[fl.rows.length - 1];
  const marks: { x: number; label: string }[] = [];
  if (fl.breakEvenDay !== null) marks.push({ x: fl.breakEvenDay, label: tr('explorer.follow.markBe') });
  if (fl.exitDay !== null) marks.push({ x: fl.exitDay, label: tr(fl.forced ? 'explorer.follow.markForced' : 'explorer.follow.markSold') });
  let summary: string;
  if (!last) summary = '';
  else if (fl.breakEvenDay !== null) summary = tr('explorer.follow.summaryBe', { day: f.day(fl.day), be: f.day(fl.breakEvenDay), after: f.count(fl.breakEvenDay - fl.day), mult: f.mult(last.multiple) });
  else summary = tr(last.active ? 'explorer.follow.summaryHolding' : 'explorer.follow.summaryLost', { day: f.day(fl.day), cash: f.money(last.cash), spent: f.money(last.spent), mult: f.mult(last.multiple) });
  return { xs, series, marks, summary };
}

/** A name with hyphens or a colon (stop-orders, shareBrokeEven:90) as a dictionary key segment. */
export const keyPart = (name: string): string => name.replace(/[-:](\w)/g, (_, c: string) => c.toUpperCase());
