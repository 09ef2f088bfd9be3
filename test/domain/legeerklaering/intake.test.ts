/** The intake checks at their limits: 15,000 characters, 300 MB, what the bytes really are, and duplicates. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  canonicalJson, checkAttachment, checkAttachmentSize, checkDuplicate, checkTextLength, contentHash, detectContentType, FOR_STOR, withOversizedTextsReplaced,
} from '../../../src/domain/legeerklaering/intake.ts';
import type { Legeerklaering } from '../../../src/domain/legeerklaering/index.ts';
import { legeerklaering } from './builders.ts';

const MB = 1024 * 1024;
const withTexts = (statusPresens: string, sykdomshistorie: string): Legeerklaering => {
  const le = legeerklaering();
  return { ...le, sykdomsopplysninger: { ...le.sykdomsopplysninger, statusPresens, sykdomshistorie } };
};
const bytes = (...b: number[]) => new Uint8Array([...b, 0x00, 0x01, 0x02]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const TIFF_LE = bytes(0x49, 0x49, 0x2a, 0x00);
const TIFF_BE = bytes(0x4d, 0x4d, 0x00, 0x2a);
const TEXT = new TextEncoder().encode('Epikrise\r\nPasienten ble utskrevet i god form. Æ ø å.\n');

describe('legeerklæring intake: text length', () => {
  const at = 'a'.repeat(15_000);
  const over = 'a'.repeat(15_001);

  it('accepts 15,000 characters in both point 2.5 and point 2.6', () => {
    assert.equal(checkTextLength(withTexts(at, at)), undefined);
  });

  it('counts characters as NAV does (UTF-16 units): 15,000 "æ" pass, and one more does not', () => {
    assert.equal(checkTextLength(withTexts('æ'.repeat(15_000), 'kort')), undefined);
    assert.equal(checkTextLength(withTexts('æ'.repeat(15_001), 'kort'))?.code, 'FOR_MANGE_TEGN_STATUSPRESENS');
  });

  it('15,001 characters in point 2.6 only → FOR_MANGE_TEGN_STATUSPRESENS, naming the field and advising attachments', () => {
    const f = checkTextLength(withTexts(over, at));
    assert.equal(f?.code, 'FOR_MANGE_TEGN_STATUSPRESENS');
    assert.equal(f?.status, 'INVALID');
    assert.match(f!.behandler.nb, /punkt 2\.6 \(status presens\)/);
    assert.doesNotMatch(f!.behandler.nb, /2\.5/);
    assert.match(f!.behandler.nb, /epikriser .* som vedlegg/);
    assert.match(f!.behandler.en, /point 2\.6.*epicrises .* as attachments/);
    assert.deepEqual(f?.inputs, { statusPresensTegn: 15_001, sykdomshistorieTegn: 15_000, maksTegn: 15_000 });
  });

  it('15,001 characters in point 2.5 only → FOR_MANGE_TEGN_SYMPTOMER', () => {
    const f = checkTextLength(withTexts(at, over));
    assert.equal(f?.code, 'FOR_MANGE_TEGN_SYMPTOMER');
    assert.match(f!.behandler.nb, /punkt 2\.5/);
    assert.doesNotMatch(f!.behandler.nb, /2\.6/);
  });

  it('both over → FOR_MANGE_TEGN_STATUSPRESENS_SYMPTOMER, naming both', () => {
    const f = checkTextLength(withTexts(over, over));
    assert.equal(f?.code, 'FOR_MANGE_TEGN_STATUSPRESENS_SYMPTOMER');
    assert.match(f!.behandler.nb, /punkt 2\.6 .* og punkt 2\.5/);
  });

  it('the copy still received has only the long field replaced by FOR STOR', () => {
    const copy = withOversizedTextsReplaced(withTexts(over, at));
    assert.equal(copy.sykdomsopplysninger.statusPresens, FOR_STOR);
    assert.equal(copy.sykdomsopplysninger.sykdomshistorie, at);
  });
});

describe('legeerklæring intake: attachments', () => {
  it('300 MB passes, 301 MB is refused (whole megabytes, rounded down)', () => {
    assert.equal(checkAttachmentSize(300 * MB), undefined);
    assert.equal(checkAttachmentSize(301 * MB - 1), undefined, '300.99 MB counts as 300');
    const f = checkAttachmentSize(301 * MB, 'epikrise.pdf');
    assert.equal(f?.code, 'VEDLEGG_FOR_STORT');
    assert.equal(f?.status, 'AVVIST');
    assert.match(f!.behandler.nb, /«epikrise\.pdf» er 301 MB; grensen er 300 MB/);
    assert.deepEqual(f?.inputs, { megabytes: 301, maksMegabytes: 300 });
  });

  it('checks the size first, from sizeBytes when only the start of the file is at hand', () => {
    assert.equal(checkAttachment({ contentType: 'application/pdf', bytes: PDF, sizeBytes: 301 * MB })?.code, 'VEDLEGG_FOR_STORT');
    assert.equal(checkAttachment({ contentType: 'application/pdf', bytes: PDF, sizeBytes: 300 * MB }), undefined);
  });

  it('recognises PDF, PNG, JPEG, TIFF (both byte orders) and plain text by their bytes', () => {
    assert.deepEqual([PDF, PNG, JPEG, TIFF_LE, TIFF_BE, TEXT].map(detectContentType), ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'image/tiff', 'text/plain']);
    assert.equal(detectContentType(bytes(0x50, 0x4b, 0x03, 0x04)), undefined, 'a zip file');
    assert.equal(detectContentType(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])), 'text/plain', '"GIF89a" alone is only text');
    assert.equal(detectContentType(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00])), undefined, 'a GIF');
    assert.equal(detectContentType(new Uint8Array([0x48, 0xe6, 0x72])), undefined, 'Latin-1 text is not UTF-8');
    assert.equal(detectContentType(new Uint8Array()), undefined, 'nothing');
  });

  it('accepts an attachment whose label matches its bytes, whatever the spelling of the label', () => {
    for (const [contentType, b] of [['application/pdf', PDF], ['IMAGE/PNG', PNG], ['image/jpeg', JPEG], ['image/pjpeg', JPEG], ['image/tiff', TIFF_BE], ['text/plain; charset=utf-8', TEXT]] as const) {
      assert.equal(checkAttachment({ contentType, bytes: b }), undefined, contentType);
    }
  });

  it('refuses a label that differs from the bytes: PNG bytes labelled image/jpeg', () => {
    const f = checkAttachment({ contentType: 'image/jpeg', bytes: PNG, tittel: 'bilde' });
    assert.equal(f?.code, 'VEDLEGG_FEIL_TYPE');
    assert.equal(f?.status, 'AVVIST');
    assert.deepEqual(f?.inputs, { deklarertType: 'image/jpeg', gjenkjentType: 'image/png' });
    assert.match(f!.behandler.nb, /merket image\/jpeg, men innholdet er image\/png/);
  });

  it('refuses a type that is not allowed, and bytes that are no allowed type', () => {
    assert.equal(checkAttachment({ contentType: 'application/zip', bytes: bytes(0x50, 0x4b, 0x03, 0x04) })?.code, 'VEDLEGG_TYPE_IKKE_TILLATT');
    assert.equal(checkAttachment({ contentType: 'image/gif', bytes: PNG })?.code, 'VEDLEGG_TYPE_IKKE_TILLATT');
    const unknown = checkAttachment({ contentType: 'application/pdf', bytes: bytes(0x50, 0x4b, 0x03, 0x04) });
    assert.equal(unknown?.code, 'VEDLEGG_UKJENT_INNHOLD');
    assert.deepEqual(unknown?.inputs, { deklarertType: 'application/pdf', gjenkjentType: null });
  });
});

describe('legeerklæring intake: duplicates', () => {
  it('hashes with SHA-256 over a canonical serialisation', () => {
    const le = legeerklaering();
    const { msgId: _m, mottattTidspunkt: _t, ...content } = le;
    assert.equal(contentHash(le), createHash('sha256').update(canonicalJson(content)).digest('hex'));
  });

  it('gives the same hash whatever the key order and message metadata, and another for other content', () => {
    const le = legeerklaering();
    const reordered = Object.fromEntries(Object.entries(le).reverse()) as unknown as Legeerklaering;
    assert.equal(contentHash(reordered), contentHash(le));
    assert.equal(contentHash({ ...le, msgId: 'other', mottattTidspunkt: '2027-01-01T00:00:00Z' }), contentHash(le));
    assert.notEqual(contentHash(withTexts('Annen status.', le.sykdomsopplysninger.sykdomshistorie)), contentHash(le));
    assert.equal(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 'x' }] }), '{"a":[null,{"c":"x"}],"b":1}');
  });

  it('refuses the same content under a new message id, and the same message id with new content', () => {
    const le = legeerklaering();
    const earlier = [{ msgId: 'le-0', contentHash: contentHash(le) }];
    const sameContent = checkDuplicate({ msgId: 'le-2', contentHash: contentHash(le) }, earlier);
    assert.equal(sameContent?.code, 'DUPLIKAT_INNHOLD');
    assert.equal(sameContent?.status, 'AVVIST');
    assert.match(sameContent!.behandler.nb, /ikke send den igjen/);
    assert.deepEqual(sameContent?.inputs, { contentHash: contentHash(le), tidligereMsgId: 'le-0' });
    assert.equal(checkDuplicate({ msgId: 'le-0', contentHash: 'f'.repeat(64) }, earlier)?.code, 'DUPLIKAT_MELDINGSID');
    assert.equal(checkDuplicate({ msgId: 'le-2', contentHash: 'f'.repeat(64) }, earlier), undefined);
    assert.equal(checkDuplicate({ msgId: 'le-0', contentHash: contentHash(le) }, []), undefined);
  });
});
