/**
 * One lens on every model of the family (RULEBOOK §9.1, §9.6): what is promised and not yet paid
 * (the outstanding promise) against the money held to pay it (the fund), per day, and each cohort's
 * spend and cash received. For the seed's model the fund is the pool and the outstanding promise is
 * the exit promise of §8 (m x basis - cash since entry), or the need to break even when exits are
 * off; it has no defaults (it always pays at its mark), except the sales a back office's price floor
 * leaves unpaid (§9.2). What a comparison of two models shows on
 * the same buyers is read from here, so both sides say the same thing in the same words.
 */
import { exact } from '../arith.ts';
import type { Fig } from '../number-format.ts';
import type { FlowResult } from '../result.ts';
import type { FamilyResult } from './result.ts';
import type { ModelKind } from '../scenario/schema.ts';

export interface CommonDay {
  day: number;
  spend: Fig;
  fundInflow: Fig;
  /** paid to buyers that day: sales of points (seed), releases, queue payments, dividends */
  paid: Fig;
  fund: Fig;
  outstanding: Fig;
  /** fund / outstanding; null when nothing is outstanding */
  coverage: Fig | null;
  defaults: Fig;
}

export interface CommonCohort {
  cohort: number;
  fromDay: number;
  toDay: number;
  users: number;
  spend: Fig;
  /** cash received: from selling points (seed), on promises (the others) */
  cashReceived: Fig;
  /** cash received / spend */
  returnMultiple: Fig | null;
  /** share that has ever had cash received >= spend */
  shareBrokeEven: Fig;
  medianDaysToBreakEven: number | null;
}

export interface CommonView {
  model: ModelKind;
  days: CommonDay[];
  cohorts: CommonCohort[];
  final: { fund: Fig; outstanding: Fig; coverage: Fig | null };
  aggregate: { totalSpend: Fig; paid: Fig; paidShareOfSpend: Fig | null; shareBrokeEven: Fig };
  /** the first day a payment due was not paid; for the seed's model only under a price floor */
  firstDefaultDay: number | null;
}

const num = (v: Fig): number => (typeof v === 'number' ? v : Number(v));

/** the seed's result through the common lens */
export function commonOfSeed(r: FlowResult): CommonView {
  const days: CommonDay[] = r.days.map((d, i) => {
    const s = r.solvency[i]!;
    const outstanding = s.needExitPromise ?? s.needBreakEven;
    return {
      day: d.day,
      spend: d.spend,
      fundInflow: d.poolInflow,
      paid: d.paid,
      fund: d.pool,
      outstanding,
      coverage: s.needExitPromise !== null ? s.coverageExitPromise : s.coverageBreakEven,
      // a sale the pool could not pay in full under a price floor (RULEBOOK §9.2); none otherwise: it pays at its mark
      defaults: r.backOffice?.days[i]?.unpaidSales ?? (typeof d.pool === 'number' ? 0 : '0'),
    };
  });
  const last = days[days.length - 1]!;
  return {
    model: 'seed',
    days,
    cohorts: r.cohorts.map((c) => ({
      cohort: c.cohort,
      fromDay: c.fromDay,
      toDay: c.toDay,
      users: c.users,
      spend: c.spend,
      cashReceived: c.cashFromPoints,
      returnMultiple: num(c.spend) === 0 ? null : ratioFig(c.cashFromPoints, c.spend),
      shareBrokeEven: c.shareBrokeEvenRealised,
      medianDaysToBreakEven: c.medianDaysToBreakEven,
    })),
    final: { fund: last.fund, outstanding: last.outstanding, coverage: last.coverage },
    aggregate: { totalSpend: r.aggregate.totalSpend, paid: r.aggregate.cashPaidToUsers, paidShareOfSpend: r.aggregate.paidShareOfSpend, shareBrokeEven: r.aggregate.shareBrokeEvenRealised },
    firstDefaultDay: days.find((d) => num(d.defaults) > 0)?.day ?? null,
  };
}

/** a family model's result through the common lens */
export function commonOfFamily(r: FamilyResult): CommonView {
  return {
    model: r.model.kind,
    days: r.days.map((d) => ({ day: d.day, spend: d.spend, fundInflow: d.fundInflow, paid: d.paid, fund: d.fund, outstanding: d.outstanding, coverage: d.coverage, defaults: d.defaults })),
    cohorts: r.cohorts.map((c) => ({
      cohort: c.cohort,
      fromDay: c.fromDay,
      toDay: c.toDay,
      users: c.users,
      spend: c.spend,
      cashReceived: c.cashReceived,
      returnMultiple: c.returnMultiple,
      shareBrokeEven: c.shareBrokeEven,
      medianDaysToBreakEven: c.medianDaysToBreakEven,
    })),
    final: r.final,
    aggregate: { totalSpend: r.aggregate.totalSpend, paid: r.aggregate.paid, paidShareOfSpend: r.aggregate.paidShareOfSpend, shareBrokeEven: r.aggregate.shareBrokeEven },
    firstDefaultDay: r.failure.firstDefaultDay,
  };
}

/** a / b in the figures' own kind: a number on the fast path, a decimal string on the exact one */
function ratioFig(a: Fig, b: Fig): Fig {
  return typeof a === 'number' && typeof b === 'number' ? a / b : exact.str(exact.div(exact.of(a), exact.of(b)));
}
