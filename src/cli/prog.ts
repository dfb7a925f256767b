/**
 * How the command is called where it runs, for usage lines: the installed package's bin
 * (`points-pool-simulate`) when running from the built JavaScript, the npm script inside the
 * checkout (`npm run --silent simulate --`) when running from TypeScript under tsx.
 */
export const BINS = { simulate: 'points-pool-simulate', sweep: 'points-pool-sweep', 'sweep-merge': 'points-pool-sweep-merge' } as const;

const fromSource = import.meta.url.endsWith('.ts');

export const progName = (cmd: keyof typeof BINS): string => (fromSource ? `npm run --silent ${cmd} --` : BINS[cmd]);
