/**
 * The import graph of the source tree, read as text (no bundler): for each .ts, .svelte and .astro
 * file under a folder, the files its relative imports name. Counted: `import … from '…'`,
 * `export … from '…'` (type-only ones too: a cycle of types is still a cycle of ideas),
 * `import '…'` and `import('…')` with a literal path. Comments are dropped first, so that a path
 * quoted in prose is not an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Every source file below `dir` (absolute paths). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|svelte|astro)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The relative specifiers a file imports, resolved to absolute paths. */
export function importsOf(file: string): string[] {
  const text = withoutComments(readFileSync(file, 'utf8'));
  const specs = new Set<string>();
  for (const m of text.matchAll(/\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g)) specs.add(m[1]!);
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) specs.add(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.add(m[1]!);
  return [...specs].filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

/** The cycles among `files` (each a list of files, relative to ROOT): one per strongly connected set of two or more, or a file importing itself. */
export function cyclesAmong(files: readonly string[]): string[][] {
  const inSet = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => inSet.has(t))]));
  // Tarjan's strongly connected components
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)!.includes(v)) out.push(group.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return out;
}
