import type { RuleFunctions } from '../../../rules/tree.ts';
import { toDay } from '../../../rules/dates.ts';
import type { ValideringRule } from './definitions.ts';
import type { ValideringPayload } from './payload.ts';

const KNOWN_VERSIONS = new Set(['', '1', '2', '3']);
const WEEK_39_QUESTIONS = ['6.5.1', '6.5.2', '6.5.3', '6.5.4'];

/** The same person: only whether a number was there is recorded, not the number. */
const samePerson = (fnr: string | undefined, p: ValideringPayload) => fnr !== undefined && fnr === p.pasientIdent;

export const valideringRules: RuleFunctions<ValideringRule, ValideringPayload> = {
  // Only the length is checked, not the digits.
  UGYLDIG_ORGNR_LENGDE: (p) => ({ result: p.legekontorOrgnr !== undefined && p.legekontorOrgnr.length !== 9, inputs: { legekontorOrgnr: p.legekontorOrgnr } }),
  PAPIRSYKMELDING: (p) => ({ result: p.mode === 'PAPIR', inputs: { mode: p.mode } }),
  UGYLDIG_REGELSETTVERSJON: (p) => ({
    result: p.regelsettVersjon !== undefined && !KNOWN_VERSIONS.has(p.regelsettVersjon),
    inputs: { regelsettVersjon: p.regelsettVersjon },
  }),
  MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39: (p) => {
    const longPeriod = p.perioder.some((q) => toDay(q.tom) - toDay(q.fom) > 273);
    const missing = WEEK_39_QUESTIONS.filter((q) => !p.besvarteSporsmal.includes(q));
    return {
      result: p.regelsettVersjon === '2' && longPeriod && missing.length > 0,
      inputs: { regelsettVersjon: p.regelsettVersjon, periodeOver39Uker: longPeriod, manglendeSporsmal: missing },
    };
  },
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: (p) => ({ result: samePerson(p.avsenderFnr, p), inputs: { avsenderFnr: p.avsenderFnr !== undefined } }),
  BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR: (p) => ({ result: samePerson(p.behandlerFnr, p), inputs: { behandlerFnr: p.behandlerFnr !== undefined } }),
};
