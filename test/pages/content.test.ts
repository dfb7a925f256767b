/**
 * The explainer pages' prose: every page in both languages, every figure a placeholder the engine
 * fills, no model figure typed in by hand, every glossary and page link resolving, every claim of
 * CLAIMS.md checked, every legal or factual statement with its source.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allFigures } from '../../src/figures/index.ts';
import { fillFigures, placeholdersIn, UnknownFigure } from '../../src/figures/fill.ts';
import { SCENARIO_SLUGS } from '../../src/scenarios/presets.ts';
import { MODEL_SLUGS } from '../../src/figures/models.ts';
import { parseStress } from '../../src/engine/stress.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOCALES = ['zh', 'en'] as const;

/** the pages of issue #6: content slug and route path */
export const EXPLAINER_PAGES: { slug: string; path: string }[] = [
  { slug: 'walkthrough', path: 'walkthrough' },
  { slug: 'how-it-works', path: 'how-it-works' },
  { slug: 'claims', path: 'claims' },
  { slug: 'risks', path: 'risks' },
  { slug: 'method', path: 'method' },
  { slug: 'glossary', path: 'glossary' },
  { slug: 'scenarios', path: 'scenarios' },
  ...SCENARIO_SLUGS.map((s) => ({ slug: `scenario-${s}`, path: `scenarios/${s}` })),
  { slug: 'models', path: 'models' },
  ...MODEL_SLUGS.map((s) => ({ slug: `model-${s}`, path: `models/${s}` })),
];

const read = (locale: string, slug: string) => readFileSync(join(ROOT, 'content', locale, `${slug}.md`), 'utf8');
const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('every explainer page exists in both languages', () => {
  it.each(EXPLAINER_PAGES)('$slug: content in zh and en, a route in /zh/ and /en/', ({ slug, path }) => {
    for (const locale of LOCALES) {
      expect(existsSync(join(ROOT, 'content', locale, `${slug}.md`)), `content/${locale}/${slug}.md`).toBe(true);
      const dynamic = /^(scenarios|models)\//.exec(path);
      const route = dynamic ? join(ROOT, 'src/pages', locale, dynamic[1]!, '[slug].astro') : join(ROOT, 'src/pages', locale, path, 'index.astro');
      expect(existsSync(route), route).toBe(true);
    }
  });
});

describe('figures in prose come from the engine', () => {
  const figures = allFigures();

  it.each(EXPLAINER_PAGES.flatMap((p) => LOCALES.map((l) => [l, p.slug] as const)))('%s/%s: every placeholder names a computed figure', (locale, slug) => {
    const names = placeholdersIn(read(locale, slug));
    const unknown = names.filter((n) => !(n in figures));
    expect(unknown).toEqual([]);
  });

  it.each(EXPLAINER_PAGES.map((p) => p.slug))('%s: the two languages quote the same figures', (slug) => {
    const set = (l: string) => [...new Set(placeholdersIn(read(l, slug)))].sort();
    expect(set('zh')).toEqual(set('en'));
  });

  it('an unknown placeholder fails rather than render', () => {
    expect(() => fillFigures('<p>{{seed.nope}}</p>', 'en', figures)).toThrow(UnknownFigure);
  });

  it('fills figures in the reader’s language and rewrites glossary and page links', () => {
    const html = fillFigures('<p>{{seed.salePaid}} <a href="glossary:pool">x</a> <a href="page:scenarios/legacy">y</a></p>', 'zh', figures);
    expect(html).toContain('1,600元');
    expect(html).toContain('href="/zh/glossary/#pool"');
    expect(html).toContain('href="/zh/scenarios/legacy/"');
  });

  /**
   * No model figure typed in: outside placeholders, code, headings that quote the pitch and quoted
   * words, the prose carries no decimal number and no percentage. Reported facts of the risk page
   * (case figures, a paper's pages) are listed here one by one.
   */
  const REPORTED = new Set(['0.05%', '7.25', '8.96', '5.98', '104.6', '58(2)']);
  it.each(EXPLAINER_PAGES.flatMap((p) => LOCALES.map((l) => [l, p.slug] as const)))('%s/%s: no typed-in decimal or percentage', (locale, slug) => {
    const text = body(read(locale, slug))
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`]*`/g, '')
      .replace(/\{\{[^}]*\}\}/g, '')
      .replace(/^#{1,6} .*$/gm, '')
      .replace(/“[^”]*”/g, '')
      .replace(/「[^」]*」/g, '')
      .replace(/\([^)]*\.(html|com|net|cn|org)[^)]*\)/g, '')
      // a link's address (the explorer's ?wi=skim:180:0.5) is not prose
      .replace(/\]\((page|https?):[^)]*\)/g, ']');
    const found = [...text.matchAll(/\d+(?:\(\d+\))?(?:\.\d+)?%|\d+\.\d+|\d+\(\d+\)/g)].map((m) => m[0]).filter((x) => !REPORTED.has(x));
    expect(found).toEqual([]);
  });

  it('the seed’s published figures come out as the pitch prints them (RULEBOOK §6)', () => {
    const en = (name: string) => fillFigures(`{{${name}}}`, 'en', figures).replace(/<[^>]+>/g, '');
    expect(['seed.price1', 'seed.price2', 'seed.price3', 'seed.breakEven', 'seed.tripleA', 'seed.tripleB'].map(en)).toEqual([
      '1.43', '1.68', '1.87', '4.76', '14.29', '20.41',
    ]);
    expect([en('seed.issued1'), en('seed.issued2'), en('seed.issued3'), en('seed.points3')]).toEqual(['210', '147', '124.95', '481.95']);
    expect([en('seed.saleValue'), en('seed.salePaid'), en('seed.saleWithheld')]).toEqual(['2,000', '1,600', '400']);
    expect(en('seed.price300x4')).toBe('7.1876');
    expect([en('seed.priceFold1'), en('seed.priceFold2'), en('seed.priceFold3')]).toEqual(['4.76', '9.52', '14.29']);
  });

  it('the pool growth and full-run figures agree with RULEBOOK §5 worked by hand', () => {
    const num = (name: string) => Number(figures[name]!.value);
    // about 180x, 1,830x, 7,070x for buyers past the first hundred (within about 7%)
    expect(Math.abs(num('seed.poolFold1') / 180 - 1)).toBeLessThan(0.07);
    expect(Math.abs(num('seed.poolFold2') / 1830 - 1)).toBeLessThan(0.07);
    expect(Math.abs(num('seed.poolFold3') / 7070 - 1)).toBeLessThan(0.07);
    // (k / (g x pool))^(1 / (1 - g)) analytically
    expect(Math.abs(num('seed.poolFold1') / (1 / 0.21) ** (1 / 0.3) - 1)).toBeLessThan(0.07);
    // the last seller leaves 0.2-0.8% of the pool after 300 orders
    for (const n of ['seed.runLeftEarliest', 'seed.runLeftLatest']) {
      expect(num(n)).toBeGreaterThan(0.0015);
      expect(num(n)).toBeLessThan(0.0085);
    }
    // 300 for the first buyer, about 210.6 for the 100th
    expect(num('seed.markFirst')).toBe(300);
    expect(num('seed.markHundredth')).toBeCloseTo(210.6, 0);
    // about 90 of a 1000 order once the pool is large
    expect(num('seed.transferAfter300')).toBeGreaterThan(89);
    expect(num('seed.transferLimit')).toBe(90);
  });
});

describe('links', () => {
  const glossaryIds = (locale: string) => [...read(locale, 'glossary').matchAll(/<h3 id="([\w-]+)">/g)].map((m) => m[1]);

  it('the glossary has the same terms in both languages, each with both scripts', () => {
    expect(glossaryIds('zh').length).toBeGreaterThan(25);
    expect(glossaryIds('en')).toEqual(glossaryIds('zh'));
    for (const locale of LOCALES) {
      for (const m of read(locale, 'glossary').matchAll(/<h3 id="[\w-]+">(.*)<\/h3>/g)) {
        expect(m[1], m[1]).toMatch(/\p{Script=Han}/u);
        expect(m[1], m[1]).toMatch(/[a-z]{3,}/);
      }
    }
  });

  it.each(EXPLAINER_PAGES.flatMap((p) => LOCALES.map((l) => [l, p.slug] as const)))('%s/%s: every glossary: and page: link resolves', (locale, slug) => {
    const text = read(locale, slug);
    const ids = new Set(glossaryIds(locale));
    for (const m of text.matchAll(/\(glossary:([\w-]+)\)/g)) expect(ids.has(m[1]!), `glossary:${m[1]}`).toBe(true);
    const paths = new Set(['', 'about', 'explore', ...EXPLAINER_PAGES.map((p) => p.path)]);
    for (const m of text.matchAll(/\(page:([\w/-]*)(\?[^)#]*)?(#[\w-]+)?\)/g)) {
      expect(paths.has(m[1]!), `page:${m[1]}`).toBe(true);
      // the explorer's stress address: wi=KIND:DAY[:VALUE], as simulate --stress reads it
      const wi = m[2] ? new URLSearchParams(m[2]).get('wi') : null;
      if (m[2]) expect(m[1], m[0]).toBe('explore');
      if (wi !== null) expect(parseStress(wi), m[0]).not.toHaveProperty('message');
    }
  });

  it('the main terms are linked to the glossary from the pages that use them', () => {
    for (const locale of LOCALES) {
      const how = read(locale, 'how-it-works');
      for (const term of ['pool', 'points', 'price', 'marked-value', 'withholding', 'forced-exit', 'subsidy', 'distribution']) {
        expect(how, `${locale} how-it-works links ${term}`).toContain(`(glossary:${term})`);
      }
    }
  });
});

describe('the claim checker answers every claim of CLAIMS.md', () => {
  it.each(LOCALES)('%s: claims 1 to 14, each with a verdict and a live figure', (locale) => {
    const text = read(locale, 'claims');
    const claims = text.split(/^### /m).slice(1);
    expect(claims.map((c) => Number(/^(\d+)\./.exec(c)?.[1]))).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    for (const c of claims) {
      expect(c, c.slice(0, 40)).toMatch(/class="verdict"/);
      expect(placeholdersIn(c).length, c.slice(0, 40)).toBeGreaterThan(0);
    }
  });

  // The vendor's words quoted in the claims' headings. The passages ship with the repository
  // (content/claims-quotes.json, with the article's title, file and SHA-256), so a bare clone checks
  // the claims against them; where the article lives beside the checkout (../shared/source/, as CI
  // lays it out), the passages and the hash are checked against the article itself.
  const QUOTES = JSON.parse(readFileSync(join(ROOT, 'content', 'claims-quotes.json'), 'utf8')) as { source: { file: string; sha256: string }; passages: string[] };
  const quoted = () => {
    const headings = read('zh', 'claims').split('\n').filter((l) => l.startsWith('### ')).join('\n');
    return [...headings.matchAll(/“([^”]+)”/g)].map((m) => m[1]!).flatMap((q) => q.split('…')).filter((x) => /\p{Script=Han}/u.test(x) && x.length >= 4);
  };

  it('the claims quote the seed’s own words: each quoted passage is one of content/claims-quotes.json, and each of those is quoted', () => {
    const quotes = quoted();
    expect(quotes.length).toBeGreaterThan(6);
    expect([...new Set(quotes)].sort()).toEqual([...QUOTES.passages].sort());
  });

  const SOURCE = join(ROOT, QUOTES.source.file);
  it.skipIf(!existsSync(SOURCE))('the shipped passages are the source article’s words, and the article is the one named (../shared/source, SHA-256)', () => {
    const bytes = readFileSync(SOURCE);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(QUOTES.source.sha256);
    const source = bytes.toString('utf8');
    for (const q of QUOTES.passages) expect(source, q).toContain(q);
  });
});

describe('legal and factual statements cite their source', () => {
  it.each(LOCALES)('%s: every item of the legal context and the cases names a source or says it is reported', (locale) => {
    const text = read(locale, 'risks');
    const sections = text.split(/^## /m).filter((s) => /^(Legal context|Cases|International|法律背景|案例|国际参照)/.test(s));
    expect(sections.length).toBe(3);
    const items = sections.flatMap((s) => s.split('\n').filter((l) => l.startsWith('- ')));
    expect(items.length).toBeGreaterThan(12);
    for (const item of items) {
      expect(item, item.slice(0, 60)).toMatch(/[\w-]+\.(com|net|cn|cc|org|gov)\b|reported|据转载|据报道|据称|U\.S\.|\d{4}\)|（\d{4}）/);
    }
  });
});
