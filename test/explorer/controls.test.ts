import { describe, expect, it } from 'vitest';
import { sliderSteps, specOf, storedOf } from '../../src/explorer/controls.ts';
import { fromQuery } from '../../src/explorer/params.ts';

describe('what one arrow key on a slider sets (the values computed ahead)', () => {
  it('steps on the slider\'s grid, up first, within its ends, in stored units', () => {
    // buyers a day: a slider from 0 to 1000 in steps of 10 (table.ts), stored as shown (scale 1)
    expect(sliderSteps(100, { min: 0, max: 1000, step: 10 }, 1)).toEqual([110, 90]);
    // a value between stops is first put on the nearest one, as the browser does: 104 -> 100
    expect(sliderSteps(104, { min: 0, max: 1000, step: 10 }, 1)).toEqual([110, 90]);
    // at either end there is one neighbour only
    expect(sliderSteps(0, { min: 0, max: 1000, step: 10 }, 1)).toEqual([10]);
    expect(sliderSteps(1000, { min: 0, max: 1000, step: 10 }, 1)).toEqual([990]);
    // a max off the grid (0 to 25 in steps of 10): the last stop is 20
    expect(sliderSteps(20, { min: 0, max: 25, step: 10 }, 1)).toEqual([10]);
    // a share shown in percent (scale 100): 2% on a 0-20% slider in steps of 0.5 -> 2.5% and 1.5%,
    // stored as 0.025 and 0.015 (not 0.025000000000000001: stored as the slider writes it)
    expect(sliderSteps(0.02, { min: 0, max: 20, step: 0.5 }, 100)).toEqual([0.025, 0.015]);
    // 0.1 + 0.2 on a grid of 0.1 steps: 0.3, not 0.30000000000000004
    expect(sliderSteps(0.2, { min: 0, max: 1, step: 0.1 }, 1)).toEqual([0.3, 0.1]);
    // an empty or invalid value has no neighbours
    expect(sliderSteps(null, { min: 0, max: 10, step: 1 }, 1)).toEqual([]);
    expect(sliderSteps(Number.NaN, { min: 0, max: 10, step: 1 }, 1)).toEqual([]);
  });

  it('uses the sliders the explorer draws: the default buyers a day and selling rate', () => {
    const p = fromQuery('').params;
    const perDay = specOf('perDay', p);
    const sell = specOf('sellRate', p);
    // defaults: 100 buyers a day (slider steps of 10), 2% of holders selling a day (steps of 0.5%)
    expect(sliderSteps(p.perDay, perDay.slider!, perDay.scale)).toEqual([110, 90]);
    expect(sliderSteps(p.sellRate, sell.slider!, sell.scale)).toEqual([0.025, 0.015]);
    expect(storedOf(2.5, 100)).toBe(0.025);
  });
});
