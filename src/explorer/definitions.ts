/**
 * The glossary's definitions in the explorer (issue 17, part 3): the page passes them to the
 * island in its strings (`explorer.def.<id>`, `explorer.defTerm.<id>`, built from the glossary page
 * by src/glossary/build.ts), and a control or a chart title that names a glossary entry (the
 * parameter table's `term`, a chart's entry in CHART_TERMS) shows that entry's text beside it.
 */

export interface Def {
  /** the popover's element id, unique on the page */
  uid: string;
  /** the glossary entry's heading */
  term: string;
  text: string;
  /** the trigger button's accessible name */
  label: string;
}

/** The glossary entry of each explorer chart whose title is a term of the trade. */
export const CHART_TERMS: Readonly<Record<string, string>> = { price: 'price', solvency: 'pool', coverage: 'coverage', 'cohort-return': 'cohort', 'cohort-breakeven': 'break-even', 'fam-fund': 'fund', 'fam-coverage': 'outstanding-promise', 'fam-paid': 'default' };

/** The definition of glossary entry `id`, for a trigger with element id `uid`; none if unknown. */
export function definitionOf(strings: Record<string, string>, id: string | undefined, uid: string): Def | undefined {
  if (!id) return undefined;
  const text = strings[`explorer.def.${id}`];
  const term = strings[`explorer.defTerm.${id}`];
  if (!text || !term) return undefined;
  return { uid, term, text, label: (strings['explorer.define'] ?? '{term}').replace('{term}', term) };
}
