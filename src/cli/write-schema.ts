/**
 * `npm run schema`: writes the published JSON Schema of scenario format v1, generated from the
 * zod schema in src/engine/scenario/index.ts (the one source of truth). A test fails when the file in the
 * repository differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../engine/index.ts';

export const SCHEMA_PATH = 'schema/scenario.v1.schema.json';
export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

if (process.argv[1]?.endsWith('write-schema.ts')) {
  writeFileSync(SCHEMA_PATH, schemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
