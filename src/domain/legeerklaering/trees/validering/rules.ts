import { plusYears, toDay } from '../../../rules/dates.ts';
import type { RuleFunctions } from '../../../rules/tree.ts';
import type { ValideringRule } from './definitions.ts';
import type { ValideringPayload } from './payload.ts';

export const valideringRules: RuleFunctions<ValideringRule, ValideringPayload> = {
  // On the signature date, with java.time arithmetic: born 29 February turns 13 on 28 February.
  // Without any birth date there is nothing to judge by, so the rule does not fire.
  PASIENT_YNGRE_ENN_13: (p) => ({
    result: p.fodselsdato !== undefined && toDay(p.signaturdato) < plusYears(p.fodselsdato, 13),
    inputs: { fodselsdato: p.fodselsdato, fodselsdatoKilde: p.fodselsdatoKilde, signaturdato: p.signaturdato },
  }),
  // Only the length is checked, not the digits, as NAV does.
  UGYLDIG_ORGNR_LENGDE: (p) => ({ result: p.orgnr !== undefined && p.orgnr.length !== 9, inputs: { orgnr: p.orgnr } }),
  // Only whether a signer's number was there is recorded, not the number.
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: (p) => ({ result: p.avsenderFnr !== undefined && p.avsenderFnr === p.pasientFnr, inputs: { avsenderFnr: p.avsenderFnr !== undefined } }),
};
