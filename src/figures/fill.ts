/**
 * Placeholders in rendered prose: {{name}} becomes the engine's figure in the reader's language,
 * href="glossary:term" a link into the glossary, href="page:path" a link to a page of the same
 * language (a query, such as the explorer's ?wi=KIND:DAY, kept), an address outside the site a
 * link marked rel="external". An unknown figure name fails the build (and a test), so prose cannot quote a figure
 * the engine does not compute.
 */
import { localePath, type Locale } from '../i18n/index.ts';
import { formatVar, type Var } from '../i18n/figure.ts';

export const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.-]*)\s*\}\}/g;

export class UnknownFigure extends Error {}

export function fillFigures(html: string, locale: Locale, figures: Record<string, Var>): string {
  return html
    .replace(PLACEHOLDER, (_, name: string) => {
      const fig = figures[name];
      if (!fig) throw new UnknownFigure(`prose asks for figure {{${name}}}, which no engine computation provides`);
      return `<span class="fig" data-fig-name="${name}">${escapeHtml(formatVar(fig, locale))}</span>`;
    })
    .replace(/href="glossary:([\w-]+)"/g, (_, term: string) => `href="${localePath(locale, 'glossary')}#${term}" class="term"`)
    .replace(/href="page:([\w/-]*)(\?[^"#]*)?(#[\w-]+)?"/g, (_, path: string, query: string | undefined, hash: string | undefined) => `href="${localePath(locale, path)}${query ?? ''}${hash ?? ''}"`)
    // a source outside the site: a link the reader follows, never a request the page makes
    .replace(/<a href="(https:\/\/[^"]+)"/g, '<a href="$1" rel="external noopener"');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The placeholder names a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
