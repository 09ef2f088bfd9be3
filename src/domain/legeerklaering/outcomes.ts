/** Every legeerklæring rule outcome by name: the index of the trees' own definitions. */
import type { LegeerklaeringOutcomeDefinition } from './outcome-definition.ts';
import { BEHANDLER_I_HPR_OUTCOMES } from './trees/behandler-i-hpr/definitions.ts';
import { HPR_OUTCOMES } from './trees/hpr/definitions.ts';
import { LEGESUSPENSJON_OUTCOMES } from './trees/legesuspensjon/definitions.ts';
import { VALIDERING_OUTCOMES } from './trees/validering/definitions.ts';

export const OUTCOMES = {
  ...BEHANDLER_I_HPR_OUTCOMES,
  ...LEGESUSPENSJON_OUTCOMES,
  ...HPR_OUTCOMES,
  ...VALIDERING_OUTCOMES,
} satisfies Record<string, LegeerklaeringOutcomeDefinition>;

export type OutcomeName = keyof typeof OUTCOMES;
