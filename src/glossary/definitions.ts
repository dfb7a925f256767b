/**
 * The glossary's definitions, read from the glossary page itself (content/<locale>/glossary.md, one
 * `<h3 id="term">…</h3>` per term, its definition the paragraphs that follow until the next heading),
 * so that a definition shown where the word is used (a popover in prose, beside an explorer control
 * or a chart title) is the glossary's own text: one source, derived at build time, never copied.
 *
 * Pure: no file access, no Astro. Plain text only (a popover is a short note): links keep their
 * words, emphasis loses its marks, figure placeholders are filled by the caller's `fill`.
 */

export interface Definition {
  /** the entry's anchor on the glossary page: `pool`, `gift-ratio` */
  id: string;
  /** the heading as written: `盈利池 · profit pool` */
  term: string;
  /** the definition in plain text, figures filled */
  text: string;
}

const HEADING = /<h3 id="([\w-]+)">([\s\S]*?)<\/h3>/g;

/**
 * Every entry of a glossary page's Markdown, in page order. `fill` replaces each `{{name}}` figure
 * placeholder with its value in the page's language (it throws on an unknown name, so a definition
 * cannot quote a figure the engine does not compute).
 */
export function parseGlossary(markdown: string, fill: (name: string) => string): Definition[] {
  const out: Definition[] = [];
  const heads = [...markdown.matchAll(HEADING)];
  heads.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const next = heads[i + 1]?.index ?? markdown.length;
    // the entry's text stops at the next heading of any level (a `## section` between two terms)
    const body = markdown.slice(start, next).split(/\n#{1,6} /)[0]!;
    const text = plain(body, fill);
    if (!text) throw new Error(`glossary entry "${m[1]}" has no definition`);
    out.push({ id: m[1]!, term: plain(m[2]!, fill), text });
  });
  return out;
}

/** Markdown (the subset the glossary uses) to one line of plain text. */
function plain(md: string, fill: (name: string) => string): string {
  return md
    // a closing pointer to another page ("[Walkthrough](page:walkthrough)." or "见[原理](page:how-it-works)。")
    // leads nowhere in a popover: dropped
    .replace(/([.。])\s*(见)?\[[^\]]*\]\(page:[^)]*\)[.。]\s*$/, '$1')
    .replace(/\{\{\s*([a-zA-Z][\w.-]*)\s*\}\}/g, (_, name: string) => fill(name))
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The definitions by id. */
export function byId(defs: readonly Definition[]): Map<string, Definition> {
  return new Map(defs.map((d) => [d.id, d]));
}
