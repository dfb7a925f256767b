/**
 * Figures of the model family's worked examples (RULEBOOK §9.3-9.5) that the method page quotes:
 * {{family.<model>.<name>}}. Each is read off a run of the example on the engine's exact path
 * (family/run.ts), at build time; the examples are the scenario files a reader runs with
 * `simulate` (examples/family/*.json), and the variants the rulebook states beside them (the
 * release of the remaining promise, the even queue, the larger fifo queue) are those files with one
 * field changed. The content test (test/pages/family-figures.test.ts) holds these figures to the
 * rulebook's, worked by hand. Pure, no DOM; computed once per build and cached.
 */
import { exact } from '../engine/arith.ts';
import { validateScenario } from '../engine/scenario/index.ts';
import { runFamily, isFamily, type FamilyDayRaw, type FamilyScenario } from '../engine/family/run.ts';
import type { Var } from '../i18n/figure.ts';
import releaseExample from '../../examples/family/release.json' with { type: 'json' };
import queueExample from '../../examples/family/queue.json' with { type: 'json' };
import rightsExample from '../../examples/family/rights.json' with { type: 'json' };

type Dec = ReturnType<typeof exact.of>;
const A = exact;
const v = (value: string | number, kind: Var['kind']): Var => ({ value: String(value), kind });

/** A worked example's scenario, validated (defaults filled); `change` edits a copy of the file's JSON first. */
export function familyExample(file: object, change: (s: Record<string, any>) => void = () => {}): FamilyScenario {
  const input = structuredClone(file) as Record<string, any>;
  change(input);
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`a worked example of the family does not validate: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  if (r.scenario.flow === undefined || !isFamily(r.scenario as never)) throw new Error('a worked example of the family must be a flow scenario with a model');
  return r.scenario as FamilyScenario;
}

/** The run's days, exact; a failed run names the example. */
function days(name: string, s: FamilyScenario) {
  const r = runFamily(A, s);
  if (!r.ok) throw new Error(`the family's worked example "${name}" does not run: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r;
}

/** day d's row (days are numbered from 1) */
const on = (rows: FamilyDayRaw<Dec>[], d: number): FamilyDayRaw<Dec> => {
  const row = rows[d - 1];
  if (!row || row.day !== d) throw new Error(`no row for day ${d}`);
  return row;
};
/** the first day whose row passes the test, or a clear error */
const firstDay = (rows: FamilyDayRaw<Dec>[], test: (r: FamilyDayRaw<Dec>) => boolean, what: string): FamilyDayRaw<Dec> => {
  const row = rows.find(test);
  if (!row) throw new Error(`the worked example never reaches ${what}`);
  return row;
};
const positive = (x: Dec) => A.cmp(x, A.zero) > 0;

/** §9.3: the release, of the original promise and of the remaining one. */
function releaseFigures(): Record<string, Var> {
  const original = days('release', familyExample(releaseExample)).days;
  const remaining = days('release, of the remaining promise', familyExample(releaseExample, (s) => (s.model.of = 'remaining'))).days;
  const first = firstDay(original, (r) => positive(r.defaults), 'a default');
  const next = on(original, first.day + 1);
  // the last day the fund still paid in full, and was left with nothing
  const empty = firstDay(original, (r) => A.isZero(r.fund), 'an empty fund');
  return {
    'family.release.inflowPerDay': v(A.str(on(original, 1).inflow), 'money'),
    'family.release.fundDay100': v(A.str(on(original, 100).fund), 'money'),
    'family.release.emptyAfterDay': v(empty.day, 'count'),
    'family.release.firstDefaultDay': v(first.day, 'count'),
    'family.release.firstDefaultDue': v(A.str(first.due), 'money'),
    'family.release.firstDefaultPaid': v(A.str(first.paid), 'money'),
    'family.release.nextDefaultDue': v(A.str(next.due), 'money'),
    'family.release.nextDefault': v(A.str(next.defaults), 'money'),
    'family.release.remainingFirstDefaultDay': v(firstDay(remaining, (r) => positive(r.defaults), 'a default').day, 'count'),
  };
}

/** §9.4: the queue, fifo and even, over the example's orders; and fifo over 1,000 orders at pool share 0.3, k 1.2. */
function queueFigures(): Record<string, Var> {
  const fifo = days('queue, fifo', familyExample(queueExample));
  const even = days('queue, even', familyExample(queueExample, (s) => (s.model.mode = 'even')));
  const large = days('queue, fifo at pool share 0.3 and k 1.2', familyExample(queueExample, (s) => {
    s.model.k = 1.2;
    s.rules.split = { cost: 0.7, distribution: 0, platform: 0, pool: 0.3 };
    s.flow.buyers.perDay = 1000;
  }));
  const last = (r: typeof fifo) => r.days[r.days.length - 1]!;
  const waiting = (r: typeof fifo) => r.ledger.entryCount - r.ledger.completed;
  /** the order (1-based) during which entry e (0-based) was paid in full */
  const doneAt = (r: typeof fifo, e: number) => {
    const o = r.ledger.entryDoneOrder.get(e);
    if (o < 0) throw new Error(`entry ${e + 1} of the even queue is never completed`);
    return o;
  };
  return {
    'family.queue.fifoCompleted': v(fifo.ledger.completed, 'count'),
    'family.queue.fifoWaiting': v(waiting(fifo), 'count'),
    'family.queue.fifoOwed': v(A.str(last(fifo).outstanding), 'money'),
    'family.queue.evenFirstDone': v(doneAt(even, 0), 'count'),
    'family.queue.evenSecondDone': v(doneAt(even, 1), 'count'),
    'family.queue.evenWaiting': v(waiting(even), 'count'),
    'family.queue.largeCompleted': v(large.ledger.completed, 'count'),
    'family.queue.largeOwed': v(A.str(last(large).outstanding), 'money'),
  };
}

/** §9.5: the rights' first day under the daily cap, and their last day. */
function rightsFigures(): Record<string, Var> {
  const s = familyExample(rightsExample);
  const rows = days('rights', s).days;
  if (s.model.kind !== 'rights') throw new Error('the rights example runs another model');
  const cap = A.of(s.model.capPerDay);
  // a day with rights waiting (something due) whose dividend is under the cap; day 1 has no right yet
  const under = firstDay(rows, (r) => r.dividend !== null && positive(r.due) && A.cmp(r.dividend, cap) < 0, 'a day under the cap');
  const end = rows[rows.length - 1]!;
  return {
    'family.rights.firstUnderCapDay': v(under.day, 'count'),
    'family.rights.firstUnderCapDividend': v(A.str(under.dividend!), 'money6'),
    'family.rights.lastDividend': v(A.str(end.dividend!), 'money6'),
    'family.rights.lastOwed': v(A.str(end.outstanding), 'money'),
  };
}

let cache: Record<string, Var> | undefined;

/** name -> figure, for {{name}} placeholders in the prose. */
export function familyFigures(): Record<string, Var> {
  cache ??= { ...releaseFigures(), ...queueFigures(), ...rightsFigures() };
  return cache;
}
