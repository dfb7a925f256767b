#!/usr/bin/env node
// the installed `points-pool-sweep-merge` command (package.json bin): runs src/cli/sweep-merge.ts
import { main } from '../sweep-merge.ts';

process.exitCode = await main(process.argv.slice(2));
