/**
 * `sweep`: a base scenario over a grid of one or two parameters, one CSV row per cell.
 *
 *   npm run --silent sweep -- FILE|- [--workers N]
 *
 * Cells run in parallel worker threads (default: os.availableParallelism()); progress goes to
 * stderr as one line updated in place. Output is CSV on stdout only when every cell ran: bad input
 * (or a cell whose run fails) gives exit code 2, every problem on stderr as `path: reason`, nothing
 * on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatProblem, cellPath, parseSweep, runSweep, sweepJsonSchema, checkLimits, DEFAULT_LIMITS, parseLimit, parseJsonText, show, figureText, type Problem, type LoadBase, type SweepRow, type ValidSweep, type RunLimits } from '../engine/index.ts';
import { csvField } from './csv.ts';
import { readInput, unknownOption } from './args.ts';
import { splitFlag } from './flags.ts';
import { defaultPoolSize, MAX_WORKERS, NodeWorkerPool } from './pool.ts';
import { isMain, progName } from './prog.ts';
import { checkWritable, parseShard, shardCells, sliceText, type Shard } from './shard.ts';

const USAGE = `usage: ${progName('sweep')} FILE|- [--workers N] [--shard k/n] [--out FILE]

  FILE          a sweep JSON file (schema/sweep.v1.schema.json); - reads stdin. A base given as a
                path is read relative to the sweep file (to the working directory for stdin)
  --workers N   worker threads (default: ${defaultPoolSize()}, the available parallelism)
  --limit NAME=N  raise a run limit of every cell (README, "Limits"): buyers, events
  --shard k/n   run slice k of n (every n-th cell) and write it as a slice document (JSON) for
                ${progName('sweep-merge')}, which puts the slices together into this command's CSV
  --out FILE    write to FILE instead of standard output (checked before any cell runs)
  --schema      print the JSON Schema of sweep files
  --help        this text

Prints CSV: a header (x param, y param, outcomes), then one row per cell, x-major.`;

interface Args {
  file: string;
  workers: number;
  limits: Partial<RunLimits>;
  shard: Shard | undefined;
  out: string | undefined;
}

const OPTIONS = ['--workers', '--limit', '--shard', '--out', '--schema', '--help'];

function parseArgs(argv: string[]): Args | Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  let workers = defaultPoolSize();
  const limits: Partial<RunLimits> = {};
  let shard: Shard | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    if (flag === '--workers') {
      const v = inline ?? argv[++i];
      const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
      if (Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) workers = n;
      else problems.push({ path: '--workers', message: `must be a whole number from 1 to ${MAX_WORKERS}; got ${v === undefined ? 'nothing' : show(v)}` });
    } else if (flag === '--limit') {
      const p = parseLimit(inline ?? argv[++i], limits);
      if (p) problems.push(p);
    } else if (flag === '--shard') {
      const sh = parseShard(inline ?? argv[++i]);
      if ('path' in sh) problems.push(sh);
      else shard = sh;
    } else if (flag === '--out') {
      out = inline ?? argv[++i];
      if (out === undefined || out.startsWith('--')) problems.push({ path: '--out', message: 'needs a file name' });
    } else if (a.startsWith('--')) {
      const { skipNext, ...p } = unknownOption(a, OPTIONS, '--workers N, --limit NAME=N, --shard k/n, --out FILE, --schema, --help', ['--workers', '--limit', '--shard', '--out']);
      problems.push(p);
      if (skipNext && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
    } else if (file === undefined) {
      file = a;
    } else {
      problems.push({ path: a, message: 'one sweep file at a time' });
    }
  }
  if (file === undefined) problems.push({ path: 'FILE', message: 'give a sweep file, or - to read standard input' });
  return problems.length ? problems : { file: file!, workers, limits, shard, out };
}

const why = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory, not a file' : err.message;
};

function fail(problems: Problem[], usage = false): number {
  for (const p of problems) process.stderr.write(`sweep: ${formatProblem(p)}\n`);
  if (usage) process.stderr.write(`\n${USAGE}\n`);
  return 2;
}

/** An axis value as a CSV field: strings as they are, anything else as JSON (null as "null"). */
const axisCell = (v: unknown): string => csvField(typeof v === 'string' ? v : JSON.stringify(v));
/** An outcome as a CSV field: numbers tidied to 12 significant digits (number-format.ts), null as empty. */
const outcomeCell = (v: number | null): string => figureText(v);

export function sweepCsv(sweep: ValidSweep, rows: readonly SweepRow[]): string {
  const header = [sweep.x.param, ...(sweep.y ? [sweep.y.param] : []), ...sweep.outcomes.map((o) => o.label)].map(csvField);
  const lines = [header.join(',')];
  for (const r of rows) lines.push([axisCell(r.x), ...(sweep.y ? [axisCell(r.y)] : []), ...r.values.map(outcomeCell)].join(','));
  return `${lines.join('\n')}\n`;
}

/** Progress on stderr: one line, rewritten in place at most every 100 ms and at the end. */
function progress(total: number): { update: (done: number) => void; end: () => void } {
  let last = 0;
  let shown = -1;
  const write = (done: number) => {
    shown = done;
    process.stderr.write(`\rsweep: ${done}/${total} cells`);
  };
  write(0);
  return {
    update: (done) => {
      const now = Date.now();
      if (done === total || now - last >= 100) {
        last = now;
        write(done);
      }
    },
    end: () => {
      if (shown !== total) write(total);
      process.stderr.write('\n');
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--schema')) {
    process.stdout.write(`${JSON.stringify(sweepJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args, true);
  const unwritable = args.out === undefined ? null : checkWritable(args.out, '--out');
  if (unwritable) return fail([unwritable]);
  const text = readInput(args.file);
  if (typeof text !== 'string') return fail([text]);
  const dir = args.file === '-' ? process.cwd() : dirname(resolve(args.file));
  const loadBase: LoadBase = (path) => {
    let baseText: string;
    try {
      baseText = readFileSync(resolve(dir, path), 'utf8');
    } catch (e) {
      return { ok: false, message: why(e) };
    }
    const j = parseJsonText(baseText);
    return j.ok ? { ok: true, value: j.value } : { ok: false, message: j.problem.message };
  };
  const v = parseSweep(text, loadBase);
  if (!v.ok) return fail(v.problems);
  // every cell within the run limits, before any cell runs
  const over: Problem[] = [];
  for (const c of v.sweep.cells) {
    const exactPath = c.scenario.rules.rounding !== undefined;
    for (const p of checkLimits(c.scenario, { ...(exactPath ? DEFAULT_LIMITS.exact : DEFAULT_LIMITS.fast), ...args.limits }, exactPath)) {
      over.push({ path: cellPath(c.i, v.sweep.y ? c.j : null), message: `${p.path}: ${p.message}` });
    }
  }
  if (over.length) return fail(over.slice(0, 20).concat(over.length > 20 ? [{ path: 'cells', message: `and ${over.length - 20} more cells over the limits` }] : []));

  // a shard runs its own cells only (shard.ts); the rows keep their place in the whole grid
  const run = args.shard ? { ...v.sweep, cells: shardCells(v.sweep, args.shard) } : v.sweep;
  const pool = new NodeWorkerPool(Math.max(1, Math.min(args.workers, run.cells.length)));
  const bar = progress(run.cells.length);
  let closing: Promise<void> | null = null;
  try {
    const out = await runSweep(run, pool, bar.update);
    // every cell is in: the threads stop while this thread writes the rows
    closing = pool.close();
    bar.end();
    if (!out.ok) return fail(out.problems);
    const text = args.shard ? sliceText(v.sweep, args.shard, out.rows, sweepCsv) : sweepCsv(v.sweep, out.rows);
    if (!args.out) process.stdout.write(text);
    else {
      try {
        writeFileSync(args.out, text);
      } catch (e) {
        return fail([{ path: '--out', message: `cannot write ${args.out}: ${why(e)}` }]);
      }
    }
    return 0;
  } finally {
    await (closing ?? pool.close());
  }
}

// a reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
