/** Every figure the prose may quote: the seed's, and the scenario presets'. */
import type { Var } from '../i18n/figure.ts';
import { seedFigures } from './seed.ts';
import { scenarioFigures } from './scenarios.ts';

let all: Record<string, Var> | undefined;

export function allFigures(): Record<string, Var> {
  all ??= { ...seedFigures(), ...scenarioFigures() };
  return all;
}
