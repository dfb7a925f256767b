#!/usr/bin/env node
// the installed `points-pool-simulate` command (package.json bin): runs src/cli/simulate.ts
import { main } from '../simulate.ts';

process.exitCode = await main(process.argv.slice(2));
