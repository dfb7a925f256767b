/**
 * Build time only (Astro pages, never an island): the glossary's definitions in a language, from
 * the glossary page's Markdown (the content collection's entry body), its figures filled by the
 * engine as on the glossary page itself.
 */
import { t, type Locale } from '../i18n/index.ts';
import { allFigures } from '../figures/index.ts';
import { UnknownFigure } from '../figures/fill.ts';
import { formatVar } from '../walkthrough/format.ts';
import { byId, parseGlossary, type Definition } from './definitions.ts';

export function definitionsOf(markdown: string, locale: Locale): Map<string, Definition> {
  const figures = allFigures();
  return byId(
    parseGlossary(markdown, (name) => {
      const fig = figures[name];
      if (!fig) throw new UnknownFigure(`the glossary asks for figure {{${name}}}, which no engine computation provides`);
      return formatVar(fig, locale);
    }),
  );
}

/**
 * The definitions as explorer strings (`explorer.def.<id>`, `explorer.defTerm.<id>`, and the button's
 * name `explorer.define`), added to the
 * strings the explorer's island gets as a prop: the island then never carries the glossary itself.
 */
export function definitionStrings(defs: Map<string, Definition>, locale: Locale): Record<string, string> {
  // the trigger button's accessible name, as on the text pages
  const out: Record<string, string> = { 'explorer.define': t(locale, 'pages.define') };
  for (const d of defs.values()) {
    out[`explorer.def.${d.id}`] = d.text;
    out[`explorer.defTerm.${d.id}`] = d.term;
  }
  return out;
}
