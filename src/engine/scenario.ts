/**
 * Kept for the exact and fast books (ledger.ts, fast-book.ts, book.ts), which import the scenario's
 * types from here: the format itself lives in scenario/ (schema, wording, checks). Import
 * ./scenario/index.ts in new code.
 */
export * from './scenario/index.ts';
