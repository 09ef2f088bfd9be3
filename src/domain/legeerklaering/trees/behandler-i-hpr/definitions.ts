/** The pre-check before the trees: the signer must be in HPR at all. */
import { inv } from '../../outcome-definition.ts';

export type BehandlerIHprRule = 'BEHANDLER_NOT_IN_HPR';

export const BEHANDLER_I_HPR_OUTCOMES = {
  BEHANDLER_NOT_IN_HPR: inv(
    'Vi finner deg ikke i Helsepersonellregisteret (HPR), så legeerklæringen kan ikke tas imot.',
    'We cannot find you in the health personnel register (HPR), so the legeerklæring cannot be accepted.',
    'Den som skrev legeerklæringen er ikke registrert som helsepersonell.',
    'The person who wrote the legeerklæring is not registered as a health professional.'),
};

export type BehandlerIHprOutcome = keyof typeof BEHANDLER_I_HPR_OUTCOMES;
