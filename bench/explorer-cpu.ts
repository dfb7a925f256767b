/**
 * `DIRS=,/path/to/other/dist MODE=keys|drag ROUNDS=3 npx tsx bench/explorer-cpu.ts`: the CPU time
 * the explorer spends on its threads, from a Chromium performance trace (each task's thread time,
 * `tdur`, which machine load changes far less than wall-clock time): the page's main thread and
 * its Web Workers, over 10 key presses on the buyers slider (MODE=keys) or one pointer drag from
 * 100 to 300 (MODE=drag), default scenario (Q=?... for another address). DIRS lists the builds to
 * measure (empty: this one's dist/), rounds alternating their order. A measurement, not a test.
 */
import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
const dirs = (process.env.DIRS ?? '').split(',');
const servers = await Promise.all(dirs.map((d) => startStaticServer(d || undefined)));
const browser = await launchChromium();
const MODE = process.env.MODE ?? 'keys';
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const res: Record<string, { main: number[]; workers: number[]; tasks50: number[] }> = {};
async function measure(i: number) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${servers[i]!.origin}/en/explore/${process.env.Q ?? ''}`);
  const settled = () => page.waitForFunction(() => { const e = document.querySelector<HTMLElement>('.explorer'); return !!e && e.dataset['final'] === 'true' && e.dataset['shownId'] === e.dataset['requestedId'] && e.dataset['shownId'] !== '0'; }, undefined, { timeout: 120000 });
  await settled();
  // warm-up down and back, the timed presses up: each asks for a value not run before (the client keeps final results)
  for (let k = 0; k < 4; k++) { await page.focus('#x-perDay-range'); await page.keyboard.press(k % 2 ? 'ArrowRight' : 'ArrowLeft'); await settled(); }
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  if (MODE === 'keys') {
    for (let k = 0; k < 10; k++) { await page.focus('#x-perDay-range'); await page.keyboard.press('ArrowRight'); await settled(); await page.waitForTimeout(300); }
  } else {
    const box = (await page.locator('#x-perDay-range').boundingBox())!;
    const xOf = (v: number) => box.x + box.height / 2 + ((box.width - box.height) * v) / 1000;
    await page.mouse.move(xOf(100), box.y + box.height / 2); await page.mouse.down();
    for (let k = 1; k <= 60; k++) { await page.mouse.move(xOf(100 + 200 * k / 60), box.y + box.height / 2); await page.waitForTimeout(25); }
    await page.mouse.up(); await settled(); await page.waitForTimeout(300);
  }
  const buf = await browser.stopTracing();
  const trace = JSON.parse(buf.toString());
  const events = trace.traceEvents as any[];
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  let main = 0, workers = 0, tasks50 = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.tdur === undefined) continue;
    const n = names.get(`${e.pid}:${e.tid}`) ?? '';
    if (n === 'CrRendererMain') { main += e.tdur / 1000; if (e.dur / 1000 > 50) tasks50++; }
    else if (/DedicatedWorker/.test(n)) workers += e.tdur / 1000;
  }
  const key = dirs[i] || 'this build';
  res[key] ??= { main: [], workers: [], tasks50: [] };
  res[key].main.push(main); res[key].workers.push(workers); res[key].tasks50.push(tasks50);
  await page.close();
}
for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < dirs.length; i++) await measure(r % 2 ? dirs.length - 1 - i : i);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
for (const [k, v] of Object.entries(res)) console.log(`${k}: ${MODE} main-thread CPU median ${med(v.main).toFixed(0)} ms [${v.main.map((x) => x.toFixed(0)).join(', ')}], workers CPU median ${med(v.workers).toFixed(0)} ms [${v.workers.map((x) => x.toFixed(0)).join(', ')}]`);
await browser.close(); for (const s of servers) await s.close();
