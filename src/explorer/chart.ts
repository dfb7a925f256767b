/**
 * Chart helpers shared by the explorer's chart components: the palette (Okabe–Ito, as literal
 * colours so that a downloaded SVG keeps them), scales and paths from D3 modules, the nearest
 * point to a pointer, and SVG export. Pure; tested in node.
 */
import { bisector } from 'd3-array';
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { area } from 'd3-shape';

/** Okabe–Ito, the same values as the CSS variables in src/layouts/Base.astro. */
export const PALETTE = {
  black: '#000000',
  orange: '#e69f00',
  sky: '#56b4e9',
  green: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  purple: '#cc79a7',
} as const;

export interface Series {
  key: string;
  label: string;
  color: string;
  /** SVG stroke-dasharray, so that lines differ by more than colour */
  dash?: string;
  /** stroke opacity (a baseline drawn faintly behind: below 1); 1 when absent */
  opacity?: number;
  /** stroke width; the chart's own when absent */
  width?: number;
  values: (number | null)[];
}

/**
 * How the sides of a comparison and a what-if's baseline are drawn, beside the Okabe–Ito colours
 * above (safe for colour-blind readers): A's lines in a dash pattern of their own (a solid line
 * becomes long dashes, a dashed one dash-dot), B's as they are; a baseline thin and faint, behind.
 */
export const SIDE_STYLE = {
  a: { dash: (own: string | undefined): string => (own ? '10 3 2 3' : '9 4'), width: 1.8 },
  baseline: { opacity: 0.4, width: 1.5 },
} as const;

export interface Band {
  key: string;
  label: string;
  color: string;
  lo: (number | null)[];
  hi: (number | null)[];
}

export interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const FRAME: Frame = { width: 640, height: 260, margin: { top: 12, right: 16, bottom: 34, left: 64 } };
/** The width (CSS px) the last chart drawn on the page measured, FRAME.width before any has. A chart
 * starts at it: a chart learns its own width (laidOutSize) only after its first render, so a chart that
 * started at FRAME.width on a phone was drawn twice, once at 640 px and again at its width, where
 * the charts before it already knew the width (Lighthouse's blocking time on a phone). */
export const lastChartWidth = { px: FRAME.width };

/**
 * An element's laid-out size (clientWidth and clientHeight, CSS px), as a Svelte attachment: a
 * chart's frame `{@attach laidOutSize((s) => (width = s.width))}`. Svelte's bind:clientWidth also
 * reads the size as the element mounts, which makes the browser lay the whole page out in the
 * middle of a chart's first draw (most of a first draw's 55-77 ms on Lighthouse's 4x-slowed phone);
 * here one ResizeObserver for every element reports the sizes once the browser has laid the page
 * out for its next frame anyway (Svelte draws what they change after the callback), and a chart
 * starts at lastChartWidth meanwhile. While `measureAtMount.on` (the charts remounted for print,
 * which lays the page out without waiting for a frame) an element reads its size at once.
 */
export const measureAtMount = { on: false };
type Size = { width: number; height: number };
let sizeObserver: ResizeObserver | undefined;
const sizeSetters = new WeakMap<Element, (size: Size) => void>();
const sizeOf = (e: Element): Size => ({ width: e.clientWidth, height: e.clientHeight });
export function laidOutSize(set: (size: Size) => void): (node: HTMLElement) => () => void {
  return (node) => {
    if (measureAtMount.on) set(sizeOf(node));
    sizeObserver ??= new ResizeObserver((entries) => {
      for (const e of entries) sizeSetters.get(e.target)?.(sizeOf(e.target));
    });
    sizeSetters.set(node, set);
    sizeObserver.observe(node);
    return () => {
      sizeObserver?.unobserve(node);
      sizeSetters.delete(node);
    };
  };
}

/** Finite positive values only, for a log scale. */
const usable = (v: number | null | undefined, log: boolean): v is number => v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);

/**
 * How many values, how many of them positive, and their least and greatest (NaN left out, as
 * d3-array's extent does; lo > hi while there are none). Fields rather than a closure's variables:
 * a double a closure writes is a new heap number at each write.
 */
class Extent {
  count = 0;
  positive = 0;
  lo = Infinity;
  hi = -Infinity;
  see(v: number): void {
    this.count++;
    if (v > 0) this.positive++;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }
  seeUsable(values: readonly (number | null)[]): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (usable(v, false)) this.see(v);
    }
  }
}

/**
 * The y scale over every series and band; log only when every value is positive (else linear).
 * One pass over the values, with no array of them: it runs for every chart on every redraw of a
 * drag, whose garbage otherwise brings the page's major GC into the release's final run.
 */
export function yScale(series: Series[], bands: Band[], frame: Frame, log: boolean, opts: { zero?: boolean; reference?: number[] } = {}): { y: ScaleContinuousNumeric<number, number>; log: boolean } {
  // the values counted: every usable value of the series and bands, and every reference line
  // (indexed loops: for-of makes an iterator result a value until the function is optimised)
  const e = new Extent();
  for (const s of series) e.seeUsable(s.values);
  for (const b of bands) {
    e.seeUsable(b.lo);
    e.seeUsable(b.hi);
  }
  for (const r of opts.reference ?? []) e.see(r);
  const { count, positive } = e;
  // none counted (or only NaN): lo is still above hi
  const lo = e.lo <= e.hi ? e.lo : undefined;
  const hi = lo === undefined ? undefined : e.hi;
  const range: [number, number] = [frame.height - frame.margin.bottom, frame.margin.top];
  // every value positive: none is NaN, so lo and hi are the positive values' least and greatest
  if (log && positive > 0 && positive === count) {
    return { y: scaleLog().domain([lo!, hi === lo ? lo! * 10 : hi!]).range(range).nice(), log: true };
  }
  const a = opts.zero !== false ? Math.min(0, lo ?? 0) : (lo ?? 0);
  const b = hi === undefined || hi === a ? a + 1 : hi;
  return { y: scaleLinear().domain([a, b]).range(range).nice(), log: false };
}

export function xScale(xs: number[], frame: Frame) {
  const lo = xs[0] ?? 0;
  const hi = xs[xs.length - 1] ?? 1;
  return scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .range([frame.margin.left, frame.width - frame.margin.right]);
}

/** a coordinate as d3-path writes it (d3-shape's default precision: 3 decimals) */
const coord = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * The x coordinates of a chart's points as text, made once for all of its series and bands (the
 * last x scale's and values' are kept: a chart's paths are made one after the other).
 */
let xTextFor: { xs: readonly number[]; x: (v: number) => number; text: string[] } | null = null;
function xText(xs: readonly number[], x: (v: number) => number): string[] {
  if (xTextFor?.xs !== xs || xTextFor.x !== x) xTextFor = { xs, x, text: xs.map((v) => `${coord(x(v))}`) };
  return xTextFor.text;
}

/**
 * An SVG path of one series; gaps where a value is missing (or not positive on a log scale). Written
 * as d3-shape's line with its linear curve writes it (each run of points "M x,y" then "L x,y", a run of
 * one point closed by "Z"), without its index array, accessors and path object, and with the x
 * coordinates' text shared by the chart's series: it runs for every series on every redraw of a drag.
 */
export function linePath(xs: number[], values: (number | null)[], x: (v: number) => number, y: (v: number) => number, log: boolean): string {
  const xt = xText(xs, x);
  let d = '';
  let run = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = values[i];
    if (!usable(v, log)) {
      if (run === 1) d += 'Z';
      run = 0;
      continue;
    }
    d += `${run === 0 ? 'M' : 'L'}${xt[i]},${coord(y(v))}`;
    run++;
  }
  if (run === 1) d += 'Z';
  return d;
}

export function bandPath(xs: number[], lo: (number | null)[], hi: (number | null)[], x: (v: number) => number, y: (v: number) => number, log: boolean): string {
  const gen = area<number>()
    .defined((i) => usable(lo[i], log) && usable(hi[i], log))
    .x((i) => x(xs[i]!))
    .y0((i) => y(lo[i]!))
    .y1((i) => y(hi[i]!));
  return gen(xs.map((_, i) => i)) ?? '';
}

const byX = bisector<number, number>((d) => d).center;

/** Index of the x value nearest to a pointer position. */
export function nearestIndex(xs: number[], value: number): number {
  if (xs.length === 0) return -1;
  return Math.max(0, Math.min(xs.length - 1, byX(xs, value)));
}

/** A standalone SVG document of a chart element's markup (for download). */
export function svgDocument(markup: string, title: string): string {
  let s = markup.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  s = s.replace(/currentColor/g, '#1b1b1b');
  // the page's class-scoped styles do not travel: set a font and keep text readable
  s = s.replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(title)}</title><style>text{font-family:system-ui,'Noto Sans CJK SC',sans-serif;font-size:11px;fill:#1b1b1b}</style>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${s}\n`;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Tick values of a scale, at most n of them (log scales give too many). */
export function ticksOf(scale: ScaleContinuousNumeric<number, number>, n: number, log: boolean): number[] {
  const t = scale.ticks(n);
  if (!log) return t;
  const powers = t.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (powers.length >= 2) return powers.length > n ? powers.filter((_, i) => i % Math.ceil(powers.length / n) === 0) : powers;
  return t.length > n ? t.filter((_, i) => i % Math.ceil(t.length / n) === 0) : t;
}
