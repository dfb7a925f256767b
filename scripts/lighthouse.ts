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

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const OUT = resolve(fileURLToPath(new URL('../lighthouse', import.meta.url)));

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

assertBuilt();
mkdirSync(OUT, { recursive: true });
const server = await startStaticServer();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const rows: string[][] = [];
try {
  for (const path of pages) {
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    const failed: string[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(
        server.origin + path,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        desktop ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const c of CATEGORIES) scores[c]!.push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
      if (run === 0) {
        for (const c of CATEGORIES) {
          for (const ref of lhr.categories[c]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9) failed.push(`${c}/${ref.id} (${audit.score})`);
          }
        }
      }
      const file = join(OUT, `${path.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'root'}-${desktop ? 'desktop' : 'mobile'}-${run + 1}.json`);
      writeFileSync(file, typeof result.report === 'string' ? result.report : JSON.stringify(lhr));
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
