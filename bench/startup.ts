/**
 * Start-up of the installed command (`npm run bench:startup`; not a test, it asserts nothing):
 * the package packed and installed into a fresh folder (test/package/pack.ts), then
 * `node node_modules/.bin/points-pool-simulate one-order.json` timed end to end, median of
 * BENCH_RUNS (default 10), on this Node and on the machine's own (Node 20 here), interleaved with
 * `node -e 0` (the floor: Node starting and doing nothing) so that the machine's load shows. And for
 * comparison, the same run from the checkout through npm and tsx (`npm run --silent simulate`).
 * CPU time (user + system, from /usr/bin/time when the machine has it) beside wall time: on a
 * loaded machine the wall time is mostly waiting for a core.
 *
 *   BENCH_RUNS=10 npm run --silent bench:startup
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packAndInstall, ROOT, systemNodes } from '../test/package/pack.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const pkg = packAndInstall();
writeFileSync(join(pkg.dir, 'one-order.json'), JSON.stringify({ script: [{ order: { user: 'A', amount: 1000 } }] }));

const nodes = [{ path: process.execPath, version: process.version }, ...systemNodes().filter((n) => n.version !== process.version)];
const cases: { name: string; cmd: string; args: string[]; cwd: string }[] = [];
for (const n of nodes) {
  cases.push({ name: `node -e 0 (${n.version})`, cmd: n.path, args: ['-e', '0'], cwd: pkg.dir });
  cases.push({ name: `installed points-pool-simulate (${n.version})`, cmd: n.path, args: [pkg.bin('points-pool-simulate'), 'one-order.json'], cwd: pkg.dir });
}
cases.push({ name: 'npm run --silent simulate (checkout, tsx)', cmd: 'npm', args: ['run', '--silent', 'simulate', '--', join(pkg.dir, 'one-order.json')], cwd: ROOT });

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpuFile = join(mkdtempSync(join(tmpdir(), 'startup-')), 'cpu');
const times = new Map(cases.map((c) => [c.name, [] as number[]]));
const cpu = new Map(cases.map((c) => [c.name, [] as number[]]));
for (let i = 0; i < RUNS; i++) {
  for (const c of cases) {
    const [cmd, args] = TIME ? [TIME, ['-f', '%U %S', '-o', cpuFile, c.cmd, ...c.args]] : [c.cmd, c.args];
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: c.cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${c.name} failed (exit code ${r.status})`);
    times.get(c.name)!.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (TIME) {
      const [u, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      cpu.get(c.name)!.push((u! + sys!) * 1000);
    }
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(`start-up on a one-order scenario, median of ${RUNS} (load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`  wall ms${TIME ? '  cpu ms' : ''}`);
for (const [name, xs] of times) console.log(`${median(xs).toFixed(0).padStart(9)}${TIME ? median(cpu.get(name)!).toFixed(0).padStart(8) : ''}  ${name}`);
for (const d of [pkg.dir, dirname(pkg.tgz), dirname(cpuFile)]) rmSync(d, { recursive: true, force: true });
