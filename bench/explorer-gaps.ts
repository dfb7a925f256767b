/**
 * `DIRS=,/other/dist ROUNDS=3 npx tsx bench/explorer-gaps.ts`: what fills a pointer drag's longest
 * gaps between redraws, from a Chromium trace of the drag (bench/explorer-page.ts pointerDrag: the
 * buyers slider from 100 to 300, 290, ... in 1.5 s, default scenario; Q=... for another address).
 * For each drag: its redraws and longest gap (as bench:targets measures them), and for the GAPS
 * (default 3) longest gaps, on the page's clock from the gap's start: each worker task in it (the
 * run it computed: a preview, a full run, a spare's warm-up; wall and thread time), the main
 * thread's tasks over 2 ms (wall, thread time, and what took their time: scripts, style and layout,
 * paint, garbage collection), and the frames the compositor drew. Then, over every drag, the gaps'
 * median and the parts of the cycle from a preview's answer to its redraw: the answer's message
 * (worker task end) to the main thread's handling, to the redraw. DIRS lists builds (empty: this
 * one's dist/), rounds alternating their order. A measurement, not a test.
 */
import type { Page } from 'playwright-core';
import { med, type TraceEvent } from './explorer-trace.ts';
import { handFromEnv, interleavedDrags, pageLog, pointerDrag } from './explorer-page.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const GAPS = Number(process.env['GAPS'] ?? 3);
const QUIET = process.env['QUIET'] === '1';
/** REST=ms (the pointer rests on the released value before the release; gaps then end at the last move) and HAND=steps (the drag's hand before session 8): explorer-page.ts handFromEnv */
/** TRACE=0: no trace (a trace slows the page): the gaps only, to compare builds */
const TRACE = process.env['TRACE'] !== '0';
/** PROFILE=1: a sampling profile of the main thread over the drags (which slows it: gaps then compare only with PROFILE=1), functions by self and inclusive time */
const PROFILE = process.env['PROFILE'] === '1';
interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }
const profiles: Profile[] = [];
const f0 = (x: number) => x.toFixed(0);


interface Result {
  maxGap: number;
  over50: number;
  longest: number;
  release: number;
  valueGap: number;
  lag: number;
  lagMax: number;
  redraws: number;
  /** worker task wall ms during the drag (the previews) */
  runs: number[];
  /** a preview's end to the redraw that follows it (ms) */
  toRedraw: number[];
  /** main-thread thread time during the drag (ms) */
  mainCpu: number;
}

async function tracedDrag(page: Page, to: number, label: string): Promise<Result> {
  const browser = page.context().browser()!;
  if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc'] });
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const d = await pointerDrag(page, '#x-perDay-range', 100, to, 1500, handFromEnv());
  if (cdp) profiles.push((await cdp.send('Profiler.stop')).profile as Profile);
  const events = TRACE ? (JSON.parse((await browser.stopTracing()).toString()).traceEvents as TraceEvent[]) : [];
  const log = await pageLog(page);
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent) => names.get(`${e.pid}:${e.tid}`) ?? '';
  const ups = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerup');
  const upTrace = (ups[ups.length - 1]?.ts ?? NaN) / 1000;
  const upPage = [...log.input].reverse().find((e) => e.type === 'pointerup')?.t ?? NaN;
  // trace ms -> page ms
  const off = upPage - upTrace;
  const at = (e: TraceEvent) => e.ts / 1000 + off;
  const end = (e: TraceEvent) => (e.ts + (e.dur ?? 0)) / 1000 + off;
  const down = log.input.find((e) => e.type === 'pointerdown')?.t ?? NaN;
  const firstMove = log.input.find((e) => e.type === 'pointermove' && e.t > down)?.t ?? down;
  const during = log.frames.filter((f) => f.t >= firstMove && f.t <= upPage).map((f) => f.t);
  const marks = [firstMove, ...during, upPage];
  const gaps = marks.slice(1).map((t, i) => ({ from: marks[i]!, to: t, ms: t - marks[i]! }));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined);
  const workerTasks = tasks.filter((e) => /DedicatedWorker/.test(thread(e)) && e.dur! > 2000);
  const mainTasks = tasks.filter((e) => thread(e) === 'CrRendererMain');
  const inner = events.filter((e) => e.ph === 'X' && thread(e) === 'CrRendererMain' && e.dur !== undefined && e.name !== 'RunTask');
  const tkey = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const workerIds = [...new Set(workerTasks.map(tkey))];
  const moves = log.input.filter((e) => e.type === 'pointermove' && e.t >= firstMove && e.t <= upPage).map((e) => e.t);
  const inputGap = Math.max(0, ...moves.slice(1).map((t, i) => t - moves[i]!));
  const log1 = (s: string) => QUIET || console.log(s);
  log1(`${label}: drag 100 -> ${d.to}: ${d.redraws} redraws, longest gap ${f0(d.maxGap)} ms, longest gap between pointer moves ${f0(inputGap)} ms, between value changes ${f0(d.valueGap)} ms; a value change to its redraw median ${f0(d.lag)} ms, longest ${f0(d.lagMax)} ms; release -> last chart change ${f0(d.releaseToFinal)} ms; tasks over 50 ms ${d.over50} (longest ${f0(d.longest)} ms); gaps ${gaps.map((g) => f0(g.ms)).join(' ')}`);
  for (const g of [...gaps].sort((a, b) => b.ms - a.ms).slice(0, GAPS)) {
    log1(`  gap ${f0(g.ms)} ms at ${f0(g.from - firstMove)} ms into the drag; pointer moves at ${moves.filter((t) => t > g.from - 50 && t < g.to).map((t) => f0(t - g.from)).join(' ')}`);
    for (const w of workerTasks.filter((e) => end(e) > g.from - 100 && at(e) < g.to)) {
      log1(`    worker ${workerIds.indexOf(tkey(w))}: ${f0(at(w) - g.from)}..${f0(end(w) - g.from)} (${f0(w.dur! / 1000)} ms, thread ${f0((w.tdur ?? 0) / 1000)} ms)`);
    }
    const others = new Map<string, number>();
    for (const e of tasks) {
      const n = thread(e);
      if (n === 'CrRendererMain' || /DedicatedWorker/.test(n) || end(e) <= g.from || at(e) >= g.to) continue;
      others.set(n, (others.get(n) ?? 0) + (Math.min(end(e), g.to) - Math.max(at(e), g.from)));
    }
    log1(`    other threads' tasks (wall ms in the gap): ${[...others].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, v]) => `${n} ${f0(v)}`).join(', ')}`);
    for (const m of mainTasks.filter((e) => end(e) > g.from && at(e) < g.to && e.dur! > 2000)) {
      const parts = new Map<string, number>();
      for (const c of inner.filter((c) => c.ts >= m.ts && c.ts + c.dur! <= m.ts + m.dur! && c.dur! > 500)) parts.set(c.name, (parts.get(c.name) ?? 0) + c.dur! / 1000);
      const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, v]) => `${n} ${f0(v)}`).join(', ');
      log1(`    main: ${f0(at(m) - g.from)}..${f0(end(m) - g.from)} (${f0(m.dur! / 1000)} ms, thread ${f0((m.tdur ?? 0) / 1000)} ms): ${top}`);
    }
  }
  const dragRuns = workerTasks.filter((e) => at(e) >= firstMove && end(e) <= upPage);
  const toRedraw = dragRuns.map((r) => (during.find((t) => t > end(r)) ?? NaN) - end(r)).filter(Number.isFinite);
  const mainCpu = mainTasks.filter((e) => at(e) >= firstMove && at(e) <= upPage).reduce((s, e) => s + (e.tdur ?? 0) / 1000, 0);
  log1(`  previews during the drag: ${dragRuns.length}, wall median ${f0(med(dragRuns.map((r) => r.dur! / 1000)))} ms (thread ${f0(med(dragRuns.map((r) => (r.tdur ?? 0) / 1000)))}); a preview's end to the next redraw median ${f0(med(toRedraw))} ms; main thread ${f0(mainCpu)} ms thread time`);
  return { maxGap: d.maxGap, over50: d.over50, longest: d.longest, release: d.releaseToFinal, valueGap: d.valueGap, lag: d.lag, lagMax: d.lagMax, redraws: d.redraws, runs: dragRuns.map((r) => r.dur! / 1000), toRedraw, mainCpu };
}

const { dirs, results: res } = await interleavedDrags(ROUNDS, tracedDrag);
for (const [i, dir] of dirs.entries()) {
  const xs = res[i]!;
  console.log(
    `${dir || 'this build'}: longest gap median ${f0(med(xs.map((x) => x.maxGap)))} ms [${xs.map((x) => f0(x.maxGap)).join(', ')}] (between value changes [${xs.map((x) => f0(x.valueGap)).join(', ')}]), a value change to its redraw median ${f0(med(xs.map((x) => x.lag)))} ms (longest [${xs.map((x) => f0(x.lagMax)).join(', ')}]), redraws [${xs.map((x) => x.redraws).join(', ')}], tasks over 50 ms [${xs.map((x) => x.over50).join(', ')}] (longest [${xs.map((x) => f0(x.longest)).join(', ')}]), release -> last chart change median ${f0(med(xs.map((x) => x.release)))} ms [${xs.map((x) => f0(x.release)).join(', ')}], preview wall median ${f0(med(xs.flatMap((x) => x.runs)))} ms, preview end -> redraw median ${f0(med(xs.flatMap((x) => x.toRedraw)))} ms, main thread during the drag [${xs.map((x) => f0(x.mainCpu)).join(', ')}] ms`,
  );
}

if (profiles.length) {
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const nameOf = (c: Profile['nodes'][number]['callFrame']) => `${c.functionName || '(anon)'} ${c.url.replace(/^.*\//, '')}:${c.lineNumber + 1}`;
    for (let k = 0; k < p.samples.length; k++) {
      const dt = (p.timeDeltas[k + 1] ?? 0) / 1000 / profiles.length;
      const leaf = byId.get(p.samples[k]!)!;
      if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') continue;
      self.set(nameOf(leaf.callFrame), (self.get(nameOf(leaf.callFrame)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let id: number | undefined = p.samples[k]; id !== undefined; id = parent.get(id)) {
        const n = nameOf(byId.get(id)!.callFrame);
        if (!seen.has(n)) incl.set(n, (incl.get(n) ?? 0) + dt);
        seen.add(n);
      }
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  console.log(`main thread, a drag on average, self time:\n${top(self, 30)}\ninclusive:\n${top(incl, 50)}`);
}
