/**
 * Where a worker thread's script of the command is, and how to start it: beside the running code
 * (`./NAME.js`, from lib/bin after the package build, which bundles each such script as an entry of
 * its own: scripts/build-lib.ts), or under tsx (the npm scripts, the tests) the `.ts` source started
 * with tsx's loader (`--import tsx`, resolved from this project) so that it can load TypeScript.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const isTs = import.meta.url.endsWith('.ts');

/** the script `name` (no extension) beside this module, and the execArgv it needs */
export function threadScript(name: string): { url: URL; execArgv: string[] } {
  return {
    url: new URL(`./${name}${isTs ? '.ts' : '.js'}`, import.meta.url),
    execArgv: isTs ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [],
  };
}

/**
 * A helper thread of a single run (prefault.ts, picks-thread.ts): unref'd, so the process never
 * waits for it, its errors ignored (the run does without it), or null when none could start.
 */
export function helperThread(script: string | URL, opts: WorkerOptions): Worker | null {
  try {
    const w = new Worker(script, opts);
    w.unref();
    w.on('error', () => {});
    return w;
  } catch {
    return null;
  }
}
