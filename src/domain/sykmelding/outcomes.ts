/**
 * Every rule outcome of every tree, by name: the combined index of the trees' own definitions
 * (`trees/<tree>/definitions.ts`), for code that looks an outcome up by its name (receipts, docs).
 */
import { ARBEIDSUFORHET_OUTCOMES } from './trees/arbeidsuforhet/definitions.ts';
import { DATO_OUTCOMES } from './trees/dato/definitions.ts';
import { HPR_OUTCOMES } from './trees/hpr/definitions.ts';
import { PASIENT_UNDER_13_OUTCOMES } from './trees/pasient-under-13/definitions.ts';
import { PERIODER_OUTCOMES } from './trees/perioder/definitions.ts';
import { SUSPENSJON_OUTCOMES } from './trees/suspensjon/definitions.ts';
import { TILBAKEDATERING_OUTCOMES } from './trees/tilbakedatering/definitions.ts';
import { VALIDERING_OUTCOMES } from './trees/validering/definitions.ts';

export type { Message } from './outcome-definition.ts';

export const OUTCOMES = {
  ...SUSPENSJON_OUTCOMES,
  ...VALIDERING_OUTCOMES,
  ...PERIODER_OUTCOMES,
  ...HPR_OUTCOMES,
  ...ARBEIDSUFORHET_OUTCOMES,
  ...PASIENT_UNDER_13_OUTCOMES,
  ...DATO_OUTCOMES,
  ...TILBAKEDATERING_OUTCOMES,
};

export type OutcomeName = keyof typeof OUTCOMES;
