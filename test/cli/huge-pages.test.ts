/**
 * A large run of `simulate` starts the command again with glibc's huge-page tunable
 * (src/cli/huge-pages.ts). Checked: when it does (Linux, records of LARGE_RECORDS bytes or more,
 * not already the child, not turned off, the tunable not already set), the child's environment,
 * and that a relaunched run prints what the same run prints in-process, from a file and from
 * standard input, with the same exit code.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HUGE_PAGES_ENV, hugePagesEnv, wantsHugePages } from '../../src/cli/huge-pages.ts';
import { LARGE_RECORDS } from '../../src/engine/models/seed/records.ts';

describe('when a run is relaunched with huge pages', () => {
  const big = LARGE_RECORDS;
  it('on Linux, for records of LARGE_RECORDS bytes or more', () => {
    expect(wantsHugePages(big, LARGE_RECORDS, {}, 'linux')).toBe(true);
    expect(wantsHugePages(big - 1, LARGE_RECORDS, {}, 'linux')).toBe(false);
    expect(wantsHugePages(big, LARGE_RECORDS, {}, 'darwin')).toBe(false);
    expect(wantsHugePages(big, LARGE_RECORDS, {}, 'win32')).toBe(false);
  });

  it('never from the child itself, nor when turned off, nor when the tunable is set already', () => {
    expect(wantsHugePages(big, LARGE_RECORDS, { [HUGE_PAGES_ENV]: '1' }, 'linux')).toBe(false);
    expect(wantsHugePages(big, LARGE_RECORDS, { [HUGE_PAGES_ENV]: '0' }, 'linux')).toBe(false);
    expect(wantsHugePages(big, LARGE_RECORDS, { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux')).toBe(false);
    // another tunable alone does not stop it
    expect(wantsHugePages(big, LARGE_RECORDS, { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')).toBe(true);
  });

  it("the child's environment: the tunable after any the caller set, and the mark", () => {
    const env = hugePagesEnv({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
    expect(env).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1', [HUGE_PAGES_ENV]: '1' });
    expect(hugePagesEnv({})).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1', [HUGE_PAGES_ENV]: '1' });
  });
});

describe('a relaunched run', () => {
  // 2.1 million buyers in one day: 2.1M x 32 bytes = 67.2 MB of records, over LARGE_RECORDS (64 MiB = 67.1 MB)
  const scenario = JSON.stringify({ rules: { exitMultiple: 3 }, flow: { days: 1, seed: 3, orderAmount: 100, buyers: { perDay: 2_100_000 }, sell: { ratePerDay: 0.01, portion: 1 } } });
  const CLI = ['--import', 'tsx', 'src/cli/simulate.ts'];
  const run = (args: string[], env: NodeJS.ProcessEnv, input?: string) => spawnSync(process.execPath, [...CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });

  it('prints what the in-process run prints, from standard input, with exit code 0', () => {
    const off = run(['-'], { [HUGE_PAGES_ENV]: '0' }, scenario);
    const on = run(['-'], {}, scenario);
    expect(off.status).toBe(0);
    expect(on.status).toBe(0);
    expect(JSON.parse(off.stdout).counts.users).toBe(2_100_000);
    expect(on.stdout).toBe(off.stdout);
    expect(on.stderr).toBe('');
  }, 60_000);

  it('a bad argument is refused by the parent before any relaunch: the same error and exit code', () => {
    const off = run(['-', '--users', '/'], { [HUGE_PAGES_ENV]: '0' }, scenario);
    const on = run(['-', '--users', '/'], {}, scenario);
    expect(off.status).toBe(2);
    expect(on.status).toBe(2);
    expect(on.stderr).toBe(off.stderr);
    expect(on.stdout).toBe('');
  }, 60_000);
});
