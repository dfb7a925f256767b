import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesAmong, importsOf, ROOT, sourceFiles } from './import-graph.ts';

const SRC = join(ROOT, 'src');
const ENGINE = join(SRC, 'engine');
/**
 * The engine's entries for the rest of the repository: index.ts, two small ones that page code
 * may import to stay small without the bundler's help (plain.ts: neither decimal.js nor zod;
 * exact-ledger.ts: plain.ts and the exact ledger, no zod), worker.ts for the command's worker
 * threads (the per-cell and per-seed tasks, no zod) and picks.ts for its thread drawing a large
 * run's sellers ahead (the generators alone). src/engine/api.ts is the package's, read
 * only by the package build.
 */
const PUBLIC = ['index.ts', 'plain.ts', 'exact-ledger.ts', 'worker.ts', 'picks.ts'].map((f) => join(ENGINE, f));
const inEngine = (f: string) => f.startsWith(ENGINE + '/');

describe('the engine is reached through its index', () => {
  it('no module of src/ outside src/engine imports an engine file other than its entries (index.ts, plain.ts, exact-ledger.ts, worker.ts, picks.ts)', () => {
    const outside = sourceFiles(SRC).filter((f) => !inEngine(f));
    expect(outside.length).toBeGreaterThan(50);
    const wrong = outside.flatMap((f) => importsOf(f).filter((t) => inEngine(t) && !PUBLIC.includes(t)).map((t) => `${relative(ROOT, f)} imports ${relative(ROOT, t)}`));
    expect(wrong).toEqual([]);
  });

  it('the walk sees what it must: the imports a lens makes of the index, type-only and multi-line ones among them', () => {
    // the explorer's page code and the command both import the engine, through the index
    expect(importsOf(join(SRC, 'cli/simulate.ts'))).toContain(PUBLIC[0]);
    expect(importsOf(join(SRC, 'components/explorer/BatchPanel.svelte'))).toContain(PUBLIC[0]);
    // and it catches a file that reaches past the index (a fixture: each kind of import it reads)
    const dir = mkdtempSync(join(tmpdir(), 'imports-'));
    const f = join(dir, 'x.ts');
    writeFileSync(f, "/* import { no } from './commented.ts'; */\nimport type {\n  A,\n  B,\n} from './a.ts';\nexport { c } from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');\n// import { no } from './line-comment.ts';\n");
    expect(importsOf(f).map((t) => relative(dir, t)).sort()).toEqual(['a.ts', 'c.ts', 'd.ts', 'e.ts']);
  });
});

describe('the small entries are small', () => {
  /** the packages a file loads at run time, transitively (type-only imports and re-exports are erased) */
  function runtimePackages(file: string, seen = new Set<string>(), out = new Set<string>()): Set<string> {
    if (seen.has(file)) return out;
    seen.add(file);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) runtimePackages(resolve(dirname(file), spec), seen, out);
      else out.add(spec);
    }
    return out;
  }
  it('plain.ts and picks.ts load no package at all; exact-ledger.ts and worker.ts only decimal.js', () => {
    expect([...runtimePackages(join(ENGINE, 'plain.ts'))]).toEqual([]);
    expect([...runtimePackages(join(ENGINE, 'picks.ts'))]).toEqual([]);
    expect([...runtimePackages(join(ENGINE, 'exact-ledger.ts'))]).toEqual(['decimal.js']);
    expect([...runtimePackages(join(ENGINE, 'worker.ts'))]).toEqual(['decimal.js']);
    // and the walk sees a package where there is one: the index loads zod
    expect([...runtimePackages(join(ENGINE, 'index.ts'))]).toContain('zod');
  });
});

describe('import cycles in the engine', () => {
  it('none, counting type-only imports', () => {
    expect(cyclesAmong(sourceFiles(ENGINE))).toEqual([]);
  });

  it('the search finds a cycle where there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.ts';\n");
    writeFileSync(join(dir, 'b.ts'), "import type { C } from './c.ts';\n");
    writeFileSync(join(dir, 'c.ts'), "export { a } from './a.ts';\n");
    writeFileSync(join(dir, 'd.ts'), "import { a } from './a.ts';\n");
    const found = cyclesAmong(sourceFiles(dir));
    expect(found).toHaveLength(1);
    expect(found[0]!.map((f) => f.split('/').pop())).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });
});
