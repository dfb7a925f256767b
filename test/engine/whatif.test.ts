/**
 * A what-if beside its baseline, and two scenarios side by side (src/engine/whatif.ts,
 * src/engine/keyfigures.ts): the baseline is the same scenario run without the what-if; a
 * comparison's differences are those of two separate runs; a small skim worked by hand; every
 * problem names its field.
 */
import { describe, expect, it } from 'vitest';
import { keyFigureDifference, keyFigures, compareCohorts } from '../../src/engine/keyfigures.ts';
import { validateScenario, type FlowScenarioV1, type ScenarioInput } from '../../src/engine/scenario/index.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { parseScenarioOrComparison, runComparison, simulateWhatIf, validateComparison, withoutWhatIf } from '../../src/engine/whatif.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';

function scenario(input: unknown): FlowScenarioV1 {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return v.scenario as FlowScenarioV1;
}
function run(s: FlowScenarioV1) {
  const out = simulateFlow(s);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

/** one buyer of 1000 on day 1 and one on day 2, then none; one-day cohorts */
const TWO: ScenarioInput = { flow: { days: 3, buyers: { perDay: 1, growth: { kind: 'series', values: [1, 1, 0] } }, cohortDays: 1 } };

describe('a what-if beside its baseline', () => {
  it('a 50% skim on day 3, worked by hand', () => {
    // Seed rules: 30% of each order enters the pool, g = 0.7, w = 0.2, p0 = 1. Day 1: pool 300,
    // buyer 1 gets 0.7 x 300 / 1 = 210 points at price 1 (RULEBOOK §5), then the price is 300/210.
    // Day 2: buyer 2 gets 0.7 x 300 / (300/210) = 147 points; pool 600, 357 points.
    // Baseline at the end: price 600/357; buyer 1's realisable value 0.8 x 210 x 600/357 = 282.35...
    // so a return multiple of 100800/357000 = 0.28235...; buyer 2: 0.8 x 147 x 600/357 / 1000 = 0.19764...
    // With half the pool skimmed on day 3: pool 300, price 300/357, every multiple halved.
    const s = scenario({ ...TWO, whatIf: { kind: 'skim', day: 3, value: 0.5 } });
    const out = simulateWhatIf(s);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const r = out.result;
    const [c1, c2] = r.difference.cohorts;
    expect(r.difference.cohorts).toHaveLength(2);
    expect(c1!.a.returnMultiple).toBeCloseTo(100800 / 357000, 12);
    expect(c1!.b.returnMultiple).toBeCloseTo(50400 / 357000, 12);
    expect(c1!.change.returnMultiple).toBeCloseTo(-50400 / 357000, 12);
    expect(c2!.a.returnMultiple).toBeCloseTo((0.8 * 147 * 600) / 357 / 1000, 12);
    expect(c2!.b.returnMultiple).toBeCloseTo((0.8 * 147 * 300) / 357 / 1000, 12);
    expect(r.baseline.keyFigures.pool).toBeCloseTo(600, 9);
    expect(r.keyFigures.pool).toBeCloseTo(300, 9);
    expect(r.difference.keyFigures.pool).toBeCloseTo(-300, 9);
    expect(r.difference.keyFigures.withdrawals).toBeCloseTo(300, 9);
    expect(r.difference.keyFigures.finalPrice).toBeCloseTo(-300 / 357, 12);
    expect(r.difference.keyFigures.users).toBe(0);
    expect(r.whatIf).toMatchObject({ kind: 'skim', day: 3, value: 0.5, event: { day: 3, withdraw: { share: 0.5 } } });
  });

  it("the what-if's baseline is a separate run of the scenario without it", () => {
    const s = scenario({ ...buildScenario({ ...DEFAULTS, days: 120, perDay: 20 }).scenario, whatIf: { kind: 'run', day: 60 } });
    const out = simulateWhatIf(s);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const alone = run(withoutWhatIf(s));
    expect(out.baseline).toEqual(alone);
    expect(out.result.baseline.keyFigures).toEqual(keyFigures(alone));
    expect(out.result.baseline.cohorts).toEqual(alone.cohorts);
    // and the what-if run is a separate run with the event added to the scenario's events
    const withEvent = run(scenario({ ...withoutWhatIf(s), events: [...(s.events ?? []), { day: 60, run: { share: 0.5 } }] }));
    expect(out.result.days).toEqual(withEvent.days);
    expect(out.result.difference.keyFigures).toEqual(keyFigureDifference(keyFigures(alone), keyFigures(withEvent)));
  });

  it('names the field of a bad what-if', () => {
    const v = validateScenario({ ...TWO, whatIf: { kind: 'skim', day: 4 } });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems).toContainEqual({ path: 'whatIf.day', message: 'must be within the 3 days simulated; got 4' });
    const k = validateScenario({ ...TWO, whatIf: { kind: 'melt', day: 1 } });
    expect(k.ok || k.problems.map((p) => p.path)).toEqual(['whatIf.kind']);
    const value = validateScenario({ ...TWO, whatIf: { kind: 'skim', day: 2, value: 1.5 } });
    expect(value.ok || value.problems).toEqual([{ path: 'whatIf.value', message: 'skim takes a value in (0, 1); got 1.5' }]);
    const none = validateScenario({ ...TWO, whatIf: { kind: 'stop-orders', day: 2, value: 0.5 } });
    expect(none.ok || none.problems).toEqual([{ path: 'whatIf.value', message: 'stop-orders takes no value; got 0.5' }]);
    // a what-if given apart from the scenario (simulate --stress) is checked when it runs
    const out = simulateWhatIf(scenario(TWO), { kind: 'skim', day: 2, value: 1.5 });
    expect(out.ok || out.problems).toEqual([{ path: 'whatIf.value', message: 'skim takes a value in (0, 1); got 1.5' }]);
    const script = validateScenario({ script: [{ order: { amount: 1 } }], whatIf: { kind: 'skim', day: 1 } });
    expect(script.ok || script.problems).toContainEqual({ path: 'whatIf', message: 'a what-if belongs to the time-driven form; give a flow' });
  });
});

describe('two scenarios side by side', () => {
  // A = the explorer's default scenario (the seed's rules), shortened; B = the same with forced exits at 2x
  const a = buildScenario({ ...DEFAULTS, days: 150, perDay: 30 }).scenario;
  const b = { ...a, rules: { ...(a['rules'] as object), exitMultiple: 2 } };

  it("A = seed defaults, B = exit 2x: the differences are those of two separate runs", () => {
    const v = validateComparison({ version: 1, comparison: { a, b } });
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const out = runComparison(v.comparison);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const ra = run(scenario(a));
    const rb = run(scenario(b));
    expect(out.result.a).toEqual(ra);
    expect(out.result.b).toEqual(rb);
    const ka = keyFigures(ra);
    const kb = keyFigures(rb);
    // each difference is B's figure minus A's
    expect(out.result.difference.keyFigures.forcedExits).toBe(kb.forcedExits - ka.forcedExits);
    expect(out.result.difference.keyFigures.finalPrice).toBe(kb.finalPrice! - ka.finalPrice!);
    expect(out.result.difference.keyFigures.paidShareOfSpend).toBe(kb.paidShareOfSpend! - ka.paidShareOfSpend!);
    expect(out.result.difference.keyFigures).toEqual(keyFigureDifference(ka, kb));
    expect(out.result.difference.cohorts).toEqual(compareCohorts(ra.cohorts, rb.cohorts));
    // exits at 2x come sooner than at 3x: more of them
    expect(kb.forcedExits).toBeGreaterThan(ka.forcedExits);
    // cohorts are matched by entry period
    expect(out.result.difference.cohorts[0]).toMatchObject({ fromDay: 1, toDay: 7 });
    expect(out.result.difference.days).toHaveLength(150);
    expect(out.result.difference.days![149]!.b.price).toBe(Number(rb.days[149]!.price));
  });

  it('a side with its own what-if runs it beside its baseline', () => {
    const v = parseScenarioOrComparison(JSON.stringify({ comparison: { a, b: { ...b, whatIf: { kind: 'skim', day: 100 } } } }));
    if (!v.ok || !v.comparison) throw new Error('expected a comparison');
    const out = runComparison(v.comparison);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect('whatIf' in out.result.b && out.result.b.whatIf.value).toBe(0.5);
    expect('baseline' in out.result.b && out.result.b.baseline.keyFigures).toEqual(keyFigures(run(scenario(b))));
  });

  it('names each side in its problems', () => {
    const v = validateComparison({ version: 2, comparison: { a: { flow: { days: 0, buyers: { perDay: 1 } } }, b: { script: [{ order: { amount: 1 } }] }, c: {} }, extra: 1 });
    expect(v.ok || v.problems).toEqual([
      { path: 'extra', message: 'unknown comparison field "extra"; allowed: version, name, description, comparison' },
      { path: 'version', message: 'must be 1; got 2' },
      { path: 'comparison.c', message: 'unknown side "c"; allowed: a, b' },
      { path: 'comparison.a.flow.days', message: 'must be >= 1; got 0' },
      { path: 'comparison.b.flow', message: 'a comparison runs time-driven scenarios; give a flow' },
    ]);
    const w = validateComparison({ comparison: { a: { ...TWO, whatIf: { kind: 'exit-down', day: 2, value: 1 } }, b: TWO } });
    expect(w.ok || w.problems).toEqual([{ path: 'comparison.a.whatIf.value', message: 'exit-down takes a value above 1; got 1' }]);
    const one = validateComparison({ comparison: { a: TWO } });
    expect(one.ok || one.problems).toEqual([{ path: 'comparison.b', message: 'is required (a time-driven scenario)' }]);
  });
});

describe('required growth after orders stop (RULEBOOK §8)', () => {
  it('is "never: orders stopped on day N", never 0 more days, even when the latest buyer\'s points are worth their spend', () => {
    // the case: the default scenario, everyone sells on day 180 (the stop test). Selling
    // keeps w of each sale in the pool, so the price rises as points vanish and the latest buyer's
    // points obtained end up worth more than their spend: the growth "needed" is 1x, which read
    // "0 more days" although no order ever comes again
    const s = scenario({ ...buildScenario({ ...DEFAULTS, days: 200 }).scenario, events: [{ day: 180, stopTest: true }] });
    const r = run(s);
    expect(r.requiredGrowth.stoppedOn).toBe(180);
    for (const m of r.requiredGrowth.multiples) {
      expect(m.days).toBeNull();
      expect(m.reason).toBe('orders stopped on day 180');
    }
    expect(keyFigures(r).daysToBreakEven).toBeNull();
    expect(keyFigures(r).ordersStoppedOn).toBe(180);
  });
});
