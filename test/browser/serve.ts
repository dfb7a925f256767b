/**
 * A tiny static file server for the built site (dist/), on 127.0.0.1 and a free port. Enough of a
 * static host for the tests and screenshots: directory index.html, a redirect from /dir to /dir/,
 * 404.html for anything missing, no path escapes from the root, GET and HEAD only.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const DIST = resolve(fileURLToPath(new URL('../../dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  /** origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Throw a clear error when the site has not been built. */
export function assertBuilt(root = DIST): void {
  const needed = ['index.html', 'zh/index.html', 'en/index.html'];
  const missing = needed.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) {
    throw new Error(
      `The built site is missing (${missing.map((f) => `dist/${f}`).join(', ')}): run astro build first ` +
        '(`npm run build`, or `npm test`, which builds before it tests).',
    );
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** the types a static host compresses */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.map']);

/**
 * Serve `root` on 127.0.0.1. With `gzip`, text is sent gzip-compressed to clients that accept it,
 * as a static host sends it (Lighthouse's simulated slow network then sees the bytes a reader's
 * browser would get); without, every file as it is on disk.
 */
export async function startStaticServer(root = DIST, opts: { gzip?: boolean } = {}): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const target = normalize(join(base, pathname));
    if (target !== base && !target.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    let file: string | undefined;
    if (isDir(target)) {
      if (!pathname.endsWith('/')) {
        const raw = req.url ?? '/';
        const query = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';
        res.writeHead(301, { location: `${pathname}/${query}` }).end();
        return;
      }
      if (isFile(join(target, 'index.html'))) file = join(target, 'index.html');
    } else if (isFile(target)) {
      file = target;
    }
    const status = file ? 200 : 404;
    file ??= join(base, '404.html');
    if (!isFile(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const gzip = !!opts.gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (gzip) createReadStream(file).pipe(createGzip()).pipe(res);
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
