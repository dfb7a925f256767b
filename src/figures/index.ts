/** Every figure the prose may quote: the seed's, the scenario presets', the model family's worked examples, and the model pages' comparisons. */
import type { Var } from '../i18n/figure.ts';
import { seedFigures } from './seed.ts';
import { scenarioFigures } from './scenarios.ts';
import { familyFigures } from './family.ts';
import { modelsFigures } from './models.ts';

let all: Record<string, Var> | undefined;

export function allFigures(): Record<string, Var> {
  all ??= { ...seedFigures(), ...scenarioFigures(), ...familyFigures(), ...modelsFigures() };
  return all;
}
