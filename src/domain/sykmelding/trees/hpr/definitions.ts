/** The rule ids and outcomes of the HPR tree (tree 3), with what each outcome tells the doctor and the patient. */
import { inv, type OutcomeDefinition } from '../../outcome-definition.ts';

export type HprRule =
  | 'BEHANDLER_FINNES_I_HPR' | 'BEHANDLER_GYLIDG_I_HPR' | 'BEHANDLER_HAR_AUTORISASJON_I_HPR' | 'BEHANDLER_ER_LEGE_I_HPR'
  | 'BEHANDLER_ER_TANNLEGE_I_HPR' | 'BEHANDLER_ER_MANUELLTERAPEUT_I_HPR' | 'BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR' | 'BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR'
  | 'SYKEFRAVAR_OVER_12_UKER';

export const HPR_OUTCOMES = {
  BEHANDLER_IKKE_I_HPR: inv('Du finnes ikke i Helsepersonellregisteret (HPR).', 'You are not in the Norwegian health personnel register (HPR).',
    'Den som skrev sykmeldingen finnes ikke i Helsepersonellregisteret.', 'The person who wrote the sykmelding is not in the health personnel register.', false),
  BEHANDLER_IKKE_GYLDIG_I_HPR: inv('Du var ikke gyldig registrert i HPR da pasienten ble undersøkt.', 'You were not validly registered in HPR when the patient was seen.',
    'Den som skrev sykmeldingen manglet autorisasjon.', 'The person who wrote the sykmelding lacked authorisation.', false),
  BEHANDLER_MANGLER_AUTORISASJON_I_HPR: inv('Du har ikke en gyldig autorisasjon i HPR.', 'You have no valid authorisation in HPR.',
    'Den som skrev sykmeldingen manglet autorisasjon.', 'The person who wrote the sykmelding lacked authorisation.', false),
  BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR: inv('Du er i HPR, men ikke som lege, tannlege, kiropraktor, manuellterapeut eller fysioterapeut med tilleggskompetanse.',
    'You are in HPR, but not as a doctor, dentist, chiropractor, manual therapist, or physiotherapist with extra competence.',
    'Den som skrev sykmeldingen manglet autorisasjon til å sykmelde.', 'The person who wrote the sykmelding was not authorised to issue sick leave.', false),
  BEHANDLER_MT_FT_KI_OVER_12_UKER: inv('Samlet sykefravær er over 12 uker; det kan bare lege eller tannlege sykmelde for.',
    'The total sick leave exceeds 12 weeks; only a doctor or dentist can certify that.',
    'Den som skrev sykmeldingen kan ikke sykmelde ut over 12 uker til sammen.', 'The person who wrote the sykmelding cannot certify sick leave beyond 12 weeks in total.'),
} satisfies Record<string, OutcomeDefinition>;

export type HprOutcome = keyof typeof HPR_OUTCOMES;
