/** The rule ids and outcomes of the suspended-behandler tree (tree 0), with what each outcome tells the doctor and the patient. */
import { inv, type OutcomeDefinition } from '../../outcome-definition.ts';

export type SuspensjonRule = 'BEHANDLER_SUSPENDERT';

export const SUSPENSJON_OUTCOMES = {
  BEHANDLER_SUSPENDERT: inv(
    'Du var suspendert av NAV da pasienten ble undersøkt, og kan ikke skrive sykmeldinger. Pasienten er informert.',
    'You were suspended by NAV when the patient was seen and cannot issue sykmeldinger. The patient has been told.',
    'Den som skrev sykmeldingen din hadde mistet retten til å skrive sykmeldinger.',
    'The person who wrote your sykmelding had lost the right to issue sykmeldinger.', false),
} satisfies Record<string, OutcomeDefinition>;

export type SuspensjonOutcome = keyof typeof SUSPENSJON_OUTCOMES;
