/**
 * Monte Carlo: the bands summarise the single runs they come from, by the stated percentile rule
 * (lower nearest rank), exactly; cohort exit probabilities are the means and shares they say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandsOf, checkSeeds, combineRuns, LEVELS, rankOf, SERIES, seriesBands, withSeed, type MonteCarloResult } from '../../src/engine/batch/summary.ts';
import { monteCarlo } from '../../src/engine/batch/run.ts';
import { parseOutcome, type Outcome } from '../../src/engine/batch/outcomes.ts';
import type { FlowResult } from '../../src/engine/result.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { InlineRunner } from '../../src/engine/batch/tasks.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';

const scenario = (input: unknown): FlowScenarioV1 => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
};

// random enough to spread the runs: lognormal amounts, selling, repeat orders, exits at 1.5x
const S = scenario({
  rules: { exitMultiple: 1.5 },
  flow: {
    days: 50,
    seed: 11,
    orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.8 },
    buyers: { perDay: 4, growth: { kind: 'exponential', ratePerDay: 0.06 } },
    repeat: { probabilityPerDay: 0.01 },
    sell: { ratePerDay: 0.08, portion: 1 },
    cohortDays: 10,
  },
  events: [{ day: 45, stopTest: true }],
});

/** the single runs, by hand */
function singles(s: FlowScenarioV1, n: number): FlowResult[] {
  return Array.from({ length: n }, (_, i) => {
    const out = simulateFlow(withSeed(s, s.flow.seed + i));
    if (!out.ok) throw new Error('run failed');
    return out.result;
  });
}

/** a day's figure of a single run, null where the document has null */
function figure(r: FlowResult, series: (typeof SERIES)[number], d: number): number | null {
  const day = r.days[d]!;
  const sol = r.solvency[d]!;
  const v = series === 'coverageBreakEven' || series === 'coverageExitPromise' || series === 'needBreakEven' ? sol[series] : day[series];
  return v === null ? null : Number(v);
}

/** sorted increasing with null last, as the definition says */
const sortNullLast = (xs: (number | null)[]) => [...xs].sort((a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b));

async function run(n: number, s = S): Promise<MonteCarloResult> {
  const out = await monteCarlo(s, n, new InlineRunner());
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

describe('percentile rule', () => {
  it('lower nearest rank: rank floor(q (n - 1) / 100), in integers', () => {
    expect([0, 5, 25, 50, 75, 95, 100].map((q) => rankOf(q, 100))).toEqual([0, 4, 24, 49, 74, 94, 99]);
    expect([0, 5, 25, 50, 75, 95, 100].map((q) => rankOf(q, 10))).toEqual([0, 0, 2, 4, 6, 8, 9]);
    expect([0, 50, 100].map((q) => rankOf(q, 1))).toEqual([0, 0, 0]);
    // no float slip: 0.57 x 100 is 56.99999999999999 in floats
    expect(rankOf(57, 101)).toBe(57);
  });

  it('bands are values of the list at those ranks, monotone, p0 the minimum and p100 the maximum (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.constant(null)), { minLength: 1, maxLength: 60 }), (xs) => {
        const b = bandsOf(Float64Array.from(xs, (x) => (x === null ? NaN : x)));
        const sorted = sortNullLast(xs);
        // the same stable sort order (-0 and 0 compare equal and keep their places)
        for (const q of LEVELS) expect(b[`p${q}`]).toBe(sorted[rankOf(q, xs.length)]);
        const nums = LEVELS.map((q) => b[`p${q}`]);
        for (let i = 1; i < nums.length; i++) {
          if (nums[i] === null) continue;
          expect(nums[i - 1]).not.toBeNull();
          expect(nums[i - 1]!).toBeLessThanOrEqual(nums[i]!);
        }
        const defined = xs.filter((x): x is number => x !== null);
        if (defined.length === xs.length) {
          expect(b.p0 === Math.min(...defined)).toBe(true);
          expect(b.p100 === Math.max(...defined)).toBe(true);
        }
      }),
    );
  });
});

describe('percentile rule: -0 and 0', () => {
  // bandsOf and seriesBands sort with the typed array's own sort unless a -0 is present, which that
  // sort would put before every 0; the rule compares them equal and keeps their order (stable)
  it('-0 and 0 keep their places among the runs, in bandsOf and in seriesBands', () => {
    // [0, -0, 1]: sorted with 0 and -0 equal and in place, [0, -0, 1]; ranks of n = 3: p0 -> 0,
    // p50 -> floor(50 x 2 / 100) = 1, p100 -> 2; so p0 is the 0 (not -0), p50 the -0, p100 1
    const b = bandsOf(Float64Array.from([0, -0, 1]));
    expect(Object.is(b.p0, 0)).toBe(true);
    expect(Object.is(b.p50, -0)).toBe(true);
    expect(b.p100).toBe(1);
    // [-0, 0]: p0 the -0 (first), p100 (rank 1) the 0
    const c = bandsOf(Float64Array.from([-0, 0]));
    expect(Object.is(c.p0, -0) && Object.is(c.p100, 0)).toBe(true);
    // the same per day across runs: run 1 has 0 on day 1 and -0 on day 2, run 2 the other way round
    const runs = [{ series: { x: Float64Array.from([0, -0]) } }, { series: { x: Float64Array.from([-0, 0]) } }];
    const s = seriesBands(['x'], runs, 2).x;
    expect([Object.is(s.p0[0], 0), Object.is(s.p100[0], -0), Object.is(s.p0[1], -0), Object.is(s.p100[1], 0)]).toEqual([true, true, true, true]);
  });
});

describe('Monte Carlo bands contain the runs they summarise', () => {
  for (const n of [9, 10]) {
    it(`${n} seeds: every day of every series, min <= p5 <= ... <= p95 <= max, and each band is the run value at its rank`, async () => {
      const mc = await run(n);
      const runs = singles(S, n);
      expect(mc.seeds).toEqual({ from: 11, count: n });
      expect(mc.days).toBe(50);
      let spread = 0;
      for (const k of SERIES) {
        for (let d = 0; d < 50; d++) {
          const vals = runs.map((r) => figure(r, k, d));
          const sorted = sortNullLast(vals);
          const band = (q: number) => mc.bands[k][`p${q}` as `p${(typeof LEVELS)[number]}`][d];
          for (const q of LEVELS) expect(band(q), `${k} day ${d + 1} p${q}`).toBe(sorted[rankOf(q, n)]);
          // the lower median by hand
          expect(band(50)).toBe(sorted[Math.floor((n - 1) / 2)]);
          const defined = vals.filter((v): v is number => v !== null);
          if (defined.length === n) {
            const chain = [Math.min(...defined), ...LEVELS.map((q) => band(q)!), Math.max(...defined)];
            for (let i = 1; i < chain.length; i++) expect(chain[i - 1]!).toBeLessThanOrEqual(chain[i]!);
            expect(band(0)).toBe(Math.min(...defined));
            expect(band(100)).toBe(Math.max(...defined));
            // 0/100 contain every run
            for (const v of defined) expect(band(0)! <= v && v <= band(100)!).toBe(true);
            if (band(95)! > band(5)!) spread++;
          }
        }
      }
      // the seeds do spread the runs
      expect(spread).toBeGreaterThan(200);
    });
  }

  it('cohorts: the probability of reaching the exit multiple is the mean of the runs\' shares; anyInRun the share of runs with a hit', async () => {
    const n = 8;
    const mc = await run(n);
    const runs = singles(S, n);
    expect(mc.cohorts.map((c) => [c.cohort, c.fromDay, c.toDay])).toEqual(runs[0]!.cohorts.map((c) => [c.cohort, c.fromDay, c.toDay]));
    let hits = 0;
    mc.cohorts.forEach((c, k) => {
      const rows = runs.map((r) => r.cohorts[k]!).filter((row) => row.users > 0);
      expect(c.runs).toBe(rows.length);
      const shares = rows.map((row) => Number(row.shareHitExitMultiple));
      expect(c.hitExitMultiple.probability).toBe(shares.reduce((a, b) => a + b, 0) / shares.length);
      expect(c.hitExitMultiple.anyInRun).toBe(shares.filter((x) => x > 0).length / shares.length);
      expect(c.hitExitMultiple.bands.p50).toBe(sortNullLast(shares)[rankOf(50, shares.length)]);
      const be = rows.map((row) => Number(row.shareBrokeEvenRealised));
      expect(c.brokeEvenRealised.mean).toBe(be.reduce((a, b) => a + b, 0) / be.length);
      const ret = rows.map((row) => (row.returnMultiple === null ? null : Number(row.returnMultiple)));
      for (const q of LEVELS) expect(c.returnMultiple.bands[`p${q}`]).toBe(sortNullLast(ret)[rankOf(q, ret.length)]);
      expect(c.users).toBe(rows.reduce((a, row) => a + row.users, 0) / n);
      if (c.hitExitMultiple.probability! > 0) hits++;
    });
    expect(hits).toBeGreaterThan(1);
  });

  it('run-level outcomes: mean over the runs and bands, as single runs give them', async () => {
    const outcomes = ['finalPrice', 'forcedExits', 'paidShareOfSpend'].map((l) => parseOutcome(l) as Outcome);
    const out = await monteCarlo(S, 6, new InlineRunner(), { outcomes });
    if (!out.ok) throw new Error('failed');
    const runs = singles(S, 6);
    const price = runs.map((r) => Number(r.final.price));
    expect(Object.keys(out.result.outcomes)).toEqual(['finalPrice', 'forcedExits', 'paidShareOfSpend']);
    expect(out.result.outcomes['finalPrice']!.mean).toBe(price.reduce((a, b) => a + b, 0) / 6);
    expect(out.result.outcomes['forcedExits']!.bands.p100).toBe(Math.max(...runs.map((r) => r.counts.forcedExits)));
    expect(out.result.outcomes['paidShareOfSpend']!.bands.p0).toBe(Math.min(...runs.map((r) => Number(r.aggregate.paidShareOfSpend))));
  });

  it('one seed: every band is that run', async () => {
    const mc = await run(1);
    const [r] = singles(S, 1);
    for (const q of LEVELS) expect(mc.bands.price[`p${q}`]).toEqual(r!.days.map((d) => Number(d.price)));
  });

  it('is deterministic, and combineRuns is the same inline and from the parts', async () => {
    const a = await run(5);
    const b = await run(5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.engine).toMatchObject({ name: 'points-pool-explorer', mode: 'fast' });
    expect(combineRuns(S, []).cohorts[0]!.hitExitMultiple).toEqual({ probability: null, anyInRun: null, bands: { p0: null, p5: null, p25: null, p50: null, p75: null, p95: null, p100: null } });
  });

  it('onRunsDone is called once, after the last run is in and before the runs are combined (the command stops its threads there); the document is the same', async () => {
    const log: string[] = [];
    // a runner that logs each map's end; the hook logs itself; combining reads the pool no more
    const inline = new InlineRunner();
    const runner = { size: 1, map: async (...a: Parameters<InlineRunner['map']>) => {
      const out = await inline.map(...a);
      log.push(`map ${a[0]} ${a[1].length}`);
      return out;
    }, close: async () => {} } as unknown as InlineRunner;
    const withHook = await monteCarlo(S, 3, runner, { onRunsDone: () => log.push('runs done') });
    expect(log).toEqual(['map summary 3', 'runs done']);
    expect(JSON.stringify(withHook)).toBe(JSON.stringify(await monteCarlo(S, 3, new InlineRunner())));
  });

  it('seeds must stay within the generator\'s range', async () => {
    expect(checkSeeds(1, 0)).toEqual([{ path: '--seeds', message: 'must be a whole number from 1 to 100000; got 0' }]);
    expect(checkSeeds(4_294_967_290, 10)).toEqual([
      { path: '--seeds', message: 'seeds 4294967290 to 4294967299 pass the largest seed, 4294967295; use fewer seeds or a smaller flow.seed' },
    ]);
    const out = await monteCarlo(withSeed(S, 4_294_967_295), 2, new InlineRunner());
    expect(out.ok).toBe(false);
  });
});
