/**
 * Problems in the project's own words: a zod issue turned into `path: what is wrong; what is
 * allowed`, with paths written as dotted names and [n] for list entries. The scenario's and the
 * sweep's validators speak through it.
 */
import type * as z from 'zod';
import type { Problem } from '../problem.ts';
import { MAX_AMOUNT, MIN_AMOUNT } from '../limits.ts';
import { printable, showValue } from '../json-text.ts';

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${printable(String(k))}` : printable(String(k));
  }
  return out;
}

export const kindOf = (v: unknown): string =>
  v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

/** a value from the input in a message: JSON, cut to 40 characters, unprintable characters escaped */
export const show = (v: unknown): string => showValue(v, 40);

/**
 * Problems of one issue. A union of a number and an object form (order amounts) that got an
 * object reports what is wrong inside the object form, with full paths, rather than "no match".
 */
export function problemsOf(iss: z.core.$ZodIssue & { input?: unknown }, prefix: PropertyKey[] = []): Problem[] {
  const path = [...prefix, ...iss.path];
  if (iss.code === 'invalid_union' && !('options' in iss && iss.options) && iss.input !== null && typeof iss.input === 'object') {
    const branch = iss.errors.find((b) => !b.some((e) => e.code === 'invalid_type' && e.path.length === 0));
    if (branch) return branch.flatMap((e) => problemsOf(e, path));
  }
  return [{ path: formatPath(path), message: describeIssue(iss) }];
}

function describeIssue(iss: z.core.$ZodIssue & { input?: unknown }): string {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = iss.expected === 'int' ? 'a whole number' : `${/^[aeiou]/.test(iss.expected) ? 'an' : 'a'} ${iss.expected}`;
      if (iss.input === undefined) return `is required (${expected})`;
      // JSON has no Infinity or NaN: a number such as 1e400 parses to Infinity, beyond float64
      if (typeof iss.input === 'number' && !Number.isFinite(iss.input)) return `must be a finite number; got a number too large for float64 (read as ${iss.input})`;
      return `must be ${expected}; got ${kindOf(iss.input)}${typeof iss.input === 'number' ? ` (${iss.input})` : ''}`;
    }
    case 'too_small':
      if (iss.origin === 'array') return `must have at least ${iss.minimum} entr${Number(iss.minimum) === 1 ? 'y' : 'ies'}`;
      if (iss.origin === 'string') return `must not be empty`;
      return `must be ${iss.inclusive ? '>=' : '>'} ${iss.minimum}; got ${show(iss.input)}${iss.minimum === MIN_AMOUNT ? ' (amounts are money: at least one cent)' : ''}`;
    case 'too_big':
      if (iss.origin === 'array') return `must have at most ${iss.maximum} entries`;
      if (iss.origin === 'string') return `must be at most ${iss.maximum} characters`;
      return `must be ${iss.inclusive ? '<=' : '<'} ${iss.maximum}; got ${show(iss.input)}${iss.maximum === MAX_AMOUNT ? ' (amounts above it lose cents in float64)' : ''}`;
    case 'invalid_union': {
      const u = iss as { options?: unknown[]; input?: unknown };
      if (u.options) {
        const got = u.input !== null && typeof u.input === 'object' ? (u.input as Record<string, unknown>)['kind'] : undefined;
        return `must be one of ${u.options.map(show).join(', ')}; got ${got === undefined ? 'nothing' : show(got)}`;
      }
      return `${iss.message}; got ${kindOf(u.input)}`;
    }
    case 'invalid_value':
      return `must be ${iss.values.length === 1 ? show(iss.values[0]) : `one of ${iss.values.map(show).join(', ')}`}; got ${show(iss.input)}`;
    default:
      return iss.message;
  }
}
