/**
 * Worker threads started early (src/cli/threads.ts): the installed commands' entries (src/cli/bin)
 * start the pool's threads before they load the engine. What they guess from the command line, and
 * that the commands through those entries print what the commands print, refuse what they refuse
 * and end (a thread started early and never taken must not hold the process open).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, threadsFor } from '../../src/cli/threads.ts';

const run = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'threads-'));
const file = (name: string, v: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, JSON.stringify(v));
  return p;
};

const YEAR = { rules: { exitMultiple: 2 }, flow: { days: 20, seed: 5, orderAmount: 1000, buyers: { perDay: 10 }, sell: { ratePerDay: 0.05 }, cohortDays: 5 } };
const GRID = { base: YEAR, x: { param: 'flow.sell.ratePerDay', values: [0, 0.05, 0.1] }, outcomes: ['finalPrice', 'forcedExits'] };

describe('threadsFor: the threads a command line will use, guessed before the command loads', () => {
  const cores = Math.max(1, availableParallelism());
  it('every core unless --workers says fewer, in either spelling; no more than --seeds', () => {
    expect(threadsFor(['grid.json'])).toBe(cores);
    expect(threadsFor(['grid.json', '--workers', '1'])).toBe(1);
    expect(threadsFor(['grid.json', '--workers=1'])).toBe(1);
    // more workers than cores: one a core now, the pool starts the others when it needs them
    expect(threadsFor(['grid.json', '--workers', String(cores + 3)])).toBe(cores);
    expect(threadsFor(['year.json', '--seeds', '100', '--workers', String(cores + 1)])).toBe(cores);
    expect(threadsFor(['year.json', '--seeds=1', '--workers', '4'])).toBe(1);
    expect(threadsFor(['year.json', '--seeds', '1'])).toBe(1);
  });
  it('a value the command will refuse counts as not given (the command says what is wrong)', () => {
    expect(threadsFor(['grid.json', '--workers', '0'])).toBe(cores);
    expect(threadsFor(['grid.json', '--workers', 'many'])).toBe(cores);
    expect(threadsFor(['grid.json', '--workers', String(MAX_WORKERS + 1)])).toBe(cores);
    expect(threadsFor(['grid.json', '--workers'])).toBe(cores);
    expect(threadsFor(['year.json', '--seeds', '-3', '--workers', '1'])).toBe(1);
  });
});

describe('the commands through their entries (src/cli/bin), threads started first', { timeout: 60_000 }, () => {
  it('sweep: the same CSV as the command run directly; more threads than cells end with it', () => {
    const grid = file('grid.json', GRID);
    const direct = run('src/cli/sweep.ts', [grid]);
    expect(direct.code).toBe(0);
    // a grid of 3 cells on 6 workers: one thread a core started early; the pool takes what it
    // needs of them (and starts the rest, if the machine has fewer than 3 cores), stops any left
    const viaBin = run('src/cli/bin/sweep.ts', [grid, '--workers', '6']);
    expect(viaBin.code).toBe(0);
    expect(viaBin.out).toBe(direct.out);
    expect(viaBin.out.trimEnd().split('\n')).toHaveLength(4);
    // one cell: a thread started early and not needed (on a machine of two cores or more) is stopped
    const one = run('src/cli/bin/sweep.ts', [file('one.json', { ...GRID, x: { param: 'flow.sell.ratePerDay', values: [0.05] } })]);
    expect(one.code).toBe(0);
    expect(one.out.trimEnd().split('\n').slice(1)).toEqual([direct.out.trimEnd().split('\n')[2]]);
  });

  it('simulate --seeds: the same document as the command run directly', () => {
    const year = file('year.json', YEAR);
    const direct = run('src/cli/simulate.ts', [year, '--seeds', '3']);
    expect(direct.code).toBe(0);
    const viaBin = run('src/cli/bin/simulate.ts', [year, '--seeds', '3']);
    expect(viaBin.code).toBe(0);
    expect(viaBin.out).toBe(direct.out);
    expect(JSON.parse(viaBin.out).seeds).toEqual({ from: 5, count: 3 });
  });

  it('input refused after the threads started: the message and exit code 2, and the process ends', () => {
    const bad = file('bad-grid.json', { ...GRID, x: { param: 'flow.sell.ratePerDay', values: [-1] } });
    const r = run('src/cli/bin/sweep.ts', [bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('sweep: ');
    expect(r.err).toContain('x.values[0]');
    const noFile = run('src/cli/bin/simulate.ts', [join(tmp, 'missing.json'), '--seeds', '4']);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('no such file');
  });
});
