/**
 * Figures of the model family's worked examples (RULEBOOK §9.3-9.5) that the method page quotes:
 * {{family.<model>.<name>}}. Each is read off the result a reader gets from `simulate --exact` on
 * the example files (examples/family-*.json), at build time; the variants the rulebook states
 * beside them (the release of the remaining promise, the queue at half of each order, fifo and
 * even) are those files with a field or two changed. The content test
 * (test/pages/family-figures.test.ts) holds these figures to the rulebook's, worked by hand. Pure,
 * no DOM; computed once per build and cached.
 */
import { runFamilyScenario, type FamilyDayRow, type FamilyResult } from '../engine/index.ts';
import type { Var } from '../i18n/figure.ts';
import releaseExample from '../../examples/family-release.json' with { type: 'json' };
import queueExample from '../../examples/family-queue.json' with { type: 'json' };
import rightsExample from '../../examples/family-rights.json' with { type: 'json' };

const v = (value: string | number, kind: Var['kind']): Var => ({ value: String(value), kind });

/** The exact result of an example; `change` edits a copy of the file's JSON first. A failed run names the example. */
function run(name: string, file: object, change: (s: Record<string, any>) => void = () => {}): FamilyResult {
  const input = structuredClone(file) as Record<string, any>;
  change(input);
  const r = runFamilyScenario(input, { exact: true });
  if (!r.ok) throw new Error(`the family's worked example "${name}" does not run: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.result;
}

/** day d's row (days are numbered from 1) */
function on(r: FamilyResult, d: number): FamilyDayRow {
  const row = r.days[d - 1];
  if (!row || row.day !== d) throw new Error(`the worked example has no row for day ${d}`);
  return row;
}
/** the first day whose row passes the test, or a clear error */
function firstDay(r: FamilyResult, test: (row: FamilyDayRow) => boolean, what: string): FamilyDayRow {
  const row = r.days.find(test);
  if (!row) throw new Error(`the worked example never reaches ${what}`);
  return row;
}
function firstDefault(r: FamilyResult, name: string) {
  if (!r.failure.firstDefault) throw new Error(`the worked example "${name}" never defaults`);
  return r.failure.firstDefault;
}
const s = String;

/** §9.3: the release, of the original promise and of the remaining one. */
function releaseFigures(): Record<string, Var> {
  const original = run('release', releaseExample);
  const remaining = run('release, of the remaining promise', releaseExample, (x) => (x.model.of = 'remaining'));
  const first = firstDefault(original, 'release');
  const next = on(original, first.day + 1);
  const empty = firstDay(original, (row) => Number(row.fund) === 0, 'an empty fund');
  return {
    'family.release.inflowPerDay': v(s(on(original, 1).fundInflow), 'money'),
    'family.release.fundDay100': v(s(on(original, 100).fund), 'money'),
    'family.release.emptyAfterDay': v(empty.day, 'count'),
    'family.release.firstDefaultDay': v(first.day, 'count'),
    'family.release.firstDefaultDue': v(s(first.due), 'money'),
    'family.release.firstDefaultPaid': v(s(first.paid), 'money'),
    'family.release.nextDefaultDue': v(s(next.due), 'money'),
    'family.release.nextDefault': v(s(next.defaults), 'money'),
    'family.release.remainingFirstDefaultDay': v(firstDefault(remaining, 'release, of the remaining promise').day, 'count'),
  };
}

/**
 * §9.4: the example file (fifo, pool share 0.3, k 1.2, 1,000 orders), and the rulebook's first
 * example beside it: the same file at pool share 0.5 and k 1, over 10 orders, fifo and even.
 */
function queueFigures(): Record<string, Var> {
  const large = run('queue', queueExample);
  const half = (mode: 'fifo' | 'even') => (x: Record<string, any>) => {
    x.model.k = 1;
    x.model.mode = mode;
    x.rules.split = { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 };
    x.flow.buyers.perDay = 10;
  };
  const fifo = run('queue, fifo at pool share 0.5', queueExample, half('fifo'));
  const even = run('queue, even at pool share 0.5', queueExample, half('even'));
  /** the order (numbered from 1) during which entry n (from 1) was paid in full */
  const doneAt = (r: FamilyResult, n: number) => {
    const o = r.entries?.[n - 1]?.completedOrder;
    if (o === null || o === undefined) throw new Error(`entry ${n} of the even queue is never completed, or not listed`);
    return o;
  };
  return {
    'family.queue.fifoCompleted': v(fifo.counts.completed, 'count'),
    'family.queue.fifoWaiting': v(fifo.counts.waiting, 'count'),
    'family.queue.fifoOwed': v(s(fifo.final.outstanding), 'money'),
    'family.queue.evenFirstDone': v(doneAt(even, 1), 'count'),
    'family.queue.evenSecondDone': v(doneAt(even, 2), 'count'),
    'family.queue.evenWaiting': v(even.counts.waiting, 'count'),
    'family.queue.largeCompleted': v(large.counts.completed, 'count'),
    'family.queue.largeOwed': v(s(large.final.outstanding), 'money'),
  };
}

/** §9.5: the rights' first day under the daily cap, and their last day. */
function rightsFigures(): Record<string, Var> {
  const r = run('rights', rightsExample);
  // the first day a payment due was not paid in full: for the rights, the first day under the cap
  const under = on(r, firstDefault(r, 'rights').day);
  const end = r.days[r.days.length - 1]!;
  const dividend = (row: FamilyDayRow) => {
    if (row.dividendPerRight === null) throw new Error(`the rights example reports no dividend on day ${row.day}`);
    return s(row.dividendPerRight);
  };
  return {
    'family.rights.firstUnderCapDay': v(under.day, 'count'),
    'family.rights.firstUnderCapDividend': v(dividend(under), 'money6'),
    'family.rights.lastDividend': v(dividend(end), 'money6'),
    'family.rights.lastOwed': v(s(end.outstanding), 'money'),
  };
}

let cache: Record<string, Var> | undefined;

/** name -> figure, for {{name}} placeholders in the prose. */
export function familyFigures(): Record<string, Var> {
  cache ??= { ...releaseFigures(), ...queueFigures(), ...rightsFigures() };
  return cache;
}
