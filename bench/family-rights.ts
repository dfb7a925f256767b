/**
 * Dividend rights on the fast path (RULEBOOK §9.5; not a test, it asserts nothing): events (orders and completions, bench/family-events.ts) a second
 * end to end through the family's day loop (runFamily), on a 1-million-order and a 10-million-order
 * year: the rulebook's example (U 500, k 1, cap 1 a day, f 0.16) with lognormal orders of mean 500
 * (cv 0.5), so that an order makes no right, one or several, and the fund runs short within the year;
 * and the same flow with cap 50 a day and f 0.5, where rights are paid in full after ten days or so
 * (the heap's completions at work). Medians of several runs, each in a fresh process.
 *
 *   BENCH_RUNS=3 BENCH_SIZES=1e6,1e7 npx tsx bench/family-rights.ts
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fast } from '../src/engine/arith.ts';
import { type FamilyScenario, runFamily } from '../src/engine/family/run.ts';
import { validateScenario } from '../src/engine/scenario/index.ts';
import { familyEvents } from './family-events.ts';

export const VARIANTS = {
  'cap 1, f 0.16': { capPerDay: 1, split: { cost: 0.6, distribution: 0, platform: 0.24, pool: 0.16 } },
  'cap 50, f 0.5': { capPerDay: 50, split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } },
} as const;
type Variant = keyof typeof VARIANTS;

export function rightsYear(orders: number, variant: Variant = 'cap 1, f 0.16'): FamilyScenario {
  const { capPerDay, split } = VARIANTS[variant];
  const v = validateScenario({
    model: { kind: 'rights', unit: 500, k: 1, capPerDay },
    rules: { split },
    flow: { days: 365, seed: 1, orderAmount: { kind: 'lognormal', mean: 500, cv: 0.5 }, buyers: { perDay: orders / 365 } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FamilyScenario;
}

function child(orders: number, variant: Variant): void {
  const s = rightsYear(orders, variant);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = runFamily(fast, s);
  const ms = performance.now() - t0;
  const peakRssGrowth = process.resourceUsage().maxRSS * 1024 - rss0;
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const first = r.days.find((d) => d.defaults !== 0)?.day ?? null;
  console.log(JSON.stringify({ ms, orders: r.ledger.orderCount, events: familyEvents(r), buyers: r.ledger.buyerCount, rights: r.ledger.entryCount, completed: r.ledger.completed, firstUnderCap: first, peakRss: process.resourceUsage().maxRSS * 1024, peakRssGrowth }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const sizes = (process.env['BENCH_SIZES'] ?? '1e6,1e7').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    for (const n of sizes) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(n), variant], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (p.status !== 0) throw new Error(p.stderr);
        results.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
      }
      const f = results[0];
      const ms = median(results.map((x) => x.ms));
      rows.push({
        variant,
        orders: f.orders,
        rights: f.rights,
        completed: f.completed,
        firstUnderCap: f.firstUnderCap,
        'median s': +(ms / 1000).toFixed(2),
        'events/s': Math.round(f.events / (ms / 1000)),
        'runs (s)': results.map((x) => (x.ms / 1000).toFixed(2)).join(' '),
        'peak RSS MB': Math.round(median(results.map((x) => x.peakRss)) / 2 ** 20),
        'peak RSS growth B/buyer': Math.round(median(results.map((x) => x.peakRssGrowth)) / f.buyers),
      });
    }
  }
  console.table(rows);
}

// run only as a script (the scenario may be imported)
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') child(Number(process.argv[3]), process.argv[4] as Variant);
  else main();
}
