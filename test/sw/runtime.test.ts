/**
 * The service worker itself: the routing decisions of src/sw/runtime.ts, and the generated sw.js
 * run in a Node VM against an in-memory Cache Storage and a fake network (on or off), so that
 * install, activate and fetch are checked on the very text the build writes.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { renderServiceWorker } from '../../src/sw/generate.ts';
import { CACHE_PREFIX, cacheName, lookupPaths, slashForm, strategyFor, type Manifest } from '../../src/sw/runtime.ts';

const ORIGIN = 'https://example.test';

describe('strategyFor', () => {
  const s = (path: string, method = 'GET', origin = ORIGIN) => strategyFor(method, new URL(path, origin), ORIGIN);
  it('hashed assets cache-first, pages and other files network-first', () => {
    expect(s('/_astro/worker-CYSVxeYk.js')).toBe('cache-first');
    expect(s('/en/explore/?d=120')).toBe('network-first');
    expect(s('/')).toBe('network-first');
    expect(s('/favicon.svg')).toBe('network-first');
  });
  it('leaves other hosts, other methods and sw.js itself to the browser', () => {
    expect(s('/en/', 'POST')).toBe('none');
    expect(s('/en/', 'HEAD')).toBe('none');
    expect(s('/x.js', 'GET', 'https://cdn.example.test')).toBe('none');
    expect(s('/sw.js')).toBe('none');
  });
});

describe('lookupPaths and slashForm', () => {
  it('a page is found as /dir/ whether asked as /dir/ or /dir/index.html', () => {
    expect(lookupPaths('/en/explore/')).toEqual(['/en/explore/']);
    expect(lookupPaths('/en/explore/index.html')).toEqual(['/en/explore/index.html', '/en/explore/']);
    expect(lookupPaths('/index.html')).toEqual(['/index.html', '/']);
  });
  it('/dir without a slash has the slash form; files and /dir/ do not', () => {
    expect(slashForm('/en/glossary')).toBe('/en/glossary/');
    expect(slashForm('/en/glossary/')).toBeNull();
    expect(slashForm('/favicon.svg')).toBeNull();
  });
});

// ---- the generated sw.js in a VM ----

class MemoryCache {
  readonly entries = new Map<string, Response>();
  async match(request: string | Request): Promise<Response | undefined> {
    return this.entries.get(typeof request === 'string' ? request : request.url)?.clone();
  }
  async put(request: string | Request, response: Response): Promise<void> {
    this.entries.set(typeof request === 'string' ? request : request.url, response);
  }
  async keys(): Promise<string[]> {
    return [...this.entries.keys()];
  }
}

class MemoryCacheStorage {
  readonly stores = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    if (!this.stores.has(name)) this.stores.set(name, new MemoryCache());
    return this.stores.get(name)!;
  }
  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }
  async has(name: string): Promise<boolean> {
    return this.stores.has(name);
  }
  async match(): Promise<undefined> {
    throw new Error('the worker must look in its own cache only');
  }
}

interface FakeRequest {
  url: string;
  method: string;
  mode: string;
}

/** A service worker scope around the generated script, with a network serving `files`. */
function boot(manifest: Manifest, files: Record<string, string>, caches = new MemoryCacheStorage()) {
  const listeners: Record<string, (event: unknown) => void> = {};
  const fetched: { url: string; cache?: string | undefined }[] = [];
  const net = { online: true, files };
  let skipped = 0;
  let claimed = 0;
  const self = {
    location: { origin: ORIGIN },
    caches,
    clients: { claim: async () => void claimed++ },
    skipWaiting: async () => void skipped++,
    fetch: async (input: Request | FakeRequest | string) => {
      const url = typeof input === 'string' ? input : input.url;
      fetched.push({ url, cache: typeof input === 'string' ? undefined : (input as Request).cache });
      if (!net.online) throw new TypeError('Failed to fetch');
      const body = net.files[new URL(url).pathname];
      return body === undefined ? new Response('missing', { status: 404 }) : new Response(body, { status: 200 });
    },
    addEventListener: (type: string, listener: (event: unknown) => void) => {
      listeners[type] = listener;
    },
  };
  runInNewContext(renderServiceWorker(manifest), { self, URL, Request, Response, Promise, Error, TypeError, JSON });

  async function extendable(type: 'install' | 'activate'): Promise<void> {
    const waits: Promise<unknown>[] = [];
    listeners[type]!({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  }
  /** The worker's answer, or null when it leaves the request to the browser. */
  async function request(path: string, init: { method?: string; mode?: string } = {}): Promise<Response | null> {
    let answer: Promise<Response> | null = null;
    const req: FakeRequest = { url: new URL(path, ORIGIN).href, method: init.method ?? 'GET', mode: init.mode ?? 'cors' };
    listeners['fetch']!({ request: req, respondWith: (p: Promise<Response>) => (answer = p), waitUntil: () => {} });
    return answer;
  }
  return {
    caches,
    net,
    fetched,
    install: () => extendable('install'),
    activate: () => extendable('activate'),
    request,
    counts: () => ({ skipped, claimed }),
  };
}

const FILES: Record<string, string> = {
  '/': 'root v1',
  '/en/': 'en home v1',
  '/en/explore/': 'explorer v1',
  '/en/glossary/': 'glossary v1',
  '/404.html': 'not found page',
  '/_astro/worker-a.js': 'worker a',
};
const V1: Manifest = { version: 'v1', urls: Object.keys(FILES), notFound: '/404.html' };

describe('generated sw.js: install and activate', () => {
  it('install fetches every address past the HTTP cache into the version cache, then skips waiting', async () => {
    const sw = boot(V1, FILES);
    await sw.install();
    const cache = sw.caches.stores.get(cacheName('v1'))!;
    expect((await cache.keys()).sort()).toEqual(V1.urls.map((u) => ORIGIN + u).sort());
    expect(await (await cache.match(`${ORIGIN}/en/explore/`))!.text()).toBe('explorer v1');
    expect(sw.fetched.every((f) => f.cache === 'reload')).toBe(true);
    expect(sw.counts().skipped).toBe(1);
  });

  it('a failed download fails the install and leaves no half-filled cache', async () => {
    const sw = boot({ ...V1, urls: [...V1.urls, '/en/gone/'] }, FILES);
    await expect(sw.install()).rejects.toThrow(/\/en\/gone\/ answered HTTP 404/);
    expect(await sw.caches.keys()).toEqual([]);
    expect(sw.counts().skipped).toBe(0);
  });

  it('a new version copies unchanged hashed assets from the old cache, fetches the rest, and activate deletes the old cache only', async () => {
    const caches = new MemoryCacheStorage();
    await boot(V1, FILES, caches).install();
    const other = await caches.open('someone-elses-cache');
    await other.put(`${ORIGIN}/x`, new Response('x'));

    const files2 = { ...FILES, '/en/explore/': 'explorer v2', '/_astro/worker-a.js': 'must not be fetched again' };
    const sw2 = boot({ ...V1, version: 'v2' }, files2, caches);
    await sw2.install();
    expect(sw2.fetched.map((f) => new URL(f.url).pathname)).not.toContain('/_astro/worker-a.js');
    const v2 = caches.stores.get(cacheName('v2'))!;
    expect(await (await v2.match(`${ORIGIN}/_astro/worker-a.js`))!.text()).toBe('worker a');
    expect(await (await v2.match(`${ORIGIN}/en/explore/`))!.text()).toBe('explorer v2');

    expect((await caches.keys()).sort()).toEqual([cacheName('v1'), cacheName('v2'), 'someone-elses-cache'].sort());
    await sw2.activate();
    expect((await caches.keys()).sort()).toEqual([cacheName('v2'), 'someone-elses-cache'].sort());
    expect(sw2.counts().claimed).toBe(1);
    expect(cacheName('v2').startsWith(CACHE_PREFIX)).toBe(true);
  });
});

describe('generated sw.js: fetch', () => {
  async function installed() {
    const sw = boot(V1, FILES);
    await sw.install();
    await sw.activate();
    sw.fetched.length = 0;
    return sw;
  }

  it('online, pages come from the network (fresh), not from the cache', async () => {
    const sw = await installed();
    sw.net.files = { ...FILES, '/en/explore/': 'explorer, newer on the server' };
    expect(await (await sw.request('/en/explore/?d=120', { mode: 'navigate' }))!.text()).toBe('explorer, newer on the server');
    expect(sw.fetched).toHaveLength(1);
  });

  it('hashed assets come from the cache without touching the network', async () => {
    const sw = await installed();
    expect(await (await sw.request('/_astro/worker-a.js'))!.text()).toBe('worker a');
    expect(sw.fetched).toEqual([]);
    // an asset not in the cache goes to the network
    expect((await sw.request('/_astro/other.js'))!.status).toBe(404);
    expect(sw.fetched).toHaveLength(1);
  });

  it('offline, a page is served from the cache whatever its query string, and as /dir/index.html', async () => {
    const sw = await installed();
    sw.net.online = false;
    expect(await (await sw.request('/en/explore/?d=120&b=50&g=constant', { mode: 'navigate' }))!.text()).toBe('explorer v1');
    expect(await (await sw.request('/en/explore/index.html', { mode: 'navigate' }))!.text()).toBe('explorer v1');
    expect(await (await sw.request('/', { mode: 'navigate' }))!.text()).toBe('root v1');
  });

  it('offline, /dir without its slash redirects to /dir/ keeping the query', async () => {
    const sw = await installed();
    sw.net.online = false;
    const r = (await sw.request('/en/glossary?x=1', { mode: 'navigate' }))!;
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(`${ORIGIN}/en/glossary/?x=1`);
  });

  it('offline, an unknown page gets the cached 404 page with status 404; an unknown file fails as a network error', async () => {
    const sw = await installed();
    sw.net.online = false;
    const r = (await sw.request('/en/nowhere/', { mode: 'navigate' }))!;
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('not found page');
    await expect(sw.request('/en/data.json')).rejects.toThrow(/Failed to fetch/);
  });

  it('POST, other hosts and sw.js are left to the browser', async () => {
    const sw = await installed();
    expect(await sw.request('/en/', { method: 'POST' })).toBeNull();
    expect(await sw.request('https://cdn.example.test/x.js')).toBeNull();
    expect(await sw.request('/sw.js')).toBeNull();
  });
});
