/**
 * The built files themselves (no browser): nothing in dist/ points outside the site (but the
 * sources' links, <a rel="external">, which the reader follows or not), and every
 * page has a language, one <h1> and one <main>. Needs `astro build` first, like the browser tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DIST } from './serve.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

let all: string[] = [];
beforeAll(() => {
  assertBuilt();
  all = files(DIST);
});

/** URL-bearing attributes and CSS references that would make the browser fetch something. */
const REFERENCE = /\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]+)|url\(\s*["']?((?:https?:)?\/\/[^"')]+)|@import\s+["']((?:https?:)?\/\/[^"']+)/gi;

describe('built site', () => {
  it('references no resource outside the site (HTML attributes, CSS url() and @import)', () => {
    const external: string[] = [];
    for (const file of all.filter((f) => /\.(html|css|svg)$/.test(f))) {
      // a source's link (<a rel="external">) is a page the reader may follow, not a resource the page fetches
      const text = readFileSync(file, 'utf8').replace(/<a\b[^>]*\brel="external[^"]*"[^>]*>/g, '<a>');
      for (const m of text.matchAll(REFERENCE)) {
        external.push(`${relative(DIST, file)}: ${m[1] ?? m[2] ?? m[3]}`);
      }
    }
    expect(external).toEqual([]);
  });

  it('every HTML page declares zh-CN or en, and has one h1 and one main', () => {
    const pages = all.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const name = relative(DIST, file);
      expect(html, name).toMatch(/<html lang="(zh-CN|en)"/);
      expect(html.match(/<h1[\s>]/g)?.length, name).toBe(1);
      expect(html.match(/<main[\s>]/g)?.length, name).toBe(1);
      expect(html, name).not.toMatch(/\bNaN\b|\bInfinity\b|undefined/);
    }
  });

  it('hreflang alternates and canonical links are absolute, or absent when no SITE_URL was set', () => {
    const relativeLinks: string[] = [];
    for (const file of all.filter((f) => f.endsWith('.html'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/<link\b[^>]*\brel="(?:alternate|canonical)"[^>]*>/g)) {
        const href = /\bhref="([^"]*)"/.exec(m[0])?.[1] ?? '';
        if (!/^https?:\/\//.test(href)) relativeLinks.push(`${relative(DIST, file)}: ${m[0]}`);
      }
    }
    // search engines ignore relative hreflang addresses (and Lighthouse's SEO audit fails them)
    expect(relativeLinks).toEqual([]);
  });
});
