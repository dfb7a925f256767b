import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InlineRunner, runTask } from '../../src/engine/batch/tasks.ts';
import { monteCarlo, monteCarloVia, sweepVia } from '../../src/engine/batch/run.ts';
import { buildScenario, DEFAULTS } from '../../src/explorer/params.ts';
import { validateFlow } from '../../src/explorer/run.ts';

// The explorer plans, runs and combines its sweeps and Monte Carlo runs with the engine's own task
// kinds (sweep-plan, mc-plan, summary, mc-combine), in its Web Workers; these run them inline.
const base = buildScenario({ ...DEFAULTS, perDay: 10, growth: 'constant', days: 60 }).scenario;

describe('sweeps in the explorer', () => {
  it('plan the acceptance sweep (sell rate against exit multiple) with its 20 cells', async () => {
    const file = JSON.parse(readFileSync(new URL('../../examples/sweep-sell-exit.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const scenario = JSON.parse(readFileSync(new URL('../../examples/flow-constant-year.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const out = runTask('sweep-plan', { ...file, base: scenario });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.sweep.cells).toHaveLength(20);
    // and run through a runner as the page does: one row per cell
    const run = await sweepVia(new InlineRunner(), { ...file, base: { ...scenario, flow: { ...(scenario['flow'] as object), days: 30 } } });
    if (!run.ok) throw new Error(JSON.stringify(run.problems));
    expect(run.rows).toHaveLength(20);
  });

  it('name a bad axis with the engine’s message', () => {
    const out = runTask('sweep-plan', { base, x: { param: 'rules.giftRatio', values: [2] } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0]!.path).toBe('x.values[0]');
  });
});

describe('Monte Carlo in the explorer', () => {
  it('plans, runs task by task and combines to what the engine’s own monteCarlo gives', async () => {
    const plan = runTask('mc-plan', { scenario: base, count: 4 });
    if (!plan.ok) throw new Error('plan');
    const outs = plan.plan.inputs.map((i) => runTask('summary', i));
    const combined = runTask('mc-combine', { plan: plan.plan, outs });
    if (!combined.ok) throw new Error('combine');
    const v = validateFlow(base);
    if (!v.ok) throw new Error('invalid');
    const ref = await monteCarlo(v.scenario, 4, new InlineRunner());
    if (!ref.ok) throw new Error('ref');
    expect(combined.result).toEqual(ref.result);
    expect(await monteCarloVia(new InlineRunner(), { scenario: base, count: 4 })).toEqual(ref);
  });
});
