/**
 * `DIRS=,/path/to/other/dist LOCALES=en,zh ROUNDS=3 npx tsx bench/explorer-load.ts`: the explorer's
 * main-thread tasks while it loads on a phone-sized page (Lighthouse's mobile viewport, 412x823),
 * from a Chromium performance trace, until its charts are final. Each task's thread time (`tdur`,
 * which machine load changes far less than wall-clock time) times 4 stands for Lighthouse's
 * simulated 4x-slowed phone; "blocking" sums each such task's time over 50 ms, as total blocking
 * time does (over the whole load, not only up to Lighthouse's time to interactive). The longest
 * tasks are listed with what took their time (scripts by file, style and layout, parsing). DIRS
 * lists the builds to measure (empty: this one's dist/), rounds alternating their order. A
 * measurement, not a test: Lighthouse's own score is `ONLY=lighthouse npm run bench:targets`. It
 * does not track Lighthouse's total blocking time on a shared machine: Lighthouse counts each task's
 * wall-clock time in its own trace, which the machine's load lengthens (bench/lighthouse-tasks.ts
 * shows both for each task of Lighthouse's run, and says why).
 *
 * PROFILE=1 adds a sampling profile of the main thread (which slows it: compare builds without
 * it): each long task's time by the innermost function of the page's own code on the stack, then
 * functions by self time (INCLUSIVE=1: with what they call; TOP=n of them); TREE=name prints the
 * call tree under the functions of that name (DEPTH=n). Build without minifying to read names.
 */
import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';

const SLOWDOWN = 4;
const dirs = (process.env['DIRS'] ?? '').split(',');
const locales = (process.env['LOCALES'] ?? 'en').split(',');
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SHOW = Number(process.env['SHOW'] ?? 6);
const PROFILE = !!process.env['PROFILE'];
interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }
const profiles: Profile[] = [];
const fcps: number[] = [];
const nameOf = (c: Profile['nodes'][number]['callFrame']) => `${c.functionName || '(anon)'} ${short(c.url)}:${c.lineNumber + 1}`;
const servers = await Promise.all(dirs.map((d) => startStaticServer(d || undefined, { gzip: true })));
const browser = await launchChromium();

interface Ev { ph: string; name: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: { url?: string; functionName?: string } } }
interface Task { ms: number; ts: number; end: number; parts: Map<string, number>; fns?: Map<string, number> }
const res = new Map<string, { blocking: number[]; main: number[]; over50: number[]; tasks: Task[][] }>();

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/_astro\//, '').replace(/\.[\w-]{8}\.js$/, '.js') || 'page';

function tasksOf(events: Ev[]): Task[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, (e.args as { name?: string } | undefined)?.name ?? '');
  const mainKey = [...names].find(([, n]) => n === 'CrRendererMain')?.[0];
  const main = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === mainKey).sort((a, b) => a.ts - b.ts);
  const out: Task[] = [];
  for (let i = 0; i < main.length; i++) {
    const t = main[i]!;
    if (t.name !== 'RunTask' || t.tdur === undefined) continue;
    const end = t.ts + (t.dur ?? 0);
    // the task's direct kinds of work: scripts by file, layout, style, parsing (outermost events only)
    const parts = new Map<string, number>();
    let until = t.ts;
    for (let j = i + 1; j < main.length && main[j]!.ts < end; j++) {
      const e = main[j]!;
      if (e.ts < until || e.dur === undefined) continue;
      const kind = /^(FunctionCall|EvaluateScript|v8\.compile|v8\.evaluateModule|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|V8\.RunMicrotasks)$/.test(e.name) ? `script ${short(e.args?.data?.url ?? '') }` : /Layout|UpdateLayoutTree|RecalculateStyles/.test(e.name) ? e.name : /ParseHTML|ParseAuthorStyleSheet/.test(e.name) ? e.name : null;
      if (!kind) continue;
      parts.set(kind, (parts.get(kind) ?? 0) + ((e.tdur ?? e.dur) / 1000) * SLOWDOWN);
      until = e.ts + e.dur;
    }
    out.push({ ms: (t.tdur / 1000) * SLOWDOWN, ts: t.ts, end, parts });
  }
  return out;
}

async function measure(i: number, locale: string): Promise<void> {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'loading'] });
  // PROFILE=1: a sampling profile of the main thread as well, its functions by self time
  const cdp = PROFILE ? await ctx.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${servers[i]!.origin}/${locale}/explore/`);
  await page.waitForFunction(() => { const e = document.querySelector<HTMLElement>('.explorer'); return !!e && e.dataset['final'] === 'true' && e.dataset['shownId'] === e.dataset['requestedId'] && e.dataset['shownId'] !== '0'; }, undefined, { timeout: 120000 });
  await page.waitForTimeout(500);
  if (cdp) profiles.push((await cdp.send('Profiler.stop')).profile as Profile);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: Ev[] };
  const tasks = tasksOf(trace.traceEvents);
  // first contentful paint, from the page's first task (Lighthouse counts blocking time after it)
  const fcp = trace.traceEvents.find((e) => e.name === 'firstContentfulPaint');
  if (fcp && tasks.length) fcps.push((fcp.ts - Math.min(...tasks.map((t) => t.ts))) / 1000);
  if (cdp) {
    // each task's time by the innermost function of the page's own code on the stack (Svelte's runtime, client.js, counted to the component that called it)
    const p = profiles[profiles.length - 1]! as Profile & { startTime: number };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let at = p.startTime;
    const sorted = [...tasks].sort((a, b) => a.ts - b.ts);
    let ti = 0;
    for (let k = 0; k < p.samples.length; k++) {
      at += p.timeDeltas[k] ?? 0;
      while (ti < sorted.length && sorted[ti]!.end < at) ti++;
      const task = sorted[ti];
      if (!task || task.ts > at) continue;
      let id: number | undefined = p.samples[k]!;
      let name = '';
      for (; id !== undefined; id = parent.get(id)) {
        const c = byId.get(id)!.callFrame;
        if (c.url && !/\/client\.\w+\.js$|\/client\.js$/.test(c.url) && c.functionName && c.functionName !== '(anon)') { name = nameOf(c); break; }
      }
      if (!name) name = nameOf(byId.get(p.samples[k]!)!.callFrame);
      task.fns ??= new Map();
      task.fns.set(name, (task.fns.get(name) ?? 0) + ((p.timeDeltas[k + 1] ?? 0) / 1000) * SLOWDOWN);
    }
  }
  const key = `${dirs[i] || 'this build'} /${locale}/explore/`;
  const r = res.get(key) ?? { blocking: [], main: [], over50: [], tasks: [] };
  r.blocking.push(tasks.reduce((s, t) => s + Math.max(0, t.ms - 50), 0));
  r.main.push(tasks.reduce((s, t) => s + t.ms, 0));
  r.over50.push(tasks.filter((t) => t.ms > 50).length);
  r.tasks.push(tasks);
  res.set(key, r);
  await ctx.close();
}

for (let r = 0; r < ROUNDS; r++) for (const locale of locales) for (let k = 0; k < dirs.length; k++) await measure(r % 2 ? dirs.length - 1 - k : k, locale);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;
for (const [k, v] of res) {
  console.log(`${k}: blocking (x${SLOWDOWN}) median ${ms(med(v.blocking))} [${v.blocking.map((x) => x.toFixed(0)).join(', ')}], main thread median ${ms(med(v.main))}, tasks over 50 ms median ${med(v.over50)} [${v.over50.join(', ')}]`);
  // the run with the median blocking time: its longest tasks
  const at = v.blocking.indexOf(med(v.blocking));
  const long = [...v.tasks[at]!].sort((a, b) => b.ms - a.ms).slice(0, SHOW);
  for (const t of long) {
    console.log(`    ${ms(t.ms).padStart(7)} at ${((t.ts - v.tasks[at]![0]!.ts) / 1000).toFixed(0)} ms: ${[...t.parts].sort((a, b) => b[1] - a[1]).filter(([, x]) => x >= 2).map(([n, x]) => `${n} ${x.toFixed(0)}`).join(', ')}`);
    if (t.fns) console.log(`        ${[...t.fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, x]) => `${n} ${x.toFixed(0)}`).join('; ')}`);
  }
}
if (fcps.length) console.log(`first contentful paint (unslowed, from the first task): ${fcps.map((x) => x.toFixed(0)).join(', ')} ms`);
if (profiles.length) {
  // self time by function over every profiled load (x4), the top ones
  // INCLUSIVE=1: time with the functions each calls (every function on the sampled stack, once)
  const self = new Map<string, number>();
    for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (let k = 0; k < p.samples.length; k++) {
      const names = new Set<string>();
      for (let id: number | undefined = p.samples[k]!; id !== undefined; id = process.env['INCLUSIVE'] ? parent.get(id) : undefined) names.add(nameOf(byId.get(id)!.callFrame));
      for (const name of names) self.set(name, (self.get(name) ?? 0) + ((p.timeDeltas[k + 1] ?? 0) / 1000) * SLOWDOWN / profiles.length);
    }
  }
  // TREE=name: the call tree under the functions of that name (the first profile), branches of 4 ms and more
  const treeOf = process.env['TREE'];
  if (treeOf) {
    const p = profiles[0]!;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const total = new Map<number, number>();
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (let k = 0; k < p.samples.length; k++) for (let id: number | undefined = p.samples[k]!; id !== undefined; id = parent.get(id)) total.set(id, (total.get(id) ?? 0) + ((p.timeDeltas[k + 1] ?? 0) / 1000) * SLOWDOWN);
    const depth = Number(process.env['DEPTH'] ?? 12);
    const show = (id: number, d: number, name: string): void => {
      const n = byId.get(id)!;
      console.log(`${'  '.repeat(d)}${(total.get(id) ?? 0).toFixed(1)} ${name}`);
      if (d >= depth) return;
      // children merged by name
      const kids = new Map<string, number[]>();
      for (const c of n.children ?? []) { const nm = nameOf(byId.get(c)!.callFrame); kids.set(nm, [...(kids.get(nm) ?? []), c]); }
      for (const [nm, ids] of [...kids].sort((a, b) => ids2(b[1]) - ids2(a[1]))) if (ids2(ids) >= 4) for (const c of ids) show(c, d + 1, nm);
    };
    const ids2 = (ids: number[]) => ids.reduce((s, i) => s + (total.get(i) ?? 0), 0);
    for (const n of p.nodes) if (n.callFrame.functionName === treeOf) show(n.id, 0, nameOf(n.callFrame));
  }
  console.log(`${process.env['INCLUSIVE'] ? 'inclusive' : 'self'} time by function (x4, mean per load):`);
  for (const [n, x] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env['TOP'] ?? 30))) console.log(`  ${x.toFixed(1).padStart(7)} ms  ${n}`);
}
await browser.close();
for (const s of servers) await s.close();
