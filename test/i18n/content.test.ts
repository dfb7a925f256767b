import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

  it.each(pages('zh'))('%s: same sections and the same date in both languages', (file) => {
    const zh = read('zh', file);
    const en = read('en', file);
    const sections = (text: string) => text.match(/^## /gm)?.length ?? 0;
    expect(sections(en)).toBe(sections(zh));
    expect(field(frontmatter(en), 'updated')).toBe(field(frontmatter(zh), 'updated'));
    for (const [text, locale] of [[zh, 'zh'], [en, 'en']] as const) {
      const fm = frontmatter(text);
      expect(field(fm, 'title'), locale).toBeTruthy();
      expect(field(fm, 'description'), locale).toBeTruthy();
    }
  });
});
