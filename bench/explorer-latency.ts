/**
 * `npx tsx bench/explorer-latency.ts`: the explorer's latency in Chromium on the built site
 * (npm run build first), for the default scenario (a year of growing order flow, 300,000+ orders):
 * - slider input (a key press on the buyers-per-day or the selling slider) to the charts showing
 *   the new scenario (coarse allowed), to the final full-resolution charts (data-final) and to the
 *   charts' last change: median, p95, max;
 * - a pointer drag of the buyers slider from 100 to 300 in 1.5 s: redraws, the longest gap between
 *   them, main-thread tasks over 50 and 100 ms, release to the charts' last change;
 * - JavaScript shipped to the page (its scripts and its workers), gzipped.
 * A measurement, not a test: it prints the figures. The measurements are bench/explorer-page.ts's,
 * shared with `npm run bench:targets` (bench/targets.ts), which holds them to issue 18's targets.
 * QUERY=... opens the explorer at that address (e.g. `wi=skim:183:0.5` for a what-if run beside its
 * baseline, or `pin=m%3D2` for a comparison); NO_BATCH=1 leaves out the sweep and Monte Carlo.
 * AGAINST=DIR measures another build of the site (e.g. an earlier commit's dist/) in the same run,
 * its trials interleaved with this build's one by one, so that both see the same machine load;
 * it prints the slider figures of both (the drag, sweep and Monte Carlo are this build's only).
 */
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/browser/chromium.ts';
import { assertBuilt, startStaticServer } from '../test/browser/serve.ts';
import { openExplorer, percentile, pointerDrag, settled, sliderTrial, warmUp, type Trial } from './explorer-page.ts';

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

/** The explorer of one build, opened and warmed up, with its trials' figures. */
async function explorerOf(origin: string, countScripts: boolean) {
  const page = await openExplorer(browser, origin, { locale: LOCALE, query: QUERY });
  if (countScripts) {
    page.on('response', async (r) => {
      if (!r.url().endsWith('.js')) return;
      try {
        scripts.set(r.url(), gzipSync(await r.body()).length);
      } catch {
        /* a worker's body may be gone */
      }
    });
    // the scripts of the first load: counted from a reload with the listener on
    await page.reload();
  }
  await warmUp(page);
  const trials: Trial[] = [];
  return { page, trials, trial: async (i: number) => void trials.push(await sliderTrial(page, i)) };
}

const mine = await explorerOf(server.origin, true);
const theirs = other ? await explorerOf(other.origin, false) : null;
for (let i = 0; i < TRIALS; i++) {
  // which build goes first alternates too, so that neither always follows the other's work
  if (theirs && i % 2) await theirs.trial(i);
  await mine.trial(i);
  if (theirs && !(i % 2)) await theirs.trial(i);
}
await theirs?.page.close();
const { page } = mine;
const status = await page.locator('[data-status]').innerText();

// a pointer drag across the buyers slider, 100 to 300 in 1.5 s (bench/explorer-page.ts says what is counted)
const drag = await pointerDrag(page, '#x-perDay-range', 100, 300);

// issue 4's acceptance in the browser: a 20 x 20 sweep of one-year scenarios of 100,000 orders,
// and 100 Monte Carlo seeds of the same scenario, on every core the browser reports (NO_BATCH=1: left out)
const batch = !process.env['NO_BATCH'];
let orders = '';
let sweepSeconds = NaN;
let cells = 0;
let mcSeconds = NaN;
if (batch) {
  await page.goto(`${server.origin}/${LOCALE}/explore/?g=constant&b=274`);
  await settled(page);
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

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`explorer latency, /${LOCALE}/explore/${QUERY ? `?${QUERY}` : ''}, default scenario: ${status}`);
console.log(`trials: ${TRIALS} (buyers-per-day and sell-rate slider, one key press each)${theirs ? `, interleaved with ${AGAINST}` : ''}`);
for (const [name, side] of theirs ? ([['this build', mine], [`against (${AGAINST})`, theirs]] as const) : ([['', mine]] as const)) {
  if (name) console.log(`${name}:`);
  for (const [label, key] of [['charts showing the new scenario (coarse allowed)', 'coarse'], ['final charts (data-final)', 'final'], ['the charts\' last change', 'last']] as const) {
    const xs = side.trials.map((t) => t[key]);
    console.log(`input -> ${label.padEnd(48)} median ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...xs))}`);
  }
}
console.log(
  `pointer drag of the buyers slider ${drag.from} -> ${drag.to} (1.5 s asked): took ${ms(drag.wallMs)}; ${drag.redraws} redraws, longest gap ${ms(drag.maxGap)}; ` +
    `tasks over 50 ms ${drag.over50} (over 100 ms ${drag.over100}, longest ${ms(drag.longest)}); release -> last chart change ${ms(drag.releaseToFinal)}`,
);
if (batch) console.log(`sweep, ${cells} cells of a one-year scenario (${orders.replace(/(, computed|，用时).*$/, '')}), ${cores} cores: ${sweepSeconds.toFixed(1)} s`);
if (batch) console.log(`Monte Carlo, 100 seeds of the same scenario: ${mcSeconds.toFixed(1)} s`);
const total = [...scripts.values()].reduce((a, b) => a + b, 0);
console.log(`JavaScript shipped to the page, gzipped: ${(total / 1024).toFixed(1)} KB in ${scripts.size} files`);
for (const [u, n] of scripts) console.log(`  ${(n / 1024).toFixed(1)} KB  ${new URL(u).pathname}`);
await browser.close();
await server.close();
await other?.close();
