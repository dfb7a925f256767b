/**
 * `simulate`: scenario JSON in, result JSON (or CSV of the steps) out, on the same engine as the site.
 *
 *   npm run --silent simulate -- FILE|- [--format json|csv]
 *
 * Invalid input: exit code 2, every problem on stderr as `path: reason`, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../engine/scenario.ts';
import { simulateScript } from '../engine/script.ts';
import { formatProblem, type Problem } from '../engine/result.ts';
import { stepsCsv } from './csv.ts';

const USAGE = `usage: npm run --silent simulate -- FILE|- [--format json|csv]

  FILE          a scenario JSON file (format v1, schema/scenario.v1.schema.json); - reads stdin
  --format json the whole result as one JSON document (default)
  --format csv  the steps only, as CSV with a header row
  --help        this text`;

interface Args {
  file: string;
  format: 'json' | 'csv';
}

function parseArgs(argv: string[]): Args | Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  let format: 'json' | 'csv' = 'json';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format') {
      const v = argv[++i];
      if (v === 'json' || v === 'csv') format = v;
      else problems.push({ path: '--format', message: `must be json or csv; got ${v === undefined ? 'nothing' : JSON.stringify(v)}` });
    } else if (a.startsWith('--format=')) {
      const v = a.slice('--format='.length);
      if (v === 'json' || v === 'csv') format = v;
      else problems.push({ path: '--format', message: `must be json or csv; got ${JSON.stringify(v)}` });
    } else if (a.startsWith('--') ) {
      problems.push({ path: a, message: 'unknown option; allowed: --format json|csv, --help' });
    } else if (file === undefined) {
      file = a;
    } else {
      problems.push({ path: a, message: 'one scenario file at a time' });
    }
  }
  if (file === undefined) problems.push({ path: 'FILE', message: 'give a scenario file, or - to read standard input' });
  return problems.length ? problems : { file: file!, format };
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

export function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (Array.isArray(args)) return fail(args, true);
  const text = readInput(args.file);
  if (typeof text !== 'string') return fail([text]);
  const v = parseScenario(text);
  if (!v.ok) return fail(v.problems);
  const run = simulateScript(v.scenario);
  if (!run.ok) return fail(run.problems);
  process.stdout.write(args.format === 'csv' ? stepsCsv(run.result.steps) : `${JSON.stringify(run.result, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
