#!/usr/bin/env node
// the installed `points-pool-sweep` command (package.json bin): runs src/cli/sweep.ts. Its worker
// threads start first (threads.ts), while the command loads the engine and reads and checks the
// sweep; the pool takes them over
import { startThreads, threadsFor } from '../threads.ts';

const argv = process.argv.slice(2);
if (!argv.some((a) => a === '--help' || a === '-h' || a === '--schema')) startThreads(threadsFor(argv));
const { main } = await import('../sweep.ts');
process.exitCode = await main(argv);
