/**
 * The service-worker generator (src/sw/generate.ts): which files of a build are precached and
 * under which address, the build's version, and the sw.js it writes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildVersion,
  fileToUrl,
  isPrecached,
  listFiles,
  manifestFor,
  renderServiceWorker,
  runtimeScript,
  writeServiceWorker,
} from '../../src/sw/generate.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small built site in a temporary directory. */
function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ppe-sw-'));
  temps.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const SITE = {
  'index.html': '<p>root</p>',
  '404.html': '<p>not found</p>',
  'favicon.svg': '<svg/>',
  'zh/index.html': '<p>zh</p>',
  'en/explore/index.html': '<p>explore</p>',
  'en/scenarios/legacy/index.html': '<p>legacy</p>',
  '_astro/worker-abc.js': 'postMessage(1)',
  '_astro/Explorer.x1.js': 'export{}',
  '_astro/Explorer.x1.js.map': '{}',
  '.DS_Store': 'junk',
};

describe('fileToUrl: the address the browser requests', () => {
  it.each([
    ['index.html', '/'],
    ['zh/index.html', '/zh/'],
    ['en/explore/index.html', '/en/explore/'],
    ['en/scenarios/legacy/index.html', '/en/scenarios/legacy/'],
    ['404.html', '/404.html'],
    ['favicon.svg', '/favicon.svg'],
    ['_astro/worker-CYSVxeYk.js', '/_astro/worker-CYSVxeYk.js'],
  ])('%s → %s', (file, url) => {
    expect(fileToUrl(file)).toBe(url);
  });
});

describe('isPrecached', () => {
  it('leaves out sw.js itself, source maps and dotfiles; keeps pages and assets', () => {
    expect(isPrecached('sw.js')).toBe(false);
    expect(isPrecached('_astro/Explorer.x1.js.map')).toBe(false);
    expect(isPrecached('.DS_Store')).toBe(false);
    expect(isPrecached('.well-known/x.txt')).toBe(false);
    expect(isPrecached('en/sw.js')).toBe(true);
    expect(isPrecached('_astro/worker-abc.js')).toBe(true);
    expect(isPrecached('404.html')).toBe(true);
  });
});

describe('buildVersion', () => {
  const files = [
    { path: 'index.html', content: 'a' },
    { path: '_astro/x.js', content: 'b' },
  ];

  it('does not depend on the order of the listing', () => {
    expect(buildVersion(files)).toBe(buildVersion([...files].reverse()));
    expect(buildVersion(files)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when one byte of one file changes, when a file is renamed, added or removed', () => {
    const v = buildVersion(files);
    expect(buildVersion([files[0]!, { path: '_astro/x.js', content: 'c' }])).not.toBe(v);
    expect(buildVersion([files[0]!, { path: '_astro/y.js', content: 'b' }])).not.toBe(v);
    expect(buildVersion([...files, { path: 'en/index.html', content: '' }])).not.toBe(v);
    expect(buildVersion([files[0]!])).not.toBe(v);
  });

  it('tells a path from its content (no ambiguity in how the two are joined)', () => {
    expect(buildVersion([{ path: 'ab', content: 'c' }])).not.toBe(buildVersion([{ path: 'a', content: 'bc' }]));
  });
});

describe('manifestFor and writeServiceWorker on a built site', () => {
  it('lists every page as its directory address, every asset, and the 404 page; not sw.js or maps', () => {
    const dir = site({ ...SITE, 'sw.js': 'old worker' });
    expect(listFiles(dir)).toContain('en/explore/index.html');
    const m = manifestFor(dir);
    expect([...m.urls].sort()).toEqual(
      [
        '/',
        '/404.html',
        '/favicon.svg',
        '/zh/',
        '/en/explore/',
        '/en/scenarios/legacy/',
        '/_astro/worker-abc.js',
        '/_astro/Explorer.x1.js',
      ].sort(),
    );
    expect(m.notFound).toBe('/404.html');
    const precached = Object.entries(SITE).filter(([p]) => isPrecached(p));
    expect(m.bytes).toBe(precached.reduce((sum, [, c]) => sum + Buffer.byteLength(c), 0));
  });

  it('the version ignores sw.js (writing it twice gives the same file) and follows any page edit', () => {
    const dir = site(SITE);
    const first = writeServiceWorker(dir);
    const text = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(writeServiceWorker(dir).version).toBe(first.version);
    expect(readFileSync(join(dir, 'sw.js'), 'utf8')).toBe(text);

    writeFileSync(join(dir, 'en/explore/index.html'), '<p>explore, second build</p>');
    const second = writeServiceWorker(dir);
    expect(second.version).not.toBe(first.version);
    const changed = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(changed).not.toBe(text);
    expect(changed).toContain(`"version": "${second.version}"`);
    expect(changed).not.toContain(first.version);
  });

  it('without a 404 page, notFound is null', () => {
    const { ['404.html']: _, ...rest } = SITE;
    expect(manifestFor(site(rest)).notFound).toBeNull();
  });

  it('refuses an empty build with a clear message', () => {
    expect(() => manifestFor(site({ 'sw.js': 'x' }))).toThrow(/no files to precache/);
  });
});

describe('runtimeScript and renderServiceWorker', () => {
  it('a classic script: no import or export left, the manifest baked in, install(self, …) called', () => {
    const text = renderServiceWorker({ version: 'abc123', urls: ['/', '/en/'], notFound: '/404.html' });
    expect(text).not.toMatch(/^\s*(import|export)\b/m);
    expect(text).toMatch(/install\(self, \{/);
    expect(text).toContain('"/en/"');
    // it parses as a script (not a module)
    expect(() => new Function(text)).not.toThrow();
  });

  it('refuses a runtime that imports something (sw.js must be self-contained)', () => {
    expect(() => runtimeScript("import { x } from './x.ts';\nexport function f() { return x; }\n")).toThrow(/self-contained/);
  });
});
