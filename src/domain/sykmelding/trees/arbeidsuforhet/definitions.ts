/** The rule ids and outcomes of the work-incapacity tree (tree 4), with what each outcome tells the doctor and the patient. */
import { inv, type Message, type OutcomeDefinition } from '../../outcome-definition.ts';

export type ArbeidsuforhetRule =
  | 'HOVEDDIAGNOSE_MANGLER' | 'FRAVAERSGRUNN_MANGLER' | 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE' | 'ICPC_2_Z_DIAGNOSE'
  | 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE';

export const ARBEIDSUFORHET_OUTCOMES = {
  FRAVAERSGRUNN_MANGLER: inv('Verken hoveddiagnose eller annen lovfestet fraværsgrunn er oppgitt.', 'Neither a main diagnosis nor another statutory reason for absence is given.',
    'Sykmeldingen må ha en hoveddiagnose eller en annen gyldig fraværsgrunn.', 'The sykmelding must have a main diagnosis or another valid reason for absence.'),
  UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: inv('Kodeverket eller koden for hoveddiagnosen er ukjent; bruk ICPC-2, ICPC-2B eller ICD-10.',
    'The code system or code of the main diagnosis is unknown; use ICPC-2, ICPC-2B or ICD-10.',
    'Sykmeldingen må ha en riktig diagnosekode.', 'The sykmelding must have a correct diagnosis code.'),
  ICPC_2_Z_DIAGNOSE: inv('En Z-diagnose (sosialt problem) gir ikke rett til sykepenger. Pasienten er informert.', 'A Z diagnosis (social problem) gives no right to sickness benefit. The patient has been told.',
    'Sykmeldingen må ha en diagnose som gir rett til sykepenger.', 'The sykmelding needs a diagnosis that gives a right to sickness benefit.', false),
  UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: inv('Kodeverket eller koden for en bidiagnose er ukjent.', 'The code system or code of a secondary diagnosis is unknown.',
    'En bidiagnose i sykmeldingen har en ukjent kode.', 'A secondary diagnosis in the sykmelding has an unknown code.'),
} satisfies Record<string, OutcomeDefinition>;

export type ArbeidsuforhetOutcome = keyof typeof ARBEIDSUFORHET_OUTCOMES;

/** The outcomes that refuse a diagnosis code, and the diagnoses each is about. */
export const CODE_OUTCOMES = {
  UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: 'hoveddiagnose',
  UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: 'bidiagnoser',
} as const satisfies Partial<Record<ArbeidsuforhetOutcome, 'hoveddiagnose' | 'bidiagnoser'>>;

/**
 * Added to the doctor's message when a refused code is unknown only because of its letter case:
 * codes are matched as written, and the code list has it as `kjent`.
 */
export const skrivemaateHint = (kjent: string): Message => ({
  nb: `Koden finnes som «${kjent}», med store bokstaver; koder må skrives nøyaktig slik kodeverket har dem.`,
  en: `The code exists as '${kjent}', in capitals; codes must be written exactly as the code list has them.`,
});
