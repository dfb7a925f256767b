/**
 * What the explorer shows for a what-if beside its baseline and for two scenarios side by side:
 * the per-cohort table (without, with, change), the baseline drawn faintly behind each line chart,
 * A and B overlaid on every chart (told apart by dash pattern and label, not colour alone), and the
 * key figures in two columns with the difference. Pure: tested in node (test/explorer/compare.test.ts).
 * The figures come from the engine (src/engine/keyfigures.ts), never from the controls.
 */
import { compareCohorts, keyFigures, type CohortChange, type KeyFigures, type FlowResult, type StressPreset } from '../engine/plain.ts';
import { SIDE_STYLE, type Band, type Series } from './chart.ts';
import { cohortLabel, keyPart, type Formats, type Tr } from './view.ts';

const PCT_KINDS = new Set(['run', 'skim', 'gift-down', 'withholding-up']);

/** the what-if's value as the reader reads it: a percentage, or a multiple for the exit multiple; '' for none */
export function whatIfValueText(kind: string, value: number | undefined, f: Formats): string {
  return value === undefined ? '' : PCT_KINDS.has(kind) ? f.pct(value, 0) : f.mult(value);
}

/** One sentence naming the what-if: what, on which day, with its value if it has one. */
export function whatIfSentence(p: StressPreset, f: Formats, tr: Tr, name?: (kind: string) => string): string {
  const what = name ? name(p.kind) : tr(`explorer.stressKind.${keyPart(p.kind)}`);
  const value = whatIfValueText(p.kind, p.value, f);
  return value === ''
    ? tr('explorer.stress.active', { what, day: f.day(p.day) })
    : tr('explorer.stress.activeValue', { what, day: f.day(p.day), value });
}

/** a change of a share in percentage points, in the reader's number format */
const points = (v: number, f: Formats, tr: Tr): string => tr('explorer.compare.points', { n: f.pct(v).replace(/%$/, '') });
/** a difference with its sign; one that rounds to nothing as shown reads as zero, unsigned */
const signed = (x: number | null, text: (v: number) => string): string => {
  if (x === null) return '—';
  const shown = text(Math.abs(x));
  if (x === 0 || shown === text(0)) return text(0);
  return x > 0 ? `+${shown}` : `−${shown}`;
};

/** A cohort row of two runs (a, b) and the change, as text. */
export interface CohortPairRow {
  label: string;
  fromDay: number;
  usersA: string;
  usersB: string;
  multA: string;
  multB: string;
  multChange: string;
  /** change of the return multiple as a number (for tests and for marking losses) */
  multDelta: number | null;
  beA: string;
  beB: string;
  beChange: string;
}

/**
 * The cohorts of two runs side by side, matched by entry period: return multiple and share broken
 * even on paper (cash + what the points would fetch >= spend) in each, and the change (b - a, in
 * percentage points for the share). For a what-if, a is the baseline (without) and b the run with it.
 */
export function cohortPairRows(changes: readonly CohortChange[], f: Formats, tr: Tr, opts: { beforeDay?: number } = {}): CohortPairRow[] {
  return changes
    .filter((c) => opts.beforeDay === undefined || c.fromDay < opts.beforeDay)
    .map((c) => ({
      label: cohortLabel(c),
      fromDay: c.fromDay,
      usersA: f.count(c.a.users),
      usersB: f.count(c.b.users),
      multA: f.mult(c.a.returnMultiple),
      multB: f.mult(c.b.returnMultiple),
      multChange: signed(c.change.returnMultiple, (v) => f.mult(v)),
      multDelta: c.change.returnMultiple,
      beA: f.pct(c.a.shareBrokeEvenOnPaper),
      beB: f.pct(c.b.shareBrokeEvenOnPaper),
      beChange: signed(c.change.shareBrokeEvenOnPaper, (v) => points(v, f, tr)),
    }));
}

/** The what-if's table: every cohort that joined before the event, without it, with it and the change. */
export function whatIfRows(baseline: FlowResult, run: FlowResult, preset: StressPreset, f: Formats, tr: Tr): CohortPairRow[] {
  return cohortPairRows(compareCohorts(baseline.cohorts, run.cohorts), f, tr, { beforeDay: preset.day });
}

/** The baseline's series drawn faintly behind the run's (the run's last, so on top). */
export function withBaseline<T extends { series: Series[]; bands: Band[] }>(chart: T, baseline: { series: Series[] }, tr: Tr): T & { series: Series[] } {
  const faint = baseline.series.map((s) => ({ ...s, key: `base:${s.key}`, label: tr('explorer.whatIf.baselineOf', { label: s.label }), opacity: SIDE_STYLE.baseline.opacity, width: SIDE_STYLE.baseline.width }));
  return { ...chart, series: [...faint, ...chart.series] };
}

/**
 * A and B on one chart: every series of each, labelled "A: …" and "B: …"; A's lines in A's dash
 * pattern (so that they differ from B's by more than colour), B's as they are. The x values are
 * the days both have (A's when they differ in length: B's values beyond them are cut, A's padded).
 */
export function overlay<T extends { xs: number[]; series: Series[]; bands: Band[] }>(a: T, b: T, tr: Tr): T & { series: Series[] } {
  const xs = b.xs.length >= a.xs.length ? b.xs : a.xs;
  const fit = (values: (number | null)[]) => xs.map((_, i) => values[i] ?? null);
  const side = (s: Series, which: 'a' | 'b'): Series => ({
    ...s,
    key: `${which}:${s.key}`,
    label: tr(`explorer.compare.${which}Series`, { label: s.label }),
    values: fit(s.values),
    ...(which === 'a' ? { dash: SIDE_STYLE.a.dash(s.dash), width: SIDE_STYLE.a.width } : {}),
  });
  // the caption speaks of B, the scenario the controls show, and says so
  const summary = (b as { summary?: string }).summary;
  return { ...b, xs, series: [...a.series.map((s) => side(s, 'a')), ...b.series.map((s) => side(s, 'b'))], bands: [], ...(summary ? { summary: tr('explorer.compare.bSeries', { label: summary }) } : {}) };
}

/** The key figures the explorer compares, each with how it is read. */
const ROWS: { key: keyof KeyFigures; kind: 'price' | 'money' | 'count' | 'pct' | 'mult' | 'days' | 'day' }[] = [
  { key: 'finalPrice', kind: 'price' },
  { key: 'pool', kind: 'money' },
  { key: 'users', kind: 'count' },
  { key: 'totalSpend', kind: 'money' },
  { key: 'cashPaidToUsers', kind: 'money' },
  { key: 'paidShareOfSpend', kind: 'pct' },
  { key: 'shareBrokeEvenRealised', kind: 'pct' },
  { key: 'shareBrokeEvenOnPaper', kind: 'pct' },
  { key: 'forcedExits', kind: 'count' },
  { key: 'activeUsers', kind: 'count' },
  { key: 'coverageBreakEven', kind: 'pct' },
  { key: 'withdrawals', kind: 'money' },
  { key: 'poolFoldToBreakEven', kind: 'mult' },
  { key: 'daysToBreakEven', kind: 'days' },
  // the shortfall in money (RULEBOOK §8): at the end, and its largest value with its day
  { key: 'shortfallBreakEven', kind: 'money' },
  { key: 'largestShortfallBreakEven', kind: 'money' },
  { key: 'largestShortfallBreakEvenDay', kind: 'day' },
  { key: 'shortfallExitPromise', kind: 'money' },
  { key: 'largestShortfallExitPromise', kind: 'money' },
  { key: 'largestShortfallExitPromiseDay', kind: 'day' },
];

/** the shortfall against the exit promise: none when forced exits are off (the engine's null) */
const EXIT_PROMISE_ROWS: ReadonlySet<keyof KeyFigures> = new Set(['shortfallExitPromise', 'largestShortfallExitPromise', 'largestShortfallExitPromiseDay']);


export interface KeyFigureRow {
  key: keyof KeyFigures;
  label: string;
  a: string;
  b: string;
  difference: string;
  /** b - a as a number; null where either has none */
  delta: number | null;
}

/** The key figures of two runs in two columns with the difference (b - a; shares in percentage points). */
export function keyFigureRows(ra: FlowResult, rb: FlowResult, f: Formats, tr: Tr): KeyFigureRow[] {
  const ka = keyFigures(ra);
  const kb = keyFigures(rb);
  const text = (kind: (typeof ROWS)[number]['kind'], v: number | null, k: KeyFigures, key?: keyof KeyFigures): string => {
    if (v === null && key && EXIT_PROMISE_ROWS.has(key)) return tr('explorer.exit.off');
    if (kind === 'days' && v === null) return k.ordersStoppedOn !== null ? tr('explorer.compare.stopped', { day: f.day(k.ordersStoppedOn) }) : tr('explorer.never');
    switch (kind) {
      case 'price':
        return f.price(v);
      case 'money':
        return f.money(v);
      case 'count':
      case 'days':
        return f.count(v);
      case 'day':
        return f.day(v);
      case 'pct':
        return f.pct(v);
      case 'mult':
        return f.mult(v);
    }
  };
  return ROWS.map(({ key, kind }) => {
    const x = ka[key];
    const y = kb[key];
    const delta = x === null || y === null ? null : y - x;
    const diff =
      kind === 'pct'
        ? signed(delta, (v) => points(v, f, tr))
        : signed(delta, (v) => (kind === 'days' || kind === 'day' ? f.count(v) : text(kind, v, ka)));
    return { key, label: tr(`explorer.kf.${key}`), a: text(kind, x, ka, key), b: text(kind, y, kb, key), difference: diff, delta };
  });
}

/** Another run's values for these category labels (cohorts matched by entry days), null where it has none. */
export function alignByLabel(labels: readonly string[], otherLabels: readonly string[], otherValues: readonly (number | null)[]): (number | null)[] {
  const at = new Map(otherLabels.map((l, i) => [l, otherValues[i] ?? null]));
  return labels.map((l) => at.get(l) ?? null);
}

