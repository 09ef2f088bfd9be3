/**
 * A NUL character (%00) anywhere in the URL — a query parameter's name or value, an id in the path —
 * is refused with 400 and an OperationOutcome at one place for every route: also the operations that
 * read Fastify's parsed query and path ($employer-view, $access-log, the terminology operations,
 * $validate, the sykmelding status operations) and the SMART endpoints, before it can reach
 * PostgreSQL, which cannot take it (the sykmelding operations answered such an id with a 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const REQUESTS: Array<[string, string]> = [
  ['GET', '/fhir/QuestionnaireResponse/qr-1/$employer-view?orgnr=97465227%00'],
  ['GET', '/fhir/QuestionnaireResponse/qr-1/$patient-view?x=%00'],
  ['GET', '/fhir/QuestionnaireResponse/qr-1/$status?x=%00'],
  ['GET', '/fhir/Patient/$access-log?patient=Patient/p1%00'],
  ['GET', '/fhir/Patient/$access-log?patient=Patient/p1&_count=1%00'],
  ['GET', '/fhir/Patient/$access-log?patient=Patient/p1&before=%00'],
  ['GET', '/fhir/CodeSystem/$lookup?system=urn:oid:2.16.578.1.12.4.1.1.7170%00&code=L03'],
  ['GET', '/fhir/CodeSystem/$lookup?system=urn:oid:2.16.578.1.12.4.1.1.7170&code=L03%00'],
  ['GET', '/fhir/CodeSystem/$validate-code?url=urn:oid:2.16.578.1.12.4.1.1.7170&code=%00'],
  ['POST', '/fhir/Patient/$validate?profile=http://hl7.no/fhir/StructureDefinition/no-basis-Patient%00'],
  ['GET', '/fhir/metadata?_pretty=true%00'],
  ['GET', '/fhir/Patient?%00=x'],
  ['GET', '/fhir/Patient/p1?_format=json%00'],
  ['GET', '/auth/authorize?response_type=code&client_id=x%00'],
  ['GET', '/fhir/QuestionnaireResponse/qr%00/$status'],
  ['GET', '/fhir/QuestionnaireResponse/qr%00/$employer-view?orgnr=974652277'],
  ['GET', '/fhir/QuestionnaireResponse/qr%00/$patient-view'],
  ['POST', '/fhir/QuestionnaireResponse/qr%00/$cancel'],
  ['POST', '/fhir/Task/t%00/$decide'],
];

describe('a NUL character in the URL on postgres', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('postgres');
  });
  after(() => s.close());

  for (const [method, url] of REQUESTS) {
    it(`is refused with 400: ${method} ${url}`, async () => {
      const res = await s.request({ method: method as 'GET', url, ...(method === 'POST' ? { body: url.includes('$validate') ? { resourceType: 'Patient' } : { resourceType: 'Parameters', parameter: [] } } : {}) });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome');
      assert.match(res.json.issue[0].diagnostics, /NUL/);
    });
  }
});
