/**
 * Scenario format v1: its shape (schema.ts, zod: the types, the published JSON Schema and the
 * validator's first pass), the project's wording of problems (wording.ts), the checks a schema
 * cannot express with the validator that runs both (checks.ts), and how big a run a scenario asks
 * for against the run limits (size.ts).
 */
export * from './schema.ts';
export * from './wording.ts';
export * from './checks.ts';
export * from './size.ts';
