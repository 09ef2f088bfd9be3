/**
 * The checks padm2 makes on a doctor's dialogmelding before anything else looks at it
 * (legeerklaering-and-dialog §2.3, checks 5 and 6): the ebAction decides the kind, its TemaKodet
 * must be one the kind accepts ("message type does not match content"), a ForesporselSvar must not
 * carry a dialogmøte code in TypeForesp, and a henvendelse or svar must have note text.
 */
import { ANSWER_KINDS, KODEVERK_OID_PREFIX, type AnswerKindId } from './kinds.ts';

export interface CodedValue {
  /** The OID, with or without `urn:oid:`. */
  system: string;
  kode: string;
}

export interface IncomingDialogmelding {
  ebService?: string;
  ebAction: string;
  temaKodet: CodedValue;
  typeForesp?: CodedValue;
  tekstNotatInnhold?: string;
}

export type AnswerProblemCode = 'UKJENT_MELDINGSTYPE' | 'MELDINGSTYPE_PASSER_IKKE_INNHOLD' | 'TYPEFORESP_ER_DIALOGMOTE' | 'MANGLER_TEKST';

export interface AnswerProblem {
  code: AnswerProblemCode;
  /** Norwegian text for the apprec (X99 puts the text in DN). */
  tekst: string;
}

export type AnswerCheck = { ok: true; kind: AnswerKindId } | { ok: false; kind?: AnswerKindId; problems: AnswerProblem[] };

const DIALOGMOTE_KODEVERK = `${KODEVERK_OID_PREFIX}8125`;

function oid(system: string): string {
  return system.replace(/^urn:oid:/i, '');
}

/** The dialogmelding kind an ebAction names; a legeerklæring is not a dialogmelding. */
export function answerKindFor(ebAction: string): AnswerKindId | undefined {
  return Object.values(ANSWER_KINDS).find((a) => a.godtatt.length > 0 && a.ebAction === ebAction)?.id;
}

export function checkAnswer(melding: IncomingDialogmelding): AnswerCheck {
  const kind = answerKindFor(melding.ebAction);
  if (!kind) return { ok: false, problems: [{ code: 'UKJENT_MELDINGSTYPE', tekst: `Ukjent meldingstype: ${melding.ebAction}` }] };
  const def = ANSWER_KINDS[kind];
  const problems: AnswerProblem[] = [];
  // padm2 checks the text first (check 5), then the code combination (check 6); we report both.
  if (def.kreverTekst && !melding.tekstNotatInnhold?.trim()) problems.push({ code: 'MANGLER_TEKST', tekst: 'Meldingen mangler tekst i notatet' });
  const system = oid(melding.temaKodet.system);
  if (!def.godtatt.some((g) => `${KODEVERK_OID_PREFIX}${g.kodeverk}` === system && g.kode === melding.temaKodet.kode)) {
    problems.push({ code: 'MELDINGSTYPE_PASSER_IKKE_INNHOLD', tekst: 'Meldingstypen stemmer ikke med innholdet' });
  }
  if (kind === 'FORESPORSEL_SVAR' && melding.typeForesp && oid(melding.typeForesp.system) === DIALOGMOTE_KODEVERK) {
    problems.push({ code: 'TYPEFORESP_ER_DIALOGMOTE', tekst: 'Svar på forespørsel kan ikke ha en dialogmøtekode som type forespørsel' });
  }
  return problems.length ? { ok: false, kind, problems } : { ok: true, kind };
}
