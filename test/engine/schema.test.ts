/**
 * The published JSON Schema is generated from the zod schema (one source of truth), and a
 * standard JSON Schema validator (ajv, draft 2020-12) agrees with the engine's own validator on
 * the examples and on bad inputs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schemaText, SCHEMA_PATH } from '../../src/cli/write-schema.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';

const published = readFileSync(SCHEMA_PATH, 'utf8');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const check = ajv.compile(JSON.parse(published));

describe('the published JSON Schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing the format)', () => {
    expect(published).toBe(schemaText());
  });

  // every example scenario (sweep files, named sweep-*.json, have a format of their own)
  for (const name of readdirSync('examples').filter((f) => f.endsWith('.json') && !f.startsWith('sweep'))) {
    it(`accepts the example ${name}, as the engine does`, () => {
      const doc = JSON.parse(readFileSync(`examples/${name}`, 'utf8'));
      expect(check(doc), JSON.stringify(check.errors)).toBe(true);
      expect(validateScenario(doc).ok).toBe(true);
    });
  }

  const bad: unknown[] = [
    { script: [] },
    { script: [{ buy: {} }] },
    { script: [{ order: { amount: -1 } }] },
    { script: [{ order: { amount: 1 }, repeat: 1.5 }] },
    { rules: { giftRatio: 2 }, script: [{ order: { amount: 1 } }] },
    { rules: { exitMultiple: 1 }, script: [{ order: { amount: 1 } }] },
    { rules: { exitTest: 'value' }, script: [{ order: { amount: 1 } }] },
    { script: [{ order: { user: '#7', amount: 1 } }] },
  ];
  for (const doc of bad) {
    it(`rejects ${JSON.stringify(doc)}, as the engine does`, () => {
      expect(check(doc)).toBe(false);
      expect(validateScenario(doc).ok).toBe(false);
    });
  }

  it('leaves to the checks beside it only what a schema cannot say: the split summing to 1', () => {
    const doc = { rules: { split: { cost: 0.5, distribution: 0.3, platform: 0.1, pool: 0.3 } }, script: [{ order: { amount: 1 } }] };
    expect(check(doc)).toBe(true);
    expect(validateScenario(doc).ok).toBe(false);
  });
});
