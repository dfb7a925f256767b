/**
 * The service worker that makes the site work offline, as TypeScript. `src/sw/generate.ts`
 * transpiles this file (it must stay self-contained: no imports), appends
 * `install(self, <manifest>)` with the build's file list and version, and writes dist/sw.js.
 *
 * - install: fetch every file of the build (bypassing the HTTP cache) into one cache named after
 *   the build's version; hashed assets already held by an older cache of this site are copied,
 *   not fetched again. Any failure fails the install and leaves no half-filled cache behind.
 *   Then take over at once (skipWaiting): pages are network-first, so a reader online already
 *   sees the new build.
 * - activate: delete every cache of this site but the current one, and control open pages.
 * - fetch (same-origin GET only): hashed assets (/_astro/…) cache-first; everything else
 *   network-first, falling back to the cached copy looked up without the query string (explorer
 *   addresses carry ?d=…), then to a redirect to the slash form of a directory page, then to the
 *   cached 404 page (with status 404) for a navigation. The cache is never written at run time:
 *   it holds exactly one build.
 */

/** What the generator bakes into sw.js. */
export interface Manifest {
  /** content hash of the whole build */
  version: string;
  /** site paths to precache, e.g. '/', '/en/explore/', '/_astro/worker-x.js', '/404.html' */
  urls: string[];
  /** the not-found page's path, or null when the build has none */
  notFound: string | null;
}

/** Every cache this site creates starts with this, so activate never touches another app's caches. */
export const CACHE_PREFIX = 'points-pool-explorer-';

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

export type Strategy = 'cache-first' | 'network-first' | 'none';

/** How a request is answered: 'none' leaves it to the browser (other hosts, non-GET, sw.js). */
export function strategyFor(method: string, url: URL, origin: string): Strategy {
  if (method !== 'GET' || url.origin !== origin) return 'none';
  if (url.pathname === '/sw.js') return 'none';
  if (url.pathname.startsWith('/_astro/')) return 'cache-first';
  return 'network-first';
}

/** The precache keys a path may be stored under, best first: itself, then /dir/ for /dir/index.html. */
export function lookupPaths(pathname: string): string[] {
  const paths = [pathname];
  if (pathname.endsWith('/index.html')) paths.push(pathname.slice(0, -'index.html'.length));
  return paths;
}

/** For /dir (no slash, no extension): the directory form /dir/ that a static host redirects to. */
export function slashForm(pathname: string): string | null {
  if (pathname.endsWith('/')) return null;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') ? null : `${pathname}/`;
}

// The parts of the service-worker global scope used here (the project's lib is DOM, not WebWorker).
interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
export interface ServiceWorkerScopeLike {
  location: { origin: string };
  caches: CacheStorage;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

/** Wire the handlers; the generated sw.js ends with `install(self, manifest)`. */
export function install(sw: ServiceWorkerScopeLike, manifest: Manifest): void {
  const origin = sw.location.origin;
  const current = cacheName(manifest.version);
  const abs = (path: string) => new URL(path, origin).href;

  /** A stored copy must not be a redirected response: a navigation answered with one fails. */
  async function storable(response: Response): Promise<Response> {
    if (!response.redirected) return response;
    return new Response(await response.blob(), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  async function fromOlderCache(url: string): Promise<Response | undefined> {
    for (const name of await sw.caches.keys()) {
      if (name === current || !name.startsWith(CACHE_PREFIX)) continue;
      const hit = await (await sw.caches.open(name)).match(url);
      if (hit) return hit;
    }
    return undefined;
  }

  async function precache(): Promise<void> {
    const cache = await sw.caches.open(current);
    try {
      await Promise.all(
        manifest.urls.map(async (path) => {
          const url = abs(path);
          // hashed names: the same name is the same content, whichever build cached it
          const kept = path.startsWith('/_astro/') ? await fromOlderCache(url) : undefined;
          if (kept) {
            await cache.put(url, kept);
            return;
          }
          const response = await sw.fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
          if (!response.ok) throw new Error(`offline copy: ${path} answered HTTP ${response.status}`);
          await cache.put(url, await storable(response));
        }),
      );
    } catch (error) {
      await sw.caches.delete(current);
      throw error;
    }
  }

  async function activate(): Promise<void> {
    const names = await sw.caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current).map((n) => sw.caches.delete(n)));
    await sw.clients.claim();
  }

  async function cached(url: URL): Promise<Response | undefined> {
    const cache = await sw.caches.open(current);
    for (const path of lookupPaths(url.pathname)) {
      const hit = await cache.match(abs(path));
      if (hit) return hit;
    }
    return undefined;
  }

  async function fallback(request: Request, url: URL, error: unknown): Promise<Response> {
    const hit = await cached(url);
    if (hit) return hit;
    const cache = await sw.caches.open(current);
    const dir = slashForm(url.pathname);
    if (dir && (await cache.match(abs(dir)))) return Response.redirect(abs(dir) + url.search, 301);
    if (request.mode === 'navigate' && manifest.notFound) {
      const page = await cache.match(abs(manifest.notFound));
      if (page) {
        return new Response(await page.blob(), { status: 404, statusText: 'Not Found', headers: page.headers });
      }
    }
    throw error;
  }

  async function respond(request: Request, strategy: Strategy): Promise<Response> {
    const url = new URL(request.url);
    if (strategy === 'cache-first') {
      const hit = await cached(url);
      if (hit) return hit;
      return sw.fetch(request);
    }
    try {
      return await sw.fetch(request);
    } catch (error) {
      return fallback(request, url, error);
    }
  }

  sw.addEventListener('install', (event) => {
    event.waitUntil(precache().then(() => sw.skipWaiting()));
  });
  sw.addEventListener('activate', (event) => {
    event.waitUntil(activate());
  });
  sw.addEventListener('fetch', (event) => {
    const strategy = strategyFor(event.request.method, new URL(event.request.url), origin);
    if (strategy !== 'none') event.respondWith(respond(event.request, strategy));
  });
}
