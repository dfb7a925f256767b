/**
 * Transparent huge pages for a large single run (Linux with glibc). A run of millions of buyers
 * reads its records (the slots' records and the active list, hundreds of MB) at scattered places,
 * a few reads a sale. With the usual 4 KB pages nearly each such read also misses the processor's
 * address cache (the TLB reaches a few MB) and waits on a walk of the page tables as well as on the
 * line itself; with 2 MB pages most of those walks go. On bench/engine-10m.json (10M orders, 8M
 * sales) the main thread's own CPU time falls by about half a second (a 3.6-4.6 s run to 3.2-3.6 s,
 * interleaved runs on the project's 2-core machine).
 *
 * The kernel gives huge pages to memory that asks for them (`madvise`, the usual setting of
 * /sys/kernel/mm/transparent_hugepage/enabled). glibc's malloc asks for them on the large blocks it
 * maps, where V8 keeps array buffers, when its tunable `glibc.malloc.hugetlb=1` is set (glibc 2.35
 * and later), and glibc reads its tunables only as a process starts. So the command, once it has read
 * and checked a scenario whose run is large, starts itself again with the tunable: `process.execve`
 * replaces the process in place (the same process id, arguments and open files; nothing has been
 * written yet), and the new start reads the scenario file again. Nothing changes in the output: only
 * the size of the pages that hold the run's memory.
 *
 * Not when: not Linux, not glibc (musl) or a glibc before 2.35, huge pages `never` (none to have) or
 * `always` (given without asking), GLIBC_TUNABLES already names glibc.malloc.hugetlb (the restarted
 * command itself; also how a user keeps 4 KB pages: GLIBC_TUNABLES=glibc.malloc.hugetlb=0), or no
 * process.execve (Node before 22.15). The caller leaves out a scenario read from stdin (it cannot be
 * read twice).
 */
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** glibc's tunable that makes malloc ask for transparent huge pages on the blocks it maps */
export const HUGE_TUNABLE = 'glibc.malloc.hugetlb=1';

/** what the restart depends on, read from the host (hostForHugePages) or given by a test */
export interface HugeHost {
  platform: string;
  /** glibc's version at run time ("2.36"), or undefined where the C library is not glibc */
  glibc: string | undefined;
  /** /sys/kernel/mm/transparent_hugepage/enabled ("always [madvise] never"), or null where it cannot be read */
  thp: string | null;
  env: Record<string, string | undefined>;
  /** process.execve exists and may be called here (the main thread) */
  canRestart: boolean;
}

/** the environment to start again with, or null: no restart (see the module's comment for when) */
export function hugePagesEnv(h: HugeHost): Record<string, string | undefined> | null {
  if (h.platform !== 'linux' || !h.canRestart) return null;
  const m = /^(\d+)\.(\d+)/.exec(h.glibc ?? '');
  if (!m || Number(m[1]) * 1000 + Number(m[2]) < 2035) return null;
  if (!/\[madvise\]/.test(h.thp ?? '')) return null;
  const tunables = h.env['GLIBC_TUNABLES'] ?? '';
  if (/(^|:)glibc\.malloc\.hugetlb=/.test(tunables)) return null;
  return { ...h.env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_TUNABLE}` : HUGE_TUNABLE };
}

/** this process's host, as hugePagesEnv reads it */
export function hostForHugePages(): HugeHost {
  let thp: string | null = null;
  try {
    thp = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    thp = null;
  }
  const header = process.platform === 'linux' ? (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header : undefined;
  return {
    platform: process.platform,
    glibc: header?.glibcVersionRuntime,
    thp,
    env: process.env,
    canRestart: isMainThread && typeof (process as { execve?: unknown }).execve === 'function',
  };
}

/**
 * Start this command again with huge pages asked for, when the host allows (hugePagesEnv); returns
 * (and the run goes on in this process, with 4 KB pages) when it does not or the restart fails.
 */
export function restartWithHugePages(host: HugeHost = hostForHugePages()): void {
  const env = hugePagesEnv(host);
  if (env === null) return;
  try {
    (process as unknown as { execve: (file: string, args: string[], env: Record<string, string | undefined>) => never }).execve(
      process.execPath,
      [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
      env,
    );
  } catch {
    // the run goes on here
  }
}
