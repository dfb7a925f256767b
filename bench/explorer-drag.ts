/**
 * `npx tsx bench/explorer-drag.ts`: the explorer's sliders as issue 18 measures them, on the built
 * site (npm run build first) in headless Chromium, default scenario (QUERY=... for another address):
 * - key presses on the buyers-per-day slider: input to the first redraw of the new scenario
 *   (coarse allowed), to its final run, and to the LAST change of the chart area (any mutation
 *   under .charts, e.g. a chart built a task later), medians and p95;
 * - a pointer drag across the buyers slider from 100 to 300 (60 moves, one every 25 ms): how long
 *   it took, the redraws, the longest gap between redraws from the first move to the release,
 *   main-thread tasks over 50 and over 100 ms, and release to the final charts (and to the last
 *   chart change).
 * AGAINST=DIR measures another build too (e.g. a copy of main's dist/), trials interleaved one by
 * one so that both see the same load; main-thread CPU time (Chromium's TaskDuration) is printed too,
 * as load changes it less than wall-clock time. A redraw is a change of the shown run (data-shown-id or
 * data-final on .explorer), which every build has. A measurement, not a test.
 */
import { launchChromium } from '../test/browser/chromium.ts';
import { assertBuilt, startStaticServer } from '../test/browser/serve.ts';

const TRIALS = Number(process.env['TRIALS'] ?? 21);
const DRAGS = Number(process.env['DRAGS'] ?? 3);
const LOCALE = process.env['LOCALE'] ?? 'en';
const QUERY = process.env['QUERY'] ?? '';
const AGAINST = process.env['AGAINST'];

assertBuilt();
if (AGAINST) assertBuilt(AGAINST);
const server = await startStaticServer();
const other = AGAINST ? await startStaticServer(AGAINST) : null;
const browser = await launchChromium();

type Mark = { t: number; key: string; kind: 'run' | 'dom' };
type W = { __marks: Mark[]; __lt: { start: number; d: number }[] };

async function openExplorer(origin: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as W;
    w.__marks = [];
    w.__lt = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lt.push({ start: e.startTime, d: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    addEventListener('DOMContentLoaded', () => {
      const root = document.querySelector<HTMLElement>('.explorer');
      if (!root) return;
      let last = '';
      new MutationObserver((records) => {
        const d = root.dataset;
        const key = `${d['shownId']}:${d['final']}`;
        const run = key !== last;
        last = key;
        const dom = records.some((r) => (r.target as Element).closest?.('.charts') || r.target.parentElement?.closest('.charts'));
        if (!run && !dom) return;
        // the frame after the DOM changed: painted
        requestAnimationFrame(() => {
          const t = performance.now();
          if (run) w.__marks.push({ t, key, kind: 'run' });
          if (dom) w.__marks.push({ t, key, kind: 'dom' });
        });
      }).observe(root, { attributes: true, childList: true, characterData: true, subtree: true });
    });
  });
  await page.goto(`${origin}/${LOCALE}/explore/${QUERY ? `?${QUERY}` : ''}`);
  const settled = () =>
    page.waitForFunction(
      () => {
        const e = document.querySelector<HTMLElement>('.explorer');
        return !!e && e.dataset['final'] === 'true' && e.dataset['shownId'] === e.dataset['requestedId'] && e.dataset['shownId'] !== '0';
      },
      undefined,
      { timeout: 120_000 },
    );
  await settled();
  for (let i = 0; i < 4; i++) {
    await page.focus('#x-perDay-range');
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await settled();
  }
  const reset = () =>
    page.evaluate(() => {
      const w = window as unknown as W;
      w.__marks = [];
      w.__lt = [];
      return performance.now();
    });
  const read = () => page.evaluate(() => ({ marks: (window as unknown as W).__marks, lt: (window as unknown as W).__lt, requested: document.querySelector<HTMLElement>('.explorer')!.dataset['requestedId']! }));
  // main-thread CPU time (Chromium's TaskDuration), which machine load changes less than wall-clock time
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  const coarse: number[] = [];
  const final: number[] = [];
  const lastChange: number[] = [];
  const trialCpu: number[] = [];
  const trial = async (i: number) => {
    await page.focus('#x-perDay-range');
    const c0 = await cpu();
    const t0 = await reset();
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await settled();
    await page.waitForTimeout(400);
    trialCpu.push((await cpu()) - c0);
    const { marks, requested } = await read();
    const mine = marks.filter((m) => m.key.startsWith(`${requested}:`));
    const first = mine.find((m) => m.kind === 'run');
    const fin = mine.find((m) => m.kind === 'run' && m.key.endsWith(':true'));
    const lastDom = marks.filter((m) => m.kind === 'dom').at(-1);
    if (first) coarse.push(first.t - t0);
    if (fin) final.push(fin.t - t0);
    if (lastDom) lastChange.push(lastDom.t - t0);
  };
  const drags: { cpu: number; took: number; redraws: number; maxGap: number; over50: number; over100: number; longest: number; toFinal: number; toLast: number }[] = [];
  const drag = async () => {
    const slider = page.locator('#x-perDay-range');
    const box = (await slider.boundingBox())!;
    const min = Number(await slider.getAttribute('min'));
    const max = Number(await slider.getAttribute('max'));
    const thumb = box.height;
    const xOf = (v: number) => box.x + thumb / 2 + ((box.width - thumb) * (v - min)) / (max - min);
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(100), y);
    await settled();
    await page.mouse.down();
    const c0 = await cpu();
    const t0 = await reset();
    for (let i = 1; i <= 60; i++) {
      await page.mouse.move(xOf(100 + (200 * i) / 60), y);
      await page.waitForTimeout(25);
    }
    const tUp = await page.evaluate(() => performance.now());
    await page.mouse.up();
    await settled();
    await page.waitForTimeout(400);
    const { marks, lt, requested } = await read();
    const used = (await cpu()) - c0;
    const runs = marks.filter((m) => m.kind === 'run');
    const during = [t0, ...runs.filter((m) => m.t <= tUp).map((m) => m.t), tUp];
    let maxGap = 0;
    for (let i = 1; i < during.length; i++) maxGap = Math.max(maxGap, during[i]! - during[i - 1]!);
    const fin = runs.find((m) => m.key === `${requested}:true`);
    const lastDom = marks.filter((m) => m.kind === 'dom').at(-1);
    drags.push({
      cpu: used,
      took: tUp - t0,
      redraws: runs.length,
      maxGap,
      over50: lt.filter((x) => x.d > 50).length,
      over100: lt.filter((x) => x.d > 100).length,
      longest: Math.max(0, ...lt.map((x) => x.d)),
      toFinal: fin ? fin.t - tUp : NaN,
      toLast: lastDom ? lastDom.t - tUp : NaN,
    });
    // back to 100 for the next drag
    await page.fill('#x-perDay', '100');
    await settled();
  };
  return { page, trial, drag, coarse, final, lastChange, trialCpu, drags };
}

const mine = await openExplorer(server.origin);
const theirs = other ? await openExplorer(other.origin) : null;
for (let i = 0; i < TRIALS; i++) {
  if (theirs && i % 2) await theirs.trial(i);
  await mine.trial(i);
  if (theirs && !(i % 2)) await theirs.trial(i);
}
for (let i = 0; i < DRAGS; i++) {
  if (theirs && i % 2) await theirs.drag();
  await mine.drag();
  if (theirs && !(i % 2)) await theirs.drag();
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`explorer sliders, /${LOCALE}/explore/${QUERY ? `?${QUERY}` : ''}: ${TRIALS} key presses on the buyers slider, ${DRAGS} pointer drags 100 -> 300${AGAINST ? `, interleaved with ${AGAINST}` : ''}`);
for (const [name, side] of theirs ? ([['this build', mine], [`against (${AGAINST})`, theirs]] as const) : ([['this build', mine]] as const)) {
  console.log(`${name}:`);
  console.log(`  input -> first redraw (coarse allowed): median ${ms(q(side.coarse, 50))}, p95 ${ms(q(side.coarse, 95))}`);
  console.log(`  input -> final run drawn:               median ${ms(q(side.final, 50))}, p95 ${ms(q(side.final, 95))}`);
  console.log(`  input -> last chart change:             median ${ms(q(side.lastChange, 50))}, p95 ${ms(q(side.lastChange, 95))}`);
  console.log(`  main-thread CPU a key press (to settled + 400 ms): median ${ms(q(side.trialCpu, 50))}`);
  for (const d of side.drags) {
    console.log(
      `  drag: main-thread CPU ${ms(d.cpu)}, took ${ms(d.took)}, ${d.redraws} redraws, longest gap ${ms(d.maxGap)}, tasks > 50 ms: ${d.over50}, > 100 ms: ${d.over100} (longest ${ms(d.longest)}), release -> final ${ms(d.toFinal)}, -> last chart change ${ms(d.toLast)}`,
    );
  }
}
await browser.close();
await server.close();
await other?.close();
