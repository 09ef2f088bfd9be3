/** The rule ids and outcomes of the patient-under-13 tree (tree 5), with what each outcome tells the doctor and the patient. */
import { inv, type OutcomeDefinition } from '../../outcome-definition.ts';

export type PasientUnder13Rule = 'PASIENT_YNGRE_ENN_13';

export const PASIENT_UNDER_13_OUTCOMES = {
  PASIENT_YNGRE_ENN_13: inv('Pasienten er under 13 år; sykmelding kan ikke brukes.', 'The patient is under 13; a sykmelding cannot be used.',
    'Du er under 13 år, og kan ikke bli sykmeldt.', 'You are under 13 and cannot be put on sick leave.', false),
} satisfies Record<string, OutcomeDefinition>;

export type PasientUnder13Outcome = keyof typeof PASIENT_UNDER_13_OUTCOMES;
