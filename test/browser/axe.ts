/**
 * axe-core in a playwright page: inject the library's own source (no request leaves the page) and
 * run it over the document with the WCAG 2.0/2.1 A and AA rules, the WCAG 2.2 AA target-size rule
 * and the best practices. A failure message lists each violation's id, impact, help and the
 * offending selectors with axe's own explanation, so the fix can be found from the CI log.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

/** axe.min.js as text, read once. */
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The impacts that fail the build. */
export const GATED_IMPACTS = ['serious', 'critical'];

export interface AxeNode {
  target: string[];
  summary: string;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Run axe on the page as it is now; the violations of every impact. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  // evaluated rather than added as a <script>, so that it runs in a page without JavaScript too
  if (!loaded) await page.evaluate((src) => (0, eval)(src), axeSource());
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, AXE_TAGS);
}

/** Only the violations that fail the build. */
export function gated(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => GATED_IMPACTS.includes(v.impact));
}

/** One readable block per violation: id, impact, help, then each offending selector with why. */
export function describeViolations(violations: AxeViolation[], where: string): string {
  if (violations.length === 0) return '';
  const lines = [`${where}: ${violations.length} serious or critical accessibility violation(s)`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`);
    for (const n of v.nodes.slice(0, 12)) lines.push(`    ${n.target.join(' ')} — ${n.summary}`);
    if (v.nodes.length > 12) lines.push(`    … and ${v.nodes.length - 12} more`);
  }
  return lines.join('\n');
}
