/**
 * `DIRS=,/path/to/other/dist ROUNDS=3 npx tsx bench/explorer-scale.ts`: where the explorer's
 * 10-million-buyer run (issue 18's "scale in the browser": the engine scenario's address, bench/scale-scenario.ts; FLOW=default: the explorer's default flow at that size; deviceMemory 8)
 * spends its time, from a Chromium performance trace of the whole browser (bench/explorer-trace.ts):
 * each thread's own CPU time (the machine's other load changes it far less than wall time), the
 * full run's task on the page's clock, the run's worker's garbage collection, and the page's moments
 * (first chart of the run, the charts' last change). DIRS lists the builds to measure (empty: this
 * one's dist/), rounds alternating their order (interleaved A/B). Q=... measures another address;
 * VERBOSE=1 lists the tasks over 50 ms; TRACE_OUT=FILE keeps the last trace, with the V8 sampling
 * profiler's samples (per-function self time of each thread). A measurement, not a test.
 *
 * What it found at ee874c6 (2 loaded cores, Chromium 156; thread times, builds interleaved):
 * - the full run is one task on one worker, 4.6-4.8 s of thread time on the engine scenario (6.5-6.7 s
 *   on the default flow); the coarse run is on the other worker (about 0.1 s), so they do not queue;
 *   the run starts 0.7-1.1 s after opening (page, hydration, the worker's script compiled and run) and
 *   its charts are drawn within about 30 ms of its end; progress posts cost nothing measurable;
 *   the result posted is about 0.35 MB (no big arrays to transfer).
 * - two costs the command on Node does not have, both in the engine: the generator's state in four
 *   object fields (flow/rng.ts) takes a fresh heap number on most draws under Chromium's 31-bit small
 *   integers (pointer compression): 425 minor GCs a run on the default flow, 14 on the engine
 *   scenario; kept in an Int32Array, 90, and 6.5 -> 5.9 s. And records.ts's RECORD_SHIFT of 48
 *   (right for glibc's mmap under Node) misaligns the records in Chromium's buffers: 0 or 32 take
 *   10-17% less (engine scenario 4.6 -> 3.8 s with both changes).
 * At 3579fce -> the early start (src/explorer/early.ts: the page's script makes the first worker and
 * it starts the address's full run before the island hydrates; measured on a machine at load 25-30
 * on 2 cores, so wall times are 5-7x the quiet ones; 8 interleaved pairs): the full run's task starts at
 * 567-1845 ms on the page's clock (median about 1.39 s) against 709-3894 ms (about 2.08 s), after
 * 109-120 ms of the page's main thread against 142-329 ms; its thread time is unchanged (about 4.1-4.4 s
 * both); the coarse preview comes a little later (median about 3.5 s against 3.0 s at that load: it
 * now shares the cores with the full run) and still first.
 */
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
import { chartsQuiet, openExplorer, pageLog, settled } from './explorer-page.ts';
import { DEFAULT_FLOW_QUERY, SCALE_QUERY } from './scale-scenario.ts';
import { med, TRACE_CATEGORIES, threadLine, threadTimes, type ThreadTimes } from './explorer-trace.ts';

const dirs = (process.env['DIRS'] ?? '').split(',');
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const QUERY = process.env['Q'] ?? (process.env['FLOW'] === 'default' ? DEFAULT_FLOW_QUERY : SCALE_QUERY);
const VERBOSE = process.env['VERBOSE'] === '1';
const TRACE_OUT = process.env['TRACE_OUT'];
const servers = await Promise.all(dirs.map((d) => startStaticServer(d || undefined)));
const browser = await launchChromium();

interface Figures extends ThreadTimes {
  coarse: number;
  final: number;
  status: string;
}
const res: Record<string, Figures[]> = {};

async function measure(i: number) {
  // the whole browser's trace (every renderer and worker thread), from before the page opens
  await browser.startTracing(undefined, { categories: [...TRACE_CATEGORIES, ...(TRACE_OUT ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
  const p = await openExplorer(browser, servers[i]!.origin, { query: QUERY, deviceMemory: 8 });
  await settled(p, 120_000);
  const last = await chartsQuiet(p, 500, 30_000);
  const l = await pageLog(p);
  const requested = Number(await p.getAttribute('.explorer', 'data-requested-id'));
  const first = l.frames.find((f) => f.shown === requested);
  const status = await p.locator('[data-status]').innerText();
  const buf = await browser.stopTracing();
  if (TRACE_OUT) writeFileSync(TRACE_OUT, buf);
  await p.close();
  const f: Figures = { ...threadTimes(buf, '/explore/'), coarse: first?.t ?? NaN, final: last, status };
  const key = dirs[i] || 'this build';
  (res[key] ??= []).push(f);
  console.log(`${key}: first chart ${f.coarse.toFixed(0)} ms, last chart change ${f.final.toFixed(0)} ms; ${threadLine(f)}; ${status}`);
  if (VERBOSE) console.log(`  tasks over 50 ms: ${f.long.map((t) => `${t.thread}@${t.at.toFixed(0)} ${t.ms.toFixed(0)} ms (thread ${t.cpu.toFixed(0)})`).join('; ')}`);
}

for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < dirs.length; i++) await measure(r % 2 ? dirs.length - 1 - i : i);
const ms = (x: number) => `${x.toFixed(0)} ms`;
for (const [k, v] of Object.entries(res)) {
  console.log(
    `${k}: medians of ${v.length}: first chart ${ms(med(v.map((x) => x.coarse)))}, last chart change ${ms(med(v.map((x) => x.final)))}; the full run's task: thread time ${ms(med(v.map((x) => x.run.cpu)))} [${v.map((x) => x.run.cpu.toFixed(0)).join(', ')}], ` +
      `from ${ms(med(v.map((x) => x.run.from)))} to ${ms(med(v.map((x) => x.run.to)))}, after ${ms(med(v.map((x) => x.mainBefore)))} of the page's main thread [${v.map((x) => x.mainBefore.toFixed(0)).join(', ')}]; main thread ${ms(med(v.map((x) => x.main)))}, all workers ${ms(med(v.map((x) => x.workers.reduce((a, b) => a + b, 0))))}; run's worker GC ${ms(med(v.map((x) => Object.values(x.gc).reduce((a, g) => a + g.ms, 0))))}`,
  );
}
await browser.close();
for (const s of servers) await s.close();
