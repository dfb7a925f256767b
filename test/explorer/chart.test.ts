/**
 * The line chart's scale and path, which the page computes for every series on every redraw of a
 * drag without arrays of garbage (src/explorer/chart.ts), held to what D3 itself gives: the y scale's
 * domain to d3-array's extent, min and max over the values they count, the path to d3-shape's line
 * with its linear curve, byte for byte (gaps, runs of one point, a log scale's non-positive values).
 */
import { extent, max, min } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME, linePath, xScale, yScale, type Band, type Series } from '../../src/explorer/chart.ts';

const usable = (v: number | null | undefined, log: boolean): v is number => v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);

/** d3-shape's line over the indices, as the chart wrote it before (the reference) */
function d3Path(xs: number[], values: (number | null)[], x: (v: number) => number, y: (v: number) => number, log: boolean): string {
  return (
    line<number>()
      .defined((i) => usable(values[i], log))
      .x((i) => x(xs[i]!))
      .y((i) => y(values[i]!))(xs.map((_, i) => i)) ?? ''
  );
}

/** the y domain from the values it counts: usable series and band values, and every reference line */
function referenceDomain(series: Series[], bands: Band[], log: boolean, reference: number[], zero: boolean): { domain: number[]; log: boolean } {
  const all: number[] = [];
  for (const s of series) for (const v of s.values) if (usable(v, false)) all.push(v);
  for (const b of bands) for (const v of [...b.lo, ...b.hi]) if (usable(v, false)) all.push(v);
  all.push(...reference);
  const positive = all.filter((v) => v > 0);
  const range = [FRAME.height - FRAME.margin.bottom, FRAME.margin.top];
  if (log && positive.length > 0 && positive.length === all.length) {
    const lo = min(positive)!;
    const hi = max(positive)!;
    return { domain: scaleLog().domain([lo, hi === lo ? lo * 10 : hi]).range(range).nice().domain(), log: true };
  }
  const [lo, hi] = extent(all) as [number | undefined, number | undefined];
  const a = zero ? Math.min(0, lo ?? 0) : (lo ?? 0);
  const b = hi === undefined || hi === a ? a + 1 : hi;
  return { domain: scaleLinear().domain([a, b]).range(range).nice().domain(), log: false };
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 0, NaN, Infinity, -Infinity, 1e-9, 123.4565) },
);
const series = (n: number) => fc.array(value, { minLength: n, maxLength: n }).map((values): Series => ({ key: 'k', label: 'l', color: '#000', values }));

describe('line path: as d3-shape writes it', () => {
  it('a worked case: two runs, a gap, a run of one point (closed by Z), rounding to three decimals', () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const values = [1, 2, null, 3, null, 4.00049];
    const x = (v: number) => v * 10.12345;
    const y = (v: number) => 100 - v;
    // M 0,99 L 10.123,98 | M 30.37,97 Z | M 50.617,96 Z: y(4.00049) = 95.99951, and Math.round(95999.51) / 1000 = 96
    expect(linePath(xs, values, x, y, false)).toBe('M0,99L10.123,98M30.37,97ZM50.617,96Z');
    expect(linePath(xs, values, x, y, false)).toBe(d3Path(xs, values, x, y, false));
  });

  it('nothing drawable: the empty string', () => {
    expect(linePath([0, 1], [null, NaN], (v) => v, (v) => v, false)).toBe('');
    expect(linePath([0, 1], [0, -1], (v) => v, (v) => v, true)).toBe('');
    expect(linePath([], [], (v) => v, (v) => v, false)).toBe('');
  });

  it('any values, linear or log, on one chart and then another: the same text as d3-shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(fc.constant(n), series(n), series(n), fc.boolean())), ([n, a, b, log]) => {
        const xs = Array.from({ length: n }, (_, i) => i + 1);
        const frame = { ...FRAME, width: 300 + n };
        const x = xScale(xs, frame);
        const y = yScale([a, b], [], frame, log).y;
        // two series of one chart share its x coordinates' text; a second chart has its own scale
        expect(linePath(xs, a.values, x, y, log)).toBe(d3Path(xs, a.values, x, y, log));
        expect(linePath(xs, b.values, x, y, log)).toBe(d3Path(xs, b.values, x, y, log));
        const x2 = xScale(xs, FRAME);
        expect(linePath(xs, a.values, x2, y, log)).toBe(d3Path(xs, a.values, x2, y, log));
      }),
      { numRuns: 300 },
    );
  });
});

describe('y scale: the domain of the values it counts', () => {
  it('worked cases: zero kept in a linear scale, a log scale only when every value is positive, a flat line given height', () => {
    const s = (values: (number | null)[]): Series => ({ key: 'k', label: 'l', color: '#000', values });
    expect(yScale([s([3, 7, null])], [], FRAME, false).y.domain()).toEqual([0, 7]);
    expect(yScale([s([3, 7])], [], FRAME, false, { zero: false }).y.domain()).toEqual([3, 7]);
    const logged = yScale([s([2, 50])], [], FRAME, true);
    expect(logged.log).toBe(true);
    expect(logged.y.domain()).toEqual([1, 100]);
    expect(yScale([s([2, 0])], [], FRAME, true).log).toBe(false);
    expect(yScale([s([0, 0])], [], FRAME, false).y.domain()).toEqual([0, 1]);
    expect(yScale([], [], FRAME, false).y.domain()).toEqual([0, 1]);
  });

  it('any series, bands and reference lines: the domain d3-array gives over the same values', () => {
    const band = (n: number) => fc.tuple(series(n), series(n)).map(([lo, hi]): Band => ({ key: 'b', label: 'b', color: '#000', lo: lo.values, hi: hi.values }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(fc.array(series(n), { maxLength: 3 }), fc.array(band(n), { maxLength: 2 }))),
        fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(NaN)), { maxLength: 2 }),
        fc.boolean(),
        fc.boolean(),
        ([ss, bs], reference, log, zero) => {
          const got = yScale(ss, bs, FRAME, log, { reference, zero });
          const want = referenceDomain(ss, bs, log, reference, zero);
          expect(got.log).toBe(want.log);
          expect(got.y.domain()).toEqual(want.domain);
        },
      ),
      { numRuns: 500 },
    );
  });
});
