import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesAmong, importsOf, ROOT, sourceFiles } from './import-graph.ts';

const SRC = join(ROOT, 'src');
const ENGINE = join(SRC, 'engine');
/** The engine's entry for the rest of the repository (src/engine/api.ts is the package's, and only the package build reads it). */
const PUBLIC = [join(ENGINE, 'index.ts')];
const inEngine = (f: string) => f.startsWith(ENGINE + '/');

describe('the engine is reached through its index', () => {
  it('no module of src/ outside src/engine imports an engine file other than src/engine/index.ts', () => {
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
