/**
 * A what-if beside its baseline in the explorer, and the key-figure and caption defects of issue 11,
 * in Chromium, both languages: a 50% skim on day 183 of the default scenario shows the late cohorts
 * below the baseline (the old table compared the day before with the end of the stressed run, and
 * showed a gain); the stress sentence has no space before its full stop; orders stopping on day 180
 * never give "0 more days"; the coverage caption's days are those of the plotted line.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { explorerSettled as settled } from './pages.ts';
import { describeViolations, gated, runAxe } from './axe.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { formats, makeTr } from '../../src/explorer/view.ts';
import { useBuiltSite, visit } from './built-site.ts';



async function runStress(p: Page, kind: string, day: number, value?: string) {
  await p.selectOption('[data-control="stress-kind"]', kind);
  await p.fill('[data-control="stress-day"]', String(day));
  if (value !== undefined) await p.fill('[data-control="stress-value"]', value);
  await p.click('[data-control="stress-run"]');
  await p.locator('[data-stress-active]').waitFor();
  await settled(p, 60_000);
}

useBuiltSite();

describe.each(['zh', 'en'] as const)('what-if in /%s/explore/', (locale) => {
  const tr = makeTr(locale === 'zh' ? zh : en);
  const f = formats(locale);

  it('a 50% skim on day 183 of the default scenario: the late cohorts end below the baseline', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      await runStress(p, 'skim', 183, '50');
      const rows = await p.locator('[data-stress-table] tbody tr').evaluateAll((trs) => trs.map((t) => ({ from: Number(t.getAttribute('data-from-day')), delta: Number(t.getAttribute('data-mult-delta')) })));
      const late = rows.filter((r) => r.from >= 150);
      expect(late.length).toBeGreaterThan(3);
      // the cohort of days 176-182 among them, each below what it gets without the skim
      expect(late.some((r) => r.from === 176)).toBe(true);
      for (const r of late) expect(r.delta).toBeLessThan(0);
      // the sentence: no space before the full stop
      const active = await p.locator('[data-stress-active]').innerText();
      expect(active).not.toMatch(/\s[.。]$/);
      expect(active).toContain(f.day(183));
      // the stress table and the baseline marks: no serious or critical axe violation
      const violations = gated(await runAxe(p));
      expect(violations, describeViolations(violations, 'explorer')).toEqual([]);
      // the baseline is drawn faintly behind the price
      expect(await p.locator('[data-chart="price"] path[data-series="base:price"]').count()).toBe(1);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('orders stopping on day 180 (a stop, and the stop test) never give "0 more days"', async () => {
    const v = await visit(`/${locale}/explore/?stop=180`);
    try {
      const p = v.page;
      const zero = tr('explorer.key.growth', { day: '\u0000', fold: '\u0000', days: f.count(0) }).split('\u0000').pop()!;
      const never = (day: number) => tr('explorer.key.growthStopped', { day: '\u0000', stop: f.day(day) }).split('\u0000').pop()!;
      let keys = (await p.locator('[data-key-figures] li').allInnerTexts()).join('\n');
      expect(keys).not.toContain(zero);
      expect(keys).toContain(never(180));
      await runStress(p, 'stop-test', 180);
      keys = (await p.locator('[data-key-figures] li').allInnerTexts()).join('\n');
      expect(keys).not.toContain(zero);
      expect(keys).toContain(never(180));
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it("a stop on day 183 with 4% selling: the caption's days are those of the plotted coverage line", async () => {
    const v = await visit(`/${locale}/explore/?stop=183&s=0.04`);
    try {
      const p = v.page;
      const chart = p.locator('[data-chart="coverage"]');
      // the plotted points of "pool ÷ need to break even" against the 100% reference line (SVG y grows downwards)
      const { points, ref } = await chart.evaluate((el) => {
        const path = el.querySelector('path[data-series="coverBe"]')!.getAttribute('d')!;
        const segments = path.split('M').filter((s) => s !== '');
        const pts = segments.map((seg) => seg.split('L').map((xy) => xy.split(',').map(Number) as [number, number]));
        const line = [...el.querySelectorAll('svg[role="img"] line[stroke-dasharray="2 3"]')][0]!;
        return { points: pts, ref: Number(line.getAttribute('y1')) };
      });
      // one segment: a point a day, days 1..365
      expect(points).toHaveLength(1);
      const ys = points[0]!.map(([, y]) => y);
      expect(ys).toHaveLength(365);
      const below = ys.map((y) => y > ref);
      const first = below.indexOf(true) + 1;
      let up = 0;
      for (let d = 2; d <= 365; d++) if (!below[d - 1] && below[d - 2]) up = d;
      expect(first).toBeGreaterThan(0);
      // it comes back above 100% with the few holders left, and ends there
      expect(up).toBeGreaterThan(first);
      expect(below[364]).toBe(false);
      const caption = await chart.locator('[data-summary]').innerText();
      expect(caption).toContain(tr('explorer.summary.coverRecovered', { day: f.day(first), up: f.day(up), cover: '\u0000' }).split('\u0000')[0]!);
      // and the coverage sentence says how many holders remain and who never broke even
      const keys = (await p.locator('[data-key-figures] li').allInnerTexts()).join('\n');
      const stopped = tr('explorer.key.endStopped', { exits: '', stop: f.day(183), active: '\u0000', users: '\u0000', cover: '\u0000', never: '\u0000' }).split('\u0000')[0]!.trim();
      expect(keys).toContain(stopped);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
