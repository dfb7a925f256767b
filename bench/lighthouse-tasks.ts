/**
 * `npx tsx bench/lighthouse-tasks.ts [/en/explore/ ...]` (SITE=dist dir, RUNS=n): what Lighthouse's
 * own trace says the page's main thread did while it loaded, task by task, as Lighthouse sees it:
 * each top-level task over 10 ms of observed (wall-clock) time, its time as Lighthouse's simulated
 * 4x-slower phone counts it, and what took the time inside it (the trace's events, with the script
 * each is attributed to). This is the time Lighthouse's total blocking time is made from: observed
 * durations in a trace recorded with its CPU profiler on, times 4 (times 2 for a task that laid the
 * page out), unlike bench/explorer-load.ts's thread time. A measurement, not a test.
 *
 * Why the two differ (measured with this script, 29 November 2026, 2 shared cores): Lighthouse's
 * simulation (lantern) takes each top-level task's observed wall-clock duration in its own trace.
 * On a loaded machine a task's wall-clock time is mostly time the thread waited for a core: at a
 * load average of about 10, the tasks after first paint summed to 1,095 ms of blocking by observed
 * time and 42 ms by thread time (4 x thread - 50 per task), one 6 ms task observed at 71 ms (283 ms
 * simulated). The page's own two engine workers also want those 2 cores while the first run
 * computes (not measured apart here). Lighthouse's trace also runs V8's sampling profiler, which
 * lengthens script (the hydration task: about 20 ms of thread time in Lighthouse's trace, 12-14 ms
 * in explorer-load's). So the
 * page's thread time (what explorer-load measures, and what a phone's cores would spend) bounds
 * the blocking time from below; Lighthouse's figure on this machine adds the machine's load, and
 * only interleaved runs of two builds compare them (bench/lighthouse-ab.ts).
 *
 * After each run's tasks, the threads of the whole browser busy in its first 1.5 s (WINDOW=ms):
 * what else wanted the cores while the page's main thread waited.
 */
import lighthouse from 'lighthouse';
import { TraceProcessor } from 'lighthouse/core/lib/tracehouse/trace-processor.js';
import { MainThreadTasks } from 'lighthouse/core/lib/tracehouse/main-thread-tasks.js';
import { launchForLighthouse } from '../scripts/lighthouse.ts';
import { startStaticServer } from '../test/browser/serve.ts';

interface Node { event: { name: string; tdur?: number; args?: { data?: Record<string, unknown> } }; children: Node[]; startTime: number; duration: number; selfTime: number; attributableURLs: string[]; parent?: Node; group: { id: string } }
interface TraceEvent { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/**
 * Every thread of the browser busy in the first WINDOW ms after navigation (default 1500): wall
 * and CPU time of its top-level trace events. What else wanted the cores while the page's main
 * thread waited (this is how the service worker's precache at load was found: its thread, the
 * browser's and the GPU process's together used more CPU than the page's main thread).
 */
function threadsBusy(events: TraceEvent[]): void {
  const WINDOW = Number(process.env['WINDOW'] ?? 1500) * 1000;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && (e.name === 'thread_name' || e.name === 'process_name')) names.set(e.name === 'thread_name' ? `${e.pid}:${e.tid}` : `${e.pid}`, e.args?.name ?? '?');
  const start = events.find((e) => e.name === 'navigationStart')?.ts ?? 0;
  const busy = new Map<string, { wall: number; cpu: number; end: number }>();
  const inWindow = events.filter((e) => e.ph === 'X' && e.dur && e.ts >= start && e.ts < start + WINDOW).sort((a, b) => a.ts - b.ts);
  for (const e of inWindow) {
    const key = `${e.pid}:${e.tid}`;
    const b = busy.get(key) ?? { wall: 0, cpu: 0, end: 0 };
    if (e.ts < b.end) continue; // nested in an event already counted
    b.end = e.ts + e.dur!;
    b.wall += e.dur! / 1000;
    b.cpu += (e.tdur ?? 0) / 1000;
    busy.set(key, b);
  }
  console.log(`  threads busy in the first ${WINDOW / 1000} ms after navigation (top-level trace events):`);
  for (const [key, b] of [...busy].sort((x, y) => y[1].cpu - x[1].cpu).slice(0, 10)) {
    console.log(`    ${names.get(key.split(':')[0]!) ?? '?'} / ${names.get(key) ?? key}: wall ${b.wall.toFixed(0)} ms, CPU ${b.cpu.toFixed(0)} ms`);
  }
}

const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const RUNS = Number(process.env['RUNS'] ?? 1);
const MIN = Number(process.env['MIN'] ?? 10);
const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/_astro\//, '') || '-';
const server = await startStaticServer(process.env['SITE'] || undefined, { gzip: true });
const chrome = await launchForLighthouse();
try {
  for (const path of paths.length ? paths : ['/en/explore/']) {
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(server.origin + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      if (!result) throw new Error('no result');
      const { lhr, artifacts } = result;
      const a = lhr.audits;
      const trace = (artifacts as unknown as { Trace: { traceEvents: unknown[] } }).Trace;
      const processed = TraceProcessor.processTrace(trace as never);
      const nav = TraceProcessor.processNavigation(processed);
      const tasks = MainThreadTasks.getMainThreadTasks(processed.mainThreadEvents, processed.frames, processed.timestamps.traceEnd, processed.timestamps.timeOrigin) as unknown as Node[];
      const fcp = (nav.timings.firstContentfulPaint ?? 0);
      console.log(`${path} run ${run + 1}: performance ${Math.round((lhr.categories['performance']?.score ?? 0) * 100)}, TBT ${Math.round(a['total-blocking-time']?.numericValue ?? 0)} ms (simulated), FCP ${Math.round(a['first-contentful-paint']?.numericValue ?? 0)}, TTI ${Math.round(a['interactive']?.numericValue ?? 0)}; benchmark index ${Math.round(lhr.environment.benchmarkIndex)}; observed FCP at ${fcp.toFixed(0)} ms`);
      let blocking = 0;
      let threadBlocking = 0;
      for (const t of tasks) {
        if (t.parent || t.duration < MIN) continue;
        const sim = t.duration * 4;
        const thread = (t.event.tdur ?? NaN) / 1000;
        if (t.startTime > fcp) blocking += Math.max(0, sim - 50);
        if (t.startTime > fcp) threadBlocking += Math.max(0, thread * 4 - 50);
        console.log(`  task at ${t.startTime.toFixed(0)} ms: ${t.duration.toFixed(1)} ms observed (thread time ${thread.toFixed(1)}), ${sim.toFixed(0)} simulated ${t.startTime < fcp ? '(before FCP)' : ''}  [${t.attributableURLs.map(short).join(', ')}]`);
        const show = (n: Node, depth: number) => {
          for (const c of n.children) {
            if (c.duration < Math.max(1, MIN / 5)) continue;
            const d = c.event.args?.data ?? {};
            const what = [d['url'], d['functionName'], d['type'], d['stackTrace'] ? '' : ''].filter(Boolean).map((x) => short(String(x))).join(' ');
            console.log(`  ${'  '.repeat(depth)}${c.event.name} ${c.duration.toFixed(1)} (self ${c.selfTime.toFixed(1)}) ${what} [${c.group.id}]`);
            if (depth < Number(process.env['DEPTH'] ?? 3)) show(c, depth + 1);
          }
        };
        show(t, 2);
      }
      console.log(`  sum over tasks after observed FCP of (4 x observed - 50): ${blocking.toFixed(0)} ms; of (4 x thread time - 50): ${threadBlocking.toFixed(0)} ms`);
      threadsBusy(trace.traceEvents as TraceEvent[]);
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
