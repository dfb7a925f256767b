/**
 * Sweeps beyond one machine: `sweep FILE --shard k/n` runs one slice of the cells and writes it as
 * a slice document; `sweep-merge` (sweep-merge.ts) puts slices back together into exactly the CSV
 * that one unsharded run prints.
 *
 * Cells are numbered 0, 1, 2, … in the sweep's own x-major order; shard k of n takes the cells
 * whose number c has c mod n = k − 1 (every n-th cell, so that slow and fast regions of the grid
 * spread over the shards). A slice carries:
 *
 *   format      SLICE_FORMAT
 *   definition  sha256 of the sweep's definition, canonical JSON of the base scenario (defaults
 *               filled in, read from its file if given as a path), the axes (params and values)
 *               and the outcomes: slices of different sweeps never merge
 *   engine      the engine's name and version: slices run by different engines never merge
 *   shard       { k, n }
 *   cells       how many cells the whole sweep has
 *   grid        the axes (param and values), to name missing or duplicate cells by their values
 *   header      the CSV header line
 *   rows        [{ cell, line }]: the cell's number and its CSV line, formatted by the same code as
 *               the unsharded output, so that merging only puts lines in order
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cellPath, ENGINE_NAME, ENGINE_VERSION, type SweepRow, type ValidSweep, type Problem } from '../engine/index.ts';

export const SLICE_FORMAT = 'points-pool-explorer sweep slice v1';
export const MAX_SHARDS = 100_000;

export interface Shard {
  k: number;
  n: number;
}

export interface SliceAxis {
  param: string;
  values: unknown[];
}

export interface Slice {
  format: typeof SLICE_FORMAT;
  definition: string;
  engine: string;
  shard: Shard;
  cells: number;
  grid: { x: SliceAxis; y: SliceAxis | null };
  header: string;
  rows: { cell: number; line: string }[];
}

/** `k/n` with 1 <= k <= n: the shard, or the problem with it. */
export function parseShard(text: string | undefined): Shard | Problem {
  const m = text === undefined ? null : /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return { path: '--shard', message: `must be k/n, slice k of n (e.g. 2/8); got ${text === undefined ? 'nothing' : JSON.stringify(text)}` };
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) return { path: '--shard', message: `n must be a whole number from 1 to ${MAX_SHARDS}; got ${text}` };
  if (k < 1 || k > n) return { path: '--shard', message: `k must be from 1 to n (${n}); got ${text}` };
  return { k, n };
}

/** JSON with object keys sorted at every level: the same definition, the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((key) => o[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(o[key])}`)
    .join(',')}}`;
}

/** sha256 (hex) of what decides a sweep's output: the base scenario, the axes, the outcomes. */
export function definitionHash(sweep: ValidSweep): string {
  const def = {
    base: sweep.base,
    x: { param: sweep.x.param, values: sweep.x.values },
    y: sweep.y ? { param: sweep.y.param, values: sweep.y.values } : null,
    outcomes: sweep.outcomes.map((o) => o.label),
  };
  return createHash('sha256').update(canonicalJson(def)).digest('hex');
}

/** The cells of shard k of n: those whose number c (x-major) has c mod n = k − 1. */
export function shardCells(sweep: ValidSweep, shard: Shard): ValidSweep['cells'] {
  return sweep.cells.filter((_, c) => c % shard.n === shard.k - 1);
}

/** A cell's number in x-major order. */
export const cellNumber = (i: number, j: number, ny: number): number => i * ny + j;

/**
 * The slice document of one shard's rows. `csv` is the unsharded formatter (sweep.ts's sweepCsv):
 * each row's line is what it prints for that row, so merged slices are byte for byte its output.
 */
export function sliceText(sweep: ValidSweep, shard: Shard, rows: readonly SweepRow[], csv: (s: ValidSweep, rows: readonly SweepRow[]) => string): string {
  const headerText = csv(sweep, []);
  const ny = sweep.y ? sweep.y.values.length : 1;
  const slice: Slice = {
    format: SLICE_FORMAT,
    definition: definitionHash(sweep),
    engine: `${ENGINE_NAME} ${ENGINE_VERSION}`,
    shard,
    cells: sweep.cells.length,
    grid: { x: { param: sweep.x.param, values: sweep.x.values }, y: sweep.y ? { param: sweep.y.param, values: sweep.y.values } : null },
    header: headerText.slice(0, -1),
    rows: rows.map((r) => ({ cell: cellNumber(r.i, r.j, ny), line: csv(sweep, [r]).slice(headerText.length, -1) })),
  };
  return `${JSON.stringify(slice)}\n`;
}

/** Name a cell by its number: its place in the grid and its values. */
export function nameCell(grid: Slice['grid'], cell: number): string {
  const ny = grid.y ? grid.y.values.length : 1;
  const i = Math.floor(cell / ny);
  const j = cell % ny;
  const values = [`${grid.x.param} = ${JSON.stringify(grid.x.values[i])}`, ...(grid.y ? [`${grid.y.param} = ${JSON.stringify(grid.y.values[j])}`] : [])];
  return `${cellPath(i, grid.y ? j : null)} (${values.join(', ')})`;
}

/**
 * Whether an output file can be written, asked before any work: its folder exists and is
 * writable, and the file, if there, is a writable file.
 */
export function checkWritable(path: string, flag: string): Problem | null {
  const full = resolve(path);
  try {
    const st = statSync(full, { throwIfNoEntry: false });
    if (st?.isDirectory()) return { path: flag, message: `${path} is a directory; give a file name` };
    if (st) accessSync(full, constants.W_OK);
    else {
      const dir = dirname(full);
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return { path: flag, message: `${path}: no such folder ${dir}` };
      accessSync(dir, constants.W_OK);
    }
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { path: flag, message: `cannot write ${path}: ${err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message}` };
  }
}
