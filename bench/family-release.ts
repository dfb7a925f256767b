/**
 * The daily release's benchmark (RULEBOOK §9.3; not a test, it asserts nothing): orders a second
 * through the family's day loop on the fast path, events (orders and completions, bench/family-events.ts) a second (runFamily: the order flow, the ledger, the
 * release's records), the time to ask paidBy of every promise once at the run's end, and to find
 * for every promise by binary search the first day it had been paid half its cost (what the
 * cohorts read), on a 1-million-order and a 10-million-order year of
 * lognormal orders (mean 1,000, cv 0.6), f 0.16, k 1, r 0.001, both modes. Medians of several runs,
 * each in a fresh process; wall-clock and CPU time (the process's own, which a shared machine's
 * load inflates less).
 *
 *   BENCH_RUNS=3 BENCH_SIZES=1e6,1e7 npx tsx bench/family-release.ts
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fast } from '../src/engine/arith.ts';
import { runFamily, type FamilyScenario } from '../src/engine/family/run.ts';
import { validateScenario } from '../src/engine/scenario/index.ts';
import { familyEvents } from './family-events.ts';

const OF = ['original', 'remaining'] as const;

export function releaseYear(orders: number, of: (typeof OF)[number]): FamilyScenario {
  const v = validateScenario({
    model: { kind: 'release', k: 1, ratePerDay: 0.001, of },
    rules: { split: { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } },
    flow: { days: 365, seed: 1, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.6 }, buyers: { perDay: orders / 365 } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FamilyScenario;
}

/** one run in this process: prints a JSON line */
function child(orders: number, of: (typeof OF)[number]): void {
  const s = releaseYear(orders, of);
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const c0 = cpu();
  const out = runFamily(fast, s);
  const ms = performance.now() - t0;
  const cpuMs = cpu() - c0;
  const peakRssGrowth = process.resourceUsage().maxRSS * 1024 - rss0;
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  const t1 = cpu();
  let sum = 0;
  for (let e = 0, n = out.ledger.entryCount; e < n; e++) sum += out.model.paidBy(e, 365);
  const paidByMs = cpu() - t1;
  // a cohort's question for every promise: the first day it had been paid half its cost, by binary
  // search over the days (9 questions each)
  const t2 = cpu();
  let found = 0;
  for (let e = 0, n = out.ledger.entryCount; e < n; e++) {
    const half = out.ledger.entryCost.get(e) / 2;
    let lo = 1;
    let hi = 366;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out.model.paidBy(e, mid) >= half) hi = mid;
      else lo = mid + 1;
    }
    if (lo <= 365) found++;
  }
  const searchMs = cpu() - t2;
  const firstDefault = out.days.find((d) => d.defaults > 0)?.day ?? null;
  console.log(JSON.stringify({ ms, cpuMs, paidByMs, searchMs, found, orders: out.ledger.orderCount, events: familyEvents(out), buyers: out.ledger.buyerCount, peakRssGrowth, paid: out.ledger.totals.paid, paidBySum: sum, firstDefault }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const sizes = (process.env['BENCH_SIZES'] ?? '1e6,1e7').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const n of sizes) {
    for (const of of OF) {
      const results = [];
      for (let r = 0; r < runs; r++) {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(n), of], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (p.status !== 0) throw new Error(p.stderr);
        results.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
      }
      const first = results[0];
      const ms = median(results.map((x) => x.ms));
      const cpuMs = median(results.map((x) => x.cpuMs));
      const paidByMs = median(results.map((x) => x.paidByMs));
      rows.push({
        scenario: `${n.toExponential(0)} orders, 365 days, ${of}`,
        orders: first.orders,
        'first default': first.firstDefault ?? 'none',
        'wall ms': Math.round(ms),
        events: first.events,
        'events/s (wall)': Math.round((first.events / ms) * 1000),
        'CPU ms': Math.round(cpuMs),
        'events/s (CPU)': Math.round((first.events / cpuMs) * 1000),
        'paidBy all, CPU ms': Math.round(paidByMs),
        'search all, CPU ms': Math.round(median(results.map((x) => x.searchMs))),
        'peak RSS growth B/buyer': Math.round(median(results.map((x) => x.peakRssGrowth)) / first.buyers),
        'paidBy sum / paid - 1': (first.paidBySum / first.paid - 1).toExponential(1),
      });
    }
  }
  console.log(`daily release, fast path (float64), runFamily end to end, median of ${runs} runs, node ${process.version}; the paidBy and search columns are CPU time`);
  console.table(rows);
}

if (process.argv[2] === '--child') child(Number(process.argv[3]), process.argv[4] as (typeof OF)[number]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) main();
