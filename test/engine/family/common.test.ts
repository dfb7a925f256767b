/**
 * One lens on every model (RULEBOOK §9.1): the seed's result read as fund (the pool) against the
 * outstanding promise (the exit promise, or the need to break even with exits off), and the
 * family's as they are; on one order flow and seed the cohorts are the same buyers with the same
 * spend under every model ("the same buyers").
 */
import { describe, expect, it } from 'vitest';
import { commonOfFamily, commonOfSeed, runFamilyScenario, runFlowScenario } from '../../../src/engine/index.ts';

const FLOW = { days: 60, seed: 7, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.7 }, buyers: { perDay: 20, growth: { kind: 'exponential', ratePerDay: 0.02 } }, repeat: { probabilityPerDay: 0.03 }, cohortDays: 10 };
const SPLIT = { cost: 0.6, distribution: 0, platform: 0.1, pool: 0.3 };

function seedRun(over: Record<string, unknown> = {}) {
  const out = runFlowScenario({ rules: { split: SPLIT }, flow: { ...FLOW, sell: { ratePerDay: 0.05 } }, ...over });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

describe('the common lens', () => {
  it("reads the seed's pool as the fund and its exit promise (or need to break even) as the outstanding promise", () => {
    const r = seedRun();
    const c = commonOfSeed(r);
    expect(c.model).toBe('seed');
    expect(c.days.length).toBe(60);
    c.days.forEach((d, i) => {
      expect(d.fund).toBe(r.days[i]!.pool);
      expect(d.outstanding).toBe(r.solvency[i]!.needExitPromise);
      expect(d.coverage).toBe(r.solvency[i]!.coverageExitPromise);
      expect(d.paid).toBe(r.days[i]!.paid);
      expect(d.defaults).toBe(0);
    });
    r.cohorts.forEach((k, i) => {
      const m = c.cohorts[i]!;
      expect(m.cashReceived).toBe(k.cashFromPoints);
      // the realised multiple: cash from points over spend (not the seed's own multiple, which adds what holdings would fetch)
      expect(m.returnMultiple).toBeCloseTo((k.cashFromPoints as number) / (k.spend as number), 12);
      expect(m.shareBrokeEven).toBe(k.shareBrokeEvenRealised);
    });
    expect(c.firstDefaultDay).toBe(null);
    const off = commonOfSeed(seedRun({ rules: { split: SPLIT, exitMultiple: null } }));
    expect(off.days[59]!.outstanding).toBe(seedRun({ rules: { split: SPLIT, exitMultiple: null } }).solvency[59]!.needBreakEven);
  });

  it('the same buyers under every model: each cohort has the same users and spend', () => {
    const seed = commonOfSeed(seedRun());
    for (const model of [{ kind: 'release', ratePerDay: 0.002 }, { kind: 'queue', mode: 'even' }, { kind: 'rights', unit: 500, capPerDay: 2 }]) {
      const out = runFamilyScenario({ model, rules: { split: SPLIT }, flow: FLOW });
      expect(out.ok, JSON.stringify(!out.ok && out.problems)).toBe(true);
      if (!out.ok) continue;
      const c = commonOfFamily(out.result);
      expect(c.model).toBe(model.kind);
      expect(c.cohorts.map((k) => [k.users, k.spend])).toEqual(seed.cohorts.map((k) => [k.users, k.spend]));
      expect(c.days.map((d) => d.spend)).toEqual(seed.days.map((d) => d.spend));
    }
  });

  it("a family model's failure comes through: the release's first default (RULEBOOK §9.3: day 322)", async () => {
    const { readFileSync } = await import('node:fs');
    const out = runFamilyScenario(JSON.parse(readFileSync('examples/family-release.json', 'utf8')));
    expect(out.ok).toBe(true);
    if (out.ok) expect(commonOfFamily(out.result).firstDefaultDay).toBe(322);
  });

  it("the seed's model defaults only where a price floor leaves a sale unpaid (RULEBOOK §9.2)", () => {
    // a floor far above pool / points once the operator takes 99% of the pool (the price starts at the floor and rises from it), and then every holder sells: sales at the floor cannot be paid in full
    const r = seedRun({ rules: { split: SPLIT, minPrice: 2000 }, events: [{ day: 20, withdraw: { share: 0.99 } }, { day: 20, run: { share: 1 } }] });
    const c = commonOfSeed(r);
    const unpaid = r.backOffice!.days.find((d) => (d.unpaidSales as number) > 0);
    expect(unpaid).toBeDefined();
    expect(c.firstDefaultDay).toBe(unpaid!.day);
  });
});
