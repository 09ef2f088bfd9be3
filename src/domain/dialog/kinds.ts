/**
 * The dialogmelding kinds between NAV and the behandler, as data: one row per kind with its
 * Volven code (kodeverk:kode), direction, whether it expects an answer, which answers may answer
 * it, the fee code (takst) recorded on the answer and a default answer deadline. Reference:
 * legeerklaering-and-dialog §2.1–2.3 (isdialogmelding for NAV→doctor, padm2 for doctor→NAV).
 */

/** Volven code lists (OID prefix 2.16.578.1.12.4.1.1.). */
export const KODEVERK_OID_PREFIX = '2.16.578.1.12.4.1.1.';
export type Kodeverk = '8125' | '8126' | '8127' | '8128' | '8129' | '9069';

export interface Koding {
  kodeverk: Kodeverk;
  kode: string;
}

export function kodeverkOid(kodeverk: Kodeverk): string {
  return `${KODEVERK_OID_PREFIX}${kodeverk}`;
}

export type Retning = 'NAV_TIL_BEHANDLER' | 'BEHANDLER_TIL_NAV';
export type Takst = 'L8' | 'L40';

export type RequestKindId =
  | 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER'
  | 'FORESPORSEL_PASIENT_LEGEERKLARING'
  | 'FORESPORSEL_PASIENT_PAMINNELSE'
  | 'HENVENDELSE_RETUR_LEGEERKLARING'
  | 'HENVENDELSE_MELDING_FRA_NAV'
  | 'HENVENDELSE_FRISKMELDING_TIL_ARBEIDSFORMIDLING'
  | 'OPPFOLGINGSPLAN'
  | 'DIALOGMOTE_INNKALLING'
  | 'DIALOGMOTE_NYTT_TID_STED'
  | 'DIALOGMOTE_AVLYST'
  | 'DIALOGMOTE_REFERAT';

/**
 * Doctor→NAV kinds. LEGEERKLARING is not a dialogmelding (it arrives on form NAV 08-07.08 through
 * NAV's legeerklæring intake) but it is what answers a request for a legeerklæring.
 */
export type AnswerKindId = 'FORESPORSEL_SVAR' | 'HENVENDELSE' | 'MOTERESPONS' | 'LEGEERKLARING';

/** MsgInfo/Type as isdialogmelding writes it. */
export type Meldingstype = 'DIALOG_FORESPORSEL' | 'DIALOG_NOTAT' | 'OPPFOLGINGSPLAN';

/** Whether NAV waits for an answer (a forespørsel, with a due date) or only informs (a notat). */
export type Rolle = 'FORESPORSEL' | 'NOTAT';

export interface RequestKind {
  id: RequestKindId;
  retning: 'NAV_TIL_BEHANDLER';
  navn: string;
  name: string;
  koding: Koding;
  meldingstype: Meldingstype;
  ebService: string;
  ebAction: string;
  rolle: Rolle;
  /** Answer kinds that answer this kind (empty for a note). */
  besvaresAv: readonly AnswerKindId[];
  /** The fee the doctor may bill, recorded on the answer of the given kind. */
  takst?: { kode: Takst; paSvar: AnswerKindId };
  /** The form the answer is given on. */
  skjema?: 'NAV 08-07.08';
  /** Carries question or note text, so it becomes a FHIR CommunicationRequest. */
  harInnhold: boolean;
  /** A PDF attachment is part of the message. */
  vedlegg?: 'PDF';
  /** A påminnelse (8129:2) may follow this kind (reference §2.2: tilleggsopplysninger, legeerklæring, retur). */
  kanPurres: boolean;
  /** New thread, reuse of an existing one (reminder, return), or none at all (oppfølgingsplan). */
  samtale: 'NY' | 'GJENBRUK' | 'INGEN';
}

export interface AnswerKind {
  id: AnswerKindId;
  retning: 'BEHANDLER_TIL_NAV';
  navn: string;
  name: string;
  /** The TemaKodet values padm2 accepts for this ebAction (§2.3); none for a legeerklæring. */
  godtatt: readonly Koding[];
  ebService: string;
  ebAction: string;
  /** padm2 refuses an empty TekstNotatInnhold for these (§2.3 check 5). */
  kreverTekst: boolean;
}

const k = (kodeverk: Kodeverk, kode: string): Koding => ({ kodeverk, kode });

const FORESPORSEL = { meldingstype: 'DIALOG_FORESPORSEL', ebService: 'ForesporselFraSaksbehandler', ebAction: 'Foresporsel', rolle: 'FORESPORSEL' } as const;
const HENVENDELSE = { meldingstype: 'DIALOG_NOTAT', ebService: 'HenvendelseFraSaksbehandler', ebAction: 'Henvendelse' } as const;
const NOTAT = { ...HENVENDELSE, rolle: 'NOTAT', besvaresAv: [], kanPurres: false, samtale: 'NY' } as const;
/** A note from NAV (8127): nothing to answer, no deadline, no reminder. */
function notat(id: RequestKindId, navn: string, name: string, kode: string, extra: Partial<RequestKind> = {}): RequestKind {
  return { id, retning: 'NAV_TIL_BEHANDLER', navn, name, koding: k('8127', kode), ...NOTAT, harInnhold: true, ...extra };
}
const MOTE = { meldingstype: 'DIALOG_FORESPORSEL', ebService: 'DialogmoteInnkalling', ebAction: 'MoteInnkalling', rolle: 'FORESPORSEL', besvaresAv: ['MOTERESPONS'], kanPurres: false } as const;

export const REQUEST_KINDS: Readonly<Record<RequestKindId, RequestKind>> = {
  FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER: {
    id: 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', retning: 'NAV_TIL_BEHANDLER', navn: 'Forespørsel om tilleggsopplysninger', name: 'Request for additional information',
    koding: k('8129', '1'), ...FORESPORSEL, besvaresAv: ['FORESPORSEL_SVAR'], takst: { kode: 'L8', paSvar: 'FORESPORSEL_SVAR' }, harInnhold: true, kanPurres: true, samtale: 'NY',
  },
  FORESPORSEL_PASIENT_LEGEERKLARING: {
    id: 'FORESPORSEL_PASIENT_LEGEERKLARING', retning: 'NAV_TIL_BEHANDLER', navn: 'Forespørsel om legeerklæring', name: 'Request for a legeerklæring',
    // A doctor who cannot write the statement answers with a svar; only the legeerklæring itself earns L40.
    koding: k('8129', '1'), ...FORESPORSEL, besvaresAv: ['LEGEERKLARING', 'FORESPORSEL_SVAR'], takst: { kode: 'L40', paSvar: 'LEGEERKLARING' }, skjema: 'NAV 08-07.08', harInnhold: true, kanPurres: true, samtale: 'NY',
  },
  FORESPORSEL_PASIENT_PAMINNELSE: {
    id: 'FORESPORSEL_PASIENT_PAMINNELSE', retning: 'NAV_TIL_BEHANDLER', navn: 'Påminnelse', name: 'Reminder',
    // The answer to a reminder answers the original request; it is recorded there (see request-status.ts).
    koding: k('8129', '2'), ...FORESPORSEL, besvaresAv: ['FORESPORSEL_SVAR', 'LEGEERKLARING'], harInnhold: true, kanPurres: false, samtale: 'GJENBRUK',
  },
  HENVENDELSE_RETUR_LEGEERKLARING: {
    id: 'HENVENDELSE_RETUR_LEGEERKLARING', retning: 'NAV_TIL_BEHANDLER', navn: 'Retur av legeerklæring', name: 'Return of a legeerklæring',
    // A note, yet NAV waits for a corrected legeerklæring and may remind about it (§2.2), so it has a due date.
    koding: k('8127', '3'), ...HENVENDELSE, rolle: 'FORESPORSEL', besvaresAv: ['LEGEERKLARING', 'FORESPORSEL_SVAR'], skjema: 'NAV 08-07.08', harInnhold: true, kanPurres: true, samtale: 'GJENBRUK',
  },
  HENVENDELSE_MELDING_FRA_NAV: notat('HENVENDELSE_MELDING_FRA_NAV', 'Melding fra NAV', 'Message from NAV', '8'),
  HENVENDELSE_FRISKMELDING_TIL_ARBEIDSFORMIDLING: notat('HENVENDELSE_FRISKMELDING_TIL_ARBEIDSFORMIDLING', 'Friskmelding til arbeidsformidling', 'Fit note for job placement', '2'),
  // The note text only says "open the PDF"; the plan itself is the attachment (§2.2).
  OPPFOLGINGSPLAN: notat('OPPFOLGINGSPLAN', 'Oppfølgingsplan', 'Follow-up plan', '1', {
    meldingstype: 'OPPFOLGINGSPLAN', ebService: 'Oppfolgingsplan', ebAction: 'Plan', harInnhold: false, vedlegg: 'PDF', samtale: 'INGEN',
  }),
  DIALOGMOTE_INNKALLING: {
    id: 'DIALOGMOTE_INNKALLING', retning: 'NAV_TIL_BEHANDLER', navn: 'Innkalling til dialogmøte', name: 'Invitation to a dialogue meeting',
    koding: k('8125', '1'), ...MOTE, harInnhold: true, samtale: 'NY',
  },
  DIALOGMOTE_NYTT_TID_STED: {
    id: 'DIALOGMOTE_NYTT_TID_STED', retning: 'NAV_TIL_BEHANDLER', navn: 'Endring av tid eller sted for dialogmøte', name: 'New time or place for a dialogue meeting',
    koding: k('8125', '2'), ...MOTE, harInnhold: true, samtale: 'GJENBRUK',
  },
  DIALOGMOTE_AVLYST: notat('DIALOGMOTE_AVLYST', 'Avlysning av dialogmøte', 'Dialogue meeting cancelled', '4', { samtale: 'GJENBRUK' }),
  DIALOGMOTE_REFERAT: notat('DIALOGMOTE_REFERAT', 'Referat fra dialogmøte', 'Dialogue meeting summary', '9', { samtale: 'GJENBRUK' }),
};

export const ANSWER_KINDS: Readonly<Record<AnswerKindId, AnswerKind>> = {
  FORESPORSEL_SVAR: {
    id: 'FORESPORSEL_SVAR', retning: 'BEHANDLER_TIL_NAV', navn: 'Svar på forespørsel', name: 'Answer to a request',
    godtatt: [k('8129', '1'), k('8129', '2'), k('9069', '5')], ebService: 'ForesporselFraSaksbehandler', ebAction: 'ForesporselSvar', kreverTekst: true,
  },
  HENVENDELSE: {
    id: 'HENVENDELSE', retning: 'BEHANDLER_TIL_NAV', navn: 'Henvendelse fra lege', name: 'Message from the doctor',
    godtatt: [k('8128', '1'), k('8128', '2')], ebService: 'HenvendelseFraLege', ebAction: 'Henvendelse', kreverTekst: true,
  },
  MOTERESPONS: {
    id: 'MOTERESPONS', retning: 'BEHANDLER_TIL_NAV', navn: 'Svar på innkalling til dialogmøte', name: 'Reply to a meeting invitation',
    godtatt: [k('8126', '1'), k('8126', '2'), k('8126', '3')], ebService: 'DialogmoteInnkalling', ebAction: 'MoteRespons', kreverTekst: false,
  },
  LEGEERKLARING: {
    id: 'LEGEERKLARING', retning: 'BEHANDLER_TIL_NAV', navn: 'Legeerklæring ved arbeidsuførhet', name: 'Medical statement (form NAV 08-07.08)',
    godtatt: [], ebService: 'Legemelding', ebAction: 'Legeerklaring', kreverTekst: false,
  },
};

export function isForesporsel(kind: RequestKindId): boolean {
  return REQUEST_KINDS[kind].rolle === 'FORESPORSEL';
}

/** The takst an answer of `answer` kind to a request of `request` kind records, if any. */
export function takstFor(request: RequestKindId, answer: AnswerKindId): Takst | undefined {
  const takst = REQUEST_KINDS[request].takst;
  return takst && takst.paSvar === answer ? takst.kode : undefined;
}

export function answers(request: RequestKindId, answer: AnswerKindId): boolean {
  return REQUEST_KINDS[request].besvaresAv.includes(answer);
}

/**
 * Default answer deadlines in calendar days from the day the request is sent (our choice: the
 * reference gives none). A legeerklæring needs a consultation, so it gets three weeks; a reminder
 * gives one more week; a meeting reply is wanted within a week. Override per kind with `FristConfig`.
 */
export const DEFAULT_FRIST_DAGER: Readonly<Partial<Record<RequestKindId, number>>> = {
  FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER: 14,
  FORESPORSEL_PASIENT_LEGEERKLARING: 21,
  FORESPORSEL_PASIENT_PAMINNELSE: 7,
  HENVENDELSE_RETUR_LEGEERKLARING: 14,
  DIALOGMOTE_INNKALLING: 7,
  DIALOGMOTE_NYTT_TID_STED: 7,
};

export type FristConfig = Partial<Record<RequestKindId, number>>;

/** The deadline in days for a kind, or undefined for a note (it expects no answer). */
export function fristDager(kind: RequestKindId, config: FristConfig = {}): number | undefined {
  if (!isForesporsel(kind)) return undefined;
  return config[kind] ?? DEFAULT_FRIST_DAGER[kind];
}

/** The request kinds that share a Volven code (8129:1 is both L8 and L40): the code alone does not tell them apart. */
export function requestKindsFor(koding: Koding): RequestKindId[] {
  return Object.values(REQUEST_KINDS).filter((r) => r.koding.kodeverk === koding.kodeverk && r.koding.kode === koding.kode).map((r) => r.id);
}
