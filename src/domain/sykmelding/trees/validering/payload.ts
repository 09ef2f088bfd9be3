import type { RuleContext } from '../../context.ts';
import type { Periode } from '../../model.ts';
import type { RulePayload } from '../../payload.ts';

/** What the structural validation tree reads. */
export interface ValideringPayload {
  legekontorOrgnr?: string;
  mode: RuleContext['mode'];
  regelsettVersjon?: string;
  perioder: ReadonlyArray<Pick<Periode, 'fom' | 'tom'>>;
  /** Ids of the answered extra questions (utdypende opplysninger), e.g. `6.5.1`. */
  besvarteSporsmal: string[];
  pasientIdent: string;
  /** The signer (XML flow), when known. */
  avsenderFnr?: string;
  /** The behandler: from the registry, else as written on the sykmelding. */
  behandlerFnr?: string;
}

export const toValideringPayload = (p: RulePayload): ValideringPayload => ({
  legekontorOrgnr: p.context.legekontorOrgnr,
  mode: p.context.mode,
  regelsettVersjon: p.sykmelding.regelsettVersjon,
  perioder: p.sykmelding.perioder,
  besvarteSporsmal: p.sykmelding.utdypendeOpplysninger.map((u) => u.id),
  pasientIdent: p.sykmelding.pasient.ident,
  avsenderFnr: p.context.avsender?.fnr,
  behandlerFnr: p.context.behandler.fnr ?? p.sykmelding.behandler.fnr,
});
