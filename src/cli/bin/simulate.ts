#!/usr/bin/env node
// the installed `points-pool-simulate` command (package.json bin): runs src/cli/simulate.ts. With
// --seeds (Monte Carlo on worker threads) the threads start first (threads.ts), while the command
// loads the engine and reads and checks the scenario; the pool takes them over. A single run loads
// only the flag reader (flags.ts) before it
import { hasFlag } from '../flags.ts';

const argv = process.argv.slice(2);
if (hasFlag(argv, '--seeds') && !argv.some((a) => a === '--help' || a === '-h')) {
  const { startThreads, threadsFor } = await import('../threads.ts');
  startThreads(threadsFor(argv));
}
const { main } = await import('../simulate.ts');
process.exitCode = await main(argv);

// a module (top-level await), though it exports nothing
export {};
