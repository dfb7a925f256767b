/**
 * A large single run of `simulate` on Linux runs in a child process whose C library backs large
 * allocations with transparent huge pages (2 MB pages instead of 4 KB).
 *
 * Why: a day's sales read the records of sellers picked at random across the whole book (320 MB of
 * slot records and 128 MB of active records for ten million buyers). With 4 KB pages nearly every
 * such read also misses the TLB, and the processor walks the page tables before it can fetch the
 * line; with 2 MB pages the walks mostly go. On bench/engine-10m.json this took 0.7-0.8 s of the
 * run's own CPU time (about a fifth), while the kernel's work of mapping the larger pages falls
 * mostly on the thread that faults the records in ahead of the run (prefault.ts).
 *
 * How: glibc reads its tunables only when a process starts, and Node offers no madvise, so the
 * command starts itself again with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (glibc 2.35 or later:
 * large allocations get madvise(MADV_HUGEPAGE); older glibc ignores it and the run is as before).
 * The child does the whole run with the same arguments; the parent has already checked them, so a
 * bad scenario never gets this far. Off when the records would be under LARGE_RECORDS (the child's
 * start-up, about 0.1 s, would cost more than it saves), off the fast path, off Linux, when the
 * tunable is already set, and with POINTS_POOL_HUGE_PAGES=0. If the child cannot be started, the
 * run goes on in this process.
 */
import { spawnSync } from 'node:child_process';

/** the environment variable that turns this off (0) and marks the child (1) */
export const HUGE_PAGES_ENV = 'POINTS_POOL_HUGE_PAGES';
const TUNABLE = 'glibc.malloc.hugetlb=1';

/** whether a run whose slot records take `recordBytes` should be relaunched with huge pages */
export function wantsHugePages(recordBytes: number, threshold: number, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): boolean {
  if (platform !== 'linux' || recordBytes < threshold) return false;
  if (env[HUGE_PAGES_ENV] !== undefined) return false;
  return !(env['GLIBC_TUNABLES'] ?? '').includes('glibc.malloc.hugetlb');
}

/** the child's environment: the tunable added to any the caller set, and the mark */
export function hugePagesEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tunables = env['GLIBC_TUNABLES'];
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${TUNABLE}` : TUNABLE, [HUGE_PAGES_ENV]: '1' };
}

/**
 * Run this command again with `argv` in a child with huge pages, its output and errors this
 * process's own; `stdin` is the scenario text when it came from standard input (read already).
 * Returns the child's exit code, or null when it could not start (the caller runs in-process).
 */
export function relaunchWithHugePages(argv: string[], stdin: string | null): number | null {
  const script = process.argv[1];
  if (script === undefined) return null;
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: [stdin === null ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    input: stdin ?? undefined,
    env: hugePagesEnv(),
  });
  if (child.error !== undefined) return null;
  // a child ended by a signal: the shell's convention, 128 + the signal's number
  if (child.status === null) return child.signal === 'SIGINT' ? 130 : child.signal === 'SIGTERM' ? 143 : 1;
  return child.status;
}
