/**
 * Thread time of the explorer from a Chromium performance trace (the whole browser's, taken with
 * `browser.startTracing(undefined, { categories: TRACE_CATEGORIES })` before the page opens): each
 * task's own CPU time (`tdur`), which the machine's other load changes far less than wall time, so
 * that runs on a loaded machine compare. Used by bench/explorer-scale.ts and bench/targets.ts.
 */

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing'];

/** an event of a Chromium trace (the fields the benches read) */
export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown> & { name?: string; data?: { type?: string } };
}

/** the median of a few figures (the upper one of an even count; NaN when there are none) */
export const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface ThreadTimes {
  /** the page's main thread, every task (ms of thread time) */
  main: number;
  /** each Web Worker's tasks, busiest first (ms of thread time) */
  workers: number[];
  /** the busiest worker's longest task (the full run): its thread time, and when it started and ended on the page's clock (ms from navigation) */
  run: { cpu: number; from: number; to: number };
  /** the busiest worker's first task (its script compiled), on the page's clock */
  workerStart: number;
  /**
   * the page's own main thread's thread time before the full run's task starts (ms): what the run
   * waits for on the main thread (the page's script, and the island's code and hydration when the
   * island starts the run), which the machine's load changes far less than the run's start on the clock
   */
  mainBefore: number;
  /** garbage collection on the busiest worker: count and wall ms of each kind (MinorGC, MajorGC) */
  gc: Record<string, { count: number; ms: number }>;
  /** tasks over 50 ms on the main thread and the workers, in order: thread, start on the page's clock, wall ms, thread ms */
  long: { thread: string; at: number; ms: number; cpu: number }[];
}

/** Read a trace: `path` names the page's navigation (a part of its address, e.g. '/explore/'). */
export function threadTimes(trace: Buffer | string, path: string): ThreadTimes {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent) => names.get(`${e.pid}:${e.tid}`) ?? '';
  const isWorker = (e: TraceEvent) => /DedicatedWorker/.test(thread(e));
  const nav = events.find((e) => e.name === 'navigationStart' && String((e.args?.['data'] as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').includes(path));
  const t0 = nav?.ts ?? NaN;
  let main = 0;
  const workers = new Map<string, number>();
  const long: ThreadTimes['long'] = [];
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.tdur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (thread(e) === 'CrRendererMain') main += e.tdur / 1000;
    else if (isWorker(e)) workers.set(key, (workers.get(key) ?? 0) + e.tdur / 1000);
    else continue;
    if (e.dur! > 50_000) long.push({ thread: thread(e) === 'CrRendererMain' ? 'main' : `worker ${e.tid}`, at: (e.ts - t0) / 1000, ms: e.dur! / 1000, cpu: e.tdur / 1000 });
  }
  long.sort((a, b) => a.at - b.at);
  const busiest = [...workers.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === busiest);
  const run = mine.filter((e) => e.name === 'RunTask').sort((a, b) => b.dur! - a.dur!)[0];
  const mainBefore = run
    ? events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === nav?.pid && thread(e) === 'CrRendererMain' && e.ts >= t0 && e.ts < run.ts).reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0)
    : NaN;
  const gc: ThreadTimes['gc'] = {};
  for (const e of mine) {
    if (e.name !== 'MinorGC' && e.name !== 'MajorGC') continue;
    const g = (gc[e.name] ??= { count: 0, ms: 0 });
    g.count += 1;
    g.ms += (e.dur ?? 0) / 1000;
  }
  return {
    main,
    workers: [...workers.values()].sort((a, b) => b - a),
    run: run ? { cpu: (run.tdur ?? NaN) / 1000, from: (run.ts - t0) / 1000, to: (run.ts + run.dur! - t0) / 1000 } : { cpu: NaN, from: NaN, to: NaN },
    workerStart: mine.length ? (Math.min(...mine.map((e) => e.ts)) - t0) / 1000 : NaN,
    mainBefore,
    gc,
    long,
  };
}

/** one line of thread times, as the benchmarks print them */
export const threadLine = (t: ThreadTimes): string =>
  `thread time: the full run's task ${t.run.cpu.toFixed(0)} ms (on the page's clock ${t.run.from.toFixed(0)} -> ${t.run.to.toFixed(0)} ms; the worker's first task at ${t.workerStart.toFixed(0)} ms; the page's main thread before it ${t.mainBefore.toFixed(0)} ms), ` +
  `workers ${t.workers.map((x) => x.toFixed(0)).join(' + ')} ms, main thread ${t.main.toFixed(0)} ms; the run's worker's GC: ${Object.entries(t.gc).map(([k, g]) => `${k} ${g.count} times, ${g.ms.toFixed(0)} ms`).join(', ') || 'none'}`;
