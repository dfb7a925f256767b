/**
 * The result document of a time-driven run: every metric of RULEBOOK §8 from the driver's daily
 * rows and the book, through the book's arithmetic.
 */
import { COMPLIANCE_NOTE, COMPLIANCE_NOTE_ZH, complianceOf } from '../compliance.ts';
import type { DayRaw, FlowRun } from '../flow/run.ts';
import type { DayRow, FlowResult, SolvencyRow } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../version.ts';
import { cohortsNow } from './cohorts.ts';
import { PERCENTILES, percentiles } from './distribution.ts';
import { fig, ratio, share } from './figures.ts';
import { legacySummary } from './legacy.ts';
import { keptAfter, referralSummary } from './referral.ts';
import { requiredGrowth } from './required-growth.ts';
import { shortfallOf, shortfallSummaryOf } from './solvency.ts';

/** The exit multiple in force from day 1 and from each day a rule change within the run sets another. */
export function exitMultiplesOf(s: FlowScenarioV1): FlowResult['exitMultiples'] {
  const out: FlowResult['exitMultiples'] = [{ fromDay: 1, multiple: s.rules.exitMultiple }];
  const changes = (s.events ?? [])
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.rules?.exitMultiple !== undefined && e.day <= s.flow.days)
    .sort((a, b) => a.e.day - b.e.day || a.i - b.i);
  for (const { e } of changes) {
    const m = e.rules!.exitMultiple as number | null;
    const last = out[out.length - 1]!;
    if (last.fromDay === e.day) last.multiple = m;
    else if (last.multiple !== m) out.push({ fromDay: e.day, multiple: m });
  }
  // a change on day 1 that sets what was in force, or two changes that cancel: say each multiple once in a row
  return out.filter((x, i) => i === 0 || x.multiple !== out[i - 1]!.multiple);
}

/** The whole result document of a time-driven run. */
export function flowResult<T>(run: Extract<FlowRun<T>, { ok: true }>, s: FlowScenarioV1): FlowResult {
  const { book } = run;
  const A = book.A;
  const ref = run.referral;

  const days: DayRow[] = run.days.map((r) => ({
    day: r.day,
    orders: r.orders,
    newBuyers: r.newBuyers,
    repeatOrders: r.repeatOrders,
    sales: r.sales,
    forcedExits: r.forcedExits,
    spend: fig(A, r.spend),
    poolInflow: fig(A, r.poolInflow),
    paid: fig(A, r.paid),
    withheld: fig(A, r.withheld),
    subsidies: fig(A, r.subsidies),
    withdrawals: fig(A, r.withdrawals),
    referralPaid: fig(A, r.referralPaid),
    lockedPoints: fig(A, r.lockedPoints),
    activeUsers: r.activeUsers,
    price: fig(A, r.price),
    pool: fig(A, r.pool),
    points: fig(A, r.points),
  }));
  const solvency: SolvencyRow[] = run.days.map((r) => ({
    day: r.day,
    needBreakEven: fig(A, r.needBreakEven),
    needExitPromise: r.needExitPromise === null ? null : fig(A, r.needExitPromise),
    coverageBreakEven: ratio(A, r.pool, r.needBreakEven),
    coverageExitPromise: r.needExitPromise === null || A.isNeg(r.needExitPromise) ? null : ratio(A, r.pool, r.needExitPromise),
    shortfallBreakEven: fig(A, shortfallOf(A, r.needBreakEven, r.pool)),
    shortfallExitPromise: r.needExitPromise === null ? null : fig(A, shortfallOf(A, r.needExitPromise, r.pool)),
  }));
  const summary = (need: (r: DayRaw<T>) => T | null) => {
    const x = shortfallSummaryOf(A, run.days, need);
    return x && { end: x.end === null ? null : fig(A, x.end), largest: fig(A, x.largest), largestDay: x.largestDay };
  };
  const shortfall = {
    breakEven: summary((r) => r.needBreakEven) ?? { end: fig(A, A.zero), largest: fig(A, A.zero), largestDay: 1 },
    exitPromise: summary((r) => r.needExitPromise),
  };

  const { cohorts, realised, legacyPaid, brokeEven } = cohortsNow(book, s, ref);
  const t = book.totals;
  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: A.mode },
    final: { price: fig(A, book.quotedPrice), pool: fig(A, book.pool), points: fig(A, book.points) },
    counts: { users: realised.length, activeUsers: book.activeCount, orders: book.ordersCount, sales: book.salesCount, forcedExits: book.forcedCount },
    days,
    solvency,
    shortfall,
    cohorts,
    requiredGrowth: requiredGrowth(run, s),
    exitMultiples: exitMultiplesOf(s),
    distribution: { measure: 'realisedReturnMultiple', percentiles: PERCENTILES, values: percentiles(A, realised) },
    aggregate: {
      totalSpend: fig(A, t.orders),
      cashPaidToUsers: fig(A, A.sub(t.paid, legacyPaid)),
      paidShareOfSpend: ratio(A, A.sub(t.paid, legacyPaid), t.orders),
      cashPaidToLegacyMembers: fig(A, legacyPaid),
      shareBrokeEvenRealised: share(A, brokeEven, realised.length),
      poolShare: fig(A, book.rulesNow.poolShare),
      poolInflow: fig(A, t.poolInflow),
      subsidies: fig(A, t.subsidies),
      withdrawals: fig(A, t.withdrawals),
      pool: fig(A, book.pool),
      cost: fig(A, t.cost),
      platform: fig(A, t.platform),
      distributionPaid: fig(A, ref ? ref.totalPaid : t.distributionPaid),
      distributionKept: fig(A, ref ? keptAfter(A, t.distributionKept, ref.totalPaid) : t.distributionKept),
    },
    referral: ref ? referralSummary(A, ref) : null,
    legacy: run.legacy && s.flow.legacy ? legacySummary(A, run.legacy, s.flow.legacy, book) : null,
    backOffice: run.office
      ? {
          minPrice: s.rules.minPrice ?? null,
          maxPrice: s.rules.maxPrice ?? null,
          pointsCap: s.rules.pointsCap ?? null,
          days: run.office.map((o) => ({ day: o.day, settled: fig(A, o.settled), kept: fig(A, o.kept), unpaidSales: fig(A, o.unpaid) })),
          settlements: book.settlements.map((x) => ({ day: x.day, price: fig(A, x.price), holders: x.holders, paid: fig(A, x.paid), kept: fig(A, x.kept) })),
          totals: { settlements: book.settlements.length, settled: fig(A, book.settledPaid), kept: fig(A, book.kept), unpaidSales: fig(A, book.unpaid) },
        }
      : null,
    // the explorer still reads the old text fields: filled in from the facts by the page's wording (temporary, issue 13)
    compliance: { note: COMPLIANCE_NOTE, noteZh: COMPLIANCE_NOTE_ZH, flags: complianceOf(A, s, ref) },
  };
}
