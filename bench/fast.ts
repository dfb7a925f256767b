/**
 * Fast-path benchmark (part of `npm run bench`; not a test, it asserts nothing): events per second
 * end to end with metrics on (orders, sales and forced exits together), and memory per buyer, on a
 * 1-million-order and a 10-million-order year with a 1% daily sell rate and forced exits at 3x.
 * Medians of several runs; each run in a fresh process so that memory figures are its own. A size
 * may give its days: 1e7x500 is 10 million orders over 500 days (issue 18's platform scale).
 *
 *   BENCH_RUNS=5 BENCH_SIZES=1e6,1e7,1e7x500 npm run --silent bench
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SeedBook } from '../src/engine/models/seed/book.ts';
import { validateScenario, type FlowScenarioV1 } from '../src/engine/scenario/index.ts';
import { simulateFlow } from '../src/engine/flow/simulate.ts';

export function yearOf(orders: number, days = 365): FlowScenarioV1 {
  const v = validateScenario({
    rules: { exitMultiple: 3 },
    flow: { days, seed: 1, orderAmount: 1000, buyers: { perDay: orders / days }, sell: { ratePerDay: 0.01, portion: 1 } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FlowScenarioV1;
}

/** one run in this process: prints a JSON line */
function child(orders: number, days: number): void {
  const s = yearOf(orders, days);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = simulateFlow(s);
  const ms = performance.now() - t0;
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  const c = out.result.counts;
  const mem = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({ ms, orders: c.orders, sales: c.sales, exits: c.forcedExits, users: c.users, active: c.activeUsers, arrayBuffers: mem.arrayBuffers, peakRss, peakRssGrowth: peakRss - rss0 }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const runs = Number(process.env['BENCH_RUNS'] ?? 5);
  // orders, or orders x days
  const sizes = (process.env['BENCH_SIZES'] ?? '1e6,1e7').split(',').map((x) => {
    const [n, d] = x.split('x');
    return { n: Number(n), days: d === undefined ? 365 : Number(d) };
  });
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const { n, days } of sizes) {
    const results = [];
    for (let r = 0; r < runs; r++) {
      const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(n), String(days)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (p.status !== 0) throw new Error(p.stderr);
      results.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
    }
    const first = results[0];
    const events = first.orders + first.sales + first.exits;
    const ms = median(results.map((x) => x.ms));
    rows.push({
      scenario: `${n.toExponential(0)} orders, ${days} days, sell 1%/day, exit 3x`,
      orders: first.orders,
      sales: first.sales,
      'forced exits': first.exits,
      'median ms': Math.round(ms),
      'events/s': Math.round((events / ms) * 1000),
      'typed arrays B/buyer': Math.round(first.arrayBuffers / first.users),
      'peak RSS growth B/buyer': Math.round(median(results.map((x) => x.peakRssGrowth)) / first.users),
      'peak RSS B/buyer': Math.round(median(results.map((x) => x.peakRss)) / first.users),
      'active at the end': first.active,
    });
  }
  console.log(
    `fast path (float64, typed arrays), end to end with metrics, median of ${runs} runs, node ${process.version}; by design ${SeedBook.BYTES_PER_USER} B a buyer and ${SeedBook.BYTES_PER_ACTIVE} B an active one (peak RSS includes tsx, about 60 MB more than the built command)`,
  );
  console.table(rows);
}

if (process.argv[2] === '--child') child(Number(process.argv[3]), Number(process.argv[4] ?? 365));
else if (process.argv[1] === fileURLToPath(import.meta.url)) main();
