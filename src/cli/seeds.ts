/**
 * `simulate FILE --seeds N`: Monte Carlo, for every model. The scenario runs with seeds flow.seed,
 * flow.seed + 1, ..., flow.seed + N - 1 in parallel worker threads, and one JSON document
 * summarises them: percentile bands per day and, per cohort, the probability of reaching the exit
 * multiple (the seed's model: src/engine/batch/summary.ts defines each figure) or the family's
 * series and cohort figures (the other models: src/engine/batch/family-summary.ts), and run-level
 * outcomes (--outcomes, the sweep vocabulary of src/engine/batch/outcomes.ts; one that does not
 * apply to the scenario's model is refused). simulate.ts hands its arguments here when it sees --seeds.
 * Progress goes to stderr only when stderr is a terminal.
 *
 *   npm run --silent simulate -- FILE|- --seeds N [--workers N] [--outcomes a,b,c]
 */
import { nonFiniteProblem, readInput, unknownOption } from './args.ts';
import { splitFlag } from './flags.ts';
import { checkLimits, DEFAULT_LIMITS, parseLimit, tidyReplacer, isFlow, monteCarlo, OUTCOME_HELP, parseOutcome, outcomeProblems, modelOf, formatProblem, parseScenario, type RunLimits, type Outcome, type Problem, type FlowScenarioV1 } from '../engine/index.ts';
import { defaultPoolSize, MAX_WORKERS, NodeWorkerPool } from './pool.ts';

interface Args {
  file: string;
  seeds: number;
  workers: number;
  outcomes: Outcome[] | undefined;
  limits: Partial<RunLimits>;
}

const count = (flag: string, v: string | undefined, max: number, problems: Problem[]): number => {
  const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= max) return n;
  problems.push({ path: flag, message: `must be a whole number from 1 to ${max}; got ${v === undefined ? 'nothing' : JSON.stringify(v)}` });
  return 0;
};

function parseArgs(argv: string[]): Args | Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  let seeds = 0;
  let workers = defaultPoolSize();
  let outcomes: Outcome[] | undefined;
  const limits: Partial<RunLimits> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    if (flag === '--seeds') seeds = count('--seeds', inline ?? argv[++i], 100_000, problems);
    else if (flag === '--workers') workers = count('--workers', inline ?? argv[++i], MAX_WORKERS, problems);
    else if (flag === '--outcomes') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') problems.push({ path: '--outcomes', message: `needs a comma-separated list; allowed: ${OUTCOME_HELP}` });
      else {
        outcomes = [];
        for (const label of v.split(',')) {
          const o = parseOutcome(label.trim());
          if (typeof o === 'string') problems.push({ path: '--outcomes', message: o });
          else if (!outcomes.some((x) => x.label === o.label)) outcomes.push(o);
        }
      }
    }
    else if (flag === '--format' || flag === '--exact' || flag === '--users' || flag === '--stress') {
      problems.push({ path: flag, message: flag === '--stress' ? 'is not available with --seeds; add the stress event to the scenario\'s events instead' : 'is not available with --seeds; Monte Carlo prints one JSON document of bands on the fast path' });
      if (flag !== '--exact' && inline === undefined) i++;
    } else if (flag === '--limit') {
      const p = parseLimit(inline ?? argv[++i], limits);
      if (p) problems.push(p);
    } else if (a.startsWith('--')) {
      const { skipNext, ...p } = unknownOption(a, ['--seeds', '--workers', '--outcomes', '--limit', '--format', '--exact', '--users', '--stress'], '--seeds N, --workers N, --outcomes LIST, --limit NAME=N', ['--seeds', '--workers', '--outcomes', '--limit', '--format', '--users', '--stress']);
      problems.push(p);
      if (skipNext && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
    }
    else if (file === undefined) file = a;
    else problems.push({ path: a, message: 'one scenario file at a time' });
  }
  if (file === undefined) problems.push({ path: 'FILE', message: 'give a scenario file, or - to read standard input' });
  return problems.length ? problems : { file: file!, seeds, workers, outcomes, limits };
}

/** JSON indented by two, but a list of plain numbers (a band's days) on one line. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, tidyReplacer, 2).replace(/\[(\s*(?:-?[\d.eE+-]+|null)(?:,\s*(?:-?[\d.eE+-]+|null))*)\s*\]/g, (_, inner: string) => `[${inner.trim().replace(/,\s+/g, ', ')}]`);
}

function fail(problems: Problem[]): number {
  for (const p of problems) process.stderr.write(`simulate: ${formatProblem(p)}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args);
  const text = readInput(args.file);
  if (typeof text !== 'string') return fail([text]);
  const v = parseScenario(text);
  if (!v.ok) return fail(v.problems);
  if (!isFlow(v.scenario)) return fail([{ path: '--seeds', message: 'is for time-driven scenarios (with a flow); a script has no randomness to vary' }]);
  const s = v.scenario as FlowScenarioV1;
  const over = checkLimits(s, { ...DEFAULT_LIMITS.fast, ...args.limits }, false);
  if (over.length) return fail(over);
  // every model runs; an outcome its model does not have is refused, naming both (outcomes.ts)
  const refused = args.outcomes ? outcomeProblems(args.outcomes, modelOf(s), () => '--outcomes') : [];
  if (refused.length) return fail(refused);

  const tty = process.stderr.isTTY === true;
  let last = 0;
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (tty && (done === total || now - last >= 100)) {
      last = now;
      process.stderr.write(`\rsimulate: ${done}/${total} seeds${done === total ? '\n' : ''}`);
    }
  };
  const pool = new NodeWorkerPool(Math.min(args.workers, args.seeds));
  // the threads stop once the last run is in, while this thread combines the runs and writes them
  let closing: Promise<void> | null = null;
  const onRunsDone = () => void (closing = pool.close());
  try {
    const out = await monteCarlo(s, args.seeds, pool, { onProgress, onRunsDone, ...(args.outcomes ? { outcomes: args.outcomes } : {}) });
    if (!out.ok) return fail(out.problems);
    const bad = nonFiniteProblem(out.result);
    if (bad) return fail([bad]);
    process.stdout.write(`${compactJson(out.result)}\n`);
    return 0;
  } finally {
    await (closing ?? pool.close());
  }
}
