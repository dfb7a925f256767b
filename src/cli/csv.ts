import type { StepResult } from '../engine/result.ts';

export const STEP_COLUMNS = ['step', 'event', 'user', 'amount', 'issued', 'sold', 'value', 'paid', 'price', 'pool', 'points', 'forcedExits'] as const;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The steps as CSV with a header row; forced exits as user ids separated by spaces. */
export function stepsCsv(steps: readonly StepResult[]): string {
  const lines = [STEP_COLUMNS.join(',')];
  for (const s of steps) {
    lines.push(
      STEP_COLUMNS.map((c) => {
        const v = c === 'forcedExits' ? s.forcedExits.join(' ') : s[c];
        return csvField(v === undefined ? '' : String(v));
      }).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
