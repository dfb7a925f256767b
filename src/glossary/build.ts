/**
 * Build time only (Astro pages, never an island): the glossary's definitions in a language, from
 * the glossary page's Markdown (the content collection's entry body), its figures filled by the
 * engine as on the glossary page itself.
 */
import { t, type Locale } from '../i18n/index.ts';
import { allFigures } from '../figures/index.ts';
import { UnknownFigure } from '../figures/fill.ts';
import { formatVar } from '../walkthrough/format.ts';
import type { Def } from '../explorer/definitions.ts';
import { byId, parseGlossary, type Definition } from './definitions.ts';

/** A content collection's entry by id, as Astro's `getEntry` gives it (passed in: pages import it from `astro:content`). */
export type GetEntry = (collection: 'pages', id: string) => Promise<{ body?: string | undefined } | undefined>;

/** The glossary's definitions in a language, read from content/<locale>/glossary.md through the page's `getEntry`. */
export async function glossaryOf(locale: Locale, getEntry: GetEntry): Promise<Map<string, Definition>> {
  const glossary = await getEntry('pages', `${locale}/glossary`);
  if (!glossary?.body) throw new Error(`No glossary in content/${locale}/glossary.md`);
  return definitionsOf(glossary.body, locale);
}

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

/**
 * Definitions for an island's labels: for each label key, the glossary entry it names, as the
 * popover a `Definition` button shows (element id `def-<prefix>-<key>`, unique on the page), in the
 * page's language. An entry the glossary lacks fails the build.
 */
export function labelDefinitions(defs: Map<string, Definition>, labels: Readonly<Record<string, string>>, locale: Locale, prefix: string): Record<string, Def> {
  const out: Record<string, Def> = {};
  for (const [key, id] of Object.entries(labels)) {
    const d = defs.get(id);
    if (!d) throw new Error(`no glossary entry "${id}" (content/${locale}/glossary.md) for the label ${key}`);
    out[key] = { uid: `def-${prefix}-${key}`, term: d.term, text: d.text, label: t(locale, 'pages.define').replace('{term}', d.term) };
  }
  return out;
}
