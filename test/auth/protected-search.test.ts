/**
 * What a protected address hides is not searchable either: for everyone but the patient, a Patient
 * with fortrolig / strengt fortrolig adresse is searched, sorted and followed as if it had no
 * address, contact details or managing organisation — found by name or identity number, never by
 * those. The patient themselves still finds their own by them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem, makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { EXT } from '../../src/fhir/helsebro-codes.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, officeId, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { searchRefs, startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 23;
const CITY = 'Skjulvik';
const POSTAL = '9797';
const PHONE = '+4791234567';
const EMAIL = 'skjult@example.no';

for (const dialect of DIALECTS) {
  describe(`search on what a protected address hides, on ${dialect}`, () => {
    let s: TestServer;
    let doctor: string;
    let patientToken: string;
    let protectedId: string;
    let openId: string;
    let laterId: string;
    let fnr: string;

    /** Patients by id, anything else as `Type/id`. */
    const ids = async (url: string, token: string) => (await searchRefs(s, url, token)).map((ref) => ref.replace(/^Patient\//, ''));

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 30 });
      doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
      const person = (birthDate: string, individ: number, city: string, level?: string) => {
        let ident: string | undefined;
        for (let n = individ; !ident; n++) ident = makeSyntheticIdent(birthDate, n);
        return {
          ident,
          resource: {
            resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: ident }], name: [{ family: 'Skjulstad', given: ['Kari'] }], birthDate,
            ...(level ? { extension: [{ url: EXT.ADRESSEBESKYTTELSE, valueCode: level }] } : {}),
            address: [{ line: ['Hemmelig vei 1'], postalCode: POSTAL, city }],
            telecom: [{ system: 'phone', value: PHONE }, { system: 'email', value: EMAIL }],
            generalPractitioner: [{ reference: `Practitioner/${practitionerId(0)}` }],
            managingOrganization: { reference: `Organization/${officeId(0)}` },
          },
        };
      };
      const hidden = person('1979-05-05', 401, CITY, 'STRENGT_FORTROLIG');
      fnr = hidden.ident;
      protectedId = (await s.runtime.service.create('Patient', hidden.resource)).stored.id;
      openId = (await s.runtime.service.create('Patient', person('1981-06-06', 411, CITY).resource)).stored.id;
      // A name after the protected one's: sorted by city, it comes first only if the hidden city sorts as none.
      laterId = (await s.runtime.service.create('Patient', person('1983-07-07', 421, 'Ytreby').resource)).stored.id;
      patientToken = await s.runtime.auth.tokenFor(`pid:${fnr}`);
    });
    after(() => s.close());

    it('finds the protected patient by name and identity number, not by address or contact details', async () => {
      assert.deepEqual(await ids(`/fhir/Patient?identifier=${IdentifierSystem.FNR}|${fnr}`, doctor), [protectedId]);
      assert.deepEqual((await ids('/fhir/Patient?family=Skjulstad', doctor)).sort(), [protectedId, openId, laterId].sort());
      for (const query of [`address-postalcode=${POSTAL}`, `address-city=${CITY}`, `address=${CITY}`, 'address=Hemmelig',
        `phone=${encodeURIComponent(PHONE)}`, `telecom=${encodeURIComponent(PHONE)}`, `email=${EMAIL}`, `organization=Organization/${officeId(0)}`]) {
        const found = await ids(`/fhir/Patient?family=Skjulstad&${query}`, doctor);
        assert.ok(found.includes(openId), `${query} finds the patient whose address is open`);
        assert.ok(!found.includes(protectedId), `${query} does not find the protected patient`);
      }
    });

    it('counts a hidden element as missing', async () => {
      for (const param of ['address-city', 'address-postalcode', 'phone', 'email', 'telecom', 'organization']) {
        assert.deepEqual(await ids(`/fhir/Patient?family=Skjulstad&${param}:missing=true`, doctor), [protectedId], param);
        assert.deepEqual((await ids(`/fhir/Patient?family=Skjulstad&${param}:missing=false`, doctor)).sort(), [openId, laterId].sort(), param);
      }
      assert.deepEqual(await ids(`/fhir/Patient?family=Skjulstad&phone:not=${encodeURIComponent(PHONE)}`, doctor), [protectedId], ':not matches what has no such value');
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient?family=Skjulstad&address-city=${CITY}&_summary=count`, headers: { authorization: `Bearer ${doctor}` } })).json.total, 1);
    });

    it('sorts a hidden value as no value', async () => {
      assert.deepEqual(await ids('/fhir/Patient?family=Skjulstad&_sort=address-city', doctor), [openId, laterId, protectedId]);
      assert.deepEqual(await ids('/fhir/Patient?family=Skjulstad&_sort=-address-postalcode,_id', doctor), [openId, laterId].sort().concat(protectedId));
    });

    it('does not follow a hidden managing organisation', async () => {
      assert.deepEqual(await ids(`/fhir/Patient?_id=${openId}&_include=Patient:organization`, doctor), [openId, `Organization/${officeId(0)}`]);
      assert.deepEqual(await ids(`/fhir/Patient?_id=${protectedId}&_include=Patient:organization`, doctor), [protectedId]);
      assert.deepEqual(await ids(`/fhir/Patient?_id=${protectedId}&_include=*`, doctor), [protectedId, `Practitioner/${practitionerId(0)}`]);
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${IdentifierSystem.FNR}|${fnr}`, doctor), []);
      assert.deepEqual(await ids(`/fhir/Organization?_id=${officeId(0)}&_revinclude=Patient:organization&_count=100`, doctor).then((found) => found.includes(protectedId)), false);
      assert.deepEqual(await ids(`/fhir/Patient?organization.name:missing=false&_id=${protectedId}`, doctor), []);
    });

    it('lets the patient find their own by what is hidden from others', async () => {
      assert.deepEqual(await ids(`/fhir/Patient?address-city=${CITY}`, patientToken), [protectedId]);
      assert.deepEqual(await ids(`/fhir/Patient?phone=${encodeURIComponent(PHONE)}`, patientToken), [protectedId]);
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${IdentifierSystem.FNR}|${fnr}`, patientToken), [`Organization/${officeId(0)}`]);
    });
  });
}
