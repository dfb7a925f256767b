/**
 * The bare price recurrence as a process of its own (bench/targets.ts runs it): `node bare.js N
 * AMOUNT POOL GIFT_RATIO INITIAL_PRICE` starts, runs bench/bare.ts's loop once over N orders,
 * prints the final price and its CPU time, and exits. Built by esbuild into one file like the commands it is compared
 * with (lib/bin/simulate.js), so that both are timed on the same footing: a whole process, from
 * `node` starting to its exit. See targets.ts for why. It prints the price and its CPU time so far.
 */
import { bareRecurrence } from './bare.ts';

const [n, amount, pool, giftRatio, initialPrice] = process.argv.slice(2).map(Number);
if (![n, amount, pool, giftRatio, initialPrice].every((x) => Number.isFinite(x)) || !Number.isInteger(n) || n! < 0) {
  process.stderr.write('usage: node bare.js N AMOUNT POOL GIFT_RATIO INITIAL_PRICE (numbers; N a whole number of orders)\n');
  process.exit(2);
}
const p = bareRecurrence(n!, amount!, { pool: pool!, giftRatio: giftRatio!, initialPrice: initialPrice! });
if (!(p > 0)) {
  process.stderr.write(`bare recurrence: no price (${p})\n`);
  process.exit(1);
}
// and the process's CPU time so far, user + system, in microseconds (GNU time's is in steps of 10 ms, a tenth of this process)
const c = process.cpuUsage();
process.stdout.write(`${p} ${c.user + c.system}\n`);
