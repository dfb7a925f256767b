/**
 * Writes the walkthrough's script to examples/walkthrough.json and the scenario pages' presets (src/scenarios/presets.ts) to examples/scenarios/<slug>.json,
 * so that `simulate` reproduces every figure of those pages. test/pages/scenarios.test.ts fails
 * when the files and the presets differ. Run: npx tsx scripts/scenario-presets.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { presetFileText, SCENARIO_SLUGS } from '../src/scenarios/presets.ts';
import { walkthroughFileText } from '../src/walkthrough/steps.ts';

const dir = fileURLToPath(new URL('../examples/scenarios/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const slug of SCENARIO_SLUGS) writeFileSync(`${dir}${slug}.json`, presetFileText(slug));
writeFileSync(fileURLToPath(new URL('../examples/walkthrough.json', import.meta.url)), walkthroughFileText());
console.log(`wrote ${SCENARIO_SLUGS.length} presets to examples/scenarios/`);
