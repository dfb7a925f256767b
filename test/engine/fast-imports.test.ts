/**
 * The fast book's hot code reads no number through an import (issue 14, the fast path's speed).
 *
 * V8 reads an imported binding through its module cell and checks at every use that it has been
 * initialised; it cannot fold it into the code as it folds a module's own constant. The record
 * offsets (FS, HOLD, BASIS, ...) are read at every access to a user's figures: imported from
 * records.ts, they cost the fast path about a tenth of its events a second against the hand-written
 * fast book before the one-core refactor (bench/fast.ts, interleaved runs). So the specialiser writes
 * them into book.fast.ts as its own constants, with the values records.ts gives them (one source
 * still: a changed offset makes book.fast.ts stale, which one-core.test.ts catches).
 *
 * The check imports every module book.fast.ts imports from and fails on any imported binding whose
 * value is a number. It fails on the book.fast.ts of before this change, which imported fifteen.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as records from '../../src/engine/models/seed/records.ts';

const SEED = new URL('../../src/engine/models/seed/', import.meta.url);

/** the value bindings a module imports by name: [module specifier, imported name][] */
function namedImports(file: string): [string, string][] {
  const text = readFileSync(fileURLToPath(new URL(file, SEED)), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: [string, string][] = [];
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || st.importClause === undefined || st.importClause.isTypeOnly) continue;
    const named = st.importClause.namedBindings;
    if (named === undefined || !ts.isNamedImports(named)) continue;
    for (const s of named.elements) if (!s.isTypeOnly) out.push([(st.moduleSpecifier as ts.StringLiteral).text, (s.propertyName ?? s.name).text]);
  }
  return out;
}

async function numbersImported(file: string): Promise<string[]> {
  const found: string[] = [];
  for (const [from, name] of namedImports(file)) {
    const mod = (await import(/* @vite-ignore */ new URL(from, new URL(file, SEED)).href)) as Record<string, unknown>;
    if (typeof mod[name] === 'number') found.push(`${name} from ${from}`);
  }
  return found;
}

describe('the fast book reads its record layout as its own constants', () => {
  it('book.fast.ts and heap.fast.ts import no number', async () => {
    expect(await numbersImported('book.fast.ts')).toEqual([]);
    expect(await numbersImported('heap.fast.ts')).toEqual([]);
  });

  it('the check sees the numbers the generic book imports (so it can fail)', async () => {
    // book.ts, run on decimals, imports the layout from records.ts: at least the record size and
    // the holding's offset must show up
    const found = await numbersImported('book.ts');
    expect(found).toContain('FS from ./records.ts');
    expect(found).toContain('HOLD from ./records.ts');
  });

  it("book.fast.ts's constants are records.ts's values", () => {
    const text = readFileSync(fileURLToPath(new URL('book.fast.ts', SEED)), 'utf8');
    const constants = (t: string) => new Map([...t.matchAll(/^const (\w+) = (-?\d+);$/gm)].map((m) => [m[1]!, Number(m[2])]));
    const local = constants(text);
    // book.ts's own constants (AHEAD) come over as they are; every other one is records.ts's
    const own = constants(readFileSync(fileURLToPath(new URL('book.ts', SEED)), 'utf8'));
    expect(local.size).toBeGreaterThan(own.size);
    for (const [name, value] of local) expect([name, value]).toEqual([name, own.has(name) ? own.get(name) : (records as Record<string, unknown>)[name]]);
  });
});
