/**
 * What the explorer shows for a model of the family (RULEBOOK §9), from the engine's result: the
 * common lens (CommonView: the fund against the outstanding promise, coverage, paid and defaults per
 * day, the cohorts' cash and break-even), each model's own charts (share of promises complete, the
 * queue's waiting entries, the rights' dividend per right), key sentences, and a comparison of two
 * models on the same buyers (the engine's compareModels: both sides' views and the stop test's
 * recovery). Every figure comes from the result, never from the controls. Pure: tested in node
 * (test/explorer/family-view.test.ts).
 */
import { num, type CommonView, type FamilyFollow, type FamilyResult, type ModelComparison } from '../engine/plain.ts';
import { PALETTE, type Band, type Series } from './chart.ts';
import { cohortLabel, coverageCrossings, type Formats, type Tr } from './view.ts';

const n = (v: unknown): number | null => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const nums = (xs: readonly unknown[]): (number | null)[] => xs.map(n);
const days = (v: CommonView) => v.days.map((d) => d.day);

export interface LineView {
  xs: number[];
  series: Series[];
  bands: Band[];
  summary: string;
}

/** sentences one after another: a space after a Latin full stop, none after a Chinese one (。) */
export const joinSentences = (xs: string[]): string => xs.reduce((a, b) => (a === '' ? b : /[。！？]$/.test(a) ? a + b : `${a} ${b}`), '');

/** A model's name in the reader's language, from the run's own kind (the seed's model is `seed`). */
export const modelName = (kind: string, tr: Tr): string => tr(`explorer.model.${kind}`);

/** The fund against what is promised and not yet paid, per day (RULEBOOK §9.1). */
export function fundChart(v: CommonView, f: Formats, tr: Tr): LineView {
  const fund = nums(v.days.map((d) => d.fund));
  const out = nums(v.days.map((d) => d.outstanding));
  const last = v.days.length - 1;
  return {
    xs: days(v),
    series: [
      { key: 'fund', label: tr('explorer.fam.series.fund'), color: PALETTE.blue, values: fund },
      { key: 'outstanding', label: tr('explorer.fam.series.outstanding'), color: PALETTE.vermillion, dash: '6 3', values: out },
    ],
    bands: [],
    summary: last < 0 ? '' : tr('explorer.fam.summary.fund', { day: f.day(v.days[last]!.day), fund: f.money(fund[last]), outstanding: f.money(out[last]) }),
  };
}

/** Coverage = fund / outstanding promise, per day, with where it first falls under 100% and its lowest. */
export function familyCoverageChart(v: CommonView, f: Formats, tr: Tr): LineView {
  const cover = nums(v.days.map((d) => d.coverage));
  const xs = days(v);
  const c = coverageCrossings(xs, cover);
  let low: { day: number; value: number } | null = null;
  cover.forEach((x, i) => {
    if (x !== null && (low === null || x < low.value)) low = { day: xs[i]!, value: x };
  });
  const lowest = low as { day: number; value: number } | null;
  const summary =
    lowest === null
      ? tr('explorer.fam.summary.coverNone')
      : c.firstBelow === null
        ? tr('explorer.fam.summary.coverAlways', { low: f.pct(lowest.value, 0), day: f.day(lowest.day) })
        : tr('explorer.fam.summary.coverBelow', { first: f.day(c.firstBelow), low: f.pct(lowest.value, 0), day: f.day(lowest.day) });
  return { xs, series: [{ key: 'coverage', label: tr('explorer.fam.series.coverage'), color: PALETTE.green, values: cover }], bands: [], summary };
}

/** Paid to buyers and defaults (due and not paid) per day. */
export function paidChart(v: CommonView, f: Formats, tr: Tr): LineView {
  const paid = nums(v.days.map((d) => d.paid));
  const defaults = nums(v.days.map((d) => d.defaults));
  const total = defaults.reduce<number>((s, x) => s + (x ?? 0), 0);
  const summary =
    v.firstDefaultDay === null
      ? tr('explorer.fam.summary.paidNoDefault', { paid: f.money(v.aggregate.paid), share: f.pct(v.aggregate.paidShareOfSpend) })
      : tr('explorer.fam.summary.paidDefault', { paid: f.money(v.aggregate.paid), share: f.pct(v.aggregate.paidShareOfSpend), day: f.day(v.firstDefaultDay), defaults: f.money(total) });
  return {
    xs: days(v),
    series: [
      { key: 'paid', label: tr('explorer.fam.series.paid'), color: PALETTE.green, values: paid },
      { key: 'defaults', label: tr('explorer.fam.series.defaults'), color: PALETTE.vermillion, dash: '6 3', values: defaults },
    ],
    bands: [],
    summary,
  };
}

/** The share of promises paid in full per day; for a queue also the entries still waiting (its own chart). */
export function completionChart(r: FamilyResult, f: Formats, tr: Tr): LineView {
  const share = nums(r.days.map((d) => d.shareComplete));
  const last = share[share.length - 1] ?? null;
  return {
    xs: r.days.map((d) => d.day),
    series: [{ key: 'complete', label: tr('explorer.fam.series.complete'), color: PALETTE.blue, values: share }],
    bands: [],
    summary: tr('explorer.fam.summary.complete', { share: f.pct(last), completed: f.count(r.counts.completed), promises: f.count(r.counts.promises) }),
  };
}

/** The queue's waiting entries per day (promises made less those paid in full). */
export function waitingChart(r: FamilyResult, f: Formats, tr: Tr): LineView {
  const waiting = r.days.map((d) => d.promises - d.completed);
  return {
    xs: r.days.map((d) => d.day),
    series: [{ key: 'waiting', label: tr('explorer.fam.series.waiting'), color: PALETTE.orange, values: waiting }],
    bands: [],
    summary: tr('explorer.fam.summary.waiting', { waiting: f.count(r.counts.waiting), owed: f.money(r.failure.outstandingAtEnd) }),
  };
}

/**
 * How long the queue's entries waited to be paid in full, per entry cohort (the engine's
 * FamilyCohortRow.waits: the cohort's buyers' entries): the median over those paid in full as bars,
 * the 90th percentile marked across each; those still waiting at the end are censored, so they are
 * counted apart (how many, their share, the oldest one's wait so far), never in the medians.
 */
export function queueWaitChart(r: FamilyResult, f: Formats, tr: Tr) {
  const cs = r.cohorts.filter((c) => c.users > 0);
  const w = cs.map((c) => c.waits);
  const days = (v: number | null) => (v === null ? '—' : f.count(v));
  const median = w.map((x) => x.medianDays);
  const done = cs.map((c, i) => ({ label: cohortLabel(c), v: median[i]! })).filter((x) => x.v !== null);
  const waiting = w.reduce((s, x) => s + x.waiting, 0);
  const all = w.reduce((s, x) => s + x.waiting + x.completed, 0);
  const oldest = w.reduce<number | null>((m, x) => (x.oldestWaitDays !== null && (m === null || x.oldestWaitDays > m) ? x.oldestWaitDays : m), null);
  const parts = [
    done.length === 0 ? tr('explorer.fam.summary.waitsNoneDone') : tr('explorer.fam.summary.waitsDone', { first: f.count(done[0]!.v), firstLabel: done[0]!.label, last: f.count(done[done.length - 1]!.v), lastLabel: done[done.length - 1]!.label }),
    waiting === 0 ? tr('explorer.fam.summary.waitsNoneLeft') : tr('explorer.fam.summary.waitsLeft', { waiting: f.count(waiting), share: f.pct(all > 0 ? waiting / all : null), oldest: days(oldest) }),
  ];
  const share = w.map((x) => (x.waiting + x.completed > 0 ? x.waiting / (x.waiting + x.completed) : null));
  return {
    labels: cs.map(cohortLabel),
    values: median,
    /** the censored side: per cohort, the share of its entries still waiting at the end (its own bar chart) */
    waitingShare: share,
    waitingSummary:
      cs.length === 0
        ? ''
        : tr('explorer.fam.summary.waitingShare', { first: f.pct(share[0] ?? null, 0), last: f.pct(share[share.length - 1] ?? null, 0), none: f.count(w.filter((x) => x.completed === 0).length), n: f.count(cs.length) }),
    other: { label: tr('explorer.fam.series.waitP90'), ownLabel: tr('explorer.fam.series.waitMedian'), values: w.map((x) => x.p90Days), dash: '4 2' },
    columns: [
      { label: tr('explorer.fam.series.waitP90'), texts: w.map((x) => days(x.p90Days)) },
      { label: tr('explorer.fam.col.completed'), texts: w.map((x) => f.count(x.completed)) },
      { label: tr('explorer.fam.col.stillWaiting'), texts: w.map((x) => f.count(x.waiting)) },
      { label: tr('explorer.fam.col.waitingShare'), texts: share.map((x) => f.pct(x)) },
      { label: tr('explorer.fam.col.oldestWait'), texts: w.map((x) => days(x.oldestWaitDays)) },
    ],
    summary: joinSentences(parts),
  };
}

/**
 * One buyer of a model of the family followed day by day (the engine's FamilyFollow): spent, paid
 * to them on their promises and what is still promised to them, with paid ÷ spent in the data
 * table, the days they broke even (cash) and were paid in full marked.
 */
export function familyFollowChart(fl: FamilyFollow, f: Formats, tr: Tr) {
  const rows = fl.rows;
  const last = rows[rows.length - 1];
  const marks: { x: number; label: string }[] = [];
  if (fl.breakEvenDay !== null) marks.push({ x: fl.breakEvenDay, label: tr('explorer.follow.markBe') });
  if (fl.paidInFullDay !== null) marks.push({ x: fl.paidInFullDay, label: tr('explorer.follow.markFull') });
  const parts = last
    ? [
        tr('explorer.follow.fam.summary', { day: f.day(fl.day), spent: f.money(last.spent), paid: f.money(last.paid), mult: f.mult(last.multiple), owed: f.money(last.outstanding) }),
        fl.breakEvenDay !== null ? tr('explorer.follow.fam.be', { be: f.day(fl.breakEvenDay), after: f.count(fl.breakEvenDay - fl.day) }) : tr('explorer.follow.fam.noBe'),
        ...(fl.paidInFullDay !== null ? [tr('explorer.follow.fam.full', { full: f.day(fl.paidInFullDay) })] : []),
      ]
    : [];
  return {
    xs: rows.map((r) => r.day),
    series: [
      { key: 'spent', label: tr('explorer.follow.spent'), color: PALETTE.vermillion, dash: '6 3', values: nums(rows.map((r) => r.spent)) },
      { key: 'paid', label: tr('explorer.follow.cash'), color: PALETTE.green, values: nums(rows.map((r) => r.paid)) },
      { key: 'outstanding', label: tr('explorer.follow.owed'), color: PALETTE.orange, dash: '2 3', values: nums(rows.map((r) => r.outstanding)) },
    ] satisfies Series[],
    marks,
    columns: [{ label: tr('explorer.follow.multiple'), texts: rows.map((r) => f.mult(r.multiple)) }],
    summary: joinSentences(parts),
  };
}

/** The rights' dividend per waiting right per day, against the daily cap. */
export function dividendChart(r: FamilyResult, f: Formats, tr: Tr): LineView {
  const div = nums(r.days.map((d) => d.dividendPerRight));
  const fd = r.failure.firstDefault;
  const last = div[div.length - 1] ?? null;
  return {
    xs: r.days.map((d) => d.day),
    series: [{ key: 'dividend', label: tr('explorer.fam.series.dividend'), color: PALETTE.purple, values: div }],
    bands: [],
    summary: fd === null ? tr('explorer.fam.summary.dividendFull', { last: f.price(last) }) : tr('explorer.fam.summary.dividendUnder', { day: f.day(fd.day), last: f.price(last) }),
  };
}

/** The cohorts through the common lens: cash received / spend and the share broken even, with the data table's columns. */
export function familyCohorts(v: CommonView, f: Formats, tr: Tr) {
  const cs = v.cohorts.filter((c) => c.users > 0);
  const labels = cs.map(cohortLabel);
  const ret = nums(cs.map((c) => c.returnMultiple));
  const be = nums(cs.map((c) => c.shareBrokeEven));
  const gaining = ret.filter((x) => (x ?? 0) >= 1).length;
  return {
    labels,
    /** each bar's first entry day (a click follows its first buyer) */
    fromDays: cs.map((c) => c.fromDay),
    returnMultiple: ret,
    shareBrokeEven: be,
    columns: [
      { label: tr('explorer.col.users'), texts: cs.map((c) => f.count(c.users)) },
      { label: tr('explorer.col.spend'), texts: cs.map((c) => f.money(c.spend)) },
      { label: tr('explorer.fam.col.cash'), texts: cs.map((c) => f.money(c.cashReceived)) },
      { label: tr('explorer.col.brokeEven'), texts: be.map((x) => f.pct(x)) },
      { label: tr('explorer.col.medianDays'), texts: cs.map((c) => (c.medianDaysToBreakEven === null ? tr('explorer.never') : f.count(c.medianDaysToBreakEven))) },
    ],
    summary: tr('explorer.fam.summary.cohorts', { gaining: f.count(gaining), n: f.count(cs.length), first: f.mult(ret[0] ?? null), last: f.mult(ret[ret.length - 1] ?? null) }),
    summaryBe: tr('explorer.summary.cohortsBe', { first: f.pct(be[0] ?? null, 0), last: f.pct(be[be.length - 1] ?? null, 0) }),
  };
}

/** Key sentences of a model of the family's run, each model's failure in its own terms (RULEBOOK §9.6). */
export function familyKeyFigures(r: FamilyResult, f: Formats, tr: Tr): string[] {
  const a = r.aggregate;
  const out = [tr('explorer.fam.key.paid', { model: modelName(r.model.kind, tr), spend: f.money(a.totalSpend), paid: f.money(a.paid), share: f.pct(a.paidShareOfSpend), be: f.pct(a.shareBrokeEven) })];
  const fd = r.failure.firstDefault;
  if (r.model.kind === 'release') {
    out.push(fd ? tr('explorer.fam.key.releaseDefault', { day: f.day(fd.day), due: f.money(fd.due), paid: f.money(fd.paid), def: f.money(fd.default), total: f.money(r.failure.totalDefaults) }) : tr('explorer.fam.key.noDefault'));
  } else if (r.model.kind === 'rights') {
    out.push(fd ? tr('explorer.fam.key.rightsUnder', { day: f.day(fd.day) }) : tr('explorer.fam.key.rightsFull'));
  }
  out.push(tr('explorer.fam.key.end', { waiting: f.count(r.failure.waitingAtEnd), promises: f.count(r.counts.promises), owed: f.money(r.final.outstanding), fund: f.money(r.final.fund), cover: f.pct(r.final.coverage, 0) }));
  const low = r.failure.lowestCoverage;
  if (low) out.push(tr('explorer.fam.key.lowest', { cover: f.pct(low.coverage, 0), day: f.day(low.day) }));
  return out;
}

/** One row of a table of two models: its label, A's and B's text, and the numbers behind them (for tests). */
export interface ModelRow {
  key: string;
  label: string;
  a: string;
  b: string;
  /** the figures as the engine gave them, numbers */
  va: number | null;
  vb: number | null;
}

/** The two models' figures through the common lens, side by side (RULEBOOK §9.6). */
export function modelFigureRows(c: ModelComparison, f: Formats, tr: Tr): ModelRow[] {
  const a = c.a.view;
  const b = c.b.view;
  const row = (key: string, x: unknown, y: unknown, text: (v: unknown) => string): ModelRow => ({ key, label: tr(`explorer.cmp.${key}`), a: text(x), b: text(y), va: n(x), vb: n(y) });
  const day = (v: unknown) => (v === null ? tr('explorer.never') : f.day(v));
  return [
    row('totalSpend', a.aggregate.totalSpend, b.aggregate.totalSpend, f.money),
    row('paid', a.aggregate.paid, b.aggregate.paid, f.money),
    row('paidShare', a.aggregate.paidShareOfSpend, b.aggregate.paidShareOfSpend, (v) => f.pct(v)),
    row('shareBrokeEven', a.aggregate.shareBrokeEven, b.aggregate.shareBrokeEven, (v) => f.pct(v)),
    row('fund', a.final.fund, b.final.fund, f.money),
    row('outstanding', a.final.outstanding, b.final.outstanding, f.money),
    row('coverage', a.final.coverage, b.final.coverage, (v) => f.pct(v, 0)),
    row('firstDefault', a.firstDefaultDay, b.firstDefaultDay, day),
  ];
}

export interface ModelCohortRow {
  label: string;
  users: string;
  spend: string;
  cashA: string;
  cashB: string;
  multA: string;
  multB: string;
  beA: string;
  beB: string;
}

/** The same buyers' cohorts under each model: cash received, cash / spend, share broken even. */
export function modelCohortRows(c: ModelComparison, f: Formats): ModelCohortRow[] {
  return c.cohorts
    .filter((x) => x.usersA > 0 || x.usersB > 0)
    .map((x) => ({
      label: cohortLabel(x),
      users: x.usersA === x.usersB ? f.count(x.usersA) : `${f.count(x.usersA)} / ${f.count(x.usersB)}`,
      spend: num(x.spendA) === num(x.spendB) ? f.money(x.spendA) : `${f.money(x.spendA)} / ${f.money(x.spendB)}`,
      cashA: f.money(x.cashA),
      cashB: f.money(x.cashB),
      multA: f.mult(x.multipleA),
      multB: f.mult(x.multipleB),
      beA: f.pct(x.brokeEvenA),
      beB: f.pct(x.brokeEvenB),
    }));
}

export interface StopRow {
  label: string;
  spendA: string;
  ofSpendA: string;
  ofSpendB: string;
  ofPromiseA: string;
  ofPromiseB: string;
}

/** The stop test (orders stop on its day, the rest runs on): what each cohort recovers of its spend and of its promise under each model. */
export function stopRows(c: ModelComparison, f: Formats): StopRow[] {
  if (!c.stop) return [];
  const byB = new Map(c.stop.b.map((x) => [x.cohort, x]));
  return c.stop.a
    .filter((x) => x.users > 0)
    .map((x) => {
      const y = byB.get(x.cohort);
      return {
        label: cohortLabel(x),
        spendA: f.money(x.spend),
        ofSpendA: f.pct(x.ofSpend),
        ofSpendB: f.pct(y?.ofSpend ?? null),
        ofPromiseA: f.pct(x.ofPromise),
        ofPromiseB: f.pct(y?.ofPromise ?? null),
      };
    });
}

/** A what-if's name for a model of the family: orders stop, the operator takes a share of the fund, the stop test (its own names: no points are sold here). */
export const familyWhatIfName = (kind: string, tr: Tr): string => tr(`explorer.fam.stressKind.${kind.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}`);

/** What a model of the family's what-if run holds beside the run with it: the engine's baseline (simulateFamilyWhatIf). */
export type FamilyBaseline = Pick<FamilyResult, 'final' | 'failure' | 'aggregate' | 'cohorts'>;

export interface FamilyWhatIfRow {
  fromDay: number;
  label: string;
  users: string;
  spend: string;
  cashWithout: string;
  cashWith: string;
  ofSpendWithout: string;
  ofSpendWith: string;
  ofPromiseWithout: string;
  ofPromiseWith: string;
  /** the figures as the engine gave them (for tests): cash received without and with */
  vCashWithout: number | null;
  vCashWith: number | null;
}

/**
 * Per cohort, what it recovers without the what-if and with it: cash received, cash / spend and
 * cash / promise, from the engine's two runs on the same buyers. Every cohort with buyers in either
 * run (orders that stop leave the later cohorts empty in the run with the what-if).
 */
export function familyWhatIfRows(baseline: FamilyBaseline, run: Pick<FamilyResult, 'cohorts'>, f: Formats): FamilyWhatIfRow[] {
  const withBy = new Map(run.cohorts.map((c) => [c.cohort, c]));
  const pct = (v: unknown) => (n(v) === null ? '—' : f.pct(v));
  return baseline.cohorts
    .filter((c) => c.users > 0 || (withBy.get(c.cohort)?.users ?? 0) > 0)
    .map((a) => {
      const b = withBy.get(a.cohort);
      const bu = b?.users ?? 0;
      return {
        fromDay: a.fromDay,
        label: cohortLabel(a),
        users: a.users === bu ? f.count(a.users) : `${f.count(a.users)} / ${f.count(bu)}`,
        spend: b === undefined || num(a.spend) === num(b.spend) ? f.money(a.spend) : `${f.money(a.spend)} / ${f.money(b.spend)}`,
        cashWithout: f.money(a.cashReceived),
        cashWith: b && bu > 0 ? f.money(b.cashReceived) : '—',
        ofSpendWithout: pct(a.returnMultiple),
        ofSpendWith: b && bu > 0 ? pct(b.returnMultiple) : '—',
        ofPromiseWithout: pct(a.shareOfPromise),
        ofPromiseWith: b && bu > 0 ? pct(b.shareOfPromise) : '—',
        vCashWithout: n(a.cashReceived),
        vCashWith: b && bu > 0 ? n(b.cashReceived) : null,
      };
    });
}

/** The failure figures (RULEBOOK §9.6) and what was paid, without the what-if and with it, side by side. */
export function familyWhatIfFigures(baseline: FamilyBaseline, run: FamilyBaseline, f: Formats, tr: Tr): ModelRow[] {
  const row = (key: string, x: unknown, y: unknown, text: (v: unknown) => string): ModelRow => ({ key, label: tr(`explorer.cmp.${key}`), a: text(x), b: text(y), va: n(x), vb: n(y) });
  const day = (v: unknown) => (v === null ? tr('explorer.never') : f.day(v));
  const low = (r: FamilyBaseline) => r.failure.lowestCoverage?.coverage ?? null;
  return [
    row('totalSpend', baseline.aggregate.totalSpend, run.aggregate.totalSpend, f.money),
    row('paid', baseline.aggregate.paid, run.aggregate.paid, f.money),
    row('paidShare', baseline.aggregate.paidShareOfSpend, run.aggregate.paidShareOfSpend, (v) => f.pct(v)),
    row('shareBrokeEven', baseline.aggregate.shareBrokeEven, run.aggregate.shareBrokeEven, (v) => f.pct(v)),
    row('firstDefault', baseline.failure.firstDefaultDay, run.failure.firstDefaultDay, day),
    row('totalDefaults', baseline.failure.totalDefaults, run.failure.totalDefaults, f.money),
    row('lowestCoverage', low(baseline), low(run), (v) => (v === null ? '—' : f.pct(v, 0))),
    row('waitingAtEnd', baseline.failure.waitingAtEnd, run.failure.waitingAtEnd, f.count),
    row('outstanding', baseline.failure.outstandingAtEnd, run.failure.outstandingAtEnd, f.money),
    row('fund', baseline.final.fund, run.final.fund, f.money),
  ];
}

/**
 * The back-office profile's settlements at its price ceiling (RULEBOOK §9.2), from the run's
 * FlowResult.backOffice: one bar per settlement (what it paid to holders: the table's value column),
 * and beside it in the data table its price, holders and what the platform kept. Empty labels: no settlement.
 */
export function settlementChart(o: { settlements: readonly { day: number; price: unknown; holders: number; paid: unknown; kept: unknown }[]; totals: { settled: unknown; kept: unknown } }, f: Formats, tr: Tr) {
  const s = o.settlements;
  return {
    labels: s.map((x) => String(x.day)),
    values: nums(s.map((x) => x.paid)),
    columns: [
      { label: tr('explorer.office.col.price'), texts: s.map((x) => f.price(x.price)) },
      { label: tr('explorer.office.col.holders'), texts: s.map((x) => f.count(x.holders)) },
      { label: tr('explorer.office.col.kept'), texts: s.map((x) => f.money(x.kept)) },
    ],
    summary:
      s.length === 0
        ? ''
        : tr('explorer.office.summary', { n: f.count(s.length), first: f.day(s[0]!.day), last: f.day(s[s.length - 1]!.day), paid: f.money(o.totals.settled), kept: f.money(o.totals.kept) }),
  };
}
