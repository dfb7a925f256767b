/**
 * The claims page's legend (issue 13): it names every verdict the claims use, in both languages,
 * and two verdicts on one claim are joined in words, never set side by side.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const VERDICT = /<span class="verdict">([^<]+)<\/span>/g;

for (const lang of ['en', 'zh']) {
  describe(`claims legend (${lang})`, () => {
    const text = readFileSync(`content/${lang}/claims.md`, 'utf8');
    // the legend: the first section's list; the claims: everything after the first "## " heading that follows it
    const start = text.indexOf('\n## ');
    const claimsAt = text.indexOf('\n## ', start + 1);
    const legendPart = text.slice(0, claimsAt);
    const claimsPart = text.slice(claimsAt);
    const legend = new Set([...legendPart.matchAll(VERDICT)].map((m) => m[1]!));
    const used = new Set([...claimsPart.matchAll(VERDICT)].map((m) => m[1]!));

    it('names every verdict used, and uses every verdict it names', () => {
      expect(used.size).toBeGreaterThan(3);
      for (const v of used) expect([...legend], `"${v}" is used but not in the legend`).toContain(v);
      for (const v of legend) expect([...used], `"${v}" is in the legend but never used`).toContain(v);
    });

    it('says how many verdicts it lists, in words or digits that match', () => {
      const n = legend.size;
      const words: Record<number, string[]> = { 6: ['six', '六'] };
      expect(words[n], `the legend has ${n} verdicts`).toBeDefined();
      expect(words[n]!.some((w) => legendPart.includes(w))).toBe(true);
    });

    it('combined verdicts read as words: no two verdict labels side by side, none followed by a bare verdict word', () => {
      expect(claimsPart).not.toMatch(/<\/span>\s*<span class="verdict">/);
      // a verdict label followed at once by a word that is itself a verdict ("[by construction] misleading")
      for (const v of legend) expect(claimsPart, v).not.toMatch(new RegExp(`<span class="verdict">[^<]+</span>\\s*${v}[.。]`));
    });
  });
}
