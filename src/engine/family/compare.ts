/**
 * Two models side by side (RULEBOOK §9.6): any two time-driven scenarios, of the seed's model or of
 * the family, run as they are and read through the common lens (common.ts), with their cohorts
 * matched by entry period. On one order flow and seed the cohorts are the same buyers, so what
 * differs is only how each model pays them. With a stop day, each side is also run with orders
 * stopping that day (the stop test: the seed's holders all sell; the family's models run on and pay
 * what they can), and each cohort's recovery is reported as a share of its spend and of its promise.
 */
import { exact } from '../arith.ts';
import type { Fig } from '../number-format.ts';
import type { FlowResult, Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { simulateFlow } from '../flow/simulate.ts';
import { commonOfFamily, commonOfSeed, type CommonView } from './common.ts';
import type { FamilyResult } from './result.ts';
import { isFamily } from './run.ts';
import { simulateFamily, type FamilyRunOptions } from './simulate.ts';

export interface ModelSide {
  view: CommonView;
  result: FlowResult | FamilyResult;
}

/** A cohort under both models: the same buyers when the flows are the same. */
export interface CohortPair {
  cohort: number;
  fromDay: number;
  toDay: number;
  usersA: number;
  usersB: number;
  spendA: Fig;
  spendB: Fig;
  cashA: Fig;
  cashB: Fig;
  multipleA: Fig | null;
  multipleB: Fig | null;
  brokeEvenA: Fig;
  brokeEvenB: Fig;
}

/** What a cohort recovers after the stop test: cash received as a share of its spend and of its promise. */
export interface Recovery {
  cohort: number;
  fromDay: number;
  toDay: number;
  users: number;
  spend: Fig;
  cash: Fig;
  /** cash / spend */
  ofSpend: Fig | null;
  /** cash / promised: the seed's promise is its exit promise (m x spend), or the spend itself when exits are off */
  ofPromise: Fig | null;
}

export interface ModelComparison {
  a: ModelSide;
  b: ModelSide;
  /** the two flows draw the same buyers (days, seed, amounts, buyers, repeats and cohorts alike) */
  sameBuyers: boolean;
  cohorts: CohortPair[];
  /** with a stop day: each side's cohorts after orders stop on that day */
  stop: { day: number; a: Recovery[]; b: Recovery[] } | null;
}

type Outcome<R> = { ok: true; result: R } | { ok: false; problems: Problem[] };

/**
 * run one scenario of any model; `follow` follows a buyer of a model of the family (FamilyResult.follow) and is not asked of the seed's;
 * `roundingOnFloats`: the seed's platform rounding on the rounded float book (flow/run.ts bookFor)
 */
export function runAnyModel(s: FlowScenarioV1, opts: FamilyRunOptions & { roundingOnFloats?: boolean } = {}): Outcome<ModelSide> {
  if (isFamily(s)) {
    const out = simulateFamily(s, opts);
    return out.ok ? { ok: true, result: { view: commonOfFamily(out.result), result: out.result } } : out;
  }
  const out = simulateFlow(s, { exact: opts.exact, roundingOnFloats: opts.roundingOnFloats });
  return out.ok ? { ok: true, result: { view: commonOfSeed(out.result), result: out.result } } : out;
}

const FLOW_KEYS = ['days', 'seed', 'orderAmount', 'buyers', 'repeat', 'cohortDays'] as const;
/** do two scenarios draw the same buyers? (RULEBOOK §9: the order flow never depends on the model) */
export function drawSameBuyers(a: FlowScenarioV1, b: FlowScenarioV1): boolean {
  return FLOW_KEYS.every((k) => JSON.stringify(a.flow[k] ?? null) === JSON.stringify(b.flow[k] ?? null));
}

const div = (a: Fig, b: Fig): Fig | null => {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? null : a / b;
  const d = exact.of(b);
  return d.isZero() ? null : exact.str(exact.div(exact.of(a), d));
};
const times = (m: number, x: Fig): Fig => (typeof x === 'number' ? m * x : exact.str(exact.mul(exact.of(m), exact.of(x))));

function recoveries(side: ModelSide): Recovery[] {
  const r = side.result;
  const promised: Fig[] =
    side.view.model !== 'seed'
      ? (r as FamilyResult).cohorts.map((c) => c.promised)
      : (() => {
          const m = (r as FlowResult).exitMultiples.at(-1)!.multiple;
          return side.view.cohorts.map((c) => (m === null ? c.spend : times(m, c.spend)));
        })();
  return side.view.cohorts.map((c, i) => ({
    cohort: c.cohort,
    fromDay: c.fromDay,
    toDay: c.toDay,
    users: c.users,
    spend: c.spend,
    cash: c.cashReceived,
    ofSpend: div(c.cashReceived, c.spend),
    ofPromise: div(c.cashReceived, promised[i]!),
  }));
}

/**
 * Run two scenarios and set them side by side; with `stopDay`, each also with orders stopping that
 * day; with `followB`, B's buyer of that entry day is followed when B is a model of the family;
 * `roundingOnFloats` runs the seed's platform rounding on floats.
 */
export function compareModels(a: FlowScenarioV1, b: FlowScenarioV1, opts: { exact?: boolean; stopDay?: number; followB?: number | null; roundingOnFloats?: boolean } = {}): Outcome<ModelComparison> {
  const at = (side: 'a' | 'b') => (p: Problem): Problem => ({ ...p, path: `comparison.${side}${p.path ? `.${p.path}` : ''}` });
  const run = { exact: opts.exact, roundingOnFloats: opts.roundingOnFloats };
  const ra = runAnyModel(a, run);
  if (!ra.ok) return { ok: false, problems: ra.problems.map(at('a')) };
  const rb = runAnyModel(b, { ...run, follow: isFamily(b) ? (opts.followB ?? null) : null });
  if (!rb.ok) return { ok: false, problems: rb.problems.map(at('b')) };
  const ca = ra.result.view.cohorts;
  const cb = rb.result.view.cohorts;
  const byCohort = new Map(cb.map((c) => [c.cohort, c]));
  const cohorts: CohortPair[] = ca.flatMap((x) => {
    const y = byCohort.get(x.cohort);
    return y
      ? [{ cohort: x.cohort, fromDay: x.fromDay, toDay: x.toDay, usersA: x.users, usersB: y.users, spendA: x.spend, spendB: y.spend, cashA: x.cashReceived, cashB: y.cashReceived, multipleA: x.returnMultiple, multipleB: y.returnMultiple, brokeEvenA: x.shareBrokeEven, brokeEvenB: y.shareBrokeEven }]
      : [];
  });
  let stop: ModelComparison['stop'] = null;
  const d = opts.stopDay;
  if (d !== undefined) {
    const days = Math.min(a.flow.days, b.flow.days);
    if (!Number.isInteger(d) || d < 1 || d > days) return { ok: false, problems: [{ path: 'stopDay', message: `must be a whole day within the ${days} days both sides run; got ${d}` }] };
    const stopped = (s: FlowScenarioV1): FlowScenarioV1 => ({ ...s, events: [...(s.events ?? []), { day: d, stopTest: true }] });
    const sa = runAnyModel(stopped(a), run);
    if (!sa.ok) return { ok: false, problems: sa.problems.map(at('a')) };
    const sb = runAnyModel(stopped(b), run);
    if (!sb.ok) return { ok: false, problems: sb.problems.map(at('b')) };
    stop = { day: d, a: recoveries(sa.result), b: recoveries(sb.result) };
  }
  return { ok: true, result: { a: ra.result, b: rb.result, sameBuyers: drawSameBuyers(a, b), cohorts, stop } };
}
