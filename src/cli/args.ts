/**
 * What the commands (simulate, sweep, simulate --seeds) share about their arguments, input and
 * output: unknown options with a suggestion, input files read as text (a byte-order mark is the
 * parsers' business), output files opened before any run, and results written as a stream with
 * every figure checked finite and printed by number-format.ts.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { printable, firstNonFinite, tidyReplacer, type Problem } from '../engine/index.ts';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known option nearest to what was typed, if it is near enough to be a typo. */
export function suggest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dd = distance(typed, k);
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 4)) ? best : undefined;
}

/**
 * The problem for an option nobody knows: `--formt: unknown option (did you mean --format?)`, and
 * whether it takes the next argument as its value (it does when the option it is nearest to does,
 * so that `--formt csv` is one mistake, not two).
 */
export function unknownOption(typed: string, known: readonly string[], allowed: string, takesValue: readonly string[] = []): Problem & { skipNext: boolean } {
  const flag = typed.includes('=') ? typed.slice(0, typed.indexOf('=')) : typed;
  const near = suggest(flag, known);
  return {
    path: printable(flag),
    message: `unknown option${near ? ` (did you mean ${near}?)` : ''}; allowed: ${allowed}`,
    skipNext: near !== undefined && takesValue.includes(near) && !typed.includes('='),
  };
}

/** Read an input file (- for standard input) as UTF-8 text; a problem naming the file otherwise. */
export function readInput(file: string): string | Problem {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory, not a file' : err.code === 'EACCES' ? 'cannot be read (permission denied)' : err.message;
    return { path: file === '-' ? 'stdin' : printable(file, 200), message: why };
  }
}

/** Open an output file for writing before anything runs; a problem naming the file otherwise. */
export function openOutput(flag: string, path: string): number | Problem {
  try {
    return openSync(path, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'its folder does not exist' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'ENOTDIR' ? 'a part of the path is a file, not a folder' : err.message;
    return { path: flag, message: `cannot write ${printable(path, 200)}: ${why}` };
  }
}

/** Write text to a file descriptor in full (sync: output files are written after the run, in chunks). */
export function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off);
}

export function closeOutput(fd: number): void {
  closeSync(fd);
}

/**
 * A result as JSON text, as JSON.stringify(result, null, 2) would print it with every number
 * tidied, handed out in pieces (each long array element by element) so that a large result never
 * has to fit in one string.
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (Array.isArray(value) && value.length > 64) {
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* jsonPieces(value[i], inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 64) {
    const inner = `${indent}  `;
    const keys = Object.keys(value);
    yield '{\n';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      yield `${inner}${JSON.stringify(k)}: `;
      yield* jsonPieces((value as Record<string, unknown>)[k], inner);
      yield i < keys.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}}`;
  } else {
    const s = JSON.stringify(value, tidyReplacer, 2);
    yield indent ? (s ?? 'null').replace(/\n/g, `\n${indent}`) : (s ?? 'null');
  }
}

/** The first figure of a result that is not finite, as a problem (none: null). */
export function nonFiniteProblem(result: unknown): Problem | null {
  const at = firstNonFinite(result);
  return at === null
    ? null
    : { path: `result.${at}`, message: 'is not a finite number: the run went beyond what float64 holds; give smaller amounts or counts, or run it --exact' };
}

/** Write pieces of text to standard output, waiting when the pipe is full; batched in 64 KB chunks. */
export async function writeStdout(pieces: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const p of pieces) {
    chunk += p;
    if (chunk.length > 1 << 16) {
      if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
      chunk = '';
    }
  }
  if (chunk) process.stdout.write(chunk);
}
