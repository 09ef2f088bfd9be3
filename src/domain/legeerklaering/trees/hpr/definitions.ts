/** The HPR tree: the signer's approvals, authorisation and category. Psychologists may write a legeerklæring. */
import { inv, LACKED_APPROVAL } from '../../outcome-definition.ts';

export type HprRule = 'BEHANDLER_IKKE_GYLDIG_I_HPR' | 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR' | 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR';

export const HPR_OUTCOMES = {
  BEHANDLER_IKKE_GYLDIG_I_HPR: inv(
    'Du hadde ingen aktiv autorisasjon i HPR da du signerte legeerklæringen.',
    'You had no active authorisation in HPR when you signed the legeerklæring.', ...LACKED_APPROVAL),
  BEHANDLER_MANGLER_AUTORISASJON_I_HPR: inv(
    'Autorisasjonen du har i HPR er ikke av en type som gir rett til å skrive legeerklæring.',
    'The authorisation you hold in HPR is not of a kind that allows you to write a legeerklæring.', ...LACKED_APPROVAL),
  BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR: inv(
    'Du står i HPR, men ikke med aktiv autorisasjon som lege, tannlege, kiropraktor, manuellterapeut, fysioterapeut eller psykolog.',
    'You are in HPR, but not with an active authorisation as a doctor, dentist, chiropractor, manual therapist, physiotherapist or psychologist.',
    ...LACKED_APPROVAL),
};

export type HprOutcome = keyof typeof HPR_OUTCOMES;
