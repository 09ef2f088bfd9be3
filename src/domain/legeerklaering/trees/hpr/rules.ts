import { authorisationInputs, categoryInputs, hasActiveAuthorisation, hasActiveCategory, hasValidAuthorisation } from '../../../behandler/hpr.ts';
import type { RuleFunctions } from '../../../rules/tree.ts';
import type { HprRule } from './definitions.ts';
import type { HprPayload } from './payload.ts';

/**
 * Categories that may write a legeerklæring: doctor, chiropractor, manual therapist, dentist,
 * physiotherapist and psychologist. Unlike the sykmelding there is no extra-competence requirement
 * and no 12-week limit.
 */
const KATEGORIER = ['LE', 'KI', 'MT', 'TL', 'FT', 'PS'];

// NAV names these rules by the failure, so yes means INVALID.
export const hprRules: RuleFunctions<HprRule, HprPayload> = {
  BEHANDLER_IKKE_GYLDIG_I_HPR: (p) => ({ result: !hasActiveAuthorisation(p.godkjenninger), inputs: authorisationInputs(p.godkjenninger) }),
  BEHANDLER_MANGLER_AUTORISASJON_I_HPR: (p) => ({ result: !hasValidAuthorisation(p.godkjenninger), inputs: authorisationInputs(p.godkjenninger) }),
  BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR: (p) => ({
    result: !p.godkjenninger.some((g) => KATEGORIER.some((k) => hasActiveCategory(g, k))),
    inputs: categoryInputs(p.godkjenninger),
  }),
};
