/** The validation tree: the patient's age, the office's orgnr, and the signer not being the patient. */
import { inv } from '../../outcome-definition.ts';

export type ValideringRule = 'PASIENT_YNGRE_ENN_13' | 'UGYLDIG_ORGNR_LENGDE' | 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR';

export const VALIDERING_OUTCOMES = {
  PASIENT_YNGRE_ENN_13: inv(
    'Pasienten var under 13 år da du signerte; NAV tar ikke imot legeerklæring om så unge pasienter.',
    'The patient was under 13 when you signed; NAV does not accept a legeerklæring about a patient that young.',
    'Legeerklæringen gjelder en person under 13 år og kan ikke brukes.',
    'The legeerklæring is about a person under 13 and cannot be used.'),
  UGYLDIG_ORGNR_LENGDE: inv(
    'Organisasjonsnummeret til kontoret må ha 9 siffer. Rett det og send en ny legeerklæring.',
    "The office's organisation number must have 9 digits. Correct it and send a new legeerklæring.",
    'Legeerklæringen mangler et riktig organisasjonsnummer for kontoret til den som skrev den.',
    'The legeerklæring lacks a correct organisation number for the office of the person who wrote it.'),
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: inv(
    'Du har signert en legeerklæring om deg selv. Den må skrives av en annen behandler.',
    'You signed a legeerklæring about yourself. It must be written by another health professional.',
    'Legeerklæringen er signert av den samme personen som den handler om.',
    'The legeerklæring was signed by the person it is about.'),
};

export type ValideringOutcome = keyof typeof VALIDERING_OUTCOMES;
