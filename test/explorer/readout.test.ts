/**
 * The line charts' read-out (src/explorer/readout.ts): the day and every series' value at a cursor,
 * formatted as the chart's data table formats them, and how the keys move the cursor. Expected
 * values written by hand from the series below.
 */
import { describe, expect, it } from 'vitest';
import { cellText, dayText, moveCursor, pageStep, readoutAt } from '../../src/explorer/readout.ts';
import type { Series } from '../../src/explorer/chart.ts';

const xs = [0, 1, 2, 3];
const series: Series[] = [
  { key: 'a:price', label: 'A price', color: '#0072b2', dash: '9 4', values: [1, 1.25, 1.5, 2] },
  { key: 'price', label: 'B price', color: '#0072b2', values: [1, 1.5, null, 3] },
  { key: 'base:price', label: 'baseline', color: '#000000', opacity: 0.4, values: [1, 1.2, 1.4, Number.NaN] },
];
// two decimals, as a chart's formatY might give them
const en = { xLabel: 'day', formatX: (v: number) => String(v), formatY: (v: number) => v.toFixed(2), locale: 'en' as const };
const zh = { ...en, xLabel: '天', locale: 'zh' as const };

describe('readoutAt', () => {
  it('day 1: every series’ value that day, A, B and the baseline, in the series’ order', () => {
    const r = readoutAt(xs, series, 1, en)!;
    expect(r.index).toBe(1);
    expect(r.day).toBe('Day 1');
    expect(r.items).toEqual([
      { key: 'a:price', label: 'A price', color: '#0072b2', dash: '9 4', value: '1.25' },
      { key: 'price', label: 'B price', color: '#0072b2', value: '1.50' },
      { key: 'base:price', label: 'baseline', color: '#000000', opacity: 0.4, value: '1.20' },
    ]);
    expect(r.text).toBe('Day 1: A price 1.25; B price 1.50; baseline 1.20');
  });

  it('a missing value (null) and a non-finite one read as a dash, as in the table', () => {
    expect(readoutAt(xs, series, 2, en)!.items.map((i) => i.value)).toEqual(['1.50', '—', '1.40']);
    expect(readoutAt(xs, series, 3, en)!.items.map((i) => i.value)).toEqual(['2.00', '3.00', '—']);
  });

  it('Chinese: 第 N 天 and full-width separators', () => {
    expect(readoutAt(xs, series, 3, zh)!.text).toBe('第 3 天：A price 2.00；B price 3.00；baseline —');
  });

  it('no read-out outside the days', () => {
    expect(readoutAt(xs, series, -1, en)).toBeNull();
    expect(readoutAt(xs, series, 4, en)).toBeNull();
    expect(readoutAt([], [], 0, en)).toBeNull();
  });

  it('dayText: another axis name is written before the value; cellText formats like the table', () => {
    expect(dayText(5, { ...zh, xLabel: '批次' })).toBe('批次 5');
    expect(dayText(5, { ...en, xLabel: 'week' })).toBe('Week 5');
    expect(cellText(undefined, en.formatY)).toBe('—');
    expect(cellText(0, en.formatY)).toBe('0.00');
  });
});

describe('moveCursor over 365 days', () => {
  const n = 365;
  it('arrows one day (ten with Shift), clamped at the ends', () => {
    expect(moveCursor(5, n, 'ArrowRight')).toBe(6);
    expect(moveCursor(5, n, 'ArrowLeft')).toBe(4);
    expect(moveCursor(5, n, 'ArrowRight', true)).toBe(15);
    expect(moveCursor(5, n, 'ArrowLeft', true)).toBe(0);
    expect(moveCursor(364, n, 'ArrowRight')).toBe(364);
    expect(moveCursor(0, n, 'ArrowLeft')).toBe(0);
  });
  it('PageUp and PageDown a tenth of the chart (365 / 10 = 36.5, rounded to 37)', () => {
    expect(pageStep(n)).toBe(37);
    expect(pageStep(4)).toBe(1);
    expect(pageStep(1)).toBe(1);
    expect(moveCursor(10, n, 'PageUp')).toBe(47);
    expect(moveCursor(47, n, 'PageDown')).toBe(10);
    expect(moveCursor(10, n, 'PageDown')).toBe(0);
    expect(moveCursor(350, n, 'PageUp')).toBe(364);
  });
  it('Home and End; from no cursor, forward keys start at the first day and backward ones at the last', () => {
    expect(moveCursor(100, n, 'Home')).toBe(0);
    expect(moveCursor(100, n, 'End')).toBe(364);
    expect(moveCursor(-1, n, 'ArrowRight')).toBe(0);
    expect(moveCursor(-1, n, 'PageUp')).toBe(0);
    expect(moveCursor(-1, n, 'ArrowLeft')).toBe(364);
    expect(moveCursor(-1, n, 'PageDown')).toBe(364);
  });
  it('other keys, and an empty chart: no move', () => {
    expect(moveCursor(3, n, 'Tab')).toBeNull();
    expect(moveCursor(3, n, 'a')).toBeNull();
    expect(moveCursor(-1, 0, 'ArrowRight')).toBeNull();
  });
});
