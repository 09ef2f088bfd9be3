/**
 * A doctor writes in their own name only, also when the author is named by HPR number alone
 * (`author.identifier`) rather than by a reference: a sykmelding whose author is another doctor's
 * HPR number is refused, and is not stored.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 3;
const HPR = 'urn:oid:2.16.578.1.12.4.1.4.4';
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

describe('authorship by HPR identifier', () => {
  let s: TestServer;
  let headers: Record<string, string>;
  let patient: string;
  const count = async () => (await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse?subject=Patient/${patient}&_summary=count`, headers })).json.total;

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
    headers = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
    patient = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1&_elements=id', headers })).json.entry[0].resource.id;
  });
  after(() => s.close());

  it("refuses a $submit and a create whose author is another doctor's HPR number, storing nothing", async () => {
    const body = { ...EXAMPLE, id: undefined, authored: new Date().toISOString(), subject: { reference: `Patient/${patient}` }, author: { identifier: { system: HPR, value: hprNumber(SEED, 1) } } };
    const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers, body });
    assert.ok(submit.status === 403 || submit.status === 422, `${submit.status} ${submit.text.slice(0, 300)}`);
    const create = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', headers, body });
    assert.ok(create.status === 403 || create.status === 422, `${create.status} ${create.text.slice(0, 300)}`);
    assert.equal(await count(), 0);
  });
});
