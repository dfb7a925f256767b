// The text of a page: content/<locale>/<slug>.md, or, where the locale lacks it, the other
// language's, which the page shows in its own lang under a "not yet translated" notice. The page
// passes Astro's `getEntry` in (a .ts file cannot import `astro:content` before Astro has generated
// its types, and `npm test` type-checks first).
import { otherLocale, type Locale } from '../../i18n/index.ts';

export async function pageEntry<E>(locale: Locale, slug: string, getEntry: (collection: 'pages', id: string) => Promise<E | undefined>): Promise<{ entry: E; own: boolean; textLocale: Locale }> {
  const own = await getEntry('pages', `${locale}/${slug}`);
  const entry = own ?? (await getEntry('pages', `${otherLocale(locale)}/${slug}`));
  if (!entry) throw new Error(`No content for "${slug}" in content/zh or content/en`);
  /** the language the text is written in */
  return { entry, own: !!own, textLocale: own ? locale : otherLocale(locale) };
}
