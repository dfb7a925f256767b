/**
 * A large single run's memory in transparent huge pages (src/cli/huge-pages.ts): when the command
 * starts itself again with glibc's tunable, when it does not, and that the restarted command prints
 * what the command without the restart prints. The process tests watch each start of the command
 * through a module it preloads (NODE_OPTIONS --import), which appends the process id and its
 * GLIBC_TUNABLES to a file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HUGE_TUNABLE, hugePagesEnv, type HugeHost } from '../../src/cli/huge-pages.ts';
import { LARGE_RUN } from '../../src/cli/picks-thread.ts';

const host = (o: Partial<HugeHost> = {}): HugeHost => ({
  platform: 'linux',
  glibc: '2.36',
  thp: 'always [madvise] never\n',
  env: { PATH: '/usr/bin' },
  canRestart: true,
  ...o,
});

describe('when the command starts again with huge pages asked for', () => {
  it('on Linux with glibc 2.35 or later, huge pages on madvise and no hugetlb tunable yet: the same environment with the tunable', () => {
    expect(hugePagesEnv(host())).toEqual({ PATH: '/usr/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv(host({ glibc: '2.35' }))?.['GLIBC_TUNABLES']).toBe(HUGE_TUNABLE);
    expect(hugePagesEnv(host({ glibc: '3.0' }))?.['GLIBC_TUNABLES']).toBe(HUGE_TUNABLE);
    // the user's other tunables kept, this one added after a colon (glibc's separator)
    expect(hugePagesEnv(host({ env: { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' } }))?.['GLIBC_TUNABLES']).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
  });

  it('not elsewhere: another system, another C library or an older glibc, huge pages never or always, no execve', () => {
    expect(hugePagesEnv(host({ platform: 'darwin' }))).toBeNull();
    expect(hugePagesEnv(host({ platform: 'win32' }))).toBeNull();
    // musl: no glibc version in the process report
    expect(hugePagesEnv(host({ glibc: undefined }))).toBeNull();
    // glibc 2.34 has no glibc.malloc.hugetlb
    expect(hugePagesEnv(host({ glibc: '2.34' }))).toBeNull();
    expect(hugePagesEnv(host({ glibc: '1.99' }))).toBeNull();
    expect(hugePagesEnv(host({ thp: 'always madvise [never]' }))).toBeNull();
    // always: the kernel gives them without being asked
    expect(hugePagesEnv(host({ thp: '[always] madvise never' }))).toBeNull();
    expect(hugePagesEnv(host({ thp: null }))).toBeNull();
    expect(hugePagesEnv(host({ canRestart: false }))).toBeNull();
  });

  it('not when GLIBC_TUNABLES names the tunable already: the restarted command itself, or a user keeping 4 KB pages', () => {
    expect(hugePagesEnv(host({ env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } }))).toBeNull();
    expect(hugePagesEnv(host({ env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' } }))).toBeNull();
    expect(hugePagesEnv(host({ env: { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' } }))).toBeNull();
  });
});

describe('the command', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'huge-'));
  const preload = join(tmp, 'starts.mjs');
  // the main thread's starts only (the run's helper threads load it too)
  writeFileSync(preload, "import { appendFileSync } from 'node:fs';\nimport { isMainThread } from 'node:worker_threads';\nif (isMainThread) appendFileSync(process.env.STARTS_LOG, `${process.pid} ${process.env.GLIBC_TUNABLES ?? '-'}\\n`);\n");
  let n = 0;
  /** the command's stdout and its starts: [pid, GLIBC_TUNABLES or '-'] each */
  const simulate = (args: string[], env: Record<string, string> = {}, input?: string) => {
    const log = join(tmp, `starts-${n++}.log`);
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, GLIBC_TUNABLES: '', ...env, NODE_OPTIONS: `--import ${pathToFileURL(preload).href}`, STARTS_LOG: log },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const starts = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' '));
    return { out: r.stdout, starts };
  };
  // LARGE_RUN buyers by the last day's sales: 100 days of LARGE_RUN / 100, a few of them selling
  const large = join(tmp, 'large.json');
  writeFileSync(large, JSON.stringify({ flow: { days: 100, seed: 3, orderAmount: 10, buyers: { perDay: LARGE_RUN / 100 }, sell: { ratePerDay: 0.001, portion: 1 } } }));
  const small = join(tmp, 'small.json');
  writeFileSync(small, JSON.stringify({ flow: { days: 100, seed: 3, orderAmount: 10, buyers: { perDay: LARGE_RUN / 100 - 1 }, sell: { ratePerDay: 0.001, portion: 1 } } }));
  // this host, read here on its own: Linux, glibc 2.35 or later, huge pages on madvise
  const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime ?? '';
  let thp = '';
  try {
    thp = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    thp = '';
  }
  const [maj, min] = glibc.split('.').map(Number);
  const hostAsks = process.platform === 'linux' && (maj! > 2 || (maj === 2 && min! >= 35)) && thp.includes('[madvise]') && typeof (process as { execve?: unknown }).execve === 'function';

  it('starts a large run again, in the same process, with the tunable, and prints what a run without the restart prints', () => {
    const asked = simulate([large]);
    const kept = simulate([large], { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' });
    expect(kept.starts).toEqual([[kept.starts[0]![0], 'glibc.malloc.hugetlb=0']]);
    if (hostAsks) {
      expect(asked.starts.length).toBe(2);
      expect(asked.starts[1]).toEqual([asked.starts[0]![0], HUGE_TUNABLE]);
    } else expect(asked.starts.length).toBe(1);
    expect(JSON.parse(asked.out).counts.users).toBe(LARGE_RUN);
    expect(asked.out).toBe(kept.out);
  });

  it('not a run under LARGE_RUN buyers, nor one read from stdin (it cannot be read twice)', () => {
    expect(simulate([small]).starts.length).toBe(1);
    const fromStdin = simulate(['-'], {}, readFileSync(large, 'utf8'));
    expect(fromStdin.starts.length).toBe(1);
    expect(JSON.parse(fromStdin.out).counts.users).toBe(LARGE_RUN);
  });
});
