/**
 * Two models side by side on the same buyers (RULEBOOK §9.6), and the stop test as the common
 * yardstick: what each cohort recovers of its spend and of its promise once orders stop.
 */
import { describe, expect, it } from 'vitest';
import { compareModels, validateScenario, type FlowScenarioV1 } from '../../../src/engine/index.ts';

const FLOW = { days: 30, orderAmount: 1000, buyers: { perDay: 100 }, cohortDays: 10 };
const SPLIT = { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 };

function scenario(input: unknown): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
}

describe('compareModels', () => {
  const seed = scenario({ rules: { split: SPLIT }, flow: { ...FLOW, sell: { ratePerDay: 0.02 } } });
  const release = scenario({ model: { kind: 'release', ratePerDay: 0.001 }, rules: { split: SPLIT }, flow: FLOW });

  it('sets the same buyers side by side: cohorts of the same users and spend', () => {
    const out = compareModels(seed, release);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const c = out.result;
    expect(c.sameBuyers).toBe(true);
    expect(c.a.view.model).toBe('seed');
    expect(c.b.view.model).toBe('release');
    expect(c.cohorts.length).toBe(3);
    for (const p of c.cohorts) {
      expect(p.usersA).toBe(1000);
      expect(p.usersB).toBe(1000);
      expect(p.spendA).toBe(1_000_000);
      expect(p.spendB).toBe(1_000_000);
    }
    expect(c.stop).toBe(null);
    const other = scenario({ ...release, flow: { ...FLOW, seed: 2, orderAmount: 900 } });
    const out2 = compareModels(seed, other);
    expect(out2.ok && out2.result.sameBuyers).toBe(false);
  });

  it('the stop test: orders stop on day 11; the release runs on and the seed\'s holders all sell', () => {
    const out = compareModels(seed, release, { stopDay: 11, exact: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const { a, b } = out.result.stop!;
    // release, cohort 1 (days 1-10: 1,000 promises of 1,000): released 0.1% of 1,000 = 1 a day per
    // promise made before the day: days 2-10 pay 100 x (d - 1), in all 100 x 45 = 4,500; days 11-30
    // (no orders) pay all 1,000 promises 1 each, 20,000; the fund (160,000 in) never runs short.
    // Recovered 24,500 of 1,000,000 spent and promised: 0.0245 of each.
    expect(b[0]!.cash).toBe('24500');
    expect(b[0]!.ofSpend).toBe('0.0245');
    expect(b[0]!.ofPromise).toBe('0.0245');
    // cohorts 2 and 3 bought nothing: orders stopped on day 11
    expect(b[1]!.users).toBe(0);
    // the seed: the promise is the exit promise, 3 x spend, so the share of it is a third of the share of spend
    const s1 = a[0]!;
    expect(Number(s1.ofPromise)).toBeCloseTo(Number(s1.ofSpend) / 3, 25);
    expect(Number(s1.ofSpend)).toBeGreaterThan(0);
  });

  it('a stop day outside the runs is refused with its name', () => {
    const out = compareModels(seed, release, { stopDay: 31 });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0]!.path).toBe('stopDay');
  });
});

describe('the stop test through simulate\'s what-if (RULEBOOK §9.1)', () => {
  it('a release with orders stopping on day 11 recovers what the release pays on, and says so in its own words', async () => {
    const { simulateFamilyWhatIf } = await import('../../../src/engine/index.ts');
    const s = scenario({ model: { kind: 'release', ratePerDay: 0.001 }, rules: { split: SPLIT }, flow: FLOW });
    const out = simulateFamilyWhatIf(s as never, { kind: 'stop-test', day: 11 }, { exact: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.whatIf.what).toMatch(/orders stop and the model runs on/);
    expect(out.result.stoppedOn).toBe(11);
    // as in compareModels' stop test above: 24,500 of 1,000,000
    expect(out.result.cohorts[0]!.shareOfPromise).toBe('0.0245');
    // the baseline runs on with orders: cohort 1 receives 4,500 by day 10 and 1,000 a day for 20 days more
    expect(out.result.baseline.cohorts[0]!.cashReceived).toBe('24500');
  });
});
