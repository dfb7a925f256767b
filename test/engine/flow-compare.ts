/**
 * Comparing a fast-path result with an exact-path one, for the differential tests: every daily,
 * solvency, cohort and aggregate figure to 1e-9 relative (against the larger magnitude, with an
 * absolute floor for figures near zero), counts exactly, and the referral and legacy summaries and
 * compliance flags alike. Returns the figures that differ; throws through expect on count or shape.
 */
import { expect } from 'vitest';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';

const REL = 1e-9;

export function flowScenario(input: ScenarioInput): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FlowScenarioV1;
}

/** relative difference against the larger magnitude, with an absolute floor for figures near zero */
export function close(fast: unknown, exact: unknown, scale: number): boolean {
  if (fast === null || exact === null) return fast === exact;
  const a = Number(fast);
  const b = Number(exact);
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b), scale);
}

const EXACT_KEYS = new Set(['medianDaysToBreakEven', 'users', 'cohort', 'fromDay', 'toDay']);

export function compareFlows(fast: FlowResult, exact: FlowResult): string[] {
  const diffs: string[] = [];
  const scale = Number(exact.aggregate.totalSpend) * 1e-6;
  expect(fast.days).toHaveLength(exact.days.length);
  fast.days.forEach((f, i) => {
    const e = exact.days[i]!;
    for (const k of Object.keys(f) as (keyof typeof f)[]) {
      const fv = f[k];
      const ev = e[k];
      if (typeof fv === 'number' && typeof ev === 'number') {
        if (fv !== ev) diffs.push(`day ${f.day} ${k}: fast ${fv} exact ${ev}`);
      } else if (!close(fv, ev, k === 'price' ? 0 : scale)) diffs.push(`day ${f.day} ${k}: fast ${fv} exact ${ev}`);
    }
    const fs = fast.solvency[i]!;
    const es = exact.solvency[i]!;
    for (const k of Object.keys(fs) as (keyof typeof fs)[]) {
      if (k === 'day') continue;
      if (!close(fs[k], es[k], k.startsWith('coverage') ? 0 : scale)) diffs.push(`day ${fs.day} solvency ${k}: fast ${fs[k]} exact ${es[k]}`);
    }
  });
  fast.cohorts.forEach((f, i) => {
    const e = exact.cohorts[i]!;
    for (const k of Object.keys(f) as (keyof typeof f)[]) {
      if (EXACT_KEYS.has(k)) {
        if (f[k] !== e[k]) diffs.push(`cohort ${f.cohort} ${k}: fast ${f[k]} exact ${e[k]}`);
      } else if (!close(f[k], e[k], scale)) diffs.push(`cohort ${f.cohort} ${k}: fast ${f[k]} exact ${e[k]}`);
    }
  });
  expect(fast.counts).toEqual(exact.counts);
  fast.distribution.values.forEach((v, i) => {
    if (!close(v, exact.distribution.values[i], 0)) diffs.push(`distribution ${i}: fast ${v} exact ${exact.distribution.values[i]}`);
  });
  for (const k of Object.keys(fast.aggregate) as (keyof FlowResult['aggregate'])[]) {
    if (!close(fast.aggregate[k], exact.aggregate[k], scale)) diffs.push(`aggregate ${k}: fast ${fast.aggregate[k]} exact ${exact.aggregate[k]}`);
  }

  // the referral summary: counts exactly, money to 1e-9
  expect(fast.referral === null).toBe(exact.referral === null);
  if (fast.referral && exact.referral) {
    const { paidByKind: fp, paidOnJoiningOrders: fj, ...fCounts } = fast.referral;
    const { paidByKind: ep, paidOnJoiningOrders: ej, ...eCounts } = exact.referral;
    expect(fCounts).toEqual(eCounts);
    expect(Object.keys(fp)).toEqual(Object.keys(ep));
    for (const k of Object.keys(fp)) if (!close(fp[k], ep[k], scale)) diffs.push(`referral paid ${k}: fast ${fp[k]} exact ${ep[k]}`);
    if (!close(fj, ej, scale)) diffs.push(`referral paid on joining orders: fast ${fj} exact ${ej}`);
  }

  // the legacy summary
  expect(fast.legacy === null).toBe(exact.legacy === null);
  if (fast.legacy && exact.legacy) {
    const f = fast.legacy;
    const e = exact.legacy;
    expect([f.members, f.firstDayHalfWhole, f.firstDayAllWhole, f.shareWholeAtEnd]).toEqual([e.members, e.firstDayHalfWhole, e.firstDayAllWhole, e.shareWholeAtEnd]);
    expect(f.wholeByDay).toEqual(e.wholeByDay);
    for (const k of ['liabilityPerMember', 'coinsIssued', 'lockedPointsEach'] as const) if (!close(f[k], e[k], 0)) diffs.push(`legacy ${k}: fast ${f[k]} exact ${e[k]}`);
    if (!close(f.lockedPointsLeft, e.lockedPointsLeft, Number(e.lockedPointsEach) * e.members)) diffs.push(`legacy lockedPointsLeft: fast ${f.lockedPointsLeft} exact ${e.lockedPointsLeft}`);
    expect(f.releases.map((r) => r.day)).toEqual(e.releases.map((r) => r.day));
    f.releases.forEach((r, i) => {
      const x = e.releases[i]!;
      for (const k of ['releasedEach', 'releasedTotal', 'priceBefore', 'priceAfter', 'dilution'] as const) {
        if (!close(r[k], x[k], 0)) diffs.push(`legacy release ${r.day} ${k}: fast ${r[k]} exact ${x[k]}`);
      }
    });
  }

  // the compliance lens reads the same run
  expect(fast.compliance.flags.map((f) => f.flag)).toEqual(exact.compliance.flags.map((f) => f.flag));
  return diffs;
}

/** Run one scenario on both paths (fast first, then exact) and check each says which it is. */
export function runBoth(input: ScenarioInput): { fast: FlowResult; exact: FlowResult } {
  const s = flowScenario(input);
  const f = simulateFlow(s);
  const e = simulateFlow(s, { exact: true });
  if (!f.ok || !e.ok) throw new Error('must run');
  expect(f.result.engine.mode).toBe('fast');
  expect(e.result.engine.mode).toBe('exact');
  return { fast: f.result, exact: e.result };
}
