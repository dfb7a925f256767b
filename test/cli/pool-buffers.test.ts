/**
 * The command's worker threads reuse their buffers from task to task (src/cli/pool-worker.ts, the
 * engine's BufferPool): a sweep's cells run one after another on one thread, each on the buffers of
 * the cell before (larger, then smaller, then larger again: a kept buffer is zeroed over the part a
 * run asks for), must print what each cell prints run alone, on a thread of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'pool-buffers-'));
const sweep = (grid: unknown, workers: number) => {
  const p = join(tmp, `grid-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(p, JSON.stringify(grid));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', p, '--workers', String(workers)], { encoding: 'utf8', timeout: 120_000 });
  // stderr has the progress only
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split('\n');
};

// 30 days of 3,000, 1,500 and 2,500 buyers: 90,000, 45,000 and 75,000 slots, whose records (32
// bytes a slot: 2.9, 1.4 and 2.4 MB) are over the pool's 1 MB floor, so each cell after the first
// runs on a buffer a cell before it used; sales and exits write all over them
const base = { rules: { exitMultiple: 2 }, flow: { days: 30, seed: 9, orderAmount: { kind: 'lognormal', mean: 800, cv: 0.6 }, buyers: { perDay: 100 }, sell: { ratePerDay: 0.05, portion: 0.5 }, cohortDays: 7 } };
const outcomes = ['finalPrice', 'finalPool', 'forcedExits', 'shareBrokeEven', 'shareHitExitMultiple', 'paidShareOfSpend'];
const PER_DAY = [3000, 1500, 2500];

describe('a thread answering task after task on reused buffers', { timeout: 180_000 }, () => {
  it('prints for each cell what the cell prints alone', () => {
    const together = sweep({ base, x: { param: 'flow.buyers.perDay', values: PER_DAY }, outcomes }, 1);
    expect(together).toHaveLength(1 + PER_DAY.length);
    PER_DAY.forEach((v, i) => {
      const alone = sweep({ base, x: { param: 'flow.buyers.perDay', values: [v] }, outcomes }, 1);
      expect(alone[0]).toBe(together[0]);
      expect(alone[1]).toBe(together[1 + i]);
    });
  });
});
