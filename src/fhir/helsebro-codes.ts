/**
 * How HPR data, GP lists, employment, suspension and address protection are written in FHIR.
 * One place, so the generator, the rules' context builder and the docs agree.
 */
export const HPR = {
  /** Helsepersonellkategori (LE, TL, KI, MT, FT, PS, …). */
  KATEGORI: 'urn:oid:2.16.578.1.12.4.1.1.9060',
  /** Autorisasjon (1 = autorisasjon, 18 = LIS1-lisens, …). */
  AUTORISASJON: 'urn:oid:2.16.578.1.12.4.1.1.7704',
  /** Tilleggskompetanse (1 = sick leave beyond 12 weeks for FT/MT/KI). */
  TILLEGGSKOMPETANSE: 'urn:oid:2.16.578.1.12.4.1.1.7702',
} as const;

export const EXT = {
  /** On a category qualification: its autorisasjon (valueCoding from 7704). */
  AUTORISASJON: 'https://helsebro.no/fhir/StructureDefinition/hpr-autorisasjon',
  /** On Practitioner: suspended from issuing sykmeldinger (btsys); valuePeriod. */
  SUSPENSJON: 'https://helsebro.no/fhir/StructureDefinition/behandler-suspensjon',
  /** On PractitionerRole (fastlege): the GP list's capacity; valueInteger. */
  LISTELENGDE: 'https://helsebro.no/fhir/StructureDefinition/fastlege-listelengde',
  /** On Patient: protected address (valueCode FORTROLIG or STRENGT_FORTROLIG). */
  ADRESSEBESKYTTELSE: 'https://helsebro.no/fhir/StructureDefinition/adressebeskyttelse',
} as const;

export const ROLE_SYSTEM = 'https://helsebro.no/fhir/CodeSystem/rolle';
export const ORG_TYPE_SYSTEM = 'https://helsebro.no/fhir/CodeSystem/organisasjonstype';
export const RELATIONSHIP_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0131';
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

export const KATEGORI_TEXT: Record<string, string> = {
  LE: 'Lege', TL: 'Tannlege', KI: 'Kiropraktor', MT: 'Manuellterapeut', FT: 'Fysioterapeut', PS: 'Psykolog',
};

/** Helsebro's own systems for sykmelding status and tasks. */
export const TASK_CODE_SYSTEM = 'https://helsebro.no/fhir/CodeSystem/oppgavetype';
export const SYKMELDING_STATUS_SYSTEM = 'https://helsebro.no/fhir/CodeSystem/sykmelding-status';
export const SYKMELDING_HASH_SYSTEM = 'https://helsebro.no/fhir/sid/sykmelding-innhold';
/** A received legeerklæring: its content hash and the sender's message id (on its receipt Task), and its status (OK or INVALID). */
export const LEGEERKLAERING = {
  HASH_SYSTEM: 'https://helsebro.no/fhir/sid/legeerklaering-innhold',
  MSGID_SYSTEM: 'https://helsebro.no/fhir/sid/legeerklaering-melding',
  STATUS_SYSTEM: 'https://helsebro.no/fhir/CodeSystem/legeerklaering-status',
  RECEIPT_TASK_CODE: 'legeerklaering-mottak',
} as const;
/** The NAV ⇄ behandler dialogue (docs/dialog.md). Volven codes (8125–8129, 9069) are written as `urn:oid:` systems. */
export const DIALOG = {
  /** Our name of the message kind (8129:1 alone does not tell L8 from L40). */
  KIND_SYSTEM: 'https://helsebro.no/fhir/CodeSystem/dialogmelding-type',
  /** Our request statuses (requested … overdue, cancelled), as Task.businessStatus. */
  STATUS_SYSTEM: 'https://helsebro.no/fhir/CodeSystem/dialogmelding-status',
  /** MsgId of the EDI message (NAV's dialogmeldingUuid, or the doctor's msgId). */
  MSGID_SYSTEM: 'https://helsebro.no/fhir/sid/dialogmelding-id',
  /** MsgInfo/ConversationRef/RefToConversation. */
  CONVERSATION_SYSTEM: 'https://helsebro.no/fhir/sid/dialogmelding-samtale',
  /** Fee codes from the normaltariff (L8, L40). */
  TAKST_SYSTEM: 'https://helsebro.no/fhir/CodeSystem/takst',
  /** On Task: the routing decision (sub-extensions regel, flagg, forklaring-nb, forklaring-en). */
  EXT_RUTING: 'https://helsebro.no/fhir/StructureDefinition/dialogmelding-ruting',
  /**
   * Kommunenummer (Volven 3402) as an Organization identifier: the municipality's service that
   * answers for GP lists (legetjenesten), which receives requests about patients without a GP.
   */
  KOMMUNENUMMER_SYSTEM: 'urn:oid:2.16.578.1.12.4.1.1.3402',
  /** On Communication: the takst the answer earns (valueCoding). */
  EXT_TAKST: 'https://helsebro.no/fhir/StructureDefinition/dialogmelding-takst',
} as const;
