/**
 * The explorer's back-office profile (model `office`, RULEBOOK §9.2) at its default flow (about
 * 368,000 orders), run as the page's worker runs it (src/explorer/run.ts runRequest): the coarse
 * preview, the full run on the rounded float book, and the exact run the page offers one click away;
 * the seed's model on the same buyers beside it. Not a test: it asserts nothing. Each kind is run
 * BENCH_RUNS times, interleaved (the machine is shared), and reported as the median of CPU time
 * (user + system) and of wall time, in ms. The exact run takes seconds: BENCH_EXACT=0 leaves it out.
 *
 *   BENCH_RUNS=5 npx tsx bench/explorer-office.ts
 */
import { COARSE_BUYERS } from '../src/explorer/client.ts';
import { buildScenario, DEFAULTS } from '../src/explorer/params.ts';
import { runRequest, type RunRequest } from '../src/explorer/run.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const withExact = process.env.BENCH_EXACT !== '0';
const office = buildScenario({ ...DEFAULTS, model: 'office' }).scenario;
const seed = buildScenario({ ...DEFAULTS, model: 'seed' }).scenario;

const KINDS: Array<[string, RunRequest]> = [
  ['seed, coarse', { scenario: seed, follow: null, stress: null, coarseBuyers: COARSE_BUYERS }],
  ['seed, full', { scenario: seed, follow: null, stress: null }],
  ['office, coarse', { scenario: office, follow: null, stress: null, coarseBuyers: COARSE_BUYERS }],
  ['office, full (rounded float book)', { scenario: office, follow: null, stress: null }],
  ...(withExact ? ([['office, exact', { scenario: office, follow: null, stress: null, exact: true }]] as Array<[string, RunRequest]>) : []),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu: Record<string, number[]> = {};
const wall: Record<string, number[]> = {};
const what: Record<string, string> = {};
for (let i = 0; i < runs; i++) {
  for (const [name, req] of KINDS) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = runRequest(req);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    (cpu[name] ??= []).push((c.user + c.system) / 1000);
    (wall[name] ??= []).push(ms);
    what[name] = `coarse ${out.coarse}, rounding ${out.rounding ?? 'none'}, ${out.result.counts.orders} orders, ${out.result.engine.mode}`;
  }
}
for (const [name] of KINDS) console.log(`${name.padEnd(36)} cpu ${median(cpu[name]!).toFixed(0).padStart(6)} ms  wall ${median(wall[name]!).toFixed(0).padStart(6)} ms  (${what[name]}; median of ${runs})`);
