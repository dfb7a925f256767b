/**
 * The day each page's text was last checked against the engine: one record per page, which its
 * Chinese and English text (content/zh/<page>.md and content/en/<page>.md) both show, each in its
 * own language ("最后核对于 2026年11月25日" / "Last checked 25 November 2026"). Change a page's
 * date here, and only here, when you check its text again. Pure: no DOM, no Astro.
 */
export const CHECKED_ON = {
  about: '2026-11-25',
  claims: '2026-11-29',
  glossary: '2026-11-29',
  'how-it-works': '2026-11-25',
  method: '2026-11-29',
  'model-back-office': '2026-11-29',
  'model-queue': '2026-11-29',
  'model-release': '2026-11-29',
  'model-rights': '2026-11-29',
  models: '2026-11-29',
  risks: '2026-11-29',
  'scenario-distribution': '2026-11-25',
  'scenario-financing': '2026-11-25',
  'scenario-inventory': '2026-11-25',
  'scenario-legacy': '2026-11-25',
  'scenario-newcomer': '2026-11-25',
  'scenario-rebate': '2026-11-25',
  scenarios: '2026-11-25',
  walkthrough: '2026-11-25',
  'walkthrough-custom': '2026-11-29',
} as const satisfies Record<string, `${number}-${number}-${number}`>;

export type CheckedPage = keyof typeof CHECKED_ON;

/** The day a page was last checked (midnight UTC); a page without a record fails the build, naming it. */
export function checkedOn(page: string): Date {
  const day: string | undefined = (CHECKED_ON as Record<string, string>)[page];
  if (day === undefined) throw new Error(`src/page-dates.ts has no date for the page "${page}": add it to CHECKED_ON as "YYYY-MM-DD"`);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    throw new Error(`src/page-dates.ts: the date of "${page}" must be a real day written YYYY-MM-DD; got "${day}"`);
  }
  return date;
}
