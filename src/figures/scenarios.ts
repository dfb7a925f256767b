/**
 * Figures of the scenario presets that the scenario pages quote: {{scn.<slug>.<name>}}. Each comes
 * from the preset's run on the engine (src/scenarios/presets.ts), computed at build time.
 */
import type { FlowResult, CohortRow, Fig } from '../engine/index.ts';
import { runPreset, runSkim, runStopTest, SCENARIO_SLUGS, SKIM, STOP_TEST_DAY, type ScenarioSlug } from '../scenarios/presets.ts';
import type { Var } from '../i18n/figure.ts';

const v = (value: string | number, kind: Var['kind']): Var => ({ value: String(value), kind });
const n = (x: unknown) => Number(x);

/** Share of all buyers of the run who ever got back in cash at least what they spent. */
export function shareBrokeEven(r: FlowResult): number {
  let users = 0;
  let even = 0;
  for (const c of r.cohorts) {
    users += c.users;
    even += c.users * n(c.shareBrokeEvenRealised);
  }
  return users === 0 ? 0 : even / users;
}

/**
 * The baseline of a preset's stop test: the same scenario without the stop, at the end of its run,
 * cohort by cohort. For now a second plain run of the preset (runPreset: the same seed, the same
 * rules, no event); the one place to switch to the engine's own baseline when it has one.
 */
export function stopTestBaseline(slug: ScenarioSlug): CohortRow[] {
  return runPreset(slug).cohorts;
}

/** One cohort of the stop test beside its baseline (cohorts with buyers in the stopped run only). */
export interface StopTestRow {
  fromDay: number;
  toDay: number;
  /** buyers of the cohort in the stopped run (none join from the stop day on) */
  users: number;
  /** buyers of the same days in the baseline, who may include some who joined from the stop day on */
  baselineUsers: number;
  /** (cash + realisable) / spend at the end of the day before the stop: what they had on paper */
  multipleBefore: number | null;
  /** cash / spend after everyone sold: what they recovered */
  multipleAfter: number | null;
  /** the baseline's (cash + realisable) / spend at the end of its run */
  multipleBaseline: number | null;
  /** multipleAfter - multipleBaseline */
  multipleChange: number | null;
  /** share who got at least their spend back in cash, with the stop and without it, and the change */
  brokeEvenAfter: number;
  brokeEvenBaseline: number;
  brokeEvenChange: number;
}

const orNull = (x: Fig | null | undefined): number | null => (x === null || x === undefined ? null : n(x));

/** The stop test of a preset, every cohort against the same scenario without it (its baseline). */
export function stopTestAgainstBaseline(slug: ScenarioSlug): StopTestRow[] {
  const stop = runStopTest(slug).stress;
  const baseline = stopTestBaseline(slug);
  const rows: StopTestRow[] = [];
  stop.after.forEach((after, i) => {
    if (after.users === 0) return;
    const base = baseline[i];
    if (!base || base.fromDay !== after.fromDay || base.toDay !== after.toDay) {
      throw new Error(`stop test of ${slug}: cohort ${after.fromDay}-${after.toDay} has no cohort of the same days in its baseline`);
    }
    const multipleAfter = orNull(after.returnMultiple);
    const multipleBaseline = orNull(base.returnMultiple);
    rows.push({
      fromDay: after.fromDay,
      toDay: after.toDay,
      users: after.users,
      baselineUsers: base.users,
      multipleBefore: orNull(stop.before[i]?.returnMultiple),
      multipleAfter,
      multipleBaseline,
      multipleChange: multipleAfter === null || multipleBaseline === null ? null : multipleAfter - multipleBaseline,
      brokeEvenAfter: n(after.shareBrokeEvenRealised),
      brokeEvenBaseline: n(base.shareBrokeEvenRealised),
      brokeEvenChange: n(after.shareBrokeEvenRealised) - n(base.shareBrokeEvenRealised),
    });
  });
  return rows;
}

export function scenarioFigures(): Record<string, Var> {
  const out: Record<string, Var> = {};
  for (const slug of SCENARIO_SLUGS) {
    const r = runPreset(slug);
    const p = `scn.${slug}.`;
    const last = r.solvency[r.solvency.length - 1]!;
    const first = r.cohorts[0]!;
    const lastCohort = r.cohorts[r.cohorts.length - 1]!;
    out[p + 'days'] = v(r.days.length, 'count');
    out[p + 'flags'] = v(r.compliance.flags.length, 'count');
    out[p + 'users'] = v(r.counts.users, 'count');
    out[p + 'orders'] = v(r.counts.orders, 'count');
    out[p + 'spend'] = v(r.aggregate.totalSpend, 'compact');
    out[p + 'paid'] = v(r.aggregate.cashPaidToUsers, 'compact');
    out[p + 'paidShare'] = v(r.aggregate.paidShareOfSpend ?? 0, 'share1');
    out[p + 'pool'] = v(r.aggregate.pool, 'compact');
    out[p + 'price'] = v(r.final.price, 'price');
    out[p + 'brokeEven'] = v(shareBrokeEven(r), 'share1');
    out[p + 'firstCohortBrokeEven'] = v(first.shareBrokeEvenRealised, 'share1');
    out[p + 'firstCohortMultiple'] = v(first.returnMultiple ?? 0, 'factor');
    out[p + 'lastCohortBrokeEven'] = v(lastCohort.shareBrokeEvenRealised, 'share1');
    out[p + 'lastCohortMultiple'] = v(lastCohort.returnMultiple ?? 0, 'factor');
    out[p + 'coverage'] = v(last.coverageBreakEven ?? 0, 'share1');
    out[p + 'coverageExit'] = v(last.coverageExitPromise ?? 0, 'share1');
    out[p + 'needBreakEven'] = v(last.needBreakEven, 'compact');
    const g1 = r.requiredGrowth.multiples[0];
    out[p + 'poolFold1'] = v(Math.round(n(g1?.poolFold ?? 0)), 'count');
    out[p + 'poolFold3'] = v(Math.round(n(r.requiredGrowth.multiples[2]?.poolFold ?? 0)), 'count');
    if (g1?.days != null) out[p + 'days1'] = v(g1.days, 'count');
    const g3 = r.requiredGrowth.multiples[2];
    if (g3?.days != null) {
      out[p + 'days3'] = v(g3.days, 'count');
      out[p + 'years3'] = v(Math.round(g3.days / 365), 'count');
    }
    if (g1?.days != null) out[p + 'years1'] = v(Math.round(g1.days / 365), 'count');
    if (r.aggregate.subsidies && n(r.aggregate.subsidies) > 0) out[p + 'subsidies'] = v(r.aggregate.subsidies, 'compact');
    if (r.referral) {
      out[p + 'referralPaid'] = v(r.aggregate.distributionPaid, 'compact');
      out[p + 'referralShare'] = v(n(r.aggregate.distributionPaid) / n(r.aggregate.totalSpend), 'share1');
      out[p + 'orgMembers'] = v(r.referral.largestOrganisation.members, 'count');
      out[p + 'orgLevels'] = v(r.referral.largestOrganisation.levels, 'count');
      out[p + 'maxPaidDistance'] = v(r.referral.maxPaidDistance, 'count');
      out[p + 'paidOnJoining'] = v(r.referral.paidOnJoiningOrders, 'compact');
    }
    if (r.legacy) {
      const rel = r.legacy.releases[0]!;
      out[p + 'legacyMembers'] = v(r.legacy.members, 'count');
      out[p + 'legacyLiability'] = v(r.legacy.liabilityPerMember, 'money');
      out[p + 'legacyCoins'] = v(r.legacy.coinsIssued, 'compact');
      out[p + 'legacyBatches'] = v(r.legacy.releases.length, 'count');
      out[p + 'firstReleasePriceBefore'] = v(rel.priceBefore, 'price');
      out[p + 'firstReleasePriceAfter'] = v(rel.priceAfter, 'price');
      out[p + 'legacyWholeAtEnd'] = v(r.legacy.shareWholeAtEnd, 'share1');
      out[p + 'legacyPaid'] = v(r.aggregate.cashPaidToLegacyMembers, 'compact');
      out[p + 'legacyPaidShare'] = v(n(r.aggregate.cashPaidToLegacyMembers) / n(r.legacy.coinsIssued), 'share1');
    }
  }
  // the stop test of each preset: the first cohort on paper the day before, and what it recovered
  for (const slug of SCENARIO_SLUGS) {
    const st = runStopTest(slug);
    const p = `scn.${slug}.stop.`;
    out[p + 'day'] = v(STOP_TEST_DAY[slug], 'count');
    out[p + 'firstBefore'] = v(st.stress.before[0]?.returnMultiple ?? 0, 'factor');
    out[p + 'firstAfter'] = v(st.stress.after[0]?.returnMultiple ?? 0, 'factor');
    out[p + 'firstWithout'] = v(stopTestBaseline(slug)[0]?.returnMultiple ?? 0, 'factor');
    out[p + 'brokeEven'] = v(shareBrokeEven(st), 'share1');
    out[p + 'paidShare'] = v(st.aggregate.paidShareOfSpend ?? 0, 'share1');
  }
  // the skim: the operator withdraws a share of the pool
  const sk = runSkim();
  const dayRow = (d: number) => sk.days.find((x) => x.day === d)!;
  out['risk.skim.day'] = v(SKIM.day, 'count');
  out['risk.skim.share'] = v(SKIM.share, 'share');
  out['risk.skim.priceBefore'] = v(dayRow(SKIM.day - 1).price, 'price');
  out['risk.skim.priceAfter'] = v(Math.min(...sk.days.filter((x) => x.day >= SKIM.day).map((x) => Number(x.price))), 'price');
  out['risk.skim.withdrawn'] = v(sk.aggregate.withdrawals, 'compact');
  out['risk.skim.brokeEven'] = v(shareBrokeEven(sk), 'share1');
  out['risk.skim.brokeEvenWithout'] = v(shareBrokeEven(runPreset(SKIM.slug)), 'share1');
  return out;
}
