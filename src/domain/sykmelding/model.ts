/**
 * The sykmelding as the domain sees it: everything the full SM2013 form carries, independent of
 * FHIR or XML. Dates are `YYYY-MM-DD`, times ISO 8601 with offset. Field numbers refer to the
 * paper/EDI form (SM2013) where the reference gives them.
 */

import type { Diagnose } from '../kodeverk/diagnose.ts';

export { DiagnoseSystem, type Diagnose } from '../kodeverk/diagnose.ts';

export type PeriodeType = 'AKTIVITET_IKKE_MULIG' | 'GRADERT' | 'AVVENTENDE' | 'BEHANDLINGSDAGER' | 'REISETILSKUDD';

/** Code list 8133: medical reasons why activity is not possible. */
export type MedisinskArsak = 'TILSTAND_HINDRER_AKTIVITET' | 'AKTIVITET_FORVERRER_TILSTAND' | 'AKTIVITET_FORHINDRER_BEDRING' | 'ANNET';
/** Code list 8132: workplace reasons. */
export type ArbeidsrelatertArsak = 'MANGLENDE_TILRETTELEGGING' | 'ANNET';

export interface Periode {
  fom: string;
  tom: string;
  /** `UGYLDIG` when the sender gave no recognisable type (the rules reject it). */
  type: PeriodeType | 'UGYLDIG';
  /** GRADERT: sick-leave grade in percent (field 4.2). */
  grad?: number;
  /** GRADERT: combined with travel grant. */
  reisetilskudd?: boolean;
  /** AVVENTENDE: input to the employer on adaptation (field 4.1.3). */
  innspillTilArbeidsgiver?: string;
  /** BEHANDLINGSDAGER: number of treatment days in the period (field 4.4). */
  behandlingsdager?: number;
  /** AKTIVITET_IKKE_MULIG: medical reasons (never shown to the employer). */
  medisinskArsak?: { arsaker: MedisinskArsak[]; beskrivelse?: string };
  /** AKTIVITET_IKKE_MULIG: workplace reasons (shown to the employer). */
  arbeidsrelatertArsak?: { arsaker: ArbeidsrelatertArsak[]; beskrivelse?: string };
}

/** Code list 8131: other statutory reasons for absence (ftrl. § 8-4 third paragraph). */
export type AnnenFravarsgrunn =
  | 'GODKJENT_HELSEINSTITUSJON' | 'BEHANDLING_FORHINDRER_ARBEID' | 'ARBEIDSRETTET_TILTAK' | 'MOTTAR_TILSKUDD_GRUNNET_HELSETILSTAND'
  | 'NODVENDIG_KONTROLLUNDENRSOKELSE' | 'SMITTEFARE' | 'ABORT' | 'UFOR_GRUNNET_BARNLOSHET' | 'DONOR' | 'BEHANDLING_STERILISERING';

interface UtdypendeOpplysning {
  /** Question id, e.g. `6.3.1`. */
  id: string;
  sporsmal?: string;
  svar: string;
  /** Restrictions (code list 8134). Digital answers are always hidden from the employer. */
  skjermetForArbeidsgiver: boolean;
  skjermetForPasient?: boolean;
}

interface Prognose {
  arbeidsforEtterPeriode: boolean;
  hensynArbeidsplassen?: string;
  erIArbeid?: { egetArbeidPaSikt: boolean; annetArbeidPaSikt: boolean; arbeidFom?: string; vurderingsdato?: string };
  erIkkeIArbeid?: { arbeidsforPaSikt: boolean; arbeidsforFom?: string; vurderingsdato?: string };
}

export interface Sykmelding {
  id: string;
  pasient: {
    /** fødselsnummer or D-nummer */
    ident: string;
  };
  /** Field 3.1–3.5 */
  hoveddiagnose?: Diagnose;
  bidiagnoser: Diagnose[];
  annenFravarsgrunn?: { grunner: AnnenFravarsgrunn[]; beskrivelse?: string };
  svangerskap: boolean;
  /** Occupational injury, with the date of injury when known. */
  yrkesskade?: { yrkesskadeDato?: string };
  /** Hide the medical content from the patient (field 3.x "skjermes for pasient"). */
  skjermesForPasient: boolean;
  /** Field 4: the periods. */
  perioder: Periode[];
  prognose?: Prognose;
  /** Field 6: supplementary medical information. */
  utdypendeOpplysninger: UtdypendeOpplysning[];
  tiltak?: { tiltakArbeidsplassen?: string; tiltakNav?: string; andreTiltak?: string };
  /** Field 8: message to NAV (never shown to the employer). */
  meldingTilNav?: { bistandUmiddelbart: boolean; beskrivBistand?: string };
  /** Field 9: message to the employer. */
  meldingTilArbeidsgiver?: string;
  /** Field 2: employment situation (code list 8130). */
  arbeidsgiver: { harArbeidsgiver: 'EN' | 'FLERE' | 'INGEN'; navn?: string; yrkesbetegnelse?: string; stillingsprosent?: number };
  /** Field 11: backdating — date of documented contact and justification (11.2). */
  tilbakedatering?: { kontaktDato?: string; begrunnelse?: string };
  /** Field 12.1: when the patient was seen. */
  behandletTidspunkt: string;
  /** When the sykmelding was signed (MsgHead GenDate / sent time). */
  signaturDato: string;
  /** The doctor's own statement of when the sick-leave case started. */
  syketilfelleStartDato?: string;
  behandler: { hpr?: string; fnr?: string; navn?: string };
  /** The form's ruleset version (XML flow); digital submissions count as "3". */
  regelsettVersjon?: string;
}

/** Status of an earlier sykmelding as the rules see it. */
export interface TidligereSykmelding {
  id: string;
  status: 'OK' | 'MANUAL_PROCESSING' | 'INVALID';
  /** What the patient did with it (SENDT, BEKREFTET, AVBRUTT, …). */
  brukerhandling?: string;
  merknader: string[];
  perioder: Periode[];
  hoveddiagnoseKode?: string;
}
