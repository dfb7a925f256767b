/**
 * `sweep-merge`: slices written by `sweep FILE --shard k/n` (shard.ts), in any order, into exactly
 * the CSV one unsharded `sweep FILE` prints. Refused, with exit code 2, every problem on stderr and
 * nothing on stdout: a file that is not a slice, slices of different sweeps (their definition hashes
 * differ) or of different engines, a cell in two slices, a cell in none.
 *
 *   npm run --silent sweep-merge -- SLICE... [--out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatProblem, type Problem } from '../engine/index.ts';
import { isMain, progName } from './prog.ts';
import { checkWritable, nameCell, SLICE_FORMAT, type Slice } from './shard.ts';

const USAGE = `usage: ${progName('sweep-merge')} SLICE... [--out FILE]

  SLICE       a slice written by sweep FILE --shard k/n (--out or standard output), in any order
  --out FILE  write the CSV to FILE instead of standard output
  --help      this text

Prints the sweep's CSV exactly as one unsharded run of sweep FILE prints it. Refuses slices of
different sweeps or engines, a cell in two slices and a cell in none, naming them.`;

/** at most this many missing or duplicate cells are named one by one */
const MAX_NAMED = 50;

function fail(problems: Problem[], usage = false): number {
  for (const p of problems) process.stderr.write(`sweep-merge: ${formatProblem(p)}\n`);
  if (usage) process.stderr.write(`\n${USAGE}\n`);
  return 2;
}

function parseArgs(argv: string[]): { files: string[]; out: string | undefined } | Problem[] {
  const problems: Problem[] = [];
  const files: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--out') {
      out = inline ?? argv[++i];
      if (out === undefined || out.startsWith('--')) problems.push({ path: '--out', message: 'needs a file name' });
    } else if (a.startsWith('--')) problems.push({ path: a, message: 'unknown option; allowed: --out FILE, --help' });
    else files.push(a);
  }
  if (!files.length) problems.push({ path: 'SLICE', message: 'give the slice files to merge' });
  return problems.length ? problems : { files, out };
}

const isArrayOf = (v: unknown, ok: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(ok);

/** A slice read from a file, its shape checked; a problem naming the file otherwise. */
function readSlice(file: string): Slice | Problem {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { path: file, message: err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory, not a slice' : err.message };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { path: file, message: `not a sweep slice (not JSON); slices are written by ${progName('sweep')} FILE --shard k/n` };
  }
  const s = v as Partial<Slice> | null;
  if (s === null || typeof s !== 'object' || s.format !== SLICE_FORMAT) {
    return { path: file, message: `not a sweep slice (no "format": "${SLICE_FORMAT}"); slices are written by ${progName('sweep')} FILE --shard k/n` };
  }
  const wellFormed =
    typeof s.definition === 'string' &&
    typeof s.engine === 'string' &&
    typeof s.header === 'string' &&
    Number.isInteger(s.cells) &&
    s.cells! >= 0 &&
    s.shard !== undefined &&
    Number.isInteger(s.shard.k) &&
    Number.isInteger(s.shard.n) &&
    s.grid !== undefined &&
    typeof s.grid.x?.param === 'string' &&
    Array.isArray(s.grid.x.values) &&
    isArrayOf(s.rows, (r) => {
      const row = r as { cell?: unknown; line?: unknown } | null;
      return row !== null && typeof row === 'object' && Number.isInteger(row.cell) && (row.cell as number) >= 0 && (row.cell as number) < s.cells! && typeof row.line === 'string';
    });
  if (!wellFormed) return { path: file, message: 'a damaged sweep slice (a field is missing or out of range); write it again' };
  return s as Slice;
}

/** Merge slices: the CSV text, or every problem. */
export function mergeSlices(slices: readonly { file: string; slice: Slice }[]): { ok: true; csv: string } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const first = slices[0]!;
  for (const { file, slice } of slices.slice(1)) {
    if (slice.definition !== first.slice.definition) {
      problems.push({
        path: file,
        message: `a slice of another sweep: its definition hash is ${slice.definition.slice(0, 12)}…, ${first.file}'s is ${first.slice.definition.slice(0, 12)}… (the base scenario, the axes or the outcomes differ)`,
      });
    } else if (slice.engine !== first.slice.engine) {
      problems.push({ path: file, message: `run by ${slice.engine}, ${first.file} by ${first.slice.engine}; run every slice with the same version` });
    }
  }
  if (problems.length) return { ok: false, problems };

  const { cells, grid } = first.slice;
  const owner = new Array<string | undefined>(cells);
  const lines = new Array<string>(cells);
  const dups: string[] = [];
  let dupCount = 0;
  for (const { file, slice } of slices) {
    for (const r of slice.rows) {
      const had = owner[r.cell];
      if (had !== undefined) {
        if (++dupCount <= MAX_NAMED) dups.push(`${nameCell(grid, r.cell)}: ${had === file ? `in ${file}, which is listed twice` : `in both ${had} and ${file}`}`);
        continue;
      }
      owner[r.cell] = file;
      lines[r.cell] = r.line;
    }
  }
  for (const d of dups) problems.push({ path: 'duplicate cell', message: d });
  if (dupCount > MAX_NAMED) problems.push({ path: 'duplicate cell', message: `and ${dupCount - MAX_NAMED} more` });

  const missing: number[] = [];
  for (let c = 0; c < cells; c++) if (owner[c] === undefined) missing.push(c);
  if (missing.length) {
    const ns = new Set(slices.map((s) => s.slice.shard.n));
    const n = ns.size === 1 ? [...ns][0]! : null;
    problems.push({ path: 'missing cells', message: `${missing.length} of ${cells} cells are in no slice${n ? `; give every shard k/${n}` : ''}` });
    for (const c of missing.slice(0, MAX_NAMED)) problems.push({ path: 'missing cell', message: `${nameCell(grid, c)}${n ? `, in shard ${(c % n) + 1}/${n}` : ''}` });
    if (missing.length > MAX_NAMED) problems.push({ path: 'missing cell', message: `and ${missing.length - MAX_NAMED} more` });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, csv: `${[first.slice.header, ...lines].join('\n')}\n` };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args, true);
  if (args.out) {
    const bad = checkWritable(args.out, '--out');
    if (bad) return fail([bad]);
  }
  const read = args.files.map((file) => ({ file, slice: readSlice(file) }));
  const bad = read.flatMap((r) => ('path' in r.slice ? [r.slice] : []));
  if (bad.length) return fail(bad);
  const merged = mergeSlices(read as { file: string; slice: Slice }[]);
  if (!merged.ok) return fail(merged.problems);
  if (!args.out) process.stdout.write(merged.csv);
  else {
    try {
      writeFileSync(args.out, merged.csv);
    } catch (e) {
      return fail([{ path: '--out', message: `cannot write ${args.out}: ${(e as Error).message}` }]);
    }
  }
  return 0;
}

// a reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
