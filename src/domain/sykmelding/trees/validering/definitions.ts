/** The rule ids and outcomes of the structural validation tree (tree 1), with what each outcome tells the doctor and the patient. */
import { inv, type OutcomeDefinition } from '../../outcome-definition.ts';

export type ValideringRule =
  | 'UGYLDIG_ORGNR_LENGDE' | 'PAPIRSYKMELDING' | 'UGYLDIG_REGELSETTVERSJON' | 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39'
  | 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR' | 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR';

export const VALIDERING_OUTCOMES = {
  UGYLDIG_ORGNR_LENGDE: inv('Organisasjonsnummeret har feil format; det skal ha 9 siffer.', 'The organisation number is malformed; it must have 9 digits.',
    'Sykmeldingen mangler et gyldig organisasjonsnummer for legekontoret.', 'The sykmelding lacks a valid organisation number for the clinic.'),
  UGYLDIG_REGELSETTVERSJON: inv('Sykmeldingen er laget med en regelversjon NAV ikke kjenner.', 'The sykmelding was made with a ruleset version NAV does not know.',
    'Sykmeldingen er laget i en utdatert versjon av skjemaet.', 'The sykmelding was made with an outdated version of the form.'),
  MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39: inv('Opplysningene NAV krever ved uke 39 (spørsmål 6.5.1–6.5.4) mangler.',
    'The information NAV requires at week 39 (questions 6.5.1–6.5.4) is missing.',
    'Når du har vært sykmeldt i over 39 uker, trenger NAV flere opplysninger fra legen. De mangler.',
    'After more than 39 weeks of sick leave NAV needs more information from the doctor. It is missing.'),
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: inv('Den som signerte sykmeldingen er også pasienten.', 'The person who signed the sykmelding is also the patient.',
    'Den som signerte sykmeldingen er den samme som er sykmeldt.', 'The person who signed the sykmelding is the person on sick leave.'),
  BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR: inv('Behandleren er også pasienten.', 'The treating professional is also the patient.',
    'Den som skrev sykmeldingen er den samme som er sykmeldt.', 'The person who wrote the sykmelding is the person on sick leave.'),
} satisfies Record<string, OutcomeDefinition>;

export type ValideringOutcome = keyof typeof VALIDERING_OUTCOMES;
