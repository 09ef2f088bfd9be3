import { parseIdent } from '../../../identity/index.ts';
import { signaturdato, type LegeerklaeringRuleInput } from '../../payload.ts';

/** What the validation tree reads. */
export interface ValideringPayload {
  /** From the population register, else derived from the fnr/D-nummer; undefined when neither gives one. */
  fodselsdato?: string;
  fodselsdatoKilde: 'PDL' | 'FNR' | 'UKJENT';
  signaturdato: string;
  /** The office's orgnr as written, when there is one. */
  orgnr?: string;
  pasientFnr: string;
  /** The signer: the fnr on the signature, else the behandler's from the register. */
  avsenderFnr?: string;
}

function birthDate(p: LegeerklaeringRuleInput): Pick<ValideringPayload, 'fodselsdato' | 'fodselsdatoKilde'> {
  if (p.pasient.fodselsdato) return { fodselsdato: p.pasient.fodselsdato, fodselsdatoKilde: 'PDL' };
  const derived = parseIdent(p.legeerklaering.pasient.fnr)?.birthDate;
  return derived ? { fodselsdato: derived, fodselsdatoKilde: 'FNR' } : { fodselsdatoKilde: 'UKJENT' };
}

export const toValideringPayload = (p: LegeerklaeringRuleInput): ValideringPayload => ({
  ...birthDate(p),
  signaturdato: signaturdato(p),
  orgnr: p.legeerklaering.signatur.kontor?.orgnr,
  pasientFnr: p.legeerklaering.pasient.fnr,
  avsenderFnr: p.legeerklaering.signatur.fnr ?? p.behandler.fnr,
});
