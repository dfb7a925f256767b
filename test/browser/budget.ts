/**
 * JavaScript budgets (issue 7): what each built page could make the browser load, measured on
 * dist/ without a browser, gzipped with node:zlib at its default level.
 *
 * A page's JavaScript is its inline scripts, <script src>, <link rel="modulepreload">, the
 * component-url / renderer-url (any *-url attribute) of its Astro islands and the service worker
 * it registers; then, transitively in every JS file reached, static `import … from` / `import '…'`
 * / `export … from`, dynamic `import('…')` with a literal path, `new URL('…', import.meta.url)`
 * (how Vite starts workers) and `new Worker('…')`. To be sure never to undercount, any other string
 * literal in a JS file that names an existing .js file in dist/ (e.g. Vite's preload lists) is
 * counted too. A service worker the page registers counts (its own script, not the files it
 * precaches for offline use). Each file counts once per page; inline scripts are gzipped one by one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;

/** Budgets in bytes of gzipped JavaScript per page. */
export const BUDGETS = {
  explorer: 250 * KB,
  live: 150 * KB,
  text: 50 * KB,
} as const;
export type BudgetCategory = keyof typeof BUDGETS;

/**
 * The budget of a page, by its path in dist/ ('en/explore/index.html'): the explorer; pages with
 * live figures (the walkthrough and your own example, each scenario page, claims, how it works); everything else is
 * text (home, about, method, glossary, risks, the root page, 404, and the scenarios index, a list
 * of links without figures of its own).
 */
export function categoryOf(htmlPath: string): BudgetCategory {
  const p = htmlPath.split(sep).join('/');
  const rest = p.replace(/^(zh|en)\//, '').replace(/(^|\/)?index\.html$/, '');
  if (rest === 'explore') return 'explorer';
  if (rest === 'walkthrough' || rest === 'walkthrough/custom' || rest === 'claims' || rest === 'how-it-works') return 'live';
  if (rest.startsWith('scenarios/')) return 'live';
  return 'text';
}

export interface CountedFile {
  /** path within dist/, or 'inline #n' */
  name: string;
  raw: number;
  gzip: number;
}

export interface PageJs {
  /** path of the HTML file within dist/ */
  page: string;
  files: CountedFile[];
  /** gzipped total */
  gzip: number;
  raw: number;
  /** references that point at nothing in dist/ (always a fault: the measure could not follow them) */
  missing: string[];
}

export function gz(text: string | Buffer): number {
  return gzipSync(text).length;
}

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A quoted literal: '…', "…" or `…` without ${}. */
const LIT = String.raw`(?:'([^'\n]*)'|"([^"\n]*)"|\x60([^\x60$\n]*)\x60)`;

/** references that must resolve: imports, dynamic imports, workers, new URL(…, import.meta.url) */
const MUST = [
  new RegExp(String.raw`\bimport\s*${LIT}`, 'g'), // import './x.js' (side effect)
  new RegExp(String.raw`\bfrom\s*${LIT}`, 'g'), // import … from / export … from
  new RegExp(String.raw`\bimport\s*\(\s*${LIT}\s*\)`, 'g'),
  new RegExp(String.raw`\bnew\s+URL\s*\(\s*${LIT}\s*,[^)]*import\.meta\.url`, 'g'),
  new RegExp(String.raw`\bnew\s+(?:Shared)?Worker\s*\(\s*${LIT}`, 'g'),
  new RegExp(String.raw`\bimportScripts\s*\(\s*${LIT}`, 'g'),
];
/**
 * A service worker the page registers (`navigator.serviceWorker.register('/sw.js')`, or `sw.register`
 * on a saved reference): the worker's own script counts, but not the files it precaches for offline
 * use. Those are fetched once for the whole site in the background, not loaded by the page's code
 * (counting them would charge every page with every page's JavaScript).
 */
const REGISTER = new RegExp(String.raw`\bregister\s*\(\s*${LIT}`, 'g');
/** any literal that looks like a script path: counted when it names a file in dist/ */
const MAYBE = new RegExp(String.raw`${LIT}`, 'g');

function literal(m: RegExpMatchArray): string {
  return m[1] ?? m[2] ?? m[3] ?? '';
}

const isScriptPath = (s: string) => /^[\w./-]+\.m?js(?:[?#].*)?$/.test(s) && !/^[a-z][\w+.-]*:/i.test(s);

/**
 * Resolve a reference from a file (path within dist/, or the HTML page) to a path within dist/:
 * '/x' from the root, './x' and '../x' from the referring file's folder, a bare 'x/y.js' as the
 * page would (Vite's preload lists are relative to the site root). Foreign URLs come back undefined.
 */
function resolveRef(dist: string, from: string, ref: string): string | undefined {
  const clean = ref.replace(/[?#].*$/, '');
  if (/^[a-z][\w+.-]*:/i.test(clean) || clean.startsWith('//')) return undefined;
  const base = clean.startsWith('/') ? dist : clean.startsWith('.') ? dirname(join(dist, from)) : dist;
  const abs = resolve(base, clean.replace(/^\/+/, ''));
  if (abs !== dist && !abs.startsWith(dist + sep)) return undefined;
  return relative(dist, abs);
}

/** The script references of one JS text: those that must resolve, and those that may. */
export function scriptRefs(js: string): { must: string[]; maybe: string[]; workers: string[] } {
  const workers = new Set<string>();
  for (const m of js.matchAll(REGISTER)) if (isScriptPath(literal(m))) workers.add(literal(m));
  const must = new Set<string>();
  for (const re of MUST) for (const m of js.matchAll(re)) if (!workers.has(literal(m))) must.add(literal(m));
  const maybe = new Set<string>();
  for (const m of js.matchAll(MAYBE)) {
    const s = literal(m);
    if (isScriptPath(s) && !must.has(s) && !workers.has(s)) maybe.add(s);
  }
  // `from '…'` and `import '…'` also match prose inside strings ("data from 'a source'"): keep what
  // can be a module address, a path (./x, ../x, /x, x.js) or a URL (to report as off the site)
  const address = (s: string) => isScriptPath(s) || /^(?:\.{1,2}\/|\/|https?:\/\/)\S+$/.test(s);
  return { must: [...must].filter(address), maybe: [...maybe], workers: [...workers] };
}

/** The JavaScript one HTML page (path within dist/) could load, each file once. */
export function measurePage(dist: string, page: string): PageJs {
  const html = readFileSync(join(dist, page), 'utf8');
  const files: CountedFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const queue: { ref: string; from: string; must: boolean; leaf?: boolean }[] = [];
  const follow = (js: string, from: string) => {
    const { must, maybe, workers } = scriptRefs(js);
    for (const ref of must) queue.push({ ref, from, must: true });
    for (const ref of maybe) queue.push({ ref, from, must: false });
    for (const ref of workers) queue.push({ ref, from, must: true, leaf: true });
  };

  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const tag = `<script ${m[1] ?? ''}>`;
    const type = (attr(tag, 'type') ?? '').trim().toLowerCase();
    if (!JS_TYPES.has(type)) continue; // JSON data, templates
    const src = attr(tag, 'src');
    if (src !== undefined) {
      queue.push({ ref: src, from: page, must: true });
    } else if ((m[2] ?? '').trim() !== '') {
      const body = m[2]!;
      files.push({ name: `inline #${++inline}`, raw: Buffer.byteLength(body), gzip: gz(body) });
      follow(body, page);
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(m[0], 'href');
    if (href !== undefined && rel.includes('modulepreload')) queue.push({ ref: href, from: page, must: true });
    if (href !== undefined && rel.includes('preload') && (attr(m[0], 'as') ?? '') === 'script') queue.push({ ref: href, from: page, must: true });
  }
  for (const m of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    for (const a of m[0].matchAll(/\s([\w-]+-url)\s*=\s*"([^"]*)"/g)) queue.push({ ref: decodeEntities(a[2]!), from: page, must: true });
  }

  while (queue.length > 0) {
    const { ref, from, must, leaf } = queue.shift()!;
    const path = resolveRef(dist, from, ref);
    if (path === undefined) {
      if (must) missing.push(`${ref} (from ${from}: not on this site)`);
      continue;
    }
    if (seen.has(path)) continue;
    if (!existsSync(join(dist, path))) {
      if (must) missing.push(`${ref} (from ${from})`);
      continue;
    }
    seen.add(path);
    const body = readFileSync(join(dist, path));
    files.push({ name: path.split(sep).join('/'), raw: body.length, gzip: gz(body) });
    if (!leaf) follow(body.toString('utf8'), path);
  }

  files.sort((a, b) => b.gzip - a.gzip);
  return {
    page: page.split(sep).join('/'),
    files,
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    raw: files.reduce((s, f) => s + f.raw, 0),
    missing,
  };
}

/**
 * The scripts a page runs as it loads, each once (paths within dist/): its `<script src>`,
 * modulepreloads and islands' *-url files, the static imports of its inline scripts, and their
 * static imports (`import … from`, `export … from`, `import '…'`) transitively. Not what loads only
 * on demand or off the main thread: dynamic `import()`, workers, `new URL(…, import.meta.url)`.
 */
export function loadGraph(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const queue: { ref: string; from: string }[] = [];
  const staticImports = (js: string, from: string) => {
    for (const re of MUST.slice(0, 2)) for (const m of js.matchAll(re)) if (isScriptPath(literal(m)) || /^\.{0,2}\//.test(literal(m))) queue.push({ ref: literal(m), from });
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const tag = `<script ${m[1] ?? ''}>`;
    if (!JS_TYPES.has((attr(tag, 'type') ?? '').trim().toLowerCase())) continue;
    const src = attr(tag, 'src');
    if (src !== undefined) queue.push({ ref: src, from: page });
    else staticImports(m[2] ?? '', page);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(m[0], 'href');
    if (href !== undefined && (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/).includes('modulepreload')) queue.push({ ref: href, from: page });
  }
  for (const m of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    for (const a of m[0].matchAll(/\s([\w-]+-url)\s*=\s*"([^"]*)"/g)) queue.push({ ref: decodeEntities(a[2]!), from: page });
  }
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { ref, from } = queue.shift()!;
    const path = resolveRef(dist, from, ref);
    if (path === undefined || seen.has(path) || !existsSync(join(dist, path))) continue;
    seen.add(path);
    staticImports(readFileSync(join(dist, path), 'utf8'), path);
  }
  return [...seen].map((p) => p.split(sep).join('/')).sort();
}

/** Every HTML page of the built site, measured. */
export function measureSite(dist: string): PageJs[] {
  return filesUnder(dist)
    .filter((f) => f.endsWith('.html'))
    .map((f) => relative(dist, f))
    .sort()
    .map((p) => measurePage(dist, p));
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** A plain-text table of every page's figures, for the CI log. */
export function budgetTable(pages: PageJs[]): string {
  const rows = pages.map((p) => {
    const cat = categoryOf(p.page);
    const budget = BUDGETS[cat];
    return [p.page, cat, kb(p.gzip), kb(budget), `${Math.round((100 * p.gzip) / budget)}%`, String(p.files.length), p.gzip <= budget ? 'ok' : 'OVER'];
  });
  const head = ['page', 'budget', 'JS gzip', 'limit', 'used', 'files', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
