/**
 * A plain create of a sykmelding names its patient by fødselsnummer only (`subject.identifier`) and
 * puts one of the caller's own patients in `author` (a Patient is an author the compartment counts),
 * with the caller's HPR number as the author's identifier. The access check sees only the caller's
 * patient; the intake resolves the subject by the number, whoever's patient it is. The write must be
 * refused, and nothing about the other doctor's patient may be stored.
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
const FNR = 'urn:oid:2.16.578.1.12.4.1.4.1';
const HPR = 'urn:oid:2.16.578.1.12.4.1.4.4';
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

describe('a sykmelding naming another doctor’s patient by fødselsnummer', () => {
  let s: TestServer;
  let mine: Record<string, string>;
  let theirs: Record<string, string>;
  let ownPatient: string;
  let victim: { id: string; fnr: string };

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
    mine = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
    theirs = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 1)}`)}` };
    ownPatient = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: mine })).json.entry[0].resource.id;
    const other = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: theirs })).json.entry[0].resource;
    victim = { id: other.id, fnr: other.identifier.find((i: any) => i.system === FNR).value };
    assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${victim.id}`, headers: mine })).status, 404, 'not the caller’s patient');
  });
  after(() => s.close());

  it('is refused, and no status Task about that patient is stored', async () => {
    const before = (await s.request({ method: 'GET', url: `/fhir/Task?patient=Patient/${victim.id}&_summary=count`, headers: theirs })).json.total;
    const body = {
      ...EXAMPLE, id: undefined, authored: new Date().toISOString(),
      subject: { identifier: { system: FNR, value: victim.fnr } },
      author: { reference: `Patient/${ownPatient}`, identifier: { system: HPR, value: hprNumber(SEED, 0) } },
    };
    const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', headers: mine, body });
    assert.ok(res.status === 403 || res.status === 422, `${res.status} ${res.text.slice(0, 300)}`);
    const after = (await s.request({ method: 'GET', url: `/fhir/Task?patient=Patient/${victim.id}&_summary=count`, headers: theirs })).json.total;
    assert.equal(after, before, 'a Task about the other doctor’s patient was stored');
  });
});
