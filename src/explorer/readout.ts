/**
 * A line chart's read-out (issue 17, part 4), in one place for every line chart (LineChart.svelte,
 * so the explorer's charts, a comparison's A and B, a what-if's baseline and the scenario pages'
 * charts alike): the day under the pointer or the keyboard cursor and every series' value on that
 * day, formatted as the chart's own data table formats them; and how the keys move the day. Pure.
 */
import type { Series } from './chart.ts';

export type ReadoutLocale = 'zh' | 'en';

export interface ReadoutItem {
  key: string;
  label: string;
  color: string;
  dash?: string;
  /** below 1 for a series drawn faintly (a what-if's baseline) */
  opacity?: number;
  /** the value as the chart's table shows it ('—' when the series has none that day) */
  value: string;
}

export interface Readout {
  /** index into the chart's x values */
  index: number;
  /** the day in words: "Day 31", "第 31 天" */
  day: string;
  items: ReadoutItem[];
  /** the whole read-out in one sentence, for the live region */
  text: string;
}

export interface ReadoutFormat {
  /** the x axis' name ("day", "天") */
  xLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  locale: ReadoutLocale;
}

/** A value as the chart's data table shows it. */
export function cellText(v: number | null | undefined, formatY: (v: number) => string): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : formatY(v);
}

/** "Day 31" in English, "第 31 天" in Chinese; another axis name as "name value". */
export function dayText(x: number, f: Pick<ReadoutFormat, 'xLabel' | 'formatX' | 'locale'>): string {
  const v = f.formatX(x);
  if (f.locale === 'zh') return f.xLabel === '天' ? `第 ${v} 天` : `${f.xLabel} ${v}`;
  return `${f.xLabel.charAt(0).toUpperCase()}${f.xLabel.slice(1)} ${v}`;
}

/** The read-out at index `i` of the chart's x values; null when there is no such day. */
export function readoutAt(xs: readonly number[], series: readonly Series[], i: number, f: ReadoutFormat): Readout | null {
  if (!Number.isInteger(i) || i < 0 || i >= xs.length) return null;
  const day = dayText(xs[i]!, f);
  const items = series.map((s) => ({ key: s.key, label: s.label, color: s.color, ...(s.dash ? { dash: s.dash } : {}), ...(s.opacity !== undefined ? { opacity: s.opacity } : {}), value: cellText(s.values[i], f.formatY) }));
  const [colon, semi] = f.locale === 'zh' ? ['：', '；'] : [': ', '; '];
  const text = `${day}${colon}${items.map((it) => `${it.label} ${it.value}`).join(semi)}`;
  return { index: i, day, items, text };
}

/** How far PageUp and PageDown move: a tenth of the chart, at least one day. */
export function pageStep(n: number): number {
  return Math.max(1, Math.round(n / 10));
}

/**
 * Where a key moves the cursor over `n` days (index; -1 when none is shown yet): Left and Right one
 * day (ten with Shift), PageDown and PageUp a tenth of the chart back and forward, Home and End
 * the first and last day. Null for any other key (the chart leaves it to the browser). From no
 * cursor, Right and PageUp start at the first day, Left and PageDown at the last.
 */
export function moveCursor(cursor: number, n: number, key: string, shift = false): number | null {
  if (n <= 0) return null;
  const from = cursor >= 0 && cursor < n ? cursor : -1;
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
  const forward = (step: number) => (from < 0 ? 0 : clamp(from + step));
  const back = (step: number) => (from < 0 ? n - 1 : clamp(from - step));
  switch (key) {
    case 'ArrowRight':
      return forward(shift ? 10 : 1);
    case 'ArrowLeft':
      return back(shift ? 10 : 1);
    case 'PageUp':
      return forward(pageStep(n));
    case 'PageDown':
      return back(pageStep(n));
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}
