/**
 * `SITE=/path/to/unminified/dist npx tsx bench/explorer-alloc.ts`: what the page's main thread
 * allocates during one pointer drag of the buyers slider (100 -> 300 in 1.5 s, default scenario,
 * after bench/explorer-page.ts's warm-up), from V8's sampling heap profiler (every object, those a
 * GC has collected too): the total, then the functions by what they allocated themselves and with
 * what they call. A drag's garbage is what brings the page's major GC (and its marking threads)
 * into the release's final run, on the same 2 cores. Build without minifying to read the names
 * (vite's build.minify: false in astro.config.mjs, in a scratch copy). A measurement, not a test.
 *
 * Measured 30 November 2026: 57.1 MB a drag, 15.1 MB of it in d3-shape's line (chart paths) and
 * 10.8 MB in the y scale's arrays of every value; after chart.ts's yScale and linePath made no
 * arrays and shared a chart's x coordinates' text, and params.ts's buyerLimit made one copy of the
 * parameters a search: 37.6 MB.
 */
import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
import { openExplorer, warmUp, pointerDrag } from './explorer-page.ts';
const server = await startStaticServer(process.env['SITE'] || undefined);
const browser = await launchChromium();
const page = await openExplorer(browser, server.origin, { query: '', deviceMemory: 8 });
await warmUp(page);
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.enable');
await cdp.send('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any);
await pointerDrag(page, '#x-perDay-range', 100, 300, 1500);
const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as any;
const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
const walk = (n: any, stack: string[]) => {
  const f = n.callFrame;
  const name = `${f.functionName || '(anon)'} ${f.url.replace(/.*\//, '')}:${f.lineNumber + 1}`;
  const size = n.selfSize as number;
  total += size;
  self.set(name, (self.get(name) ?? 0) + size);
  const st = [...stack, name];
  for (const s of new Set(st)) incl.set(s, (incl.get(s) ?? 0) + size);
  for (const c of n.children) walk(c, st);
};
walk(profile.head, []);
console.log(`total sampled ${(total / 1e6).toFixed(1)} MB`);
console.log('self:');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / 1e6).toFixed(2)} MB ${k}`);
console.log('inclusive:');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(v / 1e6).toFixed(2)} MB ${k}`);
await browser.close(); await server.close();
