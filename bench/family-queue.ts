/**
 * Queue rebate benchmark (RULEBOOK §9.4; not a test, it asserts nothing): events (orders and completions, bench/family-events.ts) a second on the
 * fast path through the family's day loop (runFamily: the order flow, the ledger, the queue), fifo
 * and even, at 1 million and 10 million orders over a year (f 0.16, k 1, lognormal amounts of mean
 * 1,000 so that the even queue's targets differ), and memory per order. Medians of several runs,
 * each in a fresh process so that memory figures are its own.
 *
 *   BENCH_RUNS=3 BENCH_SIZES=1e6,1e7 BENCH_MODES=fifo,even npx tsx bench/family-queue.ts
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fast } from '../src/engine/arith.ts';
import { runFamily, type FamilyScenario } from '../src/engine/family/run.ts';
import { QueueModel } from '../src/engine/models/queue/queue.ts';
import { validateScenario } from '../src/engine/scenario/index.ts';
import { familyEvents } from './family-events.ts';

export function queueYear(orders: number, mode: 'fifo' | 'even'): FamilyScenario {
  const v = validateScenario({
    model: { kind: 'queue', mode, k: 1 },
    rules: { split: { cost: 0.6, platform: 0.24, pool: 0.16, distribution: 0 } },
    flow: { days: 365, seed: 1, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.5 }, buyers: { perDay: orders / 365 } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FamilyScenario;
}

/** one run in this process: prints a JSON line */
function child(orders: number, mode: 'fifo' | 'even'): void {
  const s = queueYear(orders, mode);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = runFamily(fast, s);
  const ms = performance.now() - t0;
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  const L = out.ledger;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      ms,
      orders: L.orderCount,
      events: familyEvents(out),
      completed: L.completed,
      buyers: L.buyerCount,
      waiting: (out.model as QueueModel<number>).waiting,
      arrayBuffers: process.memoryUsage().arrayBuffers,
      peakRssGrowth: peakRss - rss0,
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const sizes = (process.env['BENCH_SIZES'] ?? '1e6,1e7').split(',').map(Number);
  const modes = (process.env['BENCH_MODES'] ?? 'fifo,even').split(',') as ('fifo' | 'even')[];
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const mode of modes) {
    for (const n of sizes) {
      const results = [];
      for (let r = 0; r < runs; r++) {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(n), mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (p.status !== 0) throw new Error(p.stderr);
        results.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
      }
      const first = results[0];
      const ms = median(results.map((x) => x.ms));
      rows.push({
        scenario: `${mode}, ${n.toExponential(0)} orders, 365 days`,
        orders: first.orders,
        completed: first.completed,
        waiting: first.waiting,
        'median ms': Math.round(ms),
        'runs ms': results.map((x) => Math.round(x.ms)).join(' '),
        'events/s': Math.round((first.events / ms) * 1000),
        'peak RSS growth B/order': Math.round(median(results.map((x) => x.peakRssGrowth)) / first.orders),
        'peak RSS growth B/buyer': Math.round(median(results.map((x) => x.peakRssGrowth)) / first.buyers),
      });
    }
  }
  console.log(`queue rebate, fast path (float64), runFamily end to end, median of ${runs} runs, node ${process.version}`);
  console.table(rows);
}

if (process.argv[2] === '--child') child(Number(process.argv[3]), process.argv[4] as 'fifo' | 'even');
else if (process.argv[1] === fileURLToPath(import.meta.url)) main();
