/**
 * Arrow keys on the explorer's sliders (issue 18: a key press's final charts). The page computes
 * ahead the values one arrow key away from a slider that has the keyboard, and keeps final results
 * (src/explorer/client.ts), so a key press often shows its final run at once. Checked here: the
 * values computed ahead are the ones the browser's arrow keys set (controls.ts sliderSteps against
 * Chromium's own stepping); every redraw shows a newer run than the one before; a key press back to
 * a value the page has run shows that value's kept final run at once, with no coarse redraw, and it
 * is the same result (the key figures read as they did); the charts end on the final run of the value
 * the slider shows. No wall-clock time is asserted.
 */
import { describe, expect, it } from 'vitest';
import { drawnSeen, explorerSettled, newerDrawn, recordDrawn } from './pages.ts';
import { useBuiltSite, visit } from './built-site.ts';
import { sliderSteps, specOf } from '../../src/explorer/controls.ts';
import { fromQuery } from '../../src/explorer/params.ts';

useBuiltSite();

const drawnOf = async (p: import('playwright-core').Page) => (await p.getAttribute('[data-drawn]', 'data-drawn'))!;
const keyFigures = (p: import('playwright-core').Page) => p.locator('[data-key-figures]').innerText();

describe('explorer /en/explore/: arrow keys on the sliders', () => {
  it('steps as the browser does, shows a value it has run at once from its kept final run, and ends on the final run of the value shown', async () => {
    const v = await visit('/en/explore/');
    try {
      const p = v.page;
      await recordDrawn(p);
      const p0 = fromQuery('').params;
      const start = await drawnOf(p);
      expect(start).toMatch(/^\d+:100:final$/);
      const figures100 = await keyFigures(p);

      // buyers a day: the value the page computed ahead for ArrowRight is the one the browser sets
      const perDay = specOf('perDay', p0);
      const [up, down] = sliderSteps(p0.perDay, perDay.slider!, perDay.scale);
      expect([up, down]).toEqual([110, 90]);
      await p.focus('#x-perDay-range');
      await p.keyboard.press('ArrowRight');
      expect(Number(await p.inputValue('#x-perDay'))).toBe(up);
      await explorerSettled(p);
      const requestedUp = Number(await p.getAttribute('.explorer', 'data-requested-id'));
      expect(await drawnOf(p)).toBe(`${requestedUp}:${up}:final`);
      expect(await keyFigures(p)).not.toBe(figures100);

      // back to 100: its final run is kept, so it is drawn at once, final, with no coarse redraw
      await p.keyboard.press('ArrowLeft');
      expect(Number(await p.inputValue('#x-perDay'))).toBe(100);
      await explorerSettled(p);
      const requestedBack = Number(await p.getAttribute('.explorer', 'data-requested-id'));
      expect(requestedBack).toBeGreaterThan(requestedUp);
      expect(await drawnOf(p)).toBe(`${requestedBack}:100:final`);
      const seen = await drawnSeen(p);
      expect(seen.filter((d) => d.id === requestedBack)).toEqual([{ id: requestedBack, perDay: 100, final: true }]);
      // the same scenario, the same result: the key figures read as they did at 100 a day
      expect(await keyFigures(p)).toBe(figures100);

      // the selling rate, a share shown in percent: the browser's step is sliderSteps' (2% -> 2.5%)
      const sell = specOf('sellRate', p0);
      const [sellUp] = sliderSteps(p0.sellRate, sell.slider!, sell.scale);
      await p.focus('#x-sellRate-range');
      await p.keyboard.press('ArrowRight');
      expect(Number(await p.inputValue('#x-sellRate')) / sell.scale).toBeCloseTo(sellUp!, 12);
      await explorerSettled(p);
      const requestedSell = Number(await p.getAttribute('.explorer', 'data-requested-id'));
      expect(await drawnOf(p)).toBe(`${requestedSell}:100:final`);

      // every redraw newer than the one before: a higher request id, or coarse to final of one
      const all = await drawnSeen(p);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        expect(newerDrawn(a, b), `redraw ${i}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBe(true);
      }
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
