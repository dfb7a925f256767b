/**
 * A process timed end to end for the benchmarks: wall time (from this process), and, when the
 * machine has GNU time (/usr/bin/time), CPU time (user + system, all threads) and peak resident
 * memory. On a loaded machine the wall time is mostly waiting for a core; CPU time shows the work.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';

export interface Timed {
  ms: number;
  /** user + system seconds, all threads; null without /usr/bin/time */
  cpuS: number | null;
  /** peak resident set size in bytes; null without /usr/bin/time */
  peakRss: number | null;
  stdout: string;
}

/** Run `cmd args` to completion (stdout kept, stderr shown on failure), timed. */
export function timeProcess(cmd: string, args: string[], opts: { cwd?: string; keepStdout?: boolean } = {}): Timed {
  const withTime = existsSync(TIME);
  const dir = withTime ? mkdtempSync(join(tmpdir(), 'bench-time-')) : '';
  const out = join(dir, 'time');
  const [c, a] = withTime ? [TIME, ['-f', '%U %S %M', '-o', out, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const p = spawnSync(c, a, { cwd: opts.cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', opts.keepStdout === false ? 'ignore' : 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  let cpuS: number | null = null;
  let peakRss: number | null = null;
  if (withTime) {
    const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(readFileSync(out, 'utf8'));
    if (m) {
      cpuS = Number(m[1]) + Number(m[2]);
      peakRss = Number(m[3]) * 1024;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit code ${p.status}): ${p.stderr}`);
  return { ms, cpuS, peakRss, stdout: p.stdout ?? '' };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
