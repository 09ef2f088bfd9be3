/**
 * $submit is all or nothing: a QuestionnaireResponse that is not a sykmelding, or one the intake
 * refuses, is answered 4xx and leaves the store as it was.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));
const PATIENT = JSON.parse(readFileSync(new URL('../../fhir/examples/Patient-eksempel-pasient.json', import.meta.url), 'utf8'));

for (const dialect of DIALECTS) {
  describe(`$submit all or nothing on ${dialect}`, () => {
    let s: TestServer;
    let patient: string;
    const stored = async () => {
      const qr = await s.request({ method: 'GET', url: '/fhir/QuestionnaireResponse/_history?_summary=count' });
      const tasks = await s.request({ method: 'GET', url: '/fhir/Task/_history?_summary=count' });
      return [qr.json.total, tasks.json.total];
    };
    before(async () => {
      s = await startTestServer(dialect);
      patient = (await s.request({ method: 'POST', url: '/fhir/Patient', body: { ...PATIENT, id: undefined } })).json.id;
    });
    after(() => s.close());

    const refused: Array<[string, () => Record<string, unknown>, number]> = [
      ['a QuestionnaireResponse of another questionnaire', () => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, questionnaire: 'http://example.org/Questionnaire/phq-9' }), 422],
      ['one without a questionnaire', () => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, questionnaire: undefined }), 422],
      ['a draft', () => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, status: 'in-progress' }), 400],
      ['a sykmelding without periods', () => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, item: EXAMPLE.item.filter((i: { linkId: string }) => i.linkId !== 'aktivitet') }), 422],
    ];
    for (const [what, body, status] of refused) {
      it(`refuses ${what} and stores nothing`, async () => {
        const before = await stored();
        const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: body() });
        assert.equal(res.status, status, res.text);
        assert.equal(res.json.resourceType, 'OperationOutcome');
        assert.deepEqual(await stored(), before);
      });
    }
  });
}
