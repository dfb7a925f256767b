/**
 * Dragging the buyers-per-day slider with the pointer (issue 18's acceptance): the mouse goes down
 * on the slider's thumb, moves across it in small steps and is released. Every redraw of the chart
 * area (its data-drawn attribute: "<request id>:<buyers per day asked for>:<final|coarse>",
 * recorded in the page by a MutationObserver as it changes) must show a newer scenario than the one
 * before it: a higher request id, or the same request going from its coarse run to its final one,
 * never back. The last redraw must be the final run of the value the slider was released at. No
 * wall-clock time is asserted: how many redraws a drag gets depends on the machine.
 */
import { describe, expect, it } from 'vitest';
import { drawnSeen, explorerSettled, newerDrawn, parseDrawn, recordDrawn } from './pages.ts';
import { useBuiltSite, visit } from './built-site.ts';

useBuiltSite();

describe.each(['en', 'zh'] as const)('explorer /%s/explore/: a pointer drag across the buyers slider', (locale) => {
  it('redraws newer scenarios only, and ends on the final run of the released value', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      await recordDrawn(p);
      const start = parseDrawn((await p.getAttribute('[data-drawn]', 'data-drawn'))!);
      expect(start.final).toBe(true);
      expect(start.perDay).toBe(100);

      // the slider's value at a pointer position: the thumb's centre runs from half a thumb in
      // from the left end (min) to half a thumb in from the right end (max)
      const slider = p.locator('#x-perDay-range');
      const box = (await slider.boundingBox())!;
      const min = Number(await slider.getAttribute('min'));
      const max = Number(await slider.getAttribute('max'));
      const thumb = box.height; // Chromium's thumb is about as wide as the slider is high
      const xOf = (value: number) => box.x + thumb / 2 + ((box.width - thumb) * (value - min)) / (max - min);
      const y = box.y + box.height / 2;
      await p.mouse.move(xOf(100), y);
      await p.mouse.down();
      const steps = 40;
      for (let i = 1; i <= steps; i++) {
        await p.mouse.move(xOf(100 + (200 * i) / steps), y);
        await p.waitForTimeout(25);
      }
      await p.mouse.up();
      const released = Number(await p.inputValue('#x-perDay'));
      // the pointer moved the slider (to about 300; the exact value depends on the thumb's size)
      expect(released).toBeGreaterThan(200);
      await explorerSettled(p);
      await p.waitForTimeout(100);

      const seen = await drawnSeen(p);
      // the drag redrew the charts at least once before the final run
      expect(seen.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        expect(newerDrawn(a, b), `redraw ${i}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBe(true);
      }
      const last = seen[seen.length - 1]!;
      const requested = Number(await p.getAttribute('.explorer', 'data-requested-id'));
      expect(last).toEqual({ id: requested, perDay: released, final: true });
      expect(await p.getAttribute('[data-drawn]', 'data-drawn')).toBe(`${requested}:${released}:final`);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
