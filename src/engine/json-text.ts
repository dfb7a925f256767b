/**
 * JSON text in, a value or a problem out, for every reader of scenario and sweep files: a UTF-8
 * byte-order mark is accepted; a syntax error names its line and column and what was found there,
 * escaped and cut, so that binary input or a huge value is never echoed raw. `printable` is the one
 * way a value from the input enters a message.
 */
import type { Problem } from './problem.ts';

/** invisible, control, bidi-override and replacement characters: shown as \uXXXX */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A piece of input fit for a message: unprintable characters escaped, at most `max` characters. */
export function printable(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return cut.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value from the input, as JSON, cut to `max` characters and escaped. */
export function showValue(v: unknown, max = 40): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return printable(s.length > max ? `${s.slice(0, max - 3)}...` : s, max + 3);
}

export type JsonText = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** Parse JSON text (a leading byte-order mark allowed); a syntax error as one problem with its line and column. */
export function parseJsonText(text: string): JsonText {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(t) };
  } catch {
    return { ok: false, problem: { path: '', message: syntaxError(t) } };
  }
}

/** The first syntax error of a text JSON.parse refused, in words, with line and column. */
function syntaxError(t: string): string {
  let at = 0;
  let expected = '';
  const ws = () => {
    while (at < t.length && ' \t\n\r'.includes(t[at]!)) at++;
  };
  const fail = (what: string): never => {
    expected = what;
    throw new Error();
  };
  const literal = (word: string) => {
    if (t.startsWith(word, at)) at += word.length;
    else fail('a value (an object, array, string, number, true, false or null)');
  };
  const string = () => {
    at++;
    for (;;) {
      if (at >= t.length) fail('the closing " of a string');
      const c = t.charCodeAt(at);
      if (c === 0x22) {
        at++;
        return;
      }
      if (c < 0x20) fail('a character allowed in a string (control characters must be escaped)');
      if (c === 0x5c) {
        at++;
        const e = t[at];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(at + 1, at + 5))) fail('four hex digits after \\u');
          at += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) at++;
        else fail('an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)');
      } else at++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(t.slice(at, at + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('a value (an object, array, string, number, true, false or null)');
    at += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail('less nesting (more than 10,000 levels)');
    ws();
    const c = t[at];
    if (c === '{') {
      at++;
      ws();
      if (t[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        ws();
        if (t[at] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (t[at] !== ':') fail("':' after the property name");
        at++;
        value(depth + 1);
        ws();
        if (t[at] === ',') {
          at++;
          continue;
        }
        if (t[at] === '}') {
          at++;
          return;
        }
        fail("',' or '}' after a property value");
      }
    } else if (c === '[') {
      at++;
      ws();
      if (t[at] === ']') {
        at++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (t[at] === ',') {
          at++;
          continue;
        }
        if (t[at] === ']') {
          at++;
          return;
        }
        fail("',' or ']' after an array element");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a value (an object, array, string, number, true, false or null)');
  };
  try {
    value(0);
    ws();
    if (at < t.length) fail('the end of the text after the value');
    return 'not valid JSON';
  } catch {
    // a position as an editor shows it: line and column from 1
    const before = t.slice(0, at);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    const found = at >= t.length ? 'the end of the text' : `"${printable(t.slice(at, at + 12), 12)}"`;
    const binary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(t.slice(0, 512)) ? ' (this looks like binary data, not a JSON text file)' : '';
    return `not valid JSON at line ${line}, column ${column}: expected ${expected}; found ${found}${binary}`;
  }
}
