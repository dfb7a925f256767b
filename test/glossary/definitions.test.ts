/**
 * The glossary's definitions as the popovers show them (src/glossary): read from the glossary
 * page's Markdown, one per `<h3 id>`, plain text with figures filled; and the prose transform that
 * gives the first link to each entry its popover.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGlossary, byId } from '../../src/glossary/definitions.ts';
import { definitionsOf, definitionStrings } from '../../src/glossary/build.ts';
import { CHART_TERMS, definitionOf } from '../../src/explorer/definitions.ts';
import { withDefinitions } from '../../src/glossary/popover.ts';
import { ROWS } from '../../src/explorer/table.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const glossary = (locale: 'zh' | 'en') => readFileSync(`${ROOT}content/${locale}/glossary.md`, 'utf8');

describe('parseGlossary', () => {
  const md = [
    '## The pool',
    '',
    '<h3 id="pool">盈利池 · profit pool</h3>',
    '',
    'The cash set aside ({{seed.poolShare}} of the amount) to back the **points**. [How it works](page:how-it-works).',
    '',
    '<h3 id="buyback">托底回购 · buyback</h3>',
    '',
    'True at its own mark: see [marked value](glossary:marked-value).',
    '',
    'A second paragraph.',
    '',
    '## Law',
    '',
    'Text of the section, not of the entry above.',
  ].join('\n');
  const fill = (name: string) => (name === 'seed.poolShare' ? '30%' : `?${name}`);

  it('one entry per <h3 id>, its text the paragraphs up to the next heading, in plain text', () => {
    expect(parseGlossary(md, fill)).toEqual([
      // the figure filled, the emphasis marks dropped, the closing pointer to another page dropped
      { id: 'pool', term: '盈利池 · profit pool', text: 'The cash set aside (30% of the amount) to back the points.' },
      // a link inside a sentence keeps its words; the section after the entry is not part of it
      { id: 'buyback', term: '托底回购 · buyback', text: 'True at its own mark: see marked value. A second paragraph.' },
    ]);
  });

  it('a Chinese closing pointer (见[原理](page:…)。) is dropped too', () => {
    const zh = '<h3 id="pool">盈利池</h3>\n\n它由运营方掌握。见[原理](page:how-it-works)。\n';
    expect(parseGlossary(zh, fill)).toEqual([{ id: 'pool', term: '盈利池', text: '它由运营方掌握。' }]);
  });

  it('an entry without text is an error naming it', () => {
    expect(() => parseGlossary('<h3 id="empty">Empty</h3>\n\n<h3 id="x">X</h3>\n\nx', fill)).toThrow(/"empty" has no definition/);
  });
});

describe('the site’s glossary, both languages', () => {
  const zh = definitionsOf(glossary('zh'), 'zh');
  const en = definitionsOf(glossary('en'), 'en');

  it('the same entries in both languages, each with a definition and no placeholder left', () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
    expect(zh.size).toBeGreaterThanOrEqual(30);
    for (const d of [...zh.values(), ...en.values()]) {
      expect(d.text, d.id).not.toMatch(/\{\{|\]\(|<|\*\*/);
      expect(d.text.length, d.id).toBeGreaterThan(5);
    }
    // the pool's share quoted from the seed's rules (RULEBOOK: 30% of each order enters the pool)
    expect(en.get('pool')!.text).toContain('30%');
    expect(zh.get('pool')!.text).toContain('30%');
  });

  it('every explorer parameter that names a glossary term names one that exists', () => {
    const named = ROWS.filter((r) => r.term);
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const r of named) {
      expect(en.has(r.term!), `${r.key} → ${r.term}`).toBe(true);
      expect(zh.has(r.term!), `${r.key} → ${r.term}`).toBe(true);
    }
  });
});

describe('the explorer’s definitions, from the strings the page passes to the island', () => {
  const strings = definitionStrings(definitionsOf(glossary('en'), 'en'), 'en');
  it('a parameter’s term: the glossary’s heading and text, and the button named in words', () => {
    const d = definitionOf(strings, 'forced-exit', 'def-exit')!;
    expect(d.uid).toBe('def-exit');
    expect(d.term).toBe('强制退出 · forced exit');
    expect(d.text.startsWith('When a buyer’s points are worth a set multiple')).toBe(true);
    expect(d.label).toBe('What “强制退出 · forced exit” means');
  });
  it('no term, or one the glossary lacks: no definition', () => {
    expect(definitionOf(strings, undefined, 'x')).toBeUndefined();
    expect(definitionOf(strings, 'no-such-entry', 'x')).toBeUndefined();
  });
  it('every chart term names a glossary entry', () => {
    for (const id of Object.values(CHART_TERMS)) expect(definitionOf(strings, id, 'x'), id).toBeDefined();
  });
});

describe('withDefinitions: the first link to each entry gets its popover', () => {
  const defs = byId([
    { id: 'pool', term: '盈利池 · profit pool', text: 'Cash <kept> & held.' },
    { id: 'price', term: 'point price', text: 'Pool ÷ points.' },
  ]);
  const link = (id: string, words: string) => `<a href="/en/glossary/#${id}" class="term">${words}</a>`;
  const html = `<p>${link('pool', 'pool')} and ${link('price', 'price')}; the ${link('pool', 'pool')} again; ${link('nope', 'x')}.</p>`;
  const out = withDefinitions(html, defs, { button: 'What “{term}” means' });

  it('one popover per entry, on its first link only; a link to an unknown entry left alone', () => {
    expect(out.match(/popover="hint"/g)).toHaveLength(2);
    expect(out.match(/id="gdef-pool"/g)).toHaveLength(1);
    expect(out).toContain(`; the ${link('pool', 'pool')} again; ${link('nope', 'x')}.`);
  });

  it('the link shows it on interest and is described by it; the button shows it on tap, named in words', () => {
    expect(out).toContain('<a href="/en/glossary/#pool" class="term" interestfor="gdef-pool" aria-describedby="gdef-pool">pool</a>');
    expect(out).toContain('<button type="button" class="gterm-tip" popovertarget="gdef-pool" popovertargetaction="show" interestfor="gdef-pool" aria-label="What “盈利池 · profit pool” means">?</button>');
    // the definition's text escaped as HTML
    expect(out).toContain('<strong class="gdef-term">盈利池 · profit pool</strong> Cash &lt;kept&gt; &amp; held.</span>');
  });
});
