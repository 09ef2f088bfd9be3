/** What the rules need besides the sykmelding itself. All of it is an input: no clock, no I/O. */
import type { TidligereSykmelding } from './model.ts';

interface HprKode {
  aktiv: boolean;
  /** Volven list, e.g. 7704 (autorisasjon), 9060 (helsepersonellkategori), 7702 (tilleggskompetanse). */
  oid: number;
  verdi: string;
}

export interface Tilleggskompetanse {
  avsluttetStatus?: string | null;
  type: HprKode;
  gyldig: { fra?: string; til?: string };
}

/** One HPR approval (godkjenning): a category with its authorisation and extra competences. */
export interface Godkjenning {
  autorisasjon?: HprKode;
  helsepersonellkategori?: HprKode;
  tilleggskompetanse: Tilleggskompetanse[];
}

export interface RuleContext {
  /** "Today" for the rules (the date the evaluation runs), `YYYY-MM-DD`. */
  evaluationDate: string;
  /** `PAPIR` for paper sykmeldinger registered by NAV: INVALID becomes MANUAL_PROCESSING. */
  mode: 'NORMAL' | 'PAPIR';
  /** When NAV received it (ISO dateTime). */
  mottattDato: string;
  pasient: { fodselsdato: string };
  behandler: {
    /** Suspended by NAV (btsys) at the signature date. */
    suspendert: boolean;
    /** Found in HPR at all. */
    finnesIHpr: boolean;
    godkjenninger: Godkjenning[];
    fnr?: string;
  };
  /** The signer, when it differs from the behandler (XML flow). */
  avsender?: { fnr?: string };
  /** Orgnr of the sender's office (legekontor). */
  legekontorOrgnr?: string;
  tidligereSykmeldinger: TidligereSykmelding[];
  /**
   * Whether a diagnosis code exists in its code list: true/false, or undefined when that list is not
   * loaded (then only the code system is checked). ICPC-2B codes are answered through their ICPC-2 parent.
   */
  isKnownCode?: (system: string, code: string) => boolean | undefined;
}
