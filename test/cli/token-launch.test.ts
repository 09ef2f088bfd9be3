/**
 * `helsebro token --patient` opens the launch as the EHR would, with the doctor's whole access, and
 * then authorises the app with the scopes asked for: a patient-level scope gives a token for that
 * one patient (before, the launch itself was asked for with the narrow token and refused).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { fetchToken } from '../../src/cli/token.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { freePort } from '../support/ports.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 4;

describe('helsebro token --patient with narrow scopes', () => {
  let s: TestServer;
  let base: string;
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, publicBaseUrl: `${base}/fhir` });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 30 });
    await s.app.listen({ port, host: '127.0.0.1' });
  });
  after(() => s.close());

  it('gives a token for the launch patient only', async () => {
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    const whole = await fetchToken({ url: base, as: doctor });
    const list = await (await fetch(`${base}/fhir/Patient?_count=2&_elements=id`, { headers: { authorization: `Bearer ${whole}` } })).json() as { entry: Array<{ resource: { id: string } }> };
    const [patient, other] = list.entry.map((e) => e.resource.id);
    const token = await fetchToken({ url: base, as: doctor, patient, scope: 'launch openid fhirUser patient/*.rs' });
    const read = (id: string) => fetch(`${base}/fhir/Patient/${id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await read(patient)).status, 200);
    assert.equal((await read(other)).status, 404, 'another patient on the list is not in this token');
  });
});
