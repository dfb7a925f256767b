/**
 * `npm run build:lib` (and `npm pack`, through prepack): the package's JavaScript, into lib/.
 *
 * - lib/engine/: the engine, module for module, with type declarations (tsc -p tsconfig.lib.json,
 *   which rewrites the sources' .ts import extensions to .js). This is what `exports` points at:
 *   readable, and a bundler importing it keeps only what it uses.
 * - lib/bin/: the three commands and their worker threads' scripts, bundled by esbuild with their
 *   dependencies (zod, decimal.js) into a few files (shared code in chunks). A command starts by
 *   reading a handful of files instead of about two hundred modules: on a one-order scenario it
 *   starts in about two thirds of the time (bench/startup.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = `${ROOT}lib`;

rmSync(LIB, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { cwd: ROOT, stdio: 'inherit' });

await build({
  absWorkingDir: ROOT,
  entryPoints: {
    simulate: 'src/cli/bin/simulate.ts',
    sweep: 'src/cli/bin/sweep.ts',
    'sweep-merge': 'src/cli/bin/sweep-merge.ts',
    // started by src/cli/threads.ts as new URL('./pool-worker.js', import.meta.url), beside the command
    'pool-worker': 'src/cli/pool-worker.ts',
    // started by src/cli/picks-thread.ts the same way (thread-script.ts)
    'picks-worker': 'src/cli/picks-worker.ts',
  },
  outdir: `${LIB}/bin`,
  bundle: true,
  splitting: true,
  // chunks beside the commands: threads.ts finds its worker relative to its own file, which may be a chunk
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
for (const f of readdirSync(`${LIB}/bin`)) if (f.endsWith('.js') && f !== 'pool-worker.js' && f !== 'picks-worker.js') chmodSync(`${LIB}/bin/${f}`, 0o755);
process.stdout.write('lib/engine (tsc, with declarations) and lib/bin (esbuild) written\n');
