import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKED_ON, checkedOn } from '../../src/page-dates.ts';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
const pages = (locale: string) => readdirSync(join(CONTENT, locale)).filter((f) => f.endsWith('.md')).sort();
const read = (locale: string, file: string) => readFileSync(join(CONTENT, locale, file), 'utf8');
const frontmatter = (text: string) => /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
const field = (fm: string, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(fm)?.[1]?.trim();

describe('content/ is mirrored across languages', () => {
  it('zh and en have the same pages', () => {
    expect(pages('zh').length).toBeGreaterThan(0);
    expect(pages('en')).toEqual(pages('zh'));
  });

  it.each(pages('zh'))('%s: same sections in both languages, and no date of its own in either', (file) => {
    const zh = read('zh', file);
    const en = read('en', file);
    const sections = (text: string) => text.match(/^## /gm)?.length ?? 0;
    expect(sections(en)).toBe(sections(zh));
    for (const [text, locale] of [[zh, 'zh'], [en, 'en']] as const) {
      const fm = frontmatter(text);
      expect(field(fm, 'title'), locale).toBeTruthy();
      expect(field(fm, 'description'), locale).toBeTruthy();
      // the day it was last checked is one record for both languages, in src/page-dates.ts
      expect(field(fm, 'updated'), `content/${locale}/${file}`).toBeUndefined();
    }
  });
});

describe('the day each page was last checked: one record per page (src/page-dates.ts)', () => {
  // the first release, from the changelog's "## 0.1.0 (YYYY-MM-DD)": no text was checked against
  // the engine before the engine existed (the About page said 25 November 2025, a year too early)
  const changelog = readFileSync(fileURLToPath(new URL('../../CHANGELOG.md', import.meta.url)), 'utf8');
  const firstRelease = /^## 0\.1\.0 \((\d{4}-\d{2}-\d{2})\)/m.exec(changelog)?.[1];

  it('every page has a date, and every date is a page', () => {
    // sorted after the .md goes: "walkthrough-custom.md" sorts before "walkthrough.md", "walkthrough" before "walkthrough-custom"
    expect(Object.keys(CHECKED_ON).sort()).toEqual(pages('zh').map((f) => f.replace(/\.md$/, '')).sort());
  });

  it.each(Object.keys(CHECKED_ON))('%s: a real day, not before the first release and not after today', (page) => {
    expect(firstRelease).toBe('2026-11-25');
    const day = checkedOn(page);
    expect(day.getTime()).toBeGreaterThanOrEqual(Date.parse(`${firstRelease}T00:00:00Z`));
    expect(day.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a page without a date, or a date that is no day, fails naming the page', () => {
    expect(() => checkedOn('nowhere')).toThrow('src/page-dates.ts has no date for the page "nowhere"');
  });
});
