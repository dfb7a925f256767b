/**
 * A sweep's cells: what a validated sweep holds, how a cell is named in a message, the task each
 * cell is, and the rows put together from the tasks' outputs. Kept apart from sweep.ts (the sweep
 * file's zod schema and its validation) so that a page which runs a sweep through its workers
 * (run.ts's sweepVia) carries none of the schemas.
 */
import type { Problem } from '../problem.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { showValue } from '../json-text.ts';
import type { Outcome, OutcomesInput, OutcomesOutput } from './outcomes.ts';

/** a value from the input in a message: JSON, cut to 40 characters */
const show = (v: unknown): string => showValue(v, 40);

export interface SweepAxis {
  param: string;
  keys: PropertyKey[];
  values: unknown[];
}

export interface SweepCell {
  /** index into x.values */
  i: number;
  /** index into y.values; 0 without a y axis */
  j: number;
  scenario: FlowScenarioV1;
}

export interface ValidSweep {
  base: FlowScenarioV1;
  x: SweepAxis;
  y: SweepAxis | null;
  outcomes: Outcome[];
  /** x-major: every y value for the first x value, then the next x value */
  cells: SweepCell[];
}

export const cellPath = (i: number, j: number | null): string => (j === null ? `x.values[${i}]` : `cell (x.values[${i}], y.values[${j}])`);
export const cellValues = (x: SweepAxis, i: number, y: SweepAxis | null, j: number): string =>
  y ? `${x.param} = ${show(x.values[i])}, ${y.param} = ${show(y.values[j])}` : `${x.param} = ${show(x.values[i])}`;

export interface SweepRow {
  i: number;
  j: number;
  x: unknown;
  y: unknown;
  values: (number | null)[];
}

export type SweepOutcome = { ok: true; rows: SweepRow[] } | { ok: false; problems: Problem[] };

/** One `outcomes` task per cell, in cell order. */
export const sweepInputs = (sweep: ValidSweep): OutcomesInput[] => sweep.cells.map((c) => ({ scenario: c.scenario, outcomes: sweep.outcomes }));

/** The rows from the cells' outputs, in cell order (x-major). A run that failed names its cell and its values. */
export function sweepRows(sweep: ValidSweep, outs: readonly OutcomesOutput[]): SweepOutcome {
  const problems: Problem[] = [];
  const rows: SweepRow[] = [];
  outs.forEach((o, n) => {
    const c = sweep.cells[n]!;
    if (o.ok) rows.push({ i: c.i, j: c.j, x: sweep.x.values[c.i], y: sweep.y ? sweep.y.values[c.j] : undefined, values: o.values });
    else for (const p of o.problems) problems.push({ path: cellPath(c.i, sweep.y ? c.j : null), message: `${cellValues(sweep.x, c.i, sweep.y, c.j)}: ${p.path ? `${p.path}: ` : ''}${p.message}` });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}
