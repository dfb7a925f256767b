/** Every figure the prose may quote: the seed's, the scenario presets' and the back-office profile's. */
import type { Var } from '../i18n/figure.ts';
import { seedFigures } from './seed.ts';
import { scenarioFigures } from './scenarios.ts';
import { officeFigures } from './office.ts';

let all: Record<string, Var> | undefined;

export function allFigures(): Record<string, Var> {
  all ??= { ...seedFigures(), ...scenarioFigures(), ...officeFigures() };
  return all;
}
