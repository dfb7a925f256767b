/**
 * The `sweep` command and `simulate --seeds` as a reviewer runs them: real processes, worker
 * threads, files relative to the sweep file, exit codes, stdout and stderr kept apart. And the
 * worker pool gives what the inline runner gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkerPool as WorkerPool } from '../../src/cli/pool.ts';
import { monteCarlo, runSweep } from '../../src/engine/batch/run.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { validateSweep } from '../../src/engine/batch/sweep.ts';
import { InlineRunner } from '../../src/engine/batch/tasks.ts';

const node = (script: string) => (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const sweep = node('src/cli/sweep.ts');
const simulate = node('src/cli/simulate.ts');
const tmp = mkdtempSync(join(tmpdir(), 'sweep-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

const BASE = {
  rules: { exitMultiple: 2 },
  flow: { days: 30, seed: 3, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 }, buyers: { perDay: 20 }, sell: { ratePerDay: 0.05 }, cohortDays: 10 },
};
const SWEEP = {
  base: BASE,
  x: { param: 'flow.sell.ratePerDay', values: [0, 0.05, 0.1] },
  y: { param: 'rules.exitMultiple', values: [1.5, null] },
  outcomes: ['shareBrokeEven:10', 'shareHitExitMultiple', 'finalPrice', 'forcedExits', 'daysUntilCoverageBelow:0.3'],
};

describe('sweep FILE', { timeout: 30_000 }, () => {
  it('prints CSV: a header, one row per cell x-major; a progress line on stderr only', () => {
    const r = sweep([file('grid.json', JSON.stringify(SWEEP))]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('flow.sell.ratePerDay,rules.exitMultiple,shareBrokeEven:10,shareHitExitMultiple,finalPrice,forcedExits,daysUntilCoverageBelow:0.3');
    expect(lines).toHaveLength(7);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['0,1.5', '0,null', '0.05,1.5', '0.05,null', '0.1,1.5', '0.1,null']);
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      expect(cells).toHaveLength(7);
      expect(Number.isFinite(Number(cells[4]))).toBe(true);
    }
    // no exits when they are off
    expect(lines.filter((l) => l.split(',')[1] === 'null').map((l) => l.split(',')[5])).toEqual(['0', '0', '0']);
    // stderr: the progress line, updated with \r, ending at 6/6 and a line break; nothing else
    expect(r.err).toMatch(/^(\rsweep: \d\/6 cells)+\n$/);
    expect(r.err).toContain('\rsweep: 0/6 cells');
    expect(r.err.endsWith('\rsweep: 6/6 cells\n')).toBe(true);
  });

  it('is deterministic: the same file gives the same CSV, whatever the number of workers', () => {
    const f = file('det.json', JSON.stringify(SWEEP));
    const a = sweep([f]);
    const b = sweep([f, '--workers', '1']);
    const c = sweep([f, '--workers=3']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(c.out).toBe(a.out);
  });

  it('reads a base given as a path relative to the sweep file, and a sweep from stdin', () => {
    file('base.json', JSON.stringify(BASE));
    const rel = sweep([file('rel.json', JSON.stringify({ ...SWEEP, base: 'base.json' }))]);
    const inline = sweep([file('inl.json', JSON.stringify(SWEEP))]);
    expect(rel.code).toBe(0);
    expect(rel.out).toBe(inline.out);
    const stdin = sweep(['-'], JSON.stringify(SWEEP));
    expect(stdin.out).toBe(inline.out);
  });

  it('runs the example through the npm script, worker threads and all', () => {
    const r = spawnSync('npm', ['run', '--silent', 'sweep', '--', 'examples/sweep-sell-exit.json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]!.startsWith('flow.sell.ratePerDay,rules.exitMultiple,')).toBe(true);
    expect(lines).toHaveLength(1 + 5 * 4);
    expect(r.stderr.endsWith('\rsweep: 20/20 cells\n')).toBe(true);
  });

  it('bad input: exit 2, every problem on stderr with its field, nothing on stdout', () => {
    const bad = {
      base: BASE,
      x: { param: 'flow.sell.rate', values: [0] },
      y: { param: 'rules.exitMultiple', values: [0.5] },
      outcomes: ['finalPrice', 'nope'],
    };
    const r = sweep([file('bad.json', JSON.stringify(bad))]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'sweep: x.param: unknown scenario field "rate" in flow.sell; allowed: ratePerDay, portion, takeProfit',
      expect.stringMatching(/^sweep: outcomes\[1\]: unknown outcome "nope"; allowed: /),
    ]);
    const values = sweep([file('badv.json', JSON.stringify({ ...SWEEP, y: { param: 'rules.exitMultiple', values: [0.5, 2] } }))]);
    expect(values.code).toBe(2);
    expect(values.out).toBe('');
    expect(values.err).toBe('sweep: y.values[0]: rules.exitMultiple = 0.5: rules.exitMultiple: must be > 1; got 0.5\n');
  });

  it('bad files and arguments', () => {
    expect(sweep([join(tmp, 'missing.json')])).toMatchObject({ code: 2, out: '', err: `sweep: ${join(tmp, 'missing.json')}: no such file\n` });
    expect(sweep([file('notjson.json', '{')])).toMatchObject({ code: 2, out: '' });
    expect(sweep([file('nobase.json', JSON.stringify({ ...SWEEP, base: 'nowhere.json' }))])).toMatchObject({ code: 2, out: '', err: 'sweep: base: nowhere.json: no such file\n' });
    const r = sweep(['--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('sweep: --workers: must be a whole number from 1 to 256; got "0"');
    expect(r.err).toContain('sweep: FILE: give a sweep file, or - to read standard input');
  });

  it('a cell whose run fails: exit 2 after the progress line, the cell named, nothing on stdout', () => {
    const f = file('runfail.json', JSON.stringify({ base: { ...BASE, events: [{ day: 2, withdraw: { amount: 1000 } }] }, x: { param: 'flow.buyers.perDay', values: [20, 1] } }));
    const r = sweep([f]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/\rsweep: 2\/2 cells\nsweep: x\.values\[1\]: flow\.buyers\.perDay = 1: events\[0\]\.withdraw\.amount: withdrawing 1000 .*\(day 2\)\n$/);
  });

  it('--schema prints the JSON Schema of sweep files, as published', () => {
    const r = sweep(['--schema']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync('schema/sweep.v1.schema.json', 'utf8'));
    expect(JSON.parse(r.out).title).toBe('Points Pool Explorer sweep, v1');
  });
});

describe('simulate FILE --seeds N', { timeout: 30_000 }, () => {
  it('prints one JSON document: engine, seeds, bands per day, outcomes, cohorts; stderr empty when not a terminal', () => {
    const r = simulate([file('mc.json', JSON.stringify(BASE)), '--seeds', '5']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['engine', 'seeds', 'days', 'percentiles', 'bands', 'outcomes', 'cohorts']);
    expect(doc.seeds).toEqual({ from: 3, count: 5 });
    expect(doc.percentiles.levels).toEqual([0, 5, 25, 50, 75, 95, 100]);
    expect(Object.keys(doc.bands)).toEqual(['price', 'pool', 'points', 'activeUsers', 'paid', 'forcedExits', 'needBreakEven', 'coverageBreakEven', 'coverageExitPromise']);
    expect(doc.bands.price.p50).toHaveLength(30);
    expect(doc.cohorts).toHaveLength(3);
    expect(doc.cohorts[0]).toMatchObject({ cohort: 1, fromDay: 1, toDay: 10, users: 200, runs: 5 });
    expect(Object.keys(doc.cohorts[0].hitExitMultiple)).toEqual(['probability', 'anyInRun', 'bands']);
    // the same command gives the same document
    expect(simulate([join(tmp, 'mc.json'), '--seeds=5', '--workers', '1']).out).toBe(r.out);
  });

  it('--outcomes picks the run-level outcomes', () => {
    const r = simulate([file('mc2.json', JSON.stringify(BASE)), '--seeds', '3', '--outcomes', 'finalPrice,shareBrokeEven:10']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out).outcomes)).toEqual(['finalPrice', 'shareBrokeEven:10']);
  });

  it('bad input: exit 2, named problems, nothing on stdout', () => {
    const f = file('mc3.json', JSON.stringify(BASE));
    for (const [args, msg] of [
      [[f, '--seeds', '0'], 'simulate: --seeds: must be a whole number from 1 to 100000; got "0"'],
      [[f, '--seeds', '2', '--format', 'csv'], 'simulate: --format: is not available with --seeds; Monte Carlo prints one JSON document of bands on the fast path'],
      [[f, '--seeds', '2', '--outcomes', 'x'], 'simulate: --outcomes: unknown outcome "x"; allowed: '],
      [['examples/seed-worked-example.json', '--seeds', '2'], 'simulate: --seeds: is for time-driven scenarios (with a flow); a script has no randomness to vary'],
      [[file('mc4.json', JSON.stringify({ ...BASE, flow: { ...BASE.flow, seed: 4_294_967_295 } })), '--seeds', '2'], 'simulate: --seeds: seeds 4294967295 to 4294967296 pass the largest seed'],
    ] as const) {
      const r = simulate([...args]);
      expect(r.code, msg).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.startsWith(msg), `${r.err} / ${msg}`).toBe(true);
    }
  });
});

describe('the worker pool', { timeout: 30_000 }, () => {
  const s = (() => {
    const v = validateScenario(BASE);
    if (!v.ok) throw new Error('bad');
    return v.scenario as FlowScenarioV1;
  })();

  it('gives what the inline runner gives: a sweep and a Monte Carlo run, outputs in input order', async () => {
    const v = validateSweep(SWEEP);
    if (!v.ok) throw new Error('bad sweep');
    const pool = new WorkerPool(2);
    try {
      const progress: number[] = [];
      const a = await runSweep(v.sweep, pool, (done) => progress.push(done));
      expect(a).toEqual(await runSweep(v.sweep, new InlineRunner()));
      expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
      // the same pool, reused
      const mc = await monteCarlo(s, 4, pool);
      expect(mc).toEqual(await monteCarlo(s, 4, new InlineRunner()));
    } finally {
      await pool.close();
    }
    await expect(pool.map('summary', [])).rejects.toThrow('closed');
  });

  it('a task that throws in a worker rejects the map with the error, and the pool works again after', async () => {
    const pool = new WorkerPool(2);
    try {
      // a scenario the engine cannot run (flow missing): the worker throws
      await expect(pool.map('summary', [{ scenario: { rules: s.rules } as unknown as FlowScenarioV1, outcomes: [] }])).rejects.toThrow(/task 0 \(summary\) failed in a worker/);
      const again = await pool.map('summary', [{ scenario: s, outcomes: [] }]);
      expect(again[0]!.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
