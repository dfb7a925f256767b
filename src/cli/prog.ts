/**
 * How the command is called where it runs, for usage lines: the installed package's bin
 * (`points-pool-simulate`) when running from the built JavaScript, the npm script inside the
 * checkout (`npm run --silent simulate --`) when running from TypeScript under tsx.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BINS = { simulate: 'points-pool-simulate', sweep: 'points-pool-sweep', 'sweep-merge': 'points-pool-sweep-merge' } as const;

const fromSource = import.meta.url.endsWith('.ts');

export const progName = (cmd: keyof typeof BINS): string => (fromSource ? `npm run --silent ${cmd} --` : BINS[cmd]);

/**
 * Whether a command module runs as the script itself (`tsx src/cli/sweep.ts`, the npm scripts and
 * the tests), so that it calls its own main. Built, never: the installed commands' entry points
 * (src/cli/bin/) call main, and in the bundle every module's import.meta.url is the bundle's file,
 * which would otherwise run main twice.
 */
export const isMain = (moduleUrl: string): boolean =>
  moduleUrl.endsWith('.ts') && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
