/**
 * Definitions where the words are, on text pages, without JavaScript: the first link on a page to
 * each glossary entry (`[profit pool](glossary:pool)` in the prose, already made a link by
 * src/figures/fill.ts) gets the entry's definition in a popover beside it:
 *
 * - the link itself (still a link to the glossary, for a browser without popovers) shows it on
 *   hover and on keyboard focus (`interestfor`) and names it as its description;
 * - a small button after it shows it on tap, click, Enter or Space (`popovertarget`);
 * - Escape or a tap elsewhere closes it (the popover's light dismiss); nothing traps focus.
 *
 * The HTML popover attribute, interest invokers and anchor positioning do all of it; a browser
 * without popovers sees the link alone (the styles hide the rest; ExplainerPage.astro).
 */
import type { Definition } from './definitions.ts';

export interface PopoverText {
  /** the button's accessible name, `{term}` replaced by the entry's heading */
  button: string;
}

const TERM_LINK = /<a href="([^"]*#([\w-]+))" class="term">([\s\S]*?)<\/a>/g;

export function withDefinitions(html: string, defs: Map<string, Definition>, text: PopoverText): string {
  const seen = new Set<string>();
  return html.replace(TERM_LINK, (whole, href: string, id: string, words: string) => {
    const def = defs.get(id);
    if (!def || seen.has(id)) return whole;
    seen.add(id);
    const pid = `gdef-${id}`;
    return (
      `<span class="gterm"><a href="${href}" class="term" interestfor="${pid}" aria-describedby="${pid}">${words}</a>` +
      `<button type="button" class="gterm-tip" popovertarget="${pid}" popovertargetaction="show" interestfor="${pid}" aria-label="${attr(text.button.replace('{term}', def.term))}">?</button>` +
      `<span class="gdef" id="${pid}" popover="hint" role="tooltip"><strong class="gdef-term">${esc(def.term)}</strong> ${esc(def.text)}</span></span>`
    );
  });
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;');
}
