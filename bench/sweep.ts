/**
 * Sweep and Monte Carlo benchmark (`npm run bench:sweep`; not a test, it asserts nothing):
 * - a 20 x 20 sweep (sell rate 0 to 3.8% a day, exit multiple 1.5 to 6.25) of one-year scenarios
 *   of 100,000 orders each, through the `sweep` command;
 * - 100 Monte Carlo seeds of one such scenario, through `simulate --seeds 100`.
 * Each is timed end to end in a fresh process (node start, tsx, worker start-up, every run, output),
 * median of BENCH_RUNS (default 3), on the default number of workers (os.availableParallelism()).
 * CPU seconds (all threads, from /usr/bin/time) beside wall seconds show what the machine's other
 * load took. For scale: one cell on one thread, the run alone and its outcomes alone; and the same
 * for each model of the family on a year of the same size.
 *
 *   BENCH_RUNS=3 npm run --silent bench:sweep
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { familyOutcomeValues, outcomeValues, parseOutcome, runBare, runBareFamily, type Outcome } from '../src/engine/batch/outcomes.ts';
import { summarise } from '../src/engine/batch/summary.ts';
import { summariseFamily } from '../src/engine/batch/family-summary.ts';
import type { FamilyScenario } from '../src/engine/family/run.ts';
import { validateScenario, type FlowScenarioV1 } from '../src/engine/scenario/index.ts';
import { isMain } from '../src/cli/prog.ts';
import { median, timeProcess } from './proc.ts';

export const ORDERS = 100_000;
export const YEAR = {
  rules: { exitMultiple: 3 },
  flow: { days: 365, seed: 1, orderAmount: 1000, buyers: { perDay: ORDERS / 365 }, sell: { ratePerDay: 0.01, portion: 1 }, cohortDays: 7 },
};
const OUTCOMES = ['shareBrokeEven:90', 'shareBrokeEven', 'shareHitExitMultiple', 'daysUntilCoverageBelow:0.3', 'finalPrice', 'paidShareOfSpend', 'forcedExits', 'poolFoldFor1x'];
export const SWEEP = {
  base: YEAR,
  x: { param: 'flow.sell.ratePerDay', values: Array.from({ length: 20 }, (_, i) => Math.round(i * 0.002 * 1000) / 1000) },
  y: { param: 'rules.exitMultiple', values: Array.from({ length: 20 }, (_, i) => 1.5 + i * 0.25) },
  outcomes: OUTCOMES,
};

const FAMILY_YEAR = {
  rules: { split: { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } },
  flow: { days: 365, seed: 1, orderAmount: 1000, buyers: { perDay: ORDERS / 365 }, cohortDays: 7 },
};
const FAMILY_OUTCOMES = ['shareBrokeEven:90', 'shareBrokeEven', 'paidShareOfSpend', 'coverage', 'firstDefaultDay', 'totalDefaults', 'lowestPromiseCoverageAfter:30', 'shareComplete'];

/** The sweep's grid and the Monte Carlo year written to a fresh temporary folder: the commands' input files. */
export function batchFiles(): { sweepFile: string; yearFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
  const sweepFile = join(dir, 'sweep.json');
  const yearFile = join(dir, 'year.json');
  writeFileSync(sweepFile, JSON.stringify(SWEEP));
  writeFileSync(yearFile, JSON.stringify(YEAR));
  return { sweepFile, yearFile };
}

/** the checkout's command through its entry (src/cli/bin/NAME.ts, which starts the worker threads first, as the installed command does) through tsx, timed end to end */
const timed = (args: string[]) => {
  const t = timeProcess(process.execPath, ['--import', 'tsx', ...args]);
  return { ms: t.ms, cpuS: t.cpuS, bytes: t.stdout.length };
};

function main(): void {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const { sweepFile, yearFile } = batchFiles();

  // one thread, for scale: the 400 cells' runs alone would take about 400 x this
  const v = validateScenario(YEAR);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const s = v.scenario as FlowScenarioV1;
  const outcomes = OUTCOMES.map((l) => parseOutcome(l) as Outcome);
  const runMs: number[] = [];
  const outMs: number[] = [];
  const sumMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = runBare(s);
    const t1 = performance.now();
    if (!r.ok) throw new Error('run failed');
    outcomeValues(r.run, outcomes);
    const t2 = performance.now();
    summarise(r.run, s);
    const t3 = performance.now();
    runMs.push(t1 - t0);
    outMs.push(t2 - t1);
    sumMs.push(t3 - t2);
  }

  const sweep = Array.from({ length: runs }, () => timed(['src/cli/bin/sweep.ts', sweepFile]));
  const mc = Array.from({ length: runs }, () => timed(['src/cli/bin/simulate.ts', yearFile, '--seeds', '100']));
  const sweepMs = median(sweep.map((x) => x.ms));
  const mcMs = median(mc.map((x) => x.ms));
  const cpu = (xs: { cpuS: number | null }[]) => (xs[0]!.cpuS === null ? 'n/a' : +median(xs.map((x) => x.cpuS!)).toFixed(2));
  console.log(
    `sweeps and Monte Carlo, end to end in a fresh process, median of ${runs}; node ${process.version}, ${availableParallelism()} workers (${cpus()[0]?.model ?? 'cpu'}); load average at the end ${loadavg()[0]!.toFixed(2)}`,
  );
  console.table([
    { job: '20 x 20 sweep, 400 one-year runs of 100,000 orders', 'median s': +(sweepMs / 1000).toFixed(2), 'CPU s': cpu(sweep), 'runs/s': Math.round(400 / (sweepMs / 1000)), 'output kB': Math.round(sweep[0]!.bytes / 1024) },
    { job: 'Monte Carlo, 100 seeds of one such run', 'median s': +(mcMs / 1000).toFixed(2), 'CPU s': cpu(mc), 'runs/s': Math.round(100 / (mcMs / 1000)), 'output kB': Math.round(mc[0]!.bytes / 1024) },
  ]);
  console.log(
    `one run on one thread (sell 1%/day, exit 3x), median of 7: run ${median(runMs).toFixed(1)} ms, sweep outcomes ${median(outMs).toFixed(1)} ms, Monte Carlo summary ${median(sumMs).toFixed(1)} ms`,
  );
}

/**
 * For scale, the models of the family (RULEBOOK §9) on the same year of 100,000 orders of 1,000
 * (fund share 0.16): one run per model on one thread, its outcomes and its Monte Carlo summary
 * (which builds the run's result document for the cohorts), median of 7.
 */
function family(): void {
  const outcomes = FAMILY_OUTCOMES.map((l) => parseOutcome(l) as Outcome);
  const rows: Record<string, string | number>[] = [];
  for (const model of [{ kind: 'release', ratePerDay: 0.001 }, { kind: 'queue', mode: 'even' }, { kind: 'rights', unit: 500, capPerDay: 1 }]) {
    const v = validateScenario({ ...FAMILY_YEAR, model });
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const s = v.scenario as FamilyScenario;
    const runMs: number[] = [];
    const outMs: number[] = [];
    const sumMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const r = runBareFamily(s);
      const t1 = performance.now();
      if (!r.ok) throw new Error('run failed');
      familyOutcomeValues(r.run, outcomes);
      const t2 = performance.now();
      summariseFamily(r.run, s);
      const t3 = performance.now();
      runMs.push(t1 - t0);
      outMs.push(t2 - t1);
      sumMs.push(t3 - t2);
    }
    rows.push({ model: JSON.stringify(model), 'run ms': +median(runMs).toFixed(1), 'sweep outcomes ms': +median(outMs).toFixed(1), 'Monte Carlo summary ms': +median(sumMs).toFixed(1) });
  }
  console.log(`the family's models, one year of 100,000 orders on one thread (outcomes: ${FAMILY_OUTCOMES.join(', ')}), median of 7:`);
  console.table(rows);
}

if (isMain(import.meta.url)) {
  main();
  family();
}
