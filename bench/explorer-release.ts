/**
 * `DIRS=,/other/dist ROUNDS=3 npx tsx bench/explorer-release.ts`: where a pointer drag's release to
 * its final charts goes, from a Chromium trace of the drag (bench/explorer-page.ts pointerDrag: the
 * buyers slider from 100 to 300, 290, ... in 1.5 s, default scenario; Q=... for another address;
 * REST=ms: the pointer rests on the released value that long before the release, as a hand that has
 * found its value, so that the run the rest starts (client.ts DRAG_PAUSE) shows).
 * Split by threads, each part as wall time (what the reader waits) and thread time (CPU, which
 * machine load changes far less):
 * - wait: the release (pointerup) to the start of the worker task that computes the final run
 *   (a free worker takes it at once; a busy one makes it wait);
 * - run: that worker task (the engine's day loop, the metrics, building the result and posting it;
 *   their split is in node: `npx tsx bench/explorer-release.ts --node`, below);
 * - page: the end of the run to the charts' last change (the answer's message, the page's model of
 *   it, the charts' redraw and paint), with the main thread's own time over it;
 * - while the run ran: the thread time of the page's main thread and of the other workers inside
 *   the run's window (what took the second core, and more);
 * and the run's size (its buyers, orders, sales: a release at 300 a day is about three times the
 * default year). DIRS lists the builds (empty: this one's dist/), rounds alternating their order.
 *
 * What decides it (measured 30 November 2026, default drag to 300 a day, 1.1M buyers): the run's own
 * thread time, 190-250 ms, and the machine's noise (the same run took 171-415 ms of thread time across
 * drags). Not the page's major GC, which starts about 100 ms after the release ("approaching old
 * generation allocation limit"): in Chromium with V8's old generation made large
 * (CHROMIUM_PATH=a wrapper adding --js-flags=--initial-old-space-size=512, so that no major GC ran),
 * the page's main thread during the run fell from 32 to 18 ms and release -> last chart change did
 * not move (246 and 280 ms against 258 and 277 ms, medians of 7 drags, alternating).
 *
 * Measured again 30 November 2026, afternoon, after three changes: the engine no longer allocates a
 * heap number per order (the run's thread time 215 -> 202 ms, medians of 6 interleaved drags); the
 * address is written once the final run is on the page (Explorer.svelte): written 120 ms after the
 * release, it had Chromium's browser process and service worker take 20-40 ms of the cores during
 * the run (the run's wall time over its thread time, medians of per-drag gaps, 35 -> 12 ms). The
 * host's noise then decides: the same drag's run took 190 ms of thread time in one minute and 340 ms
 * in another (the day loop's random reads of a 35 MB book are what a busy host slows most).
 *
 * Measured 30 November 2026, evening, the targets' own sequence (21 key presses, then the drags to
 * 300, 290, 280; each drag traced): nothing else ran on the cores during the final run (other
 * workers 0 ms; the page's main thread 10-37 ms; V8's background marking about 12 ms), and the
 * run's wall time was within 15 ms of its thread time, 211-233 ms. Of that, in the worker: the day
 * loop 195-223 ms, the metrics 25-42 ms (a console.log build). In node the day loop costs about
 * 110 ns an event at 20, 100 and 300 buyers a day alike; a line profile at 300 puts about a quarter
 * of it on the two reads of a sale's pick (its slot's record, then its place in the active list),
 * which read ahead (book.ts AHEAD) already overlaps: AHEAD 128 was no better in the browser and
 * made the batch commands slower (Monte Carlo 11.6x -> 14.4x the bare recurrence). What is left is
 * the engine's own work a sale and an order.
 *
 * `--node`: the final run of the released value in node (what the worker runs: src/explorer/run.ts
 * runRequest), CPU time split into the engine's day loop (runFlow), the metrics (flowResult) and a
 * structured clone of the result (what posting it costs), medians of ROUNDS after two warm-up runs.
 * A measurement, not a test.
 */
import type { Page } from 'playwright-core';
import { med, type TraceEvent } from './explorer-trace.ts';
import { handFromEnv, interleavedDrags, pointerDrag } from './explorer-page.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
/** REST=ms and HAND=steps: explorer-page.ts handFromEnv */
const ms = (x: number) => `${x.toFixed(0)} ms`;


interface Split {
  wait: number;
  /** how long before the release the final run began (a rest's run: client.ts DRAG_STILL, DRAG_PAUSE), 0 if after */
  lead: number;
  runWall: number;
  runCpu: number;
  page: number;
  pageCpu: number;
  total: number;
  value: number;
  /** thread time of the page's main thread and of the other workers while the final run ran (each task's share inside the run's window) */
  mainDuring: number;
  workersDuring: number;
}

/** one drag, traced; the release's split */
async function tracedDrag(page: Page, to: number): Promise<Split> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const d = await pointerDrag(page, '#x-perDay-range', 100, to, 1500, handFromEnv());
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents as TraceEvent[];
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent) => names.get(`${e.pid}:${e.tid}`) ?? '';
  const ups = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerup');
  const up = ups[ups.length - 1]?.ts ?? NaN;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined);
  // the final run: the longest worker task running at or after the release (a run is one task: the worker reads no message until it is over)
  const runs = tasks.filter((e) => /DedicatedWorker/.test(thread(e)) && e.ts + e.dur! >= up).sort((a, b) => b.dur! - a.dur!);
  const run = runs[0];
  const runEnd = run ? run.ts + run.dur! : NaN;
  const end = up + d.releaseToFinal * 1000;
  const main = tasks.filter((e) => thread(e) === 'CrRendererMain' && e.ts >= runEnd && e.ts <= end);
  // what else ran on the cores meanwhile: each task's thread time in proportion to its overlap with the run
  const during = (keep: (e: TraceEvent) => boolean) => {
    if (!run) return NaN;
    const from = Math.max(run.ts, up);
    return tasks.filter((e) => e !== run && keep(e)).reduce((sum, e) => {
      const overlap = Math.min(runEnd, e.ts + e.dur!) - Math.max(from, e.ts);
      return overlap > 0 ? sum + ((e.tdur ?? 0) * overlap) / e.dur! : sum;
    }, 0) / 1000;
  };
  return {
    wait: run ? Math.max(0, run.ts - up) / 1000 : NaN,
    lead: run ? Math.max(0, up - run.ts) / 1000 : NaN,
    runWall: run ? (runEnd - Math.max(run.ts, up)) / 1000 : NaN,
    runCpu: run ? (run.tdur ?? 0) / 1000 : NaN,
    page: (end - runEnd) / 1000,
    pageCpu: main.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000,
    total: d.releaseToFinal,
    value: d.to,
    mainDuring: during((e) => thread(e) === 'CrRendererMain'),
    workersDuring: during((e) => /DedicatedWorker/.test(thread(e))),
  };
}

async function inBrowser() {
  const { dirs, results: res } = await interleavedDrags(ROUNDS, (page, to) => tracedDrag(page, to));
  for (const [i, dir] of dirs.entries()) {
    const xs = res[i]!;
    const m = (f: (s: Split) => number) => `${ms(med(xs.map(f)))} [${xs.map((s) => f(s).toFixed(0)).join(', ')}]`;
    console.log(`${dir || 'this build'}: release -> last chart change ${m((s) => s.total)} (released at ${xs.map((s) => s.value).join(', ')} a day)`);
    console.log(`  wait for a worker ${m((s) => s.wait)}; the run began before the release by ${m((s) => s.lead)}; the run in its worker ${m((s) => s.runWall)} wall, ${m((s) => s.runCpu)} thread time; its end to the charts' last change ${m((s) => s.page)}, main thread ${m((s) => s.pageCpu)} of it`);
    console.log(`  while the run ran: the page's main thread ${m((s) => s.mainDuring)} of thread time, the other workers ${m((s) => s.workersDuring)}`);
  }
}

async function inNode() {
  const { buildScenario } = await import('../src/explorer/params.ts');
  const { DEFAULTS } = await import('../src/explorer/table.ts');
  const { runRequest, validateFlow } = await import('../src/explorer/run.ts');
  const { bookFor, flowResult, runFlow } = await import('../src/engine/index.ts');
  for (const perDay of [DEFAULTS.perDay, 300]) {
    const scenario = buildScenario({ ...DEFAULTS, perDay }).scenario;
    const v = validateFlow(scenario);
    if (!v.ok) throw new Error('the default scenario does not validate');
    const cpu = (f: () => unknown) => {
      const c0 = process.cpuUsage();
      const out = f();
      const c = process.cpuUsage(c0);
      return { out, ms: (c.user + c.system) / 1000 };
    };
    const rows: { whole: number; loop: number; metrics: number; clone: number }[] = [];
    let bytes = 0;
    let counts = '';
    for (let r = 0; r < ROUNDS + 2; r++) {
      // a seed of its own each round: the worker keeps the runs it has made (run.ts KEPT_RUNS), and a kept one costs nothing
      const whole = cpu(() => runRequest({ scenario: { ...scenario, flow: { ...(scenario['flow'] as object), seed: 1000 + r } }, follow: null, stress: null }));
      const book = bookFor(v.scenario, { roundingOnFloats: true });
      const loop = cpu(() => runFlow(book, v.scenario));
      const run = loop.out as Extract<ReturnType<typeof runFlow>, { ok: true }>;
      const metrics = cpu(() => flowResult(run, v.scenario));
      const clone = cpu(() => structuredClone(whole.out));
      bytes = JSON.stringify(whole.out).length;
      const res = whole.out as { ok: true; result: { counts: { users: number; orders: number; sales: number } } };
      counts = `${res.result.counts.users.toLocaleString('en')} buyers, ${res.result.counts.orders.toLocaleString('en')} orders, ${res.result.counts.sales.toLocaleString('en')} sales`;
      if (r >= 2) rows.push({ whole: whole.ms, loop: loop.ms, metrics: metrics.ms, clone: clone.ms });
    }
    const m = (f: (x: (typeof rows)[number]) => number) => ms(med(rows.map(f)));
    console.log(`${perDay} a day (${counts}): the worker's run ${m((x) => x.whole)} CPU = day loop ${m((x) => x.loop)} + metrics ${m((x) => x.metrics)} (+ the followed buyer and the rest); a structured clone of its result ${m((x) => x.clone)} (${(bytes / 1024).toFixed(0)} KB as JSON)`);
  }
}

await (process.argv.includes('--node') ? inNode() : inBrowser());
