/** Every figure the prose may quote: the seed's, the scenario presets', and the model family's worked examples. */
import type { Var } from '../i18n/figure.ts';
import { seedFigures } from './seed.ts';
import { scenarioFigures } from './scenarios.ts';
import { familyFigures } from './family.ts';

let all: Record<string, Var> | undefined;

export function allFigures(): Record<string, Var> {
  all ??= { ...seedFigures(), ...scenarioFigures(), ...familyFigures() };
  return all;
}
