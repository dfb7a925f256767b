/**
 * The model pages' comparisons (RULEBOOK §9.6): each model of the family beside the seed's model on
 * the same buyers, run exactly by the engine at build time with `compareModels`, and the figures
 * the prose quotes from them ({{models.<model>.<name>}}, {{models.seed.<name>}}, {{models.flow.<name>}}).
 *
 * One order flow for every comparison, so that the seed's side is the same run on every page: new
 * buyers at a constant rate, each order of the same amount, the same fund share (the split's pool
 * share) under both models, so that what differs is only how the fund pays out. The seed's holders
 * sell at a small daily rate (its model pays nobody who does not sell). The stop test stops orders
 * on one day and lets each model run on (the seed's holders all sell). Pure, no DOM; cached.
 */
import { compareModels, validateScenario, type FamilyResult, type FlowResult, type FlowScenarioV1, type ModelComparison, type Recovery, type CohortPair } from '../engine/index.ts';
import type { Var } from '../i18n/figure.ts';
import { TRUNCATION } from './office.ts';

export const MODEL_SLUGS = ['back-office', 'release', 'queue', 'rights'] as const;
export type ModelSlug = (typeof MODEL_SLUGS)[number];

/** the order flow every comparison shares: the same buyers under both models */
export const COMPARISON_FLOW = { days: 360, seed: 1, orderAmount: 1000, buyers: { perDay: 20 }, cohortDays: 60 } as const;
/** the fund's share of each order under both models: 16%, as the collapsed platforms of CASES.md took it */
export const COMPARISON_SPLIT = { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } as const;
/** the seed's holders: each sells everything with this probability a day */
export const SEED_SELL_RATE = 0.01;
/** the stop test: orders stop on this day, the rest runs on */
export const COMPARISON_STOP_DAY = 180;

/** each model's own parameters on its page: the rulebook's worked examples' (§9.2-9.5) */
export const MODEL_PARAMS = {
  'back-office': { minPrice: 1, maxPrice: 15, rounding: TRUNCATION },
  release: { kind: 'release', k: 1, ratePerDay: 0.001, of: 'original' },
  queue: { kind: 'queue', k: 1.2, mode: 'fifo' },
  rights: { kind: 'rights', unit: 500, k: 1, capPerDay: 1 },
} as const;

/** The seed's model, and each model of the family as its page runs it. */
export const SEED_SIDE = { rules: { split: COMPARISON_SPLIT }, flow: { ...COMPARISON_FLOW, sell: { ratePerDay: SEED_SELL_RATE } } };
export const MODEL_SIDES: Record<ModelSlug, object> = {
  // the seed's model with the back office's truncation, a floor and a ceiling that settles every holder
  'back-office': { rules: { split: COMPARISON_SPLIT, ...MODEL_PARAMS['back-office'] }, flow: SEED_SIDE.flow },
  release: { model: MODEL_PARAMS.release, rules: { split: COMPARISON_SPLIT }, flow: COMPARISON_FLOW },
  queue: { model: MODEL_PARAMS.queue, rules: { split: COMPARISON_SPLIT }, flow: COMPARISON_FLOW },
  rights: { model: MODEL_PARAMS.rights, rules: { split: COMPARISON_SPLIT }, flow: COMPARISON_FLOW },
};

function scenario(name: string, input: object): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`the comparison "${name}" does not validate: ${v.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return v.scenario as FlowScenarioV1;
}

const cache = new Map<ModelSlug, ModelComparison>();

/** The seed's model (side a) against the model of the page (side b), on the same buyers, exact, with the stop test. */
export function modelComparison(slug: ModelSlug): ModelComparison {
  let c = cache.get(slug);
  if (!c) {
    const out = compareModels(scenario('seed', SEED_SIDE), scenario(slug, MODEL_SIDES[slug]), { exact: true, stopDay: COMPARISON_STOP_DAY });
    if (!out.ok) throw new Error(`the comparison "${slug}" does not run: ${out.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    if (!out.result.sameBuyers) throw new Error(`the comparison "${slug}" does not draw the same buyers`);
    c = out.result;
    cache.set(slug, c);
  }
  return c;
}

/** the stop test's cohorts that bought anything before orders stopped */
export function stoppedCohorts(rows: Recovery[]): Recovery[] {
  return rows.filter((r) => r.users > 0);
}

const v = (value: string | number | null, kind: Var['kind']): Var => {
  if (value === null) throw new Error('a model comparison figure is missing (null)');
  return { value: String(value), kind };
};
const first = <T,>(xs: T[]): T => xs[0]!;
const last = <T,>(xs: T[]): T => xs[xs.length - 1]!;

/** one side's figures: the full run's first and last cohorts, and the stop test's */
function sideFigures(prefix: string, cohorts: CohortPair[], side: 'A' | 'B', stop: Recovery[]): Record<string, Var> {
  const stopped = stoppedCohorts(stop);
  return {
    [`${prefix}.firstCohortMultiple`]: v(first(cohorts)[`multiple${side}`], 'factor'),
    [`${prefix}.lastCohortMultiple`]: v(last(cohorts)[`multiple${side}`], 'factor'),
    [`${prefix}.firstCohortShare`]: v(first(cohorts)[`multiple${side}`], 'share1'),
    [`${prefix}.lastCohortShare`]: v(last(cohorts)[`multiple${side}`], 'share1'),
    [`${prefix}.stopFirstOfSpend`]: v(first(stopped).ofSpend, 'share1'),
    [`${prefix}.stopLastOfSpend`]: v(last(stopped).ofSpend, 'share1'),
    [`${prefix}.stopFirstOfPromise`]: v(first(stopped).ofPromise, 'share1'),
    [`${prefix}.stopLastOfPromise`]: v(last(stopped).ofPromise, 'share1'),
  };
}

let figures: Record<string, Var> | undefined;

/** name -> figure, for {{name}} placeholders in the prose */
export function modelsFigures(): Record<string, Var> {
  if (figures) return figures;
  const out: Record<string, Var> = {
    'models.flow.perDay': v(COMPARISON_FLOW.buyers.perDay, 'count'),
    'models.flow.days': v(COMPARISON_FLOW.days, 'count'),
    'models.flow.amount': v(COMPARISON_FLOW.orderAmount, 'money'),
    'models.flow.cohortDays': v(COMPARISON_FLOW.cohortDays, 'count'),
    'models.flow.fundShare': v(COMPARISON_SPLIT.pool, 'share1'),
    'models.flow.stopDay': v(COMPARISON_STOP_DAY, 'count'),
    'models.flow.sellRate': v(SEED_SELL_RATE, 'share1'),
    'models.back-office.minPrice': v(MODEL_PARAMS['back-office'].minPrice, 'factor'),
    'models.back-office.maxPrice': v(MODEL_PARAMS['back-office'].maxPrice, 'factor'),
    'models.release.k': v(MODEL_PARAMS.release.k, 'factor'),
    'models.release.rate': v(MODEL_PARAMS.release.ratePerDay, 'share'),
    'models.queue.k': v(MODEL_PARAMS.queue.k, 'factor'),
    'models.rights.unit': v(MODEL_PARAMS.rights.unit, 'money'),
    'models.rights.k': v(MODEL_PARAMS.rights.k, 'factor'),
    'models.rights.cap': v(MODEL_PARAMS.rights.capPerDay, 'money'),
  };
  for (const slug of MODEL_SLUGS) {
    const c = modelComparison(slug);
    const p = `models.${slug}`;
    Object.assign(out, sideFigures(p, c.cohorts, 'B', c.stop!.b));
    if (slug === MODEL_SLUGS[0]) Object.assign(out, sideFigures('models.seed', c.cohorts, 'A', c.stop!.a), { 'models.seed.coverageEnd': v(c.a.view.final.coverage, 'share1') });
    if (c.b.view.firstDefaultDay !== null) out[`${p}.firstDefaultDay`] = v(c.b.view.firstDefaultDay, 'count');
    if (c.b.view.model !== 'seed') {
      const r = c.b.result as FamilyResult;
      out[`${p}.waitingAtEnd`] = v(r.failure.waitingAtEnd, 'count');
      out[`${p}.promisesAtEnd`] = v(r.counts.promises, 'count');
      out[`${p}.outstandingAtEnd`] = v(r.failure.outstandingAtEnd, 'compact');
      out[`${p}.coverageEnd`] = v(r.final.coverage, 'share1');
      if (slug === 'queue') {
        // how long entries wait to be paid in full (FamilyCohortRow.waits): the first cohort's, and those never paid
        const cs = r.cohorts.filter((x) => x.users > 0);
        out[`${p}.firstWaitMedian`] = v(first(cs).waits.medianDays, 'count');
        out[`${p}.firstWaitP90`] = v(first(cs).waits.p90Days, 'count');
        out[`${p}.cohorts`] = v(cs.length, 'count');
        out[`${p}.cohortsNoneDone`] = v(cs.filter((x) => x.waits.completed === 0).length, 'count');
        out[`${p}.oldestWait`] = v(Math.max(...cs.map((x) => x.waits.oldestWaitDays ?? 0)), 'count');
      }
    } else {
      const settlements = (c.b.result as FlowResult).backOffice?.settlements ?? [];
      out[`${p}.settlements`] = v(settlements.length, 'count');
      if (settlements.length > 0) out[`${p}.firstSettlementDay`] = v(first(settlements).day, 'count');
    }
  }
  figures = out;
  return out;
}
