/**
 * The bare price recurrence: the yardstick the speed targets of issue 18 are measured against. A
 * plain float loop over a scenario's orders doing only RULEBOOK §3.1's pool, points and price
 * update (I = pool share x A; q = g x I / p; P += I; N += q; p = P / N): no buyers, no sales, no
 * exits, no metrics. Whatever the engine does beyond this is its overhead; a ratio to this time,
 * taken in the same run, says how fast the engine is with the machine's load divided out.
 */
import { performance } from 'node:perf_hooks';

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
export function timeBare(n: number, amount: number, r: BareRules): { ms: number; cpuMs: number } {
  if (bareRecurrence(100_000, amount, r) <= 0) throw new Error('bare recurrence: the price fell to 0');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const p = bareRecurrence(n, amount, r);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!(p > 0)) throw new Error('bare recurrence: no price');
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}
