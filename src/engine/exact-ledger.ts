/**
 * The exact ledger and its decimal calculator, with plain.ts, and no scenario schema (no zod): for
 * the home page's playground, which drives the ledger order by order under the seed's rules
 * within the page's 50 KB (CONTRIBUTING, "Budgets"). Other code imports index.ts.
 */
export * from './plain.ts';
export { exact, type Arith } from './arith.ts';
export { Ledger, LedgerError } from './models/seed/ledger.ts';
export type { ScriptResult } from './result.ts';
