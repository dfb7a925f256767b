/**
 * `ROUNDS=8 npx tsx bench/explorer-amounts.ts`: what the order-amount cache (engine flow/amounts.ts)
 * and the worker's preparation (src/explorer/prepare.ts) save on the released value's full run of a
 * drag, in node: the default scenario at 300 buyers a day through run.ts runRequest, as the worker
 * runs it (its BufferPool installed, buffers warm), CPU time (user + system) of the run alone, in
 * interleaved rounds of three: cold (the amount cache on, nothing kept for the run's seed: it draws
 * and keeps its amounts as it goes), warm (the same, after the worker's preparation that follows a
 * full run of the default year, 100 a day, of that seed: PREPARE_AHEAD times its orders drawn ahead,
 * not timed) and off (no cache, as the command runs). A seed of its own each round,
 * so that no run finds a result kept (run.ts KEPT_RUNS) or amounts kept by another round.
 * Prints medians and each round's figures. A measurement, not a test.
 */
import { BufferPool, keepAmounts } from '../src/engine/index.ts';
import { buildScenario } from '../src/explorer/params.ts';
import { DEFAULTS } from '../src/explorer/table.ts';
import { keepBuffers, KEEP_AMOUNTS, KEEP_BUFFERS, runRequest, type RunRequest } from '../src/explorer/run.ts';
import { Preparer } from '../src/explorer/prepare.ts';
import { med } from './explorer-trace.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 8);
const PER_DAY = Number(process.env['PER_DAY'] ?? 300);
const scenario = buildScenario({ ...DEFAULTS, perDay: PER_DAY }).scenario;
const req = (seed: number, s = scenario): RunRequest => ({ scenario: { ...s, flow: { ...(s['flow'] as object), seed } }, follow: null, stress: null });
/** the full run before the drag: the default year, after which the worker prepares (prepare.ts) */
const before = buildScenario(DEFAULTS).scenario;

keepBuffers(new BufferPool(KEEP_BUFFERS.desktop));
const cpu = (f: () => unknown): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

/** the preparation run to its end at once (no yielding: not timed) */
function prepare(r: RunRequest): number {
  const steps: (() => void)[] = [];
  const p = new Preparer((s) => steps.push(s));
  p.aim(r);
  let prepMs = 0;
  while (steps.length > 0) prepMs += cpu(steps.shift()!);
  return prepMs;
}

const rows: { cold: number; warm: number; off: number; prep: number }[] = [];
let seed = 5000;
for (let r = 0; r < ROUNDS + 2; r++) {
  const order = r % 3;
  const row = { cold: 0, warm: 0, off: 0, prep: 0 };
  for (let k = 0; k < 3; k++) {
    const which = (order + k) % 3;
    const s = seed++;
    if (which === 0) {
      keepAmounts(KEEP_AMOUNTS.desktop);
      row.cold = cpu(() => runRequest(req(s)));
    } else if (which === 1) {
      keepAmounts(KEEP_AMOUNTS.desktop);
      row.prep = prepare(req(s, before));
      row.warm = cpu(() => runRequest(req(s)));
    } else {
      keepAmounts(0);
      row.off = cpu(() => runRequest(req(s)));
    }
  }
  // two rounds to warm up the JIT
  if (r >= 2) rows.push(row);
}
const m = (f: (x: (typeof rows)[number]) => number) => `${med(rows.map(f)).toFixed(0)} ms [${rows.map((x) => f(x).toFixed(0)).join(', ')}]`;
console.log(`${PER_DAY} a day, runRequest CPU, medians of ${rows.length} interleaved rounds:`);
console.log(`  cache on, cold: ${m((x) => x.cold)}`);
console.log(`  cache on, warm (prepared ahead): ${m((x) => x.warm)}; the preparation itself ${m((x) => x.prep)}`);
console.log(`  cache off: ${m((x) => x.off)}`);
