/**
 * The bare price recurrence: the yardstick the speed targets of issue 18 are measured against. A
 * plain float loop over a scenario's orders doing only RULEBOOK §3.1's pool, points and price
 * update (I = pool share x A; q = g x I / p; P += I; N += q; p = P / N): no buyers, no sales, no
 * exits, no metrics. Whatever the engine does beyond this is its overhead; a ratio to this time,
 * taken in the same run, says how fast the engine is with the machine's load divided out.
 *
 * Two footings (bench/targets.ts says which target takes which, and why): the loop timed inside
 * this process (`timeBare`), and the loop as a whole process of its own (`timeBareProcess`: `node`
 * starting, bench/bare-process.ts's one pass, exit), as the command it is compared with is timed.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { timeProcess, type Timed } from './proc.ts';

export interface BareRules {
  /** split.pool: the share of an order that enters the pool */
  pool: number;
  giftRatio: number;
  initialPrice: number;
}

/** n orders of `amount` through the recurrence; returns the final price (so that the loop is not optimised away). */
export function bareRecurrence(n: number, amount: number, r: BareRules): number {
  const I = r.pool * amount;
  const gI = r.giftRatio * I;
  let P = 0;
  let N = 0;
  let p = r.initialPrice;
  for (let i = 0; i < n; i++) {
    N += gI / p;
    P += I;
    p = P / N;
  }
  return p;
}

/**
 * One pass of the recurrence over n orders (after a warm-up pass of 100,000): its wall time, and
 * this process's CPU time meanwhile (user + system; on a loaded machine the wall time includes
 * waiting for a core, the CPU time does not), both in ms.
 */
export function timeBare(n: number, amount: number, r: BareRules): { ms: number; cpuMs: number; price: number } {
  if (bareRecurrence(100_000, amount, r) <= 0) throw new Error('bare recurrence: the price fell to 0');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const p = bareRecurrence(n, amount, r);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!(p > 0)) throw new Error('bare recurrence: no price');
  return { ms, cpuMs: (c.user + c.system) / 1000, price: p };
}

let bundle: string | undefined;
/**
 * bench/bare-process.ts bundled by esbuild into one plain JavaScript file (as scripts/build-lib.ts
 * bundles the commands), once per process, into a temporary folder: what `timeBareProcess` runs.
 */
export function bareProcessFile(): string {
  if (bundle === undefined) {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-bare-')), 'bare.js');
    buildSync({ entryPoints: [fileURLToPath(new URL('./bare-process.ts', import.meta.url))], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
    bundle = out;
  }
  return bundle;
}

/**
 * The recurrence over n orders as a whole process (`node bare.js ...`: start, one pass, exit), timed
 * from outside as the commands are (bench/proc.ts: wall time); `price` is what it printed, and its
 * CPU time the one it printed at the end (process.cpuUsage: every thread since `node` started, to
 * the microsecond; GNU time's 10 ms steps are a tenth of this process's 0.1 s).
 */
export function timeBareProcess(n: number, amount: number, r: BareRules, node = process.execPath): Timed & { price: number } {
  const t = timeProcess(node, [bareProcessFile(), String(n), String(amount), String(r.pool), String(r.giftRatio), String(r.initialPrice)]);
  const [price, cpuMicros] = t.stdout.trim().split(' ').map(Number);
  if (!(price! > 0) || !(cpuMicros! > 0)) throw new Error(`bare recurrence process: no price and CPU time (printed ${JSON.stringify(t.stdout)})`);
  return { ...t, cpuS: cpuMicros! / 1e6, price: price! };
}
