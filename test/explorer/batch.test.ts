import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InlineRunner, runTask } from '../../src/engine/tasks.ts';
import { monteCarlo } from '../../src/engine/montecarlo.ts';
import { mcCombine, mcPlan, sweepPlan } from '../../src/explorer/batch.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { validateFlow } from '../../src/explorer/run.ts';

const base = buildScenario({ ...DEFAULTS, perDay: 10, growth: 'constant', days: 60 }).scenario;

describe('sweeps in the explorer', () => {
  it('plan the acceptance sweep (sell rate against exit multiple) with its 20 cells', () => {
    const file = JSON.parse(readFileSync(new URL('../../examples/sweep-sell-exit.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const scenario = JSON.parse(readFileSync(new URL('../../examples/flow-constant-year.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const out = sweepPlan({ ...file, base: scenario });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.plan.cells).toHaveLength(20);
    expect(out.plan.inputs).toHaveLength(20);
  });

  it('name a bad axis with the engine’s message', () => {
    const out = sweepPlan({ base, x: { param: 'rules.giftRatio', values: [2] } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0]!.path).toBe('x.values[0]');
  });
});

describe('Monte Carlo in the explorer', () => {
  it('plans, runs task by task and combines to what the engine’s own monteCarlo gives', async () => {
    const plan = mcPlan({ scenario: base, count: 4 });
    if (!plan.ok) throw new Error('plan');
    const summaries = plan.inputs.map((i) => runTask('summary', i)).map((o) => {
      if (!o.ok) throw new Error('run');
      return o.summary;
    });
    const combined = mcCombine({ scenario: plan.scenario, summaries });
    const v = validateFlow(base);
    if (!v.ok) throw new Error('invalid');
    const ref = await monteCarlo(v.scenario, 4, new InlineRunner());
    if (!ref.ok) throw new Error('ref');
    expect(combined).toEqual(ref.result);
  });
});
