/**
 * Sources that lead somewhere (issue 13): on the built claims, risks and scenario pages (the
 * compliance lens), in both languages, every source named by its address is a link (<a href>),
 * marked rel="external"; no address is left as bare text; every compliance flag has linked
 * sources; the risks page sends the reader to the explorer with a stress set (/explore/?wi=...),
 * not to a command line or internal event names. Needs `astro build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DIST } from './serve.ts';

beforeAll(() => assertBuilt());

const page = (path: string) => readFileSync(join(DIST, path, 'index.html'), 'utf8');
const main = (html: string) => /<main[\s>][\s\S]*<\/main>/.exec(html)?.[0] ?? '';
/** an address written as text: host.tld, with or without a path */
const ADDRESS = /\b(?:[a-z0-9-]+\.)+(?:com|net|cn|cc|org|gov)\b/gi;
const LINK = /<a\b([^>]*)>([\s\S]*?)<\/a>/g;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

for (const lang of ['en', 'zh']) {
  describe(`sources are links (${lang})`, () => {
    // and the model pages that cite a case: daily release (云联惠) and dividend rights (万家购物)
    for (const path of ['claims', 'risks', 'models/release', 'models/rights']) {
      it(`${path}: no address outside a link; every outside link is rel="external"`, () => {
        const html = main(page(`${lang}/${path}`));
        const links = [...html.matchAll(LINK)];
        const outside = links.filter((m) => /href="https:\/\//.test(m[1]!));
        expect(outside.length, 'links to sources').toBeGreaterThan(0);
        for (const m of outside) expect(m[1], m[0]).toMatch(/rel="external noopener"/);
        const bare = text(html.replace(LINK, ' ')).match(ADDRESS) ?? [];
        expect(bare).toEqual([]);
      });
    }

    it('risks: stresses open the explorer (/explore/?wi=KIND:DAY[:VALUE]); no command line, no internal event names', () => {
      const html = main(page(`${lang}/risks`));
      const wi = [...html.matchAll(/href="\/(?:en|zh)\/explore\/\?wi=([\w-]+):(\d+)(?::([\d.]+))?"/g)].map((m) => m[1]);
      expect(new Set(wi)).toEqual(new Set(['stop-orders', 'stop-test', 'run', 'skim', 'withholding-up', 'exit-down', 'gift-down']));
      const words = text(html.replace(LINK, (_, _a, inner: string) => inner));
      expect(words).not.toMatch(/npm run|--stress|withholding-up|exit-down|gift-down|stop-test|stress\.before/);
    });

    for (const slug of ['distribution', 'financing']) {
      it(`scenario ${slug}: every compliance flag has its sources as links, and no bare address`, () => {
        const html = page(`${lang}/scenarios/${slug}`);
        const flags = /<ul class="flags[^"]*"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
        const items = flags.split(/<li\b/).slice(1);
        expect(items.length).toBeGreaterThan(0);
        for (const li of items) {
          const sources = [...li.matchAll(/<a\b[^>]*data-source[^>]*>/g)];
          expect(sources.length, li.slice(0, 80)).toBeGreaterThan(0);
          for (const a of sources) expect(a[0]).toMatch(/href="https:\/\/[^"]+"[^>]*rel="external noopener"|rel="external noopener"[^>]*href="https:\/\//);
          expect(text(li.replace(LINK, ' ')).match(ADDRESS) ?? [], li.slice(0, 80)).toEqual([]);
        }
      });
    }
  });
}
