/**
 * Messages on bad input (issue 12, defect 4) and the printed form of fast-path numbers (defect 5):
 * a byte-order mark is accepted; JSON syntax errors give line and column; binary and long values are
 * escaped and cut; a mistyped option gets a suggestion; a sweep reports every problem at once;
 * fast-path figures print in the shortest form keeping 12 significant digits.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonText, printable } from '../../src/engine/json-text.ts';
import { figureText, tidy } from '../../src/engine/number-format.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import { validateSweep } from '../../src/engine/batch/sweep.ts';
import { jsonPieces, suggest } from '../../src/cli/args.ts';
import { tidyReplacer } from '../../src/engine/number-format.ts';

const tmp = mkdtempSync(join(tmpdir(), 'messages-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const cli = (command: 'simulate' | 'sweep', args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('JSON text', () => {
  it('a UTF-8 byte-order mark is accepted', () => {
    const r = cli('simulate', [file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"script":[{"order":{"amount":1000}}]}')]))]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).steps[0].issued).toBe('210');
  });

  it('a syntax error names its line and column and what is there', () => {
    // line 3 is `  "flow" 1`: column 10 is the 1 where ':' belongs
    const text = '{\n  "rules": {},\n  "flow" 1\n}';
    const j = parseJsonText(text);
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.problem.message).toBe('not valid JSON at line 3, column 10: expected \':\' after the property name; found "1\\u000a}"');
    const trailing = parseJsonText('{"a": [1, 2,]}');
    if (!trailing.ok) expect(trailing.problem.message).toMatch(/^not valid JSON at line 1, column 13: expected a value/);
  });

  it('binary input is named as such and never echoed raw', () => {
    const bytes = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x7f]);
    const r = cli('simulate', [file('bin.dat', bytes)]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^simulate: not valid JSON at line 1, column 1: .*this looks like binary data/);
    // no control character other than the line break reaches the terminal (no escape sequence, no bell)
    expect(/[\u0000-\u0009\u000b-\u001f\u007f\ufffd]/.test(r.err)).toBe(false);
  });

  it('a 1 MB unknown key is cut in the message', () => {
    const r = cli('simulate', [file('key.json', JSON.stringify({ script: [{ order: { amount: 100 } }], ['k'.repeat(1 << 20)]: 1 }))]);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeLessThan(400);
    expect(r.err).toMatch(/^simulate: unknown scenario field "kkkk.*\.\.\.; allowed: /);
  });

  it('long and unprintable values are escaped and cut', () => {
    expect(printable('a\u0007b\u202ec')).toBe('a\\u0007b\\u202ec');
    expect(printable('x'.repeat(100), 10)).toBe('xxxxxxxxxx...');
    // Chinese text and emoji stay as they are
    expect(printable('积分 🙂')).toBe('积分 🙂');
    const v = validateScenario({ script: [{ order: { amount: 'x'.repeat(5000) } }] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.message).join('').length).toBeLessThan(200);
  });

  it('a number beyond float64 is not called a number that must be a number', () => {
    const v = validateScenario(JSON.parse('{"script":[{"order":{"amount":1e400}}]}'));
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problems[0]!.message).toBe('must be a finite number; got a number too large for float64 (read as Infinity)');
      expect(v.problems[0]!.message).not.toMatch(/must be a number; got a number/);
    }
  });
});

describe('a mistyped option gets a suggestion', () => {
  it('suggest finds near misses only', () => {
    const known = ['--format', '--exact', '--users', '--stress', '--seeds', '--workers', '--limit'];
    expect(suggest('--formt', known)).toBe('--format');
    expect(suggest('--fromat', known)).toBe('--format');
    expect(suggest('--exakt', known)).toBe('--exact');
    expect(suggest('--xyzzy', known)).toBeUndefined();
  });

  it('simulate --formt csv: one problem, with the suggestion', () => {
    const r = cli('simulate', ['examples/cascade.json', '--formt', 'csv']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.split('\n').filter((l) => l.startsWith('simulate:'));
    expect(lines).toEqual([expect.stringMatching(/^simulate: --formt: unknown option \(did you mean --format\?\); allowed: /)]);
  });

  it('sweep --workrs 2: the same', () => {
    const r = cli('sweep', ['examples/sweep-sell-exit.json', '--workrs', '2']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l.startsWith('sweep:'))).toEqual([expect.stringMatching(/^sweep: --workrs: unknown option \(did you mean --workers\?\)/)]);
  });
});

describe('a sweep reports every problem at once', () => {
  it('a bad outcome does not hide a bad value', () => {
    const v = validateSweep({ base: { flow: { days: 10, buyers: { perDay: 5 } } }, x: { param: 'flow.sell.ratePerDay', values: [0.1, 7] }, outcomes: ['finalPrice', 'noSuchOutcome'] });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      const paths = v.problems.map((p) => p.path);
      expect(paths).toContain('outcomes[1]');
      expect(paths).toContain('x.values[1]');
    }
  });
});

describe('fast-path numbers print in the shortest form keeping 12 significant digits', () => {
  it('tidy', () => {
    expect(tidy(102000.27000000002)).toBe(102000.27);
    expect(String(tidy(0.1 + 0.2))).toBe('0.3');
    expect(tidy(1 / 3)).toBe(0.333333333333);
    // counts stay whole and exact
    expect(tidy(123456789)).toBe(123456789);
    expect(tidy(0)).toBe(0);
    expect(figureText(null)).toBe('');
    expect(figureText('1.2345678901234567890123')).toBe('1.2345678901234567890123');
  });

  it('simulate prints no fast-path figure with more than 12 significant digits, in JSON or CSV', () => {
    const scenario = file('flow.json', JSON.stringify({ rules: { exitMultiple: 2 }, flow: { days: 30, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.7 }, buyers: { perDay: 20 }, sell: { ratePerDay: 0.05, portion: 0.5 } } }));
    const digits = (text: string) => Math.max(...(text.match(/-?\d+\.\d+(e[-+]\d+)?/g) ?? ['0']).map((n) => n.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length));
    const json = cli('simulate', [scenario]);
    expect(json.code).toBe(0);
    expect(digits(json.out)).toBeLessThanOrEqual(12);
    const csv = cli('simulate', [scenario, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(digits(csv.out)).toBeLessThanOrEqual(12);
    // and the exact path keeps its 40 digits
    const exact = cli('simulate', [scenario, '--exact']);
    expect(digits(exact.out)).toBeGreaterThan(30);
  });
});

describe('streamed JSON output', () => {
  it('is, piece by piece, exactly JSON.stringify(result, tidy, 2)', () => {
    const users = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i === 7 ? '__proto__' : `u${i}`, { spent: String(i), list: [1, 2] }]));
    const doc = {
      engine: { name: 'x' },
      steps: Array.from({ length: 200 }, (_, i) => ({ step: i + 1, price: i / 3, forcedExits: i % 50 === 0 ? ['A', 'B'] : [], nested: { a: [i, { b: null }] } })),
      empty: [],
      users,
      tail: 0.1 + 0.2,
    };
    expect([...jsonPieces(doc)].join('')).toBe(JSON.stringify(doc, tidyReplacer, 2));
  });
});
