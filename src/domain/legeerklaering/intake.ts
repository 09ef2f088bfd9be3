/**
 * The checks NAV runs on a legeerklæring before and beside its rules (reference §1.1), as pure
 * functions: text length, attachments (size and what their bytes really are), and duplicates by
 * content hash or message id. Each failed check gives an outcome code and a text for the doctor.
 *
 * Two kinds of failure, as NAV has them: a text over the limit makes the legeerklæring INVALID
 * (it is still received, with the long field replaced), while an attachment or a duplicate refuses
 * it outright (AVVIST) and nothing is kept.
 */
import { createHash } from 'node:crypto';
import type { Message } from '../rules/message.ts';
import type { Legeerklaering } from './model.ts';

export type IntakeCode =
  | 'FOR_MANGE_TEGN_STATUSPRESENS' | 'FOR_MANGE_TEGN_SYMPTOMER' | 'FOR_MANGE_TEGN_STATUSPRESENS_SYMPTOMER'
  | 'VEDLEGG_FOR_STORT' | 'VEDLEGG_TYPE_IKKE_TILLATT' | 'VEDLEGG_UKJENT_INNHOLD' | 'VEDLEGG_FEIL_TYPE'
  | 'DUPLIKAT_INNHOLD' | 'DUPLIKAT_MELDINGSID';

export interface IntakeFinding {
  code: IntakeCode;
  /** INVALID: received and marked invalid. AVVIST: refused, nothing kept. */
  status: 'INVALID' | 'AVVIST';
  /** For the doctor, in the negative receipt. */
  behandler: Message;
  /** What the check looked at. */
  inputs: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Text length

/**
 * The longest point 2.5 or 2.6 NAV accepts. Counted in UTF-16 code units, as NAV's `String.length`
 * counts, so that a text at the limit here is at the limit there too.
 */
export const MAX_TEXT_LENGTH = 15_000;

/** What replaces an over-long field in the copy that is still received. */
export const FOR_STOR = 'FOR STOR';

const FIELD = {
  statusPresens: { nb: 'punkt 2.6 (status presens)', en: 'point 2.6 (status presens)' },
  sykdomshistorie: { nb: 'punkt 2.5 (sykehistorie, symptomer og behandling)', en: 'point 2.5 (history, symptoms and treatment)' },
};

function tooLongText(fields: Array<keyof typeof FIELD>): Message {
  const nb = fields.map((f) => FIELD[f].nb).join(' og ');
  const en = fields.map((f) => FIELD[f].en).join(' and ');
  return {
    nb: `Teksten i ${nb} er lengre enn ${MAX_TEXT_LENGTH} tegn. Skriv et kortere sammendrag, og send epikriser og andre lange dokumenter som vedlegg.`,
    en: `The text in ${en} is longer than ${MAX_TEXT_LENGTH} characters. Write a shorter summary, and send epicrises and other long documents as attachments.`,
  };
}

/** Points 2.5 and 2.6 within 15,000 characters each; over it, INVALID naming the field(s). */
export function checkTextLength(le: Legeerklaering): IntakeFinding | undefined {
  const statusPresens = le.sykdomsopplysninger.statusPresens.length;
  const sykdomshistorie = le.sykdomsopplysninger.sykdomshistorie.length;
  const long = (['statusPresens', 'sykdomshistorie'] as const).filter((f) => le.sykdomsopplysninger[f].length > MAX_TEXT_LENGTH);
  if (long.length === 0) return undefined;
  const code: IntakeCode = long.length === 2 ? 'FOR_MANGE_TEGN_STATUSPRESENS_SYMPTOMER' : long[0] === 'statusPresens' ? 'FOR_MANGE_TEGN_STATUSPRESENS' : 'FOR_MANGE_TEGN_SYMPTOMER';
  return { code, status: 'INVALID', behandler: tooLongText(long), inputs: { statusPresensTegn: statusPresens, sykdomshistorieTegn: sykdomshistorie, maksTegn: MAX_TEXT_LENGTH } };
}

/** The copy NAV still receives for an over-long legeerklæring: each field over the limit replaced by "FOR STOR". */
export function withOversizedTextsReplaced(le: Legeerklaering): Legeerklaering {
  const s = le.sykdomsopplysninger;
  const cut = (text: string) => (text.length > MAX_TEXT_LENGTH ? FOR_STOR : text);
  return { ...le, sykdomsopplysninger: { ...s, statusPresens: cut(s.statusPresens), sykdomshistorie: cut(s.sykdomshistorie) } };
}

// ---------------------------------------------------------------------------------------------
// Attachments

/** The largest attachment, in whole megabytes (MiB, rounded down, as NAV counts): 300 passes, 301 does not. */
export const MAX_ATTACHMENT_MB = 300;
const MB = 1024 * 1024;

export type AllowedContentType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'text/plain';
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set<AllowedContentType>(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain']);

/** Other names EHRs use for the same formats; they are the same bytes, so they are not a mismatch. */
const ALIASES: Record<string, AllowedContentType> = { 'image/pjpeg': 'image/jpeg', 'image/jpg': 'image/jpeg', 'image/tif': 'image/tiff' };

const MAGIC: ReadonlyArray<[AllowedContentType, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/tiff', [0x49, 0x49, 0x2a, 0x00]], // little-endian "II*\0"
  ['image/tiff', [0x4d, 0x4d, 0x00, 0x2a]], // big-endian "MM\0*"
];

/**
 * Plain text has no signature: we take bytes as text when they are valid UTF-8 (ASCII included)
 * with no control characters but tab, line feed, form feed and carriage return. Latin-1 text with
 * æøå is not valid UTF-8 and is not recognised; such a file should be sent as PDF.
 */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof TypeError) return false; // not UTF-8
    throw err;
  }
  return text.length > 0 && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** What the bytes are, by their first bytes; undefined when they are none of the allowed types. */
export function detectContentType(bytes: Uint8Array): AllowedContentType | undefined {
  const magic = MAGIC.find(([, sig]) => sig.every((b, i) => bytes[i] === b));
  if (magic) return magic[0];
  return isPlainText(bytes) ? 'text/plain' : undefined;
}

/** `Image/JPEG; charset=x` → `image/jpeg`, and the aliases to their common name. */
export function normaliseContentType(declared: string): string {
  const bare = declared.split(';')[0].trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

export interface Vedlegg {
  /** The type the sender declared. */
  contentType: string;
  bytes: Uint8Array;
  /** The full size when `bytes` holds only the start of a large attachment; else its length. */
  sizeBytes?: number;
  tittel?: string;
}

const refused = (code: IntakeCode, nb: string, en: string, inputs: Record<string, unknown>): IntakeFinding => ({ code, status: 'AVVIST', behandler: { nb, en }, inputs });

/** At most 300 whole megabytes. */
export function checkAttachmentSize(sizeBytes: number, tittel = 'vedlegg'): IntakeFinding | undefined {
  const megabytes = Math.floor(sizeBytes / MB);
  if (megabytes <= MAX_ATTACHMENT_MB) return undefined;
  return refused('VEDLEGG_FOR_STORT',
    `Vedlegget «${tittel}» er ${megabytes} MB; grensen er ${MAX_ATTACHMENT_MB} MB. Del det opp eller komprimer det, og send legeerklæringen på nytt.`,
    `The attachment "${tittel}" is ${megabytes} MB; the limit is ${MAX_ATTACHMENT_MB} MB. Split or compress it and send the legeerklæring again.`,
    { megabytes, maksMegabytes: MAX_ATTACHMENT_MB });
}

/**
 * One attachment: its size, then that its declared type is allowed, that its bytes are an allowed
 * type, and that the two agree. A wrong label is refused rather than corrected: the receiver would
 * otherwise open the file with the wrong program, and a mislabelled file is also how harmful
 * content is smuggled past a filter.
 */
export function checkAttachment(v: Vedlegg): IntakeFinding | undefined {
  const tittel = v.tittel ?? 'vedlegg';
  const size = checkAttachmentSize(v.sizeBytes ?? v.bytes.length, tittel);
  if (size) return size;
  const declared = normaliseContentType(v.contentType);
  if (!ALLOWED_CONTENT_TYPES.has(declared)) {
    return refused('VEDLEGG_TYPE_IKKE_TILLATT',
      `Vedlegget «${tittel}» er av typen ${declared}, som NAV ikke tar imot. Send det som PDF, PNG, JPEG, TIFF eller ren tekst.`,
      `The attachment "${tittel}" is of type ${declared}, which NAV does not accept. Send it as PDF, PNG, JPEG, TIFF or plain text.`,
      { deklarertType: declared });
  }
  const detected = detectContentType(v.bytes);
  if (!detected) {
    return refused('VEDLEGG_UKJENT_INNHOLD',
      `Innholdet i vedlegget «${tittel}» er ikke PDF, PNG, JPEG, TIFF eller ren tekst, selv om det er merket ${declared}. Lagre det på nytt i en av disse formatene.`,
      `The content of the attachment "${tittel}" is not PDF, PNG, JPEG, TIFF or plain text, although it is labelled ${declared}. Save it again in one of these formats.`,
      { deklarertType: declared, gjenkjentType: null });
  }
  if (detected !== declared) {
    return refused('VEDLEGG_FEIL_TYPE',
      `Vedlegget «${tittel}» er merket ${declared}, men innholdet er ${detected}. Rett merkingen i journalsystemet og send legeerklæringen på nytt.`,
      `The attachment "${tittel}" is labelled ${declared}, but its content is ${detected}. Correct the label in the EHR and send the legeerklæring again.`,
      { deklarertType: declared, gjenkjentType: detected });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** JSON with the keys of every object sorted and undefined fields left out: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 over the legeerklæring's content: everything the doctor wrote, the patient and the
 * signature, but not the message id or the time we received it, so that the same legeerklæring
 * sent again under a new message id is recognised.
 */
export function contentHash(le: Legeerklaering): string {
  const { msgId: _msgId, mottattTidspunkt: _mottatt, ...content } = le;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export interface EarlierMessage { msgId: string; contentHash: string }

/** The same content or the same message id as an earlier legeerklæring: refused, and not to be sent again. */
export function checkDuplicate(candidate: EarlierMessage, earlier: ReadonlyArray<EarlierMessage>): IntakeFinding | undefined {
  const sameContent = earlier.find((e) => e.contentHash === candidate.contentHash);
  if (sameContent) {
    return refused('DUPLIKAT_INNHOLD',
      'En legeerklæring med nøyaktig det samme innholdet er mottatt før. Denne er ikke tatt imot; ikke send den igjen.',
      'A legeerklæring with exactly the same content has been received before. This one was not accepted; do not send it again.',
      { contentHash: candidate.contentHash, tidligereMsgId: sameContent.msgId });
  }
  if (earlier.some((e) => e.msgId === candidate.msgId)) {
    return refused('DUPLIKAT_MELDINGSID',
      'En melding med den samme meldings-ID-en er mottatt før. Denne er ikke tatt imot; ikke send den igjen.',
      'A message with the same message id has been received before. This one was not accepted; do not send it again.',
      { msgId: candidate.msgId });
  }
  return undefined;
}
