/**
 * `npx tsx bench/explorer-latency.ts`: the explorer's latency in Chromium on the built site
 * (npm run build first), for the default scenario (a year of growing order flow, 300,000+ orders):
 * - slider input (a key press on the buyers-per-day slider) to the charts showing the new
 *   scenario (coarse allowed): median; and to the final full-resolution charts: 95th percentile;
 * - main-thread tasks longer than 50 ms while the slider is dragged (key repeat every 16 ms, and a
 *   pointer drag across the slider);
 * - JavaScript shipped to the page (its scripts and its workers), gzipped.
 * A measurement, not a test: it prints the figures.
 * QUERY=... opens the explorer at that address (e.g. `wi=skim:183:0.5` for a what-if run beside its
 * baseline, or `pin=m%3D2` for a comparison); NO_BATCH=1 leaves out the sweep and Monte Carlo.
 * AGAINST=DIR measures another build of the site (e.g. an earlier commit's dist/) in the same run,
 * its trials interleaved with this build's one by one, so that both see the same machine load;
 * it prints the slider figures of both (the drag, sweep and Monte Carlo are this build's only).
 */
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/browser/chromium.ts';
import { assertBuilt, startStaticServer } from '../test/browser/serve.ts';

const TRIALS = Number(process.env['TRIALS'] ?? 30);
const LOCALE = process.env['LOCALE'] ?? 'en';
const QUERY = process.env['QUERY'] ?? '';

assertBuilt();
const AGAINST = process.env['AGAINST'];
if (AGAINST) assertBuilt(AGAINST);
const server = await startStaticServer();
const other = AGAINST ? await startStaticServer(AGAINST) : null;
const browser = await launchChromium();
const scripts = new Map<string, number>();

/** The explorer of one build, opened and warmed up, with one slider trial at a time. */
async function openExplorer(origin: string, countScripts: boolean) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  if (countScripts) {
    page.on('response', async (r) => {
      if (!r.url().endsWith('.js')) return;
      try {
        scripts.set(r.url(), gzipSync(await r.body()).length);
      } catch {
        /* a worker's body may be gone; counted below from dist */
      }
    });
  }
  await page.addInitScript(() => {
    const w = window as unknown as { __lt: number[]; __marks: { t: number; id: string; final: string }[] };
    w.__lt = [];
    w.__marks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lt.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    addEventListener('DOMContentLoaded', () => {
      const el = document.querySelector('.explorer') ?? document.body;
      new MutationObserver(() => {
        const e = document.querySelector<HTMLElement>('.explorer');
        if (!e) return;
        const mark = { t: 0, id: e.dataset['shownId'] ?? '', final: e.dataset['final'] ?? '' };
        // the frame after the DOM changed: the charts are painted
        requestAnimationFrame(() => {
          mark.t = performance.now();
          w.__marks.push(mark);
        });
      }).observe(el, { attributes: true, subtree: true, attributeFilter: ['data-shown-id', 'data-final'] });
    });
  });
  await page.goto(`${origin}/${LOCALE}/explore/${QUERY ? `?${QUERY}` : ''}`);
  const settled = () =>
    page.waitForFunction(() => {
      const e = document.querySelector<HTMLElement>('.explorer');
      return !!e && e.dataset['final'] === 'true' && e.dataset['shownId'] === e.dataset['requestedId'] && e.dataset['shownId'] !== '0';
    }, undefined, { timeout: 60_000 });
  await settled();
  // warm up: a few runs so that both workers are compiled
  for (let i = 0; i < 4; i++) {
    await page.focus('#x-perDay-range');
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await settled();
  }
  const coarse: number[] = [];
  const full: number[] = [];
  /** trial i: one key press on the buyers or (every third) the selling slider, timed to the first and the final charts */
  const trial = async (i: number) => {
    await page.focus(i % 3 === 2 ? '#x-sellRate-range' : '#x-perDay-range');
    const t0 = await page.evaluate(() => {
      (window as unknown as { __marks: unknown[] }).__marks = [];
      return performance.now();
    });
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await settled();
    await page.waitForTimeout(30);
    const { marks, requested } = await page.evaluate(() => ({
      marks: (window as unknown as { __marks: { t: number; id: string; final: string }[] }).__marks,
      requested: document.querySelector<HTMLElement>('.explorer')!.dataset['requestedId'],
    }));
    const mine = marks.filter((m) => m.id === requested && m.t > 0);
    const first = mine[0];
    const fin = mine.find((m) => m.final === 'true');
    if (first) coarse.push(first.t - t0);
    if (fin) full.push(fin.t - t0);
  };
  return { page, settled, trial, coarse, full };
}

const mine = await openExplorer(server.origin, true);
const theirs = other ? await openExplorer(other.origin, false) : null;
for (let i = 0; i < TRIALS; i++) {
  // which build goes first alternates too, so that neither always follows the other's work
  if (theirs && i % 2) await theirs.trial(i);
  await mine.trial(i);
  if (theirs && !(i % 2)) await theirs.trial(i);
}
await theirs?.page.close();
const { page, settled } = mine;

// dragging: key repeat, then a pointer drag across the slider; long tasks counted meanwhile
await page.evaluate(() => ((window as unknown as { __lt: number[] }).__lt = []));
await page.focus('#x-perDay-range');
for (let i = 0; i < 60; i++) {
  await page.keyboard.press(i < 30 ? 'ArrowRight' : 'ArrowLeft');
  await page.waitForTimeout(16);
}
const box = (await page.locator('#x-sellRate-range').boundingBox())!;
await page.mouse.move(box.x + 4, box.y + box.height / 2);
await page.mouse.down();
for (let i = 0; i <= 60; i++) {
  await page.mouse.move(box.x + 4 + ((box.width - 8) * i) / 60, box.y + box.height / 2);
  await page.waitForTimeout(16);
}
await page.mouse.up();
await settled();
const longTasks = await page.evaluate(() => (window as unknown as { __lt: number[] }).__lt);
const status = await page.locator('[data-status]').innerText();

// issue 4's acceptance in the browser: a 20 x 20 sweep of one-year scenarios of 100,000 orders,
// and 100 Monte Carlo seeds of the same scenario, on every core the browser reports (NO_BATCH=1: left out)
const batch = !process.env['NO_BATCH'];
let orders = '';
let sweepSeconds = NaN;
let cells = 0;
let mcSeconds = NaN;
if (batch) {
  await page.goto(`${server.origin}/${LOCALE}/explore/?g=constant&b=274`);
  await settled();
  orders = await page.locator('[data-status]').innerText();
  await page.selectOption('[data-control="sweep-steps"]', '20');
  let t = Date.now();
  await page.click('[data-control="sweep-run"]');
  await page.locator('[data-sweep-done]').waitFor({ timeout: 300_000 });
  sweepSeconds = (Date.now() - t) / 1000;
  cells = await page.locator('[data-heatmap] tbody button').count();
  await page.fill('[data-control="mc-seeds"]', '100');
  t = Date.now();
  await page.click('[data-control="mc-run"]');
  await page.locator('[data-mc-table]').waitFor({ timeout: 300_000 });
  mcSeconds = (Date.now() - t) / 1000;
}
const cores = await page.evaluate(() => navigator.hardwareConcurrency);

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`explorer latency, /${LOCALE}/explore/${QUERY ? `?${QUERY}` : ''}, default scenario: ${status}`);
console.log(`trials: ${TRIALS} (buyers-per-day and sell-rate slider, one key press each)${theirs ? `, interleaved with ${AGAINST}` : ''}`);
for (const [name, side] of theirs ? ([['this build', mine], [`against (${AGAINST})`, theirs]] as const) : ([['', mine]] as const)) {
  if (name) console.log(`${name}:`);
  console.log(`input -> charts showing the new scenario (coarse allowed): median ${ms(q(side.coarse, 50))}, p95 ${ms(q(side.coarse, 95))}, max ${ms(Math.max(...side.coarse))}`);
  console.log(`input -> final full-resolution charts:                       median ${ms(q(side.full, 50))}, p95 ${ms(q(side.full, 95))}, max ${ms(Math.max(...side.full))}`);
}
console.log(`main-thread tasks over 50 ms while dragging: ${longTasks.length}${longTasks.length ? ` (longest ${ms(Math.max(...longTasks))})` : ''}`);
if (batch) console.log(`sweep, ${cells} cells of a one-year scenario (${orders.replace(/(, computed|，用时).*$/, '')}), ${cores} cores: ${sweepSeconds.toFixed(1)} s`);
if (batch) console.log(`Monte Carlo, 100 seeds of the same scenario: ${mcSeconds.toFixed(1)} s`);
const total = [...scripts.values()].reduce((a, b) => a + b, 0);
console.log(`JavaScript shipped to the page, gzipped: ${(total / 1024).toFixed(1)} KB in ${scripts.size} files`);
for (const [u, n] of scripts) console.log(`  ${(n / 1024).toFixed(1)} KB  ${new URL(u).pathname}`);
await browser.close();
await server.close();
await other?.close();
