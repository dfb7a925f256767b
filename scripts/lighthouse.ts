/**
 * `npm run lighthouse`: Lighthouse scores (performance, accessibility, best practices, SEO) for the
 * explorer and a text page in both languages, with the `lighthouse` package itself driving the
 * system Chromium. Reported, not gated: performance is a timing measure, and a shared 2-core
 * machine makes it noisy. Needs a built site (`npm run build`).
 *
 *   npm run lighthouse                    # mobile form factor (Lighthouse's default), the four pages
 *   npm run lighthouse -- --desktop       # desktop form factor
 *   npm run lighthouse -- --runs 3        # median of three runs per page
 *   npm run lighthouse -- /en/risks/ ...  # other pages
 *
 * Prints a table, and writes the full JSON reports to lighthouse/ (gitignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_PATH } from '../test/browser/chromium.ts';
import { assertBuilt, startStaticServer } from '../test/browser/serve.ts';
import { isMain } from '../src/cli/prog.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const OUT = resolve(fileURLToPath(new URL('../lighthouse', import.meta.url)));
/** the performance score's metrics, by Lighthouse's audit ids */
export const PERF_METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const;

export interface LighthouseRun {
  /** category scores, 0 to 100 */
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** each performance metric: its value (ms, or unitless for CLS), its score (0 to 1) and the points of the performance score it lost (weight x (1 - score)) */
  metrics: Record<(typeof PERF_METRICS)[number], { value: number; score: number; lost: number }>;
  /** audits with a weight that scored under 0.9, as category/id (score) */
  failed: string[];
  /** the largest contentful paint's element, as Lighthouse names it (when it says), and its phases (TTFB, load delay, load time, render delay: ms) */
  lcpElement: string;
  lcpPhases: Record<string, number>;
  /** main-thread time by kind (script evaluation, style and layout, ...), ms as Lighthouse simulates it */
  mainThread: Record<string, number>;
  /** the longest main-thread tasks: the script they are attributed to and ms */
  longTasks: { url: string; ms: number }[];
  /** Lighthouse's own measure of the machine's speed during the run (about 1,000 and over on a quiet desktop; a loaded machine scores less and its simulated times grow) */
  benchmarkIndex: number;
  report: string;
}

/** A headless Chromium for Lighthouse to drive (the system's, as the browser tests use). */
export function launchForLighthouse(): Promise<chromeLauncher.LaunchedChrome> {
  return chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** One Lighthouse run of one address, mobile (Lighthouse's default) or desktop. */
export async function lighthouseRun(port: number, url: string, desktop: boolean): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, desktop ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as LighthouseRun['scores'];
  const weights = new Map((lhr.categories['performance']?.auditRefs ?? []).map((r) => [r.id, r.weight]));
  const metrics = Object.fromEntries(
    PERF_METRICS.map((id) => {
      const a = lhr.audits[id];
      const score = a?.score ?? 0;
      return [id, { value: a?.numericValue ?? NaN, score, lost: (weights.get(id) ?? 0) * (1 - score) }];
    }),
  ) as LighthouseRun['metrics'];
  const failed: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9) failed.push(`${c}/${ref.id} (${audit.score})`);
    }
  }
  type Items<T> = { items?: T[] } | undefined;
  const lcpItems = (lhr.audits['largest-contentful-paint-element']?.details as Items<{ items?: { node?: { nodeLabel?: string; selector?: string }; phase?: string; timing?: number }[] }>)?.items;
  const node = lcpItems?.[0]?.items?.[0]?.node;
  const lcpElement = node ? `${node.selector ?? ''} "${(node.nodeLabel ?? '').slice(0, 60)}"` : '';
  const lcpPhases = Object.fromEntries((lcpItems?.[1]?.items ?? []).map((i) => [i.phase ?? '?', i.timing ?? NaN]));
  const mainThread = Object.fromEntries(((lhr.audits['mainthread-work-breakdown']?.details as Items<{ group: string; duration: number }>)?.items ?? []).map((i) => [i.group, i.duration]));
  const longTasks = ((lhr.audits['long-tasks']?.details as Items<{ url: string; duration: number }>)?.items ?? []).map((i) => ({ url: i.url.replace(/^https?:\/\/[^/]+/, ''), ms: i.duration }));
  return { scores, metrics, failed, lcpElement, lcpPhases, mainThread, longTasks, benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN, report: typeof result.report === 'string' ? result.report : JSON.stringify(lhr) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const desktop = args.includes('--desktop');
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > 9) {
    console.error('--runs: a whole number of runs per page, 1 to 9');
    process.exit(2);
  }
  const paths = args.filter((a, i) => a.startsWith('/') && args[i - 1] !== '--runs');
  const pages = paths.length > 0 ? paths : ['/en/explore/', '/zh/explore/', '/en/method/', '/zh/method/'];

  assertBuilt();
  mkdirSync(OUT, { recursive: true });
  // served gzip-compressed, as a static host serves it (Lighthouse's simulated slow network counts the bytes)
  const server = await startStaticServer(undefined, { gzip: true });
  const chrome = await launchForLighthouse();
  const rows: string[][] = [];
  try {
    for (const path of pages) {
      const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      let failed: string[] = [];
      for (let run = 0; run < runs; run++) {
        const r = await lighthouseRun(chrome.port, server.origin + path, desktop);
        for (const c of CATEGORIES) scores[c]!.push(r.scores[c]);
        if (run === 0) failed = r.failed;
        const file = join(OUT, `${path.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'root'}-${desktop ? 'desktop' : 'mobile'}-${run + 1}.json`);
        writeFileSync(file, r.report);
      }
      rows.push([path, ...CATEGORIES.map((c) => String(median(scores[c]!))), failed.join(', ') || '—']);
    }
  } finally {
    await chrome.kill();
    await server.close();
  }

  const header = ['page', ...CATEGORIES, 'audits below 0.9 (first run)'];
  console.log(`Lighthouse ${desktop ? 'desktop' : 'mobile'}, median of ${runs} run(s) per page`);
  console.log(header.join(' | '));
  for (const r of rows) console.log(r.join(' | '));
}

if (isMain(import.meta.url)) await main();
