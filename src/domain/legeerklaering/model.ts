/**
 * The legeerklæring ved arbeidsuførhet (NAV form 08-07.08) as the domain sees it: every field of the
 * KITH schema Legeerklaring 2008-06-06, independent of FHIR or XML. Dates are `YYYY-MM-DD`, times
 * ISO 8601 with offset. Point numbers (2.5, 2.6) are the paper form's.
 *
 * Coded fields use readable names; `KITH_CODES` gives the schema's numeric values for each, for the
 * XML mapping to come.
 */
import type { Diagnose } from '../kodeverk/diagnose.ts';

/**
 * What the legeerklæring is for. The schema allows up to four crosses; like NAV we keep the first
 * only. Value 2 is "rehabiliteringspenger" in the schema, the benefit AAP replaced.
 */
export type LegeerklaeringGjelder = 'SYKEFRAVAER_OVER_8_UKER' | 'ARBEIDSAVKLARINGSPENGER' | 'YRKESRETTET_ATTFORING' | 'UFOREPENSJON';

export type JaNeiVetIkke = 'JA' | 'NEI' | 'VET_IKKE';

/**
 * Proposed measures (`AktueltTiltak@typeTiltak`). Code 5 is "yrkesrettet attføring" in the schema;
 * NAV's own model files it as arbeidsavklaringspenger. We keep the schema's meaning.
 */
export type Tiltak =
  | 'KJOP_AV_HELSETJENESTER' | 'REISETILSKUDD' | 'AKTIV_SYKMELDING' | 'HJELPEMIDLER_ARBEIDSPLASSEN'
  | 'YRKESRETTET_ATTFORING' | 'FRISKMELDING_TIL_ARBEIDSFORMIDLING' | 'ANDRE_TILTAK';

export type Arbeidssituasjon = 'INNTEKTSGIVENDE_ARBEID' | 'HJEMMEARBEIDENDE' | 'STUDENT' | 'ANNET';

/** Whether, and when, the patient can work: now, after treatment, or not at all. */
export type Arbeidsevne = 'NA' | 'ETTER_BEHANDLING' | 'NEI';

/** Whom the doctor wants NAV to contact (`Kontakt@kontakt`). */
export type Kontakt = 'BEHANDLENDE_LEGE' | 'ARBEIDSGIVER' | 'ARBEIDSKONTOR' | 'BASISGRUPPE' | 'ANNEN_INSTANS';

export interface Adresse {
  gateadresse?: string;
  postnummer?: string;
  poststed?: string;
  /** The schema's default is Norway. */
  land?: string;
}

export interface Arbeidsgiver {
  navn?: string;
  orgnr?: string;
  adresse?: Adresse;
  /** Whether this is the patient's main employment (`Arbeidsforhold@primartArbeidsforhold`). */
  primartArbeidsforhold?: boolean;
}

export interface Pasient {
  fornavn?: string;
  mellomnavn?: string;
  etternavn?: string;
  /** Fødselsnummer or D-nummer. */
  fnr: string;
  /** The NAV office the patient belongs to (`Pasient@trygdekontor`). */
  navKontor?: string;
  adresse?: Adresse;
  telefon?: string;
  yrke?: string;
  /** The occupation code (`Arbeidsforhold@yrkeskode`). */
  yrkeskode?: string;
  arbeidsgiver?: Arbeidsgiver;
  flereArbeidsforhold?: JaNeiVetIkke;
}

/** A referral for assessment or treatment: what, when referred, and the expected wait in weeks. */
export interface Henvisning {
  tekst: string;
  dato: string;
  antattVentetidUker: number;
}

export interface Plan {
  utredning?: Henvisning;
  behandling?: Henvisning;
  utredningsplan?: string;
  behandlingsplan?: string;
  /** When and how the earlier plan will be assessed again (`NyVurdering`). */
  vurderingAvTidligerePlan?: string;
  /** When NAV should ask for new medical information (`NyeLegeopplysninger`). */
  narSporreOmNyeLegeopplysninger?: string;
  /** Why further treatment is not relevant (`IkkeVidereBehandling`). */
  videreBehandlingIkkeAktueltGrunn?: string;
}

export interface Sykdomsopplysninger {
  /** The first diagnosis written; only ICPC-2 or ICD-10. */
  hoveddiagnose: Diagnose;
  bidiagnoser: Diagnose[];
  arbeidsuforFra?: string;
  /** Point 2.5: history, symptoms and treatment (`SymptomerBehandling`). */
  sykdomshistorie: string;
  /** Point 2.6: status presens, the findings (`StatusPresens`). */
  statusPresens: string;
  /** NAV should consider whether this is an occupational injury or disease. */
  borNavVurdereYrkesskade?: boolean;
  yrkesskadeDato?: string;
}

export interface ForslagTilTiltak {
  /** Whether measures are relevant at all (`ForslagTiltak@tiltak`). */
  behov?: boolean;
  tiltak: Tiltak[];
  /** With `ANDRE_TILTAK`: which other measures. */
  andreTiltak?: string;
  /** Details about the measures (required by the schema). */
  opplysninger: string;
  /** Limitations on the measures; the schema allows this or `begrunnelseIkkeTiltak`, not both. */
  begrensninger?: string;
  begrunnelseIkkeTiltak?: string;
}

export interface FunksjonsOgArbeidsevne {
  arbeidssituasjon: Arbeidssituasjon[];
  /** With `ANNET`: the other work situation. */
  annenArbeidssituasjon?: string;
  gjenopptaTidligereArbeid?: Arbeidsevne;
  taAnnetArbeid?: Arbeidsevne;
  /** What the patient should avoid in the present work (`IkkeGjore`). */
  hvaSkalUnngas?: string;
  /** What another job must take into account (`HensynAnnetYrke`). */
  hensynAnnetArbeid?: string;
  /** How the general function is reduced (`Funksjonsevne`). */
  vurderingFunksjonsevne?: string;
  /** What the work demands (`KravArbeid`). */
  kravTilArbeid?: string;
}

export interface Prognose {
  vilForbedreArbeidsevne?: boolean;
  anslattVarighetSykdom?: string;
  anslattVarighetFunksjonsnedsettelse?: string;
  anslattVarighetNedsattArbeidsevne?: string;
}

export interface Kontaktonsker {
  kontakt: Kontakt[];
  /** With `ANNEN_INSTANS`: which one. */
  annenInstans?: string;
  /** The doctor wants a copy of NAV's decision (`AndreOpplysninger@onskesKopi`). */
  onskesKopiAvVedtak?: boolean;
}

/**
 * Something the patient should not learn, for medical reasons (`ForbeholdLegeerklaring`).
 *
 * `tilbakeholdInnhold` is true when the attribute is 1, which the schema labels "Ja" (type
 * typeJaNei: 1 Ja, 2 Nei). NAV's pale-2 sets it true for 2 instead; we follow the schema, because a
 * "Nei" read as "withhold" would hide content that the doctor meant the patient to see, and the
 * reverse error is caught by the text in `pasientenBurdeIkkeVite`. See docs/legeerklaering.md.
 */
export interface Forbehold {
  tilbakeholdInnhold: boolean;
  /** What the patient should not learn (`BorTilbakeholdes`). */
  pasientenBurdeIkkeVite?: string;
}

/** The signer and the office, from the message header (and the signer's fnr from the digital signature). */
export interface Signatur {
  /** When it was signed: MsgHead GenDate, or QuestionnaireResponse.authored. */
  dato: string;
  hpr?: string;
  fnr?: string;
  navn?: string;
  kontor?: { navn?: string; orgnr?: string; adresse?: Adresse; telefon?: string };
}

export interface Legeerklaering {
  /** The sender's message id (MsgHead MsgId, or the QuestionnaireResponse's identifier). */
  msgId: string;
  /** When Helsebro received it (ISO dateTime); set on intake, not by the sender. */
  mottattTidspunkt: string;
  gjelder: LegeerklaeringGjelder;
  pasient: Pasient;
  plan?: Plan;
  sykdomsopplysninger: Sykdomsopplysninger;
  forslagTilTiltak: ForslagTilTiltak;
  funksjonsOgArbeidsevne: FunksjonsOgArbeidsevne;
  prognose: Prognose;
  /** How far the reduced function explains the reduced work capacity. */
  arsakssammenheng?: string;
  andreOpplysninger?: string;
  kontakt: Kontaktonsker;
  forbehold: Forbehold;
  signatur: Signatur;
}

/** The schema's numeric values (KITH Legeerklaring 2008-06-06) for each coded field. */
export const KITH_CODES = {
  gjelder: { SYKEFRAVAER_OVER_8_UKER: 1, ARBEIDSAVKLARINGSPENGER: 2, YRKESRETTET_ATTFORING: 3, UFOREPENSJON: 4 },
  jaNeiVetIkke: { JA: 1, NEI: 2, VET_IKKE: 3 },
  tiltak: {
    KJOP_AV_HELSETJENESTER: 1, REISETILSKUDD: 2, AKTIV_SYKMELDING: 3, HJELPEMIDLER_ARBEIDSPLASSEN: 4,
    YRKESRETTET_ATTFORING: 5, FRISKMELDING_TIL_ARBEIDSFORMIDLING: 6, ANDRE_TILTAK: 7,
  },
  arbeidssituasjon: { INNTEKTSGIVENDE_ARBEID: 1, HJEMMEARBEIDENDE: 2, STUDENT: 3, ANNET: 4 },
  kontakt: { BEHANDLENDE_LEGE: 1, ARBEIDSGIVER: 2, ARBEIDSKONTOR: 3, BASISGRUPPE: 4, ANNEN_INSTANS: 5 },
  /** typeJaNei: 1 Ja (true), 2 Nei (false), also for `tilbakeholdInnhold` (see Forbehold). */
  jaNei: { true: 1, false: 2 },
  /** typeNaEtter for `narGjenopptaArbeid`/`narTaAnnetArbeid`; `NEI` is `gjenopptaArbeid`/`taAnnetArbeid` = 2. */
  naEtter: { NA: 1, ETTER_BEHANDLING: 2 },
  /** typeKodesystem: only these two are accepted. */
  kodesystem: { ICPC2: 5, ICD10: 3 },
} as const satisfies Record<string, Record<string, number>>;
