// The text of a page: content/<locale>/<slug>.md, or, where the locale lacks it, the other
// language's, which the page shows in its own lang under a "not yet translated" notice.
import { getEntry, render } from 'astro:content';
import { otherLocale, type Locale } from '../../i18n/index.ts';

export async function pageEntry(locale: Locale, slug: string) {
  const own = await getEntry('pages', `${locale}/${slug}`);
  const entry = own ?? (await getEntry('pages', `${otherLocale(locale)}/${slug}`));
  if (!entry) throw new Error(`No content for "${slug}" in content/zh or content/en`);
  /** the language the text is written in */
  const textLocale: Locale = own ? locale : otherLocale(locale);
  const { Content } = await render(entry);
  return { entry, own: !!own, textLocale, Content };
}
