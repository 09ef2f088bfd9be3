/**
 * `$legeerklaering-dry-run` with a malformed draft: an `item` that is an object rather than an
 * array, or an answer that is null, is bad input (400 or 422), never a 500.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createRef, startTestServer, type TestServer } from '../support/runtime.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-legeerklaering.json', import.meta.url), 'utf8'));
const URL_DRY_RUN = '/fhir/QuestionnaireResponse/$legeerklaering-dry-run';

describe('legeerklæring $legeerklaering-dry-run with a malformed draft', () => {
  let s: TestServer;
  let patient: string;
  let author: string;
  const draft = (change: (qr: any) => void) => {
    const qr = structuredClone(EXAMPLE);
    delete qr.id;
    qr.subject = { reference: patient };
    qr.author = { reference: author };
    change(qr);
    return qr;
  };

  before(async () => {
    s = await startTestServer('pglite', {}, { now: () => new Date('2026-11-23T09:30:00Z') });
    patient = await createRef(s, { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: '07838412305' }], birthDate: '1984-03-07' });
    author = await createRef(s, { resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '9144889' }] });
  });
  after(() => s.close());

  it('answers an item that is an object, not an array, as bad input', async () => {
    const res = await s.request({ method: 'POST', url: URL_DRY_RUN, body: draft((qr) => { qr.item = {}; }) });
    assert.ok(res.status === 400 || res.status === 422, `${res.status} ${res.text.slice(0, 200)}`);
  });

  it('answers a null answer as bad input', async () => {
    const nullAnswers = (items: any[]) => { for (const i of items ?? []) { if (i.answer) i.answer = i.answer.map(() => null); nullAnswers(i.item); } };
    const res = await s.request({ method: 'POST', url: URL_DRY_RUN, body: draft((qr) => nullAnswers(qr.item)) });
    assert.ok(res.status === 400 || res.status === 422, `${res.status} ${res.text.slice(0, 200)}`);
  });
});
