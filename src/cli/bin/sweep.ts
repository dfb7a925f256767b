#!/usr/bin/env node
// the installed `points-pool-sweep` command (package.json bin): runs src/cli/sweep.ts
import { main } from '../sweep.ts';

process.exitCode = await main(process.argv.slice(2));
