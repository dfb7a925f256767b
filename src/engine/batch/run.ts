/**
 * Sweeps and Monte Carlo on a TaskRunner: the cells or seeds handed out as tasks (tasks.ts), the
 * rows or the document put together from their outputs in input order.
 *
 * `runSweep` and `monteCarlo` take what the caller has already validated (the command reads files,
 * so it validates in its own thread). `sweepVia` and `monteCarloVia` take the input as it is (a
 * page's scenario, as JSON) and send the planning and the combining to the runner as tasks too: a
 * browser page calls them with a pool of Web Workers and so never loads the engine itself. Both
 * pairs run the same planning and finishing functions (sweep.ts, montecarlo.ts).
 */
import type { Problem } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/index.ts';
import { finishMonteCarlo, planMonteCarlo, type AnyMonteCarloOutcome, type FamilyMonteCarloOutcome, type MonteCarloOutcome } from './montecarlo.ts';
import type { FamilyScenario } from '../family/run.ts';
import type { Outcome } from './outcomes.ts';
import { sweepInputs, sweepRows, type SweepOutcome, type ValidSweep } from './cells.ts';
import type { TaskRunner } from './tasks.ts';

type Progress = (done: number, total: number) => void;

/** Monte Carlo's options: the outcomes (else the model's defaults), progress, and a call once every run is in, before the runs are combined (the command stops its worker threads there, so that their teardown overlaps the combining) */
export interface MonteCarloOptions {
  outcomes?: readonly Outcome[];
  onProgress?: Progress;
  onRunsDone?: () => void;
}

/** Run every cell on a task runner; rows in cell order (x-major). A run that fails names its cell. */
export async function runSweep(sweep: ValidSweep, runner: TaskRunner, onProgress?: Progress): Promise<SweepOutcome> {
  return sweepRows(sweep, await runner.map('outcomes', sweepInputs(sweep), onProgress));
}

/**
 * The scenario over `count` seeds from its own flow.seed, on a task runner (worker threads in
 * node, Web Workers in a browser, or inline). Every model runs: a scenario of a model of the family
 * gives the family's document (family-summary.ts), the seed's model the seed's (summary.ts). The
 * types follow the scenario's: a FamilyScenario (narrowed by isFamily) gives FamilyMonteCarloOutcome;
 * a FlowScenarioV1 is taken to be of the seed's model, the document a program gets from it before
 * narrowing (narrow a result of unknown model with isFamilyMonteCarlo).
 */
export async function monteCarlo(s: FamilyScenario, count: number, runner: TaskRunner, opts?: MonteCarloOptions): Promise<FamilyMonteCarloOutcome>;
export async function monteCarlo(s: FlowScenarioV1, count: number, runner: TaskRunner, opts?: MonteCarloOptions): Promise<MonteCarloOutcome>;
export async function monteCarlo(
  s: FlowScenarioV1,
  count: number,
  runner: TaskRunner,
  opts: MonteCarloOptions = {},
): Promise<AnyMonteCarloOutcome> {
  const p = planMonteCarlo(s, count, opts.outcomes);
  if (!p.ok) return p;
  const outs = await runner.map('summary', p.plan.inputs, opts.onProgress);
  opts.onRunsDone?.();
  return finishMonteCarlo(p.plan, outs);
}

/** A sweep given inline (its base an object), validated, planned and run on the runner: its rows, with the sweep they are of. Progress starts at 0 of the cells once they are planned. */
export async function sweepVia(runner: TaskRunner, input: unknown, onProgress?: Progress): Promise<({ ok: true; sweep: ValidSweep } & Extract<SweepOutcome, { ok: true }>) | { ok: false; problems: Problem[] }> {
  const [v] = await runner.map('sweep-plan', [input]);
  if (!v!.ok) return v!;
  onProgress?.(0, v!.sweep.cells.length);
  const out = await runSweep(v!.sweep, runner, onProgress);
  return out.ok ? { ...out, sweep: v!.sweep } : out;
}

/** A scenario (as JSON) over `count` seeds from its flow.seed, planned, run and combined on the runner. Progress starts at 0 of the seeds once they are planned. */
export async function monteCarloVia(runner: TaskRunner, input: { scenario: unknown; count: number }, onProgress?: Progress): Promise<AnyMonteCarloOutcome> {
  const [p] = await runner.map('mc-plan', [input]);
  if (!p!.ok) return p!;
  onProgress?.(0, p!.plan.inputs.length);
  const outs = await runner.map('summary', p!.plan.inputs, onProgress);
  const [out] = await runner.map('mc-combine', [{ plan: p!.plan, outs }]);
  return out!;
}
