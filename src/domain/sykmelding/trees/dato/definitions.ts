/** The rule ids and outcomes of the dates tree (tree 6), with what each outcome tells the doctor and the patient. */
import { inv, type OutcomeDefinition } from '../../outcome-definition.ts';

export type DatoRule = 'FREMDATERT' | 'TILBAKEDATERT_MER_ENN_3_AR' | 'TOTAL_VARIGHET_OVER_ETT_AAR';

export const DATO_OUTCOMES = {
  FREMDATERT: inv('Sykmeldingen starter mer enn 30 dager etter at den ble signert.', 'The sykmelding starts more than 30 days after it was signed.',
    'Sykmeldingen er datert mer enn 30 dager fram i tid.', 'The sykmelding is dated more than 30 days into the future.'),
  TILBAKEDATERT_MER_ENN_3_AR: inv('Startdatoen er mer enn tre år tilbake i tid.', 'The start date is more than three years ago.',
    'Startdatoen i sykmeldingen er mer enn tre år tilbake i tid.', 'The start date of the sykmelding is more than three years ago.'),
  TOTAL_VARIGHET_OVER_ETT_AAR: inv('Sykmeldingen varer samlet over ett år.', 'The sykmelding lasts more than one year in total.',
    'Sykmeldingen kan ikke vare mer enn ett år.', 'A sykmelding cannot last more than one year.'),
} satisfies Record<string, OutcomeDefinition>;

export type DatoOutcome = keyof typeof DATO_OUTCOMES;
