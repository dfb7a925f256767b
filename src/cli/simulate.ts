/**
 * `simulate`: scenario JSON in, result JSON (or CSV) out, on the same engine as the site.
 *
 *   npm run --silent simulate -- FILE|- [--format json|csv] [--exact] [--users FILE] [--stress KIND:DAY[:VALUE]]
 *
 * Scripted scenarios always run exact. Time-driven scenarios run on the fast path (JSON numbers)
 * unless --exact asks for decimal strings. Invalid input: exit code 2, every problem on stderr as
 * `path: reason`, nothing on stdout.
 */
import { closeOutput, jsonPieces, nonFiniteProblem, openOutput, readInput, unknownOption, writeAll, writeStdout } from './args.ts';
import { splitFlag, hasFlag } from './flags.ts';
import { ENTRY_LIST_LIMIT, familyDaysCsv, isFamily, simulateFamily, simulateFamilyWhatIf, checkLimits, DEFAULT_LIMITS, parseLimit, isFlow, isScript, parseScenarioOrComparison, runComparison, simulateWhatIf, simulateScript, simulateFlow, formatProblem, showValue, parseStress, STRESS_KINDS, useLargeBuffers, type RunLimits, type Problem, type StressPreset, type FlowScenarioV1 } from '../engine/index.ts';
import { comparisonCsv, daysCsv, stepsCsvLines, USER_COLUMNS, userRow } from './csv.ts';
import { isMain, progName } from './prog.ts';
import { largeRecords } from './prefault.ts';
import { sellersThread } from './picks-thread.ts';

const USAGE = `usage: ${progName('simulate')} FILE|- [--format json|csv] [--exact] [--users FILE] [--stress KIND:DAY[:VALUE]] [--limit NAME=N]

  FILE           a scenario JSON file (format v1, schema/scenario.v1.schema.json), or a comparison
                 {"version": 1, "comparison": {"a": scenario, "b": scenario}}; - reads stdin
  --format json  the whole result as one JSON document (default)
  --format csv   scripted: the steps; time-driven: the days joined with solvency (a model of the
                 family: its days, fund against outstanding promise); header row first
  --exact        time-driven: run on exact decimals (figures as decimal strings); scripts are always exact
  --users FILE   time-driven: write one CSV row per user to FILE
  --stress KIND:DAY[:VALUE]
                 time-driven: run the scenario with this what-if and beside its baseline (the
                 same scenario without it, same buyers), printing the baseline's figures and the
                 differences, as a scenario's own "whatIf" does; KIND: ${STRESS_KINDS.join(', ')}
  --seeds N      time-driven: Monte Carlo over seeds flow.seed .. flow.seed + N - 1 (worker threads;
                 --workers N sets how many): percentile bands per day, cohort exit probabilities
  --limit NAME=N raise a run limit (README, "Limits"): buyers (default ${DEFAULT_LIMITS.fast.buyers.toExponential()} on the fast
                 path, ${DEFAULT_LIMITS.exact.buyers.toExponential()} exact), events (${DEFAULT_LIMITS.fast.events.toExponential()} / ${DEFAULT_LIMITS.exact.events.toExponential()}), steps (${DEFAULT_LIMITS.fast.steps.toExponential()});
                 a scenario over a limit is refused before it runs
  --help         this text`;

const OPTIONS = ['--format', '--exact', '--users', '--stress', '--seeds', '--workers', '--outcomes', '--limit', '--help'];
const ALLOWED = '--format json|csv, --exact, --users FILE, --stress KIND:DAY[:VALUE], --seeds N, --limit NAME=N, --help';

interface Args {
  stress: string | undefined;
  file: string;
  format: 'json' | 'csv';
  exact: boolean;
  users: string | undefined;
  limits: Partial<RunLimits>;
}

function parseArgs(argv: string[]): Args | Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  let format: 'json' | 'csv' = 'json';
  let exact = false;
  let users: string | undefined;
  let stress: string | undefined;
  const limits: Partial<RunLimits> = {};
  const value = (name: string, v: string | undefined): string | undefined => {
    if (v === undefined || v.startsWith('--')) problems.push({ path: name, message: 'needs a value' });
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    if (flag === '--format') {
      const v = inline ?? argv[++i];
      if (v === 'json' || v === 'csv') format = v;
      else problems.push({ path: '--format', message: `must be json or csv; got ${v === undefined ? 'nothing' : showValue(v)}` });
    } else if (flag === '--exact') {
      exact = true;
    } else if (flag === '--users') {
      users = value('--users', inline ?? argv[++i]);
    } else if (flag === '--stress') {
      stress = value('--stress', inline ?? argv[++i]);
    } else if (flag === '--limit') {
      const p = parseLimit(inline ?? argv[++i], limits);
      if (p) problems.push(p);
    } else if (a.startsWith('--')) {
      const { skipNext, ...p } = unknownOption(a, OPTIONS, ALLOWED, ['--format', '--users', '--stress', '--seeds', '--workers', '--outcomes', '--limit']);
      problems.push(p);
      if (skipNext && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
    } else if (file === undefined) {
      file = a;
    } else {
      problems.push({ path: a, message: 'one scenario file at a time' });
    }
  }
  if (file === undefined) problems.push({ path: 'FILE', message: 'give a scenario file, or - to read standard input' });
  return problems.length ? problems : { file: file!, format, exact, users, stress, limits };
}

function fail(problems: Problem[], usage = false): number {
  for (const p of problems) process.stderr.write(`simulate: ${formatProblem(p)}\n`);
  if (usage) process.stderr.write(`\n${USAGE}\n`);
  return 2;
}

/** write one CSV row per user in 64 KB chunks to a file opened before the run: ten million users do not fit in one string */
function writeUsers(fd: number, book: Parameters<typeof userRow>[0]): void {
  let chunk = `${USER_COLUMNS.join(',')}\n`;
  for (let u = 0; u < book.userCount; u++) {
    chunk += userRow(book, u);
    if (chunk.length > 1 << 16) {
      writeAll(fd, chunk);
      chunk = '';
    }
  }
  writeAll(fd, chunk);
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Monte Carlo (--seeds N) has its own arguments and output: src/cli/seeds.ts
  if (hasFlag(argv, '--seeds')) return (await import('./seeds.ts')).main(argv);
  // a large run's records: their pages faulted in by another thread (prefault.ts)
  useLargeBuffers(largeRecords);
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args, true);
  const text = readInput(args.file);
  if (typeof text !== 'string') return fail([text]);
  const v = parseScenarioOrComparison(text);
  if (!v.ok) return fail(v.problems);
  if (v.comparison) {
    if (args.users) return fail([{ path: '--users', message: 'writes one run\'s users; run each side of the comparison on its own' }]);
    if (args.stress) return fail([{ path: '--stress', message: 'give each side of the comparison its own "whatIf" instead' }]);
    const over: Problem[] = [];
    for (const side of ['a', 'b'] as const) {
      const c = v.comparison.comparison[side];
      const exactSide = args.exact || c.rules.rounding !== undefined;
      for (const p of checkLimits(c, { ...(exactSide ? DEFAULT_LIMITS.exact : DEFAULT_LIMITS.fast), ...args.limits }, exactSide)) over.push({ ...p, path: `comparison.${side}.${p.path}` });
    }
    if (over.length) return fail(over);
    const cmp = runComparison(v.comparison, { exact: args.exact });
    if (!cmp.ok) return fail(cmp.problems);
    const bad = nonFiniteProblem(cmp.result);
    if (bad) return fail([bad]);
    await writeStdout(args.format === 'csv' ? [comparisonCsv(cmp.result.a, cmp.result.b)] : [...jsonPieces(cmp.result), '\n']);
    return 0;
  }
  const s = v.scenario;
  // every check before any run or allocation: arguments against the scenario, run limits, output files
  const early: Problem[] = [];
  if (isScript(s)) {
    if (args.users) early.push({ path: '--users', message: 'is for time-driven scenarios; a script prints its users in the JSON' });
    if (args.stress) early.push({ path: '--stress', message: 'is for time-driven scenarios; add the event to the script instead' });
  } else if (!isFlow(s)) early.push({ path: '', message: 'give a script or a flow' });
  let preset: StressPreset | undefined;
  if (args.stress && isFlow(s)) {
    const p = parseStress(args.stress);
    if ('path' in p) early.push(p);
    else preset = p;
  }
  if (preset && isFlow(s) && s.whatIf) early.push({ path: '--stress', message: 'the scenario has a "whatIf" already; give one what-if' });
  const family = isFlow(s) && isFamily(s);
  if (family && args.users) early.push({ path: '--users', message: `writes the seed's users (points and holdings); the ${s.model!.kind} model lists its promises in the JSON ("entries", up to ${ENTRY_LIST_LIMIT})` });
  const exactPath = isScript(s) || args.exact || s.rules.rounding !== undefined;
  early.push(...checkLimits(s, { ...(exactPath ? DEFAULT_LIMITS.exact : DEFAULT_LIMITS.fast), ...args.limits }, exactPath));
  if (early.length) return fail(early);
  let usersFd: number | undefined;
  if (args.users) {
    const fd = openOutput('--users', args.users);
    if (typeof fd !== 'number') return fail([fd]);
    usersFd = fd;
  }
  try {
    if (isScript(s)) {
      const run = simulateScript(s);
      if (!run.ok) return fail(run.problems);
      const bad = nonFiniteProblem(run.result);
      if (bad) return fail([bad]);
      if (args.format === 'csv') await writeStdout(stepsCsvLines(run.result.steps));
      else await writeStdout([...jsonPieces(run.result), '\n']);
      return 0;
    }
    const f = s as FlowScenarioV1;
    if (isFamily(f)) {
      const fam = preset || f.whatIf ? simulateFamilyWhatIf(f, preset, { exact: args.exact, path: preset ? '--stress' : 'whatIf' }) : simulateFamily(f, { exact: args.exact });
      if (!fam.ok) return fail(fam.problems);
      const bad = nonFiniteProblem(fam.result);
      if (bad) return fail([bad]);
      await writeStdout(args.format === 'csv' ? [familyDaysCsv(fam.result)] : [...jsonPieces(fam.result), '\n']);
      return 0;
    }
    // a large run's sellers drawn ahead on another thread (picks-thread.ts)
    const whatIf = preset || f.whatIf;
    const ahead = whatIf ? null : sellersThread(f);
    let out: ReturnType<typeof simulateFlow>;
    try {
      out = whatIf ? simulateWhatIf(f, preset, { exact: args.exact, path: preset ? '--stress' : 'whatIf' }) : simulateFlow(f, { exact: args.exact, sellers: ahead });
    } finally {
      ahead?.stop();
    }
    if (!out.ok) return fail(out.problems);
    const bad = nonFiniteProblem(out.result);
    if (bad) return fail([bad]);
    if (usersFd !== undefined) {
      try {
        writeUsers(usersFd, out.book);
      } catch (e) {
        return fail([{ path: '--users', message: `cannot write: ${(e as Error).message}` }]);
      }
    }
    await writeStdout(args.format === 'csv' ? [daysCsv(out.result)] : [...jsonPieces(out.result), '\n']);
    return 0;
  } finally {
    if (usersFd !== undefined) closeOutput(usersFd);
  }
}

// a reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// run as a script (npm run simulate); the installed bin (bin/simulate.ts) imports main instead
if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
