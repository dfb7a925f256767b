/**
 * `simulate`: scenario JSON in, result JSON (or CSV) out, on the same engine as the site.
 *
 *   npm run --silent simulate -- FILE|- [--format json|csv] [--exact] [--users FILE] [--stress KIND:DAY[:VALUE]]
 *
 * Scripted scenarios always run exact. Time-driven scenarios run on the fast path (JSON numbers)
 * unless --exact asks for decimal strings. Invalid input: exit code 2, every problem on stderr as
 * `path: reason`, nothing on stdout.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { isFlow, isScript } from '../engine/index.ts';
import { parseScenarioOrComparison, runComparison, simulateWhatIf } from '../engine/whatif.ts';
import { simulateScript } from '../engine/script.ts';
import { simulateFlow } from '../engine/timeline.ts';
import { formatProblem, type Problem } from '../engine/result.ts';
import { comparisonCsv, daysCsv, stepsCsv, USER_COLUMNS, userRow } from './csv.ts';
import { parseStress, STRESS_KINDS, type StressPreset } from '../engine/stress.ts';

const USAGE = `usage: npm run --silent simulate -- FILE|- [--format json|csv] [--exact] [--users FILE] [--stress KIND:DAY[:VALUE]]

  FILE           a scenario JSON file (format v1, schema/scenario.v1.schema.json), or a comparison
                 {"version": 1, "comparison": {"a": scenario, "b": scenario}}; - reads stdin
  --format json  the whole result as one JSON document (default)
  --format csv   scripted: the steps; time-driven: the days joined with solvency; header row first
  --exact        time-driven: run on exact decimals (figures as decimal strings); scripts are always exact
  --users FILE   time-driven: write one CSV row per user to FILE
  --stress KIND:DAY[:VALUE]
                 time-driven: run the scenario with this what-if and beside its baseline (the
                 same scenario without it, same buyers), printing the baseline's figures and the
                 differences, as a scenario's own "whatIf" does; KIND: ${STRESS_KINDS.join(', ')}
  --seeds N      time-driven: Monte Carlo over seeds flow.seed .. flow.seed + N - 1 (worker threads;
                 --workers N sets how many): percentile bands per day, cohort exit probabilities
  --help         this text`;

interface Args {
  stress: string | undefined;
  file: string;
  format: 'json' | 'csv';
  exact: boolean;
  users: string | undefined;
}

function parseArgs(argv: string[]): Args | Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  let format: 'json' | 'csv' = 'json';
  let exact = false;
  let users: string | undefined;
  let stress: string | undefined;
  const value = (name: string, v: string | undefined): string | undefined => {
    if (v === undefined || v.startsWith('--')) problems.push({ path: name, message: 'needs a value' });
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--format') {
      const v = inline ?? argv[++i];
      if (v === 'json' || v === 'csv') format = v;
      else problems.push({ path: '--format', message: `must be json or csv; got ${v === undefined ? 'nothing' : JSON.stringify(v)}` });
    } else if (flag === '--exact') {
      exact = true;
    } else if (flag === '--users') {
      users = value('--users', inline ?? argv[++i]);
    } else if (flag === '--stress') {
      stress = value('--stress', inline ?? argv[++i]);
    } else if (a.startsWith('--')) {
      problems.push({ path: a, message: 'unknown option; allowed: --format json|csv, --exact, --users FILE, --stress KIND:DAY[:VALUE], --help' });
    } else if (file === undefined) {
      file = a;
    } else {
      problems.push({ path: a, message: 'one scenario file at a time' });
    }
  }
  if (file === undefined) problems.push({ path: 'FILE', message: 'give a scenario file, or - to read standard input' });
  return problems.length ? problems : { file: file!, format, exact, users, stress };
}

function readInput(file: string): string | Problem {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory, not a scenario file' : err.message;
    return { path: file === '-' ? 'stdin' : file, message: why };
  }
}

function fail(problems: Problem[], usage = false): number {
  for (const p of problems) process.stderr.write(`simulate: ${formatProblem(p)}\n`);
  if (usage) process.stderr.write(`\n${USAGE}\n`);
  return 2;
}

/** write one CSV row per user, streamed: ten million users do not fit in one string */
async function writeUsers(path: string, book: Parameters<typeof userRow>[0]): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  out.write(`${USER_COLUMNS.join(',')}\n`);
  let chunk = '';
  for (let u = 0; u < book.userCount; u++) {
    chunk += userRow(book, u);
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await done;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Monte Carlo (--seeds N) has its own arguments and output: src/cli/seeds.ts
  if (argv.some((a) => a === '--seeds' || a.startsWith('--seeds='))) return (await import('./seeds.ts')).main(argv);
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args, true);
  const text = readInput(args.file);
  if (typeof text !== 'string') return fail([text]);
  const v = parseScenarioOrComparison(text);
  if (!v.ok) return fail(v.problems);
  if (v.comparison) {
    if (args.users) return fail([{ path: '--users', message: 'writes one run\'s users; run each side of the comparison on its own' }]);
    if (args.stress) return fail([{ path: '--stress', message: 'give each side of the comparison its own "whatIf" instead' }]);
    const cmp = runComparison(v.comparison, { exact: args.exact });
    if (!cmp.ok) return fail(cmp.problems);
    process.stdout.write(args.format === 'csv' ? comparisonCsv(cmp.result.a, cmp.result.b) : `${JSON.stringify(cmp.result, null, 2)}\n`);
    return 0;
  }
  const s = v.scenario;
  if (isScript(s)) {
    if (args.users) return fail([{ path: '--users', message: 'is for time-driven scenarios; a script prints its users in the JSON' }]);
    if (args.stress) return fail([{ path: '--stress', message: 'is for time-driven scenarios; add the event to the script instead' }]);
    const run = simulateScript(s);
    if (!run.ok) return fail(run.problems);
    process.stdout.write(args.format === 'csv' ? stepsCsv(run.result.steps) : `${JSON.stringify(run.result, null, 2)}\n`);
    return 0;
  }
  if (!isFlow(s)) return fail([{ path: '', message: 'give a script or a flow' }]);
  let preset: StressPreset | undefined;
  if (args.stress) {
    const p = parseStress(args.stress);
    if ('path' in p) return fail([p]);
    preset = p;
  }
  if (preset && s.whatIf) return fail([{ path: '--stress', message: 'the scenario has a "whatIf" already; give one what-if' }]);
  const out = preset || s.whatIf ? simulateWhatIf(s, preset, { exact: args.exact, path: preset ? '--stress' : 'whatIf' }) : simulateFlow(s, { exact: args.exact });
  if (!out.ok) return fail(out.problems);
  if (args.users) {
    try {
      await writeUsers(args.users, out.book);
    } catch (e) {
      return fail([{ path: args.users, message: `cannot write: ${(e as Error).message}` }]);
    }
  }
  process.stdout.write(args.format === 'csv' ? daysCsv(out.result) : `${JSON.stringify(out.result, null, 2)}\n`);
  return 0;
}

// a reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
