/**
 * `DIRS=/path/a/dist,/path/b/dist LOCALES=en,zh RUNS=5 npx tsx bench/lighthouse-ab.ts`: Lighthouse's
 * mobile performance of the explorer for two (or more) builds, interleaved run by run (a, b, b, a,
 * ...), so that the machine's load, which moves Lighthouse's figures a great deal on a shared
 * machine, falls on each build alike. Prints each run (score, total blocking time, Lighthouse's
 * benchmark index of the machine at the time) and each build's median and minimum. Each build is
 * served gzip-compressed, as bench:targets serves it. A measurement, not a test.
 */
import { launchForLighthouse, lighthouseRun, median } from '../scripts/lighthouse.ts';
import { startStaticServer } from '../test/browser/serve.ts';

const dirs = (process.env['DIRS'] ?? '').split(',').filter(Boolean);
if (dirs.length < 1) throw new Error('DIRS: the dist/ folders to compare, comma-separated');
const locales = (process.env['LOCALES'] ?? 'en,zh').split(',');
const RUNS = Number(process.env['RUNS'] ?? 5);
const servers = await Promise.all(dirs.map((d) => startStaticServer(d, { gzip: true })));
const chrome = await launchForLighthouse();
type Row = { perf: number; tbt: number; bi: number };
const rows = new Map<string, Row[]>();
try {
  for (let r = 0; r < RUNS; r++) {
    for (const locale of locales) {
      const order = r % 2 ? [...dirs.keys()].reverse() : [...dirs.keys()];
      for (const i of order) {
        const x = await lighthouseRun(chrome.port, `${servers[i]!.origin}/${locale}/explore/`, false);
        const row = { perf: x.scores.performance, tbt: Math.round(x.metrics['total-blocking-time'].value), bi: Math.round(x.benchmarkIndex) };
        const key = `${dirs[i]} /${locale}/explore/`;
        rows.set(key, [...(rows.get(key) ?? []), row]);
        console.log(`run ${r + 1} ${key}: performance ${row.perf}, TBT ${row.tbt} ms, benchmark index ${row.bi}, longest tasks ${x.longTasks.slice(0, 3).map((t) => `${t.url.replace(/^\/_astro\//, '')} ${Math.round(t.ms)}`).join(', ')}`);
      }
    }
  }
} finally {
  await chrome.kill();
  for (const s of servers) await s.close();
}
for (const [key, v] of rows) {
  const perf = v.map((x) => x.perf);
  console.log(`${key}: performance median ${median(perf)}, minimum ${Math.min(...perf)} [${perf.join(', ')}]; TBT median ${median(v.map((x) => x.tbt))} ms [${v.map((x) => x.tbt).join(', ')}]; benchmark index ${v.map((x) => x.bi).join(', ')}`);
}
