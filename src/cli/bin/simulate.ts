#!/usr/bin/env node
// the installed `points-pool-simulate` command (package.json bin): runs src/cli/simulate.ts. With
// --seeds (Monte Carlo on worker threads) the threads start first (threads.ts), while the command
// loads the engine and reads and checks the scenario; the pool takes them over
import { startThreads, threadsFor } from '../threads.ts';

const argv = process.argv.slice(2);
if (argv.some((a) => a === '--seeds' || a.startsWith('--seeds=')) && !argv.some((a) => a === '--help' || a === '-h')) startThreads(threadsFor(argv));
const { main } = await import('../simulate.ts');
process.exitCode = await main(argv);
