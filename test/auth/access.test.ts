/**
 * Need-to-know access on both stores: what each role may read and write, that searches, _include,
 * _revinclude, history and transactions never return another patient's data, and a seeded random
 * walk of requests as random users whose every returned resource is checked against the rules
 * (computed here independently from the stored data).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem } from '../../src/domain/identity/index.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { isCompartmentType } from '../../src/fhir/compartment.ts';
import { getValidator } from '../../src/server.ts';
import { fastlegeRoleId, hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 11;
const GPS = 4;

type Json = Record<string, any>;

/** A small deterministic generator for the random walk. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

interface User { who: string; token: string; allowedPatients: Set<string>; practitionerId?: string; roleId?: string; directory: boolean; created?: Set<string> }

/** What a citizen never reads: the sykmelding (through its view) and the dialogue's content. */
const CITIZEN_HIDDEN = new Set(['QuestionnaireResponse', 'CommunicationRequest', 'Communication', 'DocumentReference', 'Binary']);

for (const dialect of DIALECTS) {
  describe(`need-to-know access on ${dialect}`, () => {
    let s: TestServer;
    let patients: Json[];
    let doctors: User[];
    let citizens: User[];
    let employer: User;
    let caseworker: string;

    const get = (url: string, token: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const resourcesIn = (body: Json): Json[] => (body?.resourceType === 'Bundle' ? (body.entry ?? []).map((e: Json) => e.resource).filter(Boolean) : body?.resourceType ? [body] : []);

    /** The rule, stated independently of the SQL: directory data, or data about a patient the user may see. */
    function allowed(user: User, r: Json): boolean {
      if (user.who.startsWith('pid:') && CITIZEN_HIDDEN.has(r.resourceType)) return false;
      if (!isCompartmentType(r.resourceType)) return user.directory;
      if (user.created?.has(`${r.resourceType}/${r.id}`)) return true;
      if (r.resourceType === 'Patient') return user.allowedPatients.has(r.id);
      const refs = [...JSON.stringify(r).matchAll(/"reference":"Patient\/([^"]+)"/g)].map((m) => m[1]);
      if (refs.length > 0 && refs.every((id) => user.allowedPatients.has(id))) return true;
      if (!user.practitionerId) return false;
      if (r.author?.reference === `Practitioner/${user.practitionerId}`) return true;
      // What is addressed to the doctor or sent by them (a dialogue request, its text, their answer).
      const mine = new Set([`Practitioner/${user.practitionerId}`, `PractitionerRole/${user.roleId}`]);
      const named = [r.owner, r.sender, ...(r.recipient ?? [])].map((x: Json | undefined) => x?.reference);
      return named.some((ref) => mine.has(ref));
    }
    /** What doctors created through the API in these tests (each also in its creator's `created`). */
    const createdRefs: string[] = [];

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 60 });
      patients = (await s.runtime.service.repo.search({ resourceType: 'Patient', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => JSON.parse(m.content));
      // Two observations per patient: patient data that is not the Patient resource itself.
      await s.runtime.service.inTransaction(async (tx) => {
        for (const p of patients) for (const k of [0, 1]) {
          await tx.create('Observation', { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: k ? '8867-4' : '8310-5' }] }, subject: { reference: `Patient/${p.id}` }, effectiveDateTime: '2026-01-0' + (k + 1) });
        }
      });
      doctors = [];
      for (let gp = 0; gp < GPS; gp++) {
        const pid = practitionerId(gp);
        const list = patients.filter((p) => (p.generalPractitioner ?? []).some((g: Json) => g.reference === `Practitioner/${pid}`)).map((p) => p.id);
        doctors.push({ who: `hpr:${hprNumber(SEED, gp)}`, token: await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, gp)}`), allowedPatients: new Set(list), practitionerId: pid, roleId: fastlegeRoleId(gp), directory: true });
      }
      citizens = [];
      for (const p of patients.slice(0, 8)) {
        const pid = p.identifier[0].value;
        const same = patients.filter((q) => q.identifier[0].value === pid).map((q) => q.id);
        citizens.push({ who: `pid:${pid}`, token: await s.runtime.auth.tokenFor(`pid:${pid}`), allowedPatients: new Set(same), directory: true });
      }
      employer = { who: 'orgnr:974652277', token: await s.runtime.auth.tokenFor('orgnr:974652277'), allowedPatients: new Set(), directory: false };
      caseworker = await s.runtime.auth.tokenFor('nav:Z990001');
    });
    after(() => s.close());

    it('lets a doctor see their GP list and no one else, and a launch context add one patient', async () => {
      const d = doctors[0];
      assert.ok(d.allowedPatients.size > 0, 'the doctor has patients');
      const res = await get('/fhir/Patient?_count=100', d.token);
      assert.equal(res.status, 200);
      assert.deepEqual(new Set(resourcesIn(res.json).map((r) => r.id)), d.allowedPatients);
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!;
      const denied = await get(`/fhir/Patient/${stranger.id}`, d.token);
      assert.equal(denied.status, 404, 'answered as an id nobody holds');
      assert.equal(denied.json.resourceType, 'OperationOutcome');
      const launched = await s.runtime.auth.tokenFor(d.who, { patient: stranger.id });
      assert.equal((await get(`/fhir/Patient/${stranger.id}`, launched)).status, 200);
      assert.equal((await get(`/fhir/Observation?subject=Patient/${stranger.id}`, launched)).json.entry.length, 2);
    });

    it('lets a citizen see only their own data, never another person’s', async () => {
      const c = citizens[0];
      const mine = await get('/fhir/Patient', c.token);
      assert.deepEqual(resourcesIn(mine.json).map((r) => r.id).sort(), [...c.allowedPatients].sort());
      const observations = resourcesIn((await get('/fhir/Observation?_count=200', c.token)).json);
      assert.equal(observations.length, 2 * c.allowedPatients.size);
      const other = citizens[1];
      const denied = await get(`/fhir/Patient/${[...other.allowedPatients][0]}`, c.token);
      assert.equal(denied.status, 404, 'answered as an id nobody holds');
      const write = await s.request({ method: 'POST', url: '/fhir/Observation', headers: { authorization: `Bearer ${c.token}` }, body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${[...c.allowedPatients][0]}` } } });
      assert.equal(write.status, 403, 'citizens do not write patient data');
    });

    it('never leaks through _include, _revinclude, history or system search', async () => {
      const c = citizens[2];
      const queries = [
        '/fhir/Observation?_include=Observation:subject&_count=200',
        '/fhir/PractitionerRole?_revinclude=Patient:general-practitioner&_count=200',
        '/fhir/Practitioner?_revinclude:iterate=PractitionerRole:practitioner&_revinclude:iterate=Patient:general-practitioner&_count=200',
        '/fhir/Patient/_history?_count=200',
        '/fhir/Observation/_history?_count=200',
        '/fhir/_history?_count=200',
        '/fhir?_type=Patient,Observation&_count=200',
        `/fhir/Observation?subject:Patient.identifier=${IdentifierSystem.FNR}|${patients[30].identifier[0].value}`,
        `/fhir/Patient?_has:Observation:subject:code=8867-4&_count=200`,
      ];
      for (const user of [c, doctors[1]]) {
        for (const q of queries) {
          const res = await get(q, user.token);
          assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 200)}`);
          for (const r of resourcesIn(res.json)) assert.ok(allowed(user, r), `${user.who} got ${r.resourceType}/${r.id} through ${q}`);
        }
      }
      const history = await get(`/fhir/Patient/${[...citizens[3].allowedPatients][0]}/_history`, c.token);
      assert.equal(history.status, 404, 'answered as an id nobody holds');
    });

    it('gives a search pinned to one patient exactly what an unpinned search shows of that patient', async () => {
      const d = doctors[0];
      const own = [...d.allowedPatients][0];
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!.id;
      const c = citizens[0];
      const cases: Array<[User, string]> = [[d, own], [d, stranger], [c, [...c.allowedPatients][0]], [c, stranger]];
      for (const [user, patientId] of cases) {
        const all = resourcesIn((await get('/fhir/Observation?_count=500', user.token)).json)
          .filter((r) => r.subject?.reference === `Patient/${patientId}`).map((r) => r.id).sort();
        for (const q of [`subject=Patient/${patientId}`, `subject:Patient=${patientId}`, `subject=Patient/${patientId}&code=8867-4,8310-5`]) {
          const res = await get(`/fhir/Observation?${q}&_count=500`, user.token);
          assert.equal(res.status, 200, res.text);
          assert.deepEqual(resourcesIn(res.json).map((r) => r.id).sort(), all, `${user.who}: Observation?${q}`);
        }
        assert.equal(all.length, user.allowedPatients.has(patientId) ? 2 : 0);
      }
    });

    /** A doctor launched for a patient not on their list: their GP list and that patient. */
    const launchedUsers = async (): Promise<User[]> => {
      const d = doctors[1];
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!.id;
      return [{ ...d, who: `${d.who} launched for ${stranger}`, token: await s.runtime.auth.tokenFor(d.who, { patient: stranger }), allowedPatients: new Set([...d.allowedPatients, stranger]) }];
    };

    it('gives type history of exactly the resources a search shows the same user', async () => {
      for (const user of [citizens[2], doctors[1], ...(await launchedUsers())]) {
        for (const type of ['Observation', 'Patient']) {
          const search = await get(`/fhir/${type}?_count=1000`, user.token);
          const history = await get(`/fhir/${type}/_history?_count=1000`, user.token);
          assert.equal(history.status, 200);
          const seen = new Set(resourcesIn(search.json).map((r) => r.id));
          assert.ok(seen.size > 0, `${user.who} sees some ${type}`);
          assert.deepEqual(new Set(resourcesIn(history.json).map((r) => r.id)), seen, `${user.who}: ${type} history`);
          const total = history.json.total;
          assert.ok(total >= seen.size);
          // Every page, and a page past the end, reports the same total.
          for (const q of ['_count=1', `_count=2&_offset=${total - 1}`, `_count=1&_offset=${total + 3}`, '_count=0']) {
            assert.equal((await get(`/fhir/${type}/_history?${q}`, user.token)).json.total, total, `${user.who}: ${type}/_history?${q}`);
          }
        }
      }
    });

    it('gives system history of exactly the resources searches show the same user, of every type', async () => {
      // A patient-reported observation refers to its patient twice (subject and performer): it is
      // still one resource, and each of its versions is counted once.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const since = new Date().toISOString();
      for (const patient of [[...citizens[2].allowedPatients][0], [...doctors[1].allowedPatients][0]]) {
        await s.runtime.service.inTransaction((tx) => tx.create('Observation', {
          resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
          subject: { reference: `Patient/${patient}` }, performer: [{ reference: `Patient/${patient}` }], effectiveDateTime: '2026-01-03',
        }));
      }
      const stored = await s.runtime.service.repo.history({ count: 5000, offset: 0 });
      const types = [...new Set(stored.entries.map((e) => e.resourceType))];
      assert.ok(types.length >= 5, `the store holds several types (${types.join(', ')})`);
      for (const user of [citizens[2], doctors[1], ...(await launchedUsers())]) {
        const history = await get('/fhir/_history?_count=1000', user.token);
        assert.equal(history.status, 200, history.text);
        const expected = new Set<string>();
        for (const type of types) {
          const search = await get(`/fhir/${type}?_count=1000`, user.token);
          if (search.status !== 200) continue; // a type this user may not search at all
          for (const r of resourcesIn(search.json)) expected.add(`${r.resourceType}/${r.id}`);
        }
        const got = resourcesIn(history.json).map((r) => `${r.resourceType}/${r.id}`);
        assert.deepEqual(new Set(got), expected, `${user.who}: system history`);
        assert.equal(history.json.total, got.length, `${user.who}: every version is counted once`);
        // Every page, and a page past the end, reports the same total.
        for (const q of ['_count=1', `_count=2&_offset=${got.length - 1}`, `_count=1&_offset=${got.length + 3}`, '_count=0']) {
          assert.equal((await get(`/fhir/_history?${q}`, user.token)).json.total, got.length, `${user.who}: _history?${q}`);
        }
        // A time window counts only the versions inside it (here: the observation made above).
        const recent = resourcesIn(history.json).filter((r) => r.meta.lastUpdated >= since).length;
        assert.ok(recent >= 1 && recent < got.length, `${user.who} sees the new observation and older data`);
        assert.equal((await get(`/fhir/_history?_count=1&_since=${since}`, user.token)).json.total, recent, `${user.who}: _since`);
        for (const r of resourcesIn(history.json)) assert.ok(allowed(user, r), `${user.who} got ${r.resourceType}/${r.id} through system history`);
      }
    });

    it('keeps a doctor’s transaction all-or-nothing when one entry is about someone else', async () => {
      const d = doctors[0];
      const mine = [...d.allowedPatients][0];
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!.id;
      const before = (await s.runtime.service.repo.search({ resourceType: 'Observation', filters: [], sort: [], count: 1, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [] })).total;
      const obs = (patient: string) => ({ resource: { resourceType: 'Observation', status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${patient}` } }, request: { method: 'POST', url: 'Observation' } });
      const res = await s.request({ method: 'POST', url: '/fhir', headers: { authorization: `Bearer ${d.token}` }, body: { resourceType: 'Bundle', type: 'transaction', entry: [obs(mine), obs(stranger)] } });
      assert.equal(res.status, 403, res.text);
      const after = (await s.runtime.service.repo.search({ resourceType: 'Observation', filters: [], sort: [], count: 1, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [] })).total;
      assert.equal(after, before, 'nothing written');
      const ok = await s.request({ method: 'POST', url: '/fhir', headers: { authorization: `Bearer ${d.token}` }, body: { resourceType: 'Bundle', type: 'transaction', entry: [obs(mine)] } });
      assert.equal(ok.status, 200, ok.text);
    });

    it('gives an employer no patient data, and a caseworker nothing without a purpose', async () => {
      assert.equal((await get('/fhir/Patient', employer.token)).status, 403);
      assert.equal((await get('/fhir/Observation', employer.token)).status, 403);
      const noPurpose = await get('/fhir/Patient', caseworker);
      assert.equal(noPurpose.status, 403);
      assert.match(noPurpose.json.issue[0].diagnostics, /purpose/);
      const withPurpose = await s.request({ method: 'GET', url: '/fhir/Patient', headers: { authorization: `Bearer ${caseworker}`, 'x-purpose-of-use': 'sykepenger' } });
      assert.equal(withPurpose.status, 200);
      assert.equal(resourcesIn(withPurpose.json).length, 0, 'no open NAV tasks, so no patients');
    });

    it('shows a citizen who has looked at their data', async () => {
      const c = citizens[4];
      const patient = [...c.allowedPatients][0];
      const gp = doctors.find((d) => d.allowedPatients.has(patient));
      if (gp) await get(`/fhir/Patient/${patient}`, gp.token);
      const log = await get('/fhir/Patient/$access-log', c.token);
      assert.equal(log.status, 200, log.text);
      const events = resourcesIn(log.json);
      assert.ok(events.length > 0);
      if (gp) assert.ok(events.some((e) => e.agent[0].altId === gp.who && /helsepersonell/.test(e.text.div)), 'the doctor is in the trail, in plain words');
      assert.equal((await get('/fhir/Patient/$access-log', doctors[0].token)).status, 403, 'only the patient reads their trail');
    });

    it('lets a doctor read what they created — a Patient off their list, a deleted resource and its history — and nobody else', async () => {
      const auth = (u: User) => ({ authorization: `Bearer ${u.token}` });
      for (const [k, d] of doctors.filter((x) => x.allowedPatients.size > 0).slice(-2).entries()) {
        const other = doctors[(doctors.indexOf(d) + 1) % doctors.length];
        d.created ??= new Set();
        const fnr = Array.from({ length: 40 }, (_x, i) => makeSyntheticIdent(`199${k}-02-02`, 500 + i)).find(Boolean)!;
        const made = await s.request({ method: 'POST', url: '/fhir/Patient', headers: auth(d), body: { resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: `199${k}-02-02` } });
        assert.equal(made.status, 201, made.text);
        const patientRef = `Patient/${made.json.id}`;
        d.created.add(patientRef);
        createdRefs.push(patientRef);
        assert.equal((await get(`/fhir/${patientRef}`, d.token)).status, 200, 'the doctor reads the Patient they registered');
        assert.equal((await get(`/fhir/${patientRef}/_history`, d.token)).json.total, 1);
        assert.deepEqual(resourcesIn((await get(`/fhir/Patient?_id=${made.json.id}`, d.token)).json).map((r) => r.id), [made.json.id]);
        assert.notEqual((await get(`/fhir/${patientRef}`, other.token)).status, 200, 'another doctor does not');
        assert.equal(resourcesIn((await get(`/fhir/Patient?_id=${made.json.id}`, other.token)).json).length, 0);

        const mine = [...d.allowedPatients][0];
        const obs = await s.request({ method: 'POST', url: '/fhir/Observation', headers: auth(d), body: { resourceType: 'Observation', status: 'final', code: { text: 'blodtrykk' }, subject: { reference: `Patient/${mine}` } } });
        assert.equal(obs.status, 201, obs.text);
        const obsRef = `Observation/${obs.json.id}`;
        d.created.add(obsRef);
        createdRefs.push(obsRef);
        assert.equal((await s.request({ method: 'DELETE', url: `/fhir/${obsRef}`, headers: auth(d) })).status, 204);
        assert.equal((await get(`/fhir/${obsRef}`, d.token)).status, 410);
        const history = await get(`/fhir/${obsRef}/_history`, d.token);
        assert.equal(history.status, 200, history.text);
        assert.equal(history.json.total, 2, 'the creation and the deletion');
        assert.equal((await get(`/fhir/${obsRef}/_history/1`, d.token)).status, 200);
        const typeHistory = await get('/fhir/Observation/_history?_count=1000', d.token);
        assert.ok(resourcesIn(typeHistory.json).some((r) => r.id === obs.json.id), 'in the type history too');
        assert.ok(!resourcesIn((await get('/fhir/Observation/_history?_count=1000', other.token)).json).some((r) => r.id === obs.json.id), 'not in another doctor’s');
        assert.notEqual((await get(`/fhir/${obsRef}/_history/1`, other.token)).status, 200);
      }
    });

    it('resolves a sykmelding’s patient given by fødselsnummer under the caller’s access, for $dry-run and $submit', async () => {
      const d = doctors[1];
      const patientId = [...d.allowedPatients][1];
      const pid = patients.find((p) => p.id === patientId)!.identifier[0].value;
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!;
      const signed = new Date(Date.now() - 120_000).toISOString();
      const day = signed.slice(0, 10);
      const qr = toQuestionnaireResponse({
        id: '', pasient: { ident: pid }, hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsrygg' }, bidiagnoser: [],
        svangerskap: false, skjermesForPasient: false, perioder: [{ fom: day, tom: day, type: 'AKTIVITET_IKKE_MULIG' }], utdypendeOpplysninger: [],
        arbeidsgiver: { harArbeidsgiver: 'EN' }, behandletTidspunkt: signed, signaturDato: signed, behandler: {},
      }, { author: `Practitioner/${d.practitionerId}` });
      const logical = (value: string) => ({ ...qr, subject: { identifier: { system: IdentifierSystem.FNR, value } } });
      const post = (op: string, body: Json) => s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/$${op}`, headers: { authorization: `Bearer ${d.token}` }, body });
      const dry = await post('dry-run', logical(pid));
      assert.equal(dry.status, 200, dry.text);
      const foreign = await post('dry-run', logical(stranger.identifier[0].value));
      assert.equal(foreign.status, 422, foreign.text);
      assert.match(foreign.json.issue[0].diagnostics, /no patient you may see/);
      assert.equal((await post('submit', logical(stranger.identifier[0].value))).status, 422, 'not for someone else’s patient either');
      const submitted = await post('submit', logical(pid));
      assert.equal(submitted.status, 201, submitted.text);
      const ref = submitted.json.parameter.find((x: Json) => x.name === 'sykmelding').valueReference.reference;
      const stored = await get(`/fhir/${ref}`, d.token);
      assert.equal(stored.json.subject.reference, `Patient/${patientId}`, 'stored against the patient it resolved to');
    });

    it('returns nothing a user may not see in a seeded random walk of requests', async () => {
      const random = rng(20261123);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const users = [...doctors, ...citizens, employer];
      const observationIds = (await s.runtime.service.repo.search({ resourceType: 'Observation', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => m.id);
      const makers: Array<() => string> = [
        () => `/fhir/Patient/${pick(patients).id}`,
        () => `/fhir/Observation/${pick(observationIds)}`,
        () => `/fhir/Patient?_count=${1 + Math.floor(random() * 30)}&_offset=${Math.floor(random() * 40)}`,
        () => `/fhir/Observation?subject=Patient/${pick(patients).id}&_include=Observation:subject`,
        () => `/fhir/Observation?subject=Patient/${pick(patients).id}&code=8867-4`,
        () => `/fhir/Observation?subject:Patient=${pick(patients).id}&_count=${1 + Math.floor(random() * 3)}`,
        () => `/fhir/Patient?_id=${pick(patients).id}&_revinclude=Observation:subject`,
        () => `/fhir/PractitionerRole?_revinclude=Patient:general-practitioner&_count=50`,
        () => `/fhir/Patient/${pick(patients).id}/_history`,
        () => `/fhir/Observation/_history?_count=50`,
        () => `/fhir?_type=Patient,Observation,Practitioner&_count=50&_offset=${Math.floor(random() * 100)}`,
        () => `/fhir/Observation?code=8867-4&_include=Observation:subject&_count=100`,
        () => `/fhir/Patient?identifier=${IdentifierSystem.FNR}|${pick(patients).identifier[0].value}`,
        // What doctors created, one of them since deleted: only its creator reads it and its history.
        ...(createdRefs.length ? [() => `/fhir/${pick(createdRefs)}`, () => `/fhir/${pick(createdRefs)}/_history`, () => `/fhir/${pick(createdRefs)}/_history/1`] : []),
      ];
      let checked = 0;
      let served = 0;
      for (let i = 0; i < 1500; i++) {
        const user = pick(users);
        const url = pick(makers)();
        const res = await get(url, user.token);
        assert.ok([200, 403, 404, 410].includes(res.status), `${url} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status !== 200) continue;
        served++;
        for (const r of resourcesIn(res.json)) {
          checked++;
          assert.ok(allowed(user, r), `leak: ${user.who} got ${r.resourceType}/${r.id} from ${url}`);
        }
      }
      assert.ok(served > 500 && checked > 2000, `the walk exercised the rules (${served} served, ${checked} resources checked)`);
    });

    it('leaks nothing over versions, narrow scopes, directory oracles, protected addresses and unknown ids in a seeded random walk', async () => {
      const random = rng(20261204);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const [d0, d1] = doctors;
      const a = [...d0.allowedPatients].find((id) => !d1.allowedPatients.has(id))!;
      const b = [...d1.allowedPatients].find((id) => !d0.allowedPatients.has(id))!;
      // An Observation written for A, then moved to B: each version belongs to its own patient.
      const moved = (await s.runtime.service.create('Observation', { resourceType: 'Observation', status: 'final', code: { text: 'flyttet' }, subject: { reference: `Patient/${a}` } })).stored.id;
      await s.runtime.service.update('Observation', moved, { resourceType: 'Observation', id: moved, status: 'final', code: { text: 'flyttet' }, subject: { reference: `Patient/${b}` } });
      // A patient with a protected address on d1's list, found only by what is not hidden.
      const fnr = makeSyntheticIdent('1981-02-03', 417) ?? makeSyntheticIdent('1981-02-03', 419)!;
      const shielded = (await s.runtime.service.create('Patient', {
        resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: '1981-02-03', name: [{ family: 'Skjermet' }],
        extension: [{ url: 'https://helsebro.no/fhir/StructureDefinition/adressebeskyttelse', valueCode: 'FORTROLIG' }],
        address: [{ line: ['Lukket gate 9'], postalCode: '9917', city: 'Skjultby' }], telecom: [{ system: 'phone', value: '+4791919191' }],
        generalPractitioner: [{ reference: `Practitioner/${d1.practitionerId}` }],
      })).stored.id;
      d1.allowedPatients.add(shielded);
      const shieldedCitizen: User = { who: `pid:${fnr}`, token: await s.runtime.auth.tokenFor(`pid:${fnr}`), allowedPatients: new Set([shielded]), directory: true };
      const users = [...doctors, ...citizens, shieldedCitizen];
      const narrow = new Map<User, string>();
      for (const u of users) narrow.set(u, await s.runtime.auth.tokenFor(u.who, { scope: u.who.startsWith('pid:') ? 'patient/Observation.rs' : 'user/Observation.rs' }));
      const ids = (body: Json) => resourcesIn(body).map((r) => `${r.resourceType}/${r.id}`);
      const everyone = patients.map((p) => p.id);

      type Probe = { url: string; narrow?: boolean; check(user: User, res: { status: number; json: Json }): string | undefined };
      const eachAllowed: Probe['check'] = (user, res) => resourcesIn(res.json).filter((r) => !allowed(user, r)).map((r) => `${r.resourceType}/${r.id}`).join(', ') || undefined;
      const emptyUnlessVisible = (patient: string): Probe['check'] => (user, res) => (!user.allowedPatients.has(patient) && resourcesIn(res.json).length > 0 ? `told ${ids(res.json).join(', ')} about Patient/${patient}` : undefined);
      const withoutShielded: Probe['check'] = (user, res) => (user !== shieldedCitizen && ids(res.json).includes(`Patient/${shielded}`) ? 'found the protected patient by a hidden element' : undefined);
      const probes: Array<() => Probe> = [
        () => ({ url: `/fhir/Observation/${moved}/_history/${1 + Math.floor(random() * 2)}`, check: eachAllowed }),
        () => ({ url: `/fhir/Observation/${moved}/_history`, check: eachAllowed }),
        () => ({ url: '/fhir/Observation/_history?_count=200', check: eachAllowed }),
        () => ({ url: '/fhir/_history?_count=300', check: eachAllowed }),
        () => ({ url: `/fhir/Observation?subject=Patient/${pick([a, b, pick(everyone)])}&_include=Observation:subject&_revinclude=Provenance:target`, narrow: true, check: (_u, res) => resourcesIn(res.json).filter((r) => r.resourceType !== 'Observation').map((r) => `${r.resourceType}/${r.id}`).join(', ') || undefined }),
        () => { const x = pick(everyone); return { url: `/fhir/Practitioner?_has:Patient:general-practitioner:_id=${x}`, check: emptyUnlessVisible(x) }; },
        () => { const x = pick(everyone); return { url: `/fhir/PractitionerRole?_has:Patient:general-practitioner:_id=${x}`, check: emptyUnlessVisible(x) }; },
        () => { const x = pick(patients); return { url: `/fhir/Practitioner?_has:Patient:general-practitioner:identifier=${IdentifierSystem.FNR}|${x.identifier[0].value}`, check: emptyUnlessVisible(x.id) }; },
        () => { const x = pick(everyone); return { url: `/fhir/Organization?_has:Patient:organization:_id=${x}`, check: emptyUnlessVisible(x) }; },
        () => { const x = pick(everyone); return { url: `/fhir/Practitioner?_has:QuestionnaireResponse:author:subject=Patient/${x}`, check: emptyUnlessVisible(x) }; },
        () => ({ url: `/fhir/Observation?subject.identifier=${IdentifierSystem.FNR}|${pick(patients).identifier[0].value}`, check: eachAllowed }),
        () => ({ url: pick(['/fhir/Patient?address-postalcode=9917', '/fhir/Patient?address-city=Skjultby', '/fhir/Patient?address=Lukket', '/fhir/Patient?phone=%2B4791919191', '/fhir/Patient?telecom=%2B4791919191']), check: withoutShielded }),
        () => ({ url: '/fhir/Patient?family=Skjermet&_sort=address-city', check: eachAllowed }),
      ];
      let served = 0;
      let checked = 0;
      const refusals = new Map<string, { hidden: Set<number>; absent: Set<number> }>();
      for (let i = 0; i < 2000; i++) {
        const user = pick(users);
        // Every tenth request: is a resource the user may not see told apart from one that does not exist?
        if (i % 10 === 0) {
          const hidden = pick(everyone.filter((id) => !user.allowedPatients.has(id)));
          const seen = refusals.get(user.who) ?? { hidden: new Set(), absent: new Set() };
          seen.hidden.add((await get(`/fhir/Patient/${hidden}`, user.token)).status);
          seen.absent.add((await get(`/fhir/Patient/finnes-ikke-${i}`, user.token)).status);
          refusals.set(user.who, seen);
          continue;
        }
        const probe = pick(probes)();
        const res = await get(probe.url, probe.narrow ? narrow.get(user)! : user.token);
        assert.ok([200, 403, 404, 410].includes(res.status), `${user.who} ${probe.url} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status !== 200) continue;
        served++;
        checked += resourcesIn(res.json).length;
        const problem = probe.check(user, res);
        assert.equal(problem, undefined, `leak: ${user.who} ${probe.url}: ${problem}`);
      }
      for (const [who, seen] of refusals) assert.deepEqual([...seen.hidden], [...seen.absent], `${who} can tell a hidden Patient from an absent one`);
      const cw = { hidden: (await get(`/fhir/Patient/${a}`, caseworker)), absent: (await get('/fhir/Patient/finnes-ikke', caseworker)) };
      assert.equal(cw.hidden.status, cw.absent.status, 'a caseworker without a purpose cannot tell them apart either');
      assert.equal(cw.hidden.json.issue[0].diagnostics.replace(a, 'X'), cw.absent.json.issue[0].diagnostics.replace('finnes-ikke', 'X'));
      assert.ok(served > 1000 && checked > 3000, `the walk exercised the rules (${served} served, ${checked} resources checked)`);
    });

    it('refuses borrowed identities, foreign authors and adopted deleted ids, leaving nothing behind', async () => {
      const random = rng(20261205);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const count = async () => Number((await s.t.db.query<{ n: string }>('SELECT count(*) AS n FROM resource_history')).rows[0].n);
      const deleted = (await s.runtime.service.create('Patient', { resourceType: 'Patient', name: [{ family: 'Slettet' }] })).stored.id;
      await s.runtime.service.delete('Patient', deleted);
      const before = await count();
      for (let i = 0; i < 200; i++) {
        const d = pick(doctors);
        const other = pick(doctors.filter((x) => x !== d));
        const stranger = pick(patients.filter((p) => !d.allowedPatients.has(p.id)));
        const attempts = [
          { method: 'POST', url: '/fhir/Patient', body: { resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: stranger.identifier[0].value }], name: [{ family: 'Kopi' }] } },
          { method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', identifier: stranger.identifier }, request: { method: 'POST', url: 'Patient' } }] } },
          { method: 'PUT', url: `/fhir/Patient/${deleted}`, body: { resourceType: 'Patient', id: deleted, name: [{ family: 'Adoptert' }] } },
          { method: 'POST', url: '/fhir/QuestionnaireResponse', body: { resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${[...d.allowedPatients][0]}` }, author: { reference: `Practitioner/${other.practitionerId}` } } },
        ];
        const attempt = pick(attempts);
        const res = await s.request({ method: attempt.method as 'POST', url: attempt.url, headers: { authorization: `Bearer ${d.token}` }, body: attempt.body });
        assert.ok(res.status >= 400 && res.status < 500, `${d.who} ${attempt.method} ${attempt.url} → ${res.status} ${res.text.slice(0, 200)}`);
        assert.equal(res.json?.resourceType, 'OperationOutcome');
      }
      assert.equal(await count(), before, 'nothing was written');
    });

    it('hides a protected address from everyone but the patient', async () => {
      const d = doctors[0];
      const fnr = makeSyntheticIdent('1979-05-05', 401) ?? makeSyntheticIdent('1979-05-05', 403)!;
      const created = await s.runtime.service.create('Patient', {
        resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: '1979-05-05',
        extension: [{ url: 'https://helsebro.no/fhir/StructureDefinition/adressebeskyttelse', valueCode: 'STRENGT_FORTROLIG' }],
        address: [{ line: ['Hemmelig vei 1'], postalCode: '0150', city: 'Oslo' }], telecom: [{ system: 'phone', value: '+4799999999' }],
        generalPractitioner: [{ reference: `Practitioner/${d.practitionerId}` }],
      });
      const id = created.stored.id;
      const byDoctor = await get(`/fhir/Patient/${id}`, d.token);
      assert.equal(byDoctor.status, 200);
      assert.ok(!byDoctor.text.includes('Hemmelig') && !byDoctor.text.includes('+4799999999'), 'the doctor does not get the address');
      assert.ok(byDoctor.json.meta.security.some((x: Json) => x.code === 'REDACTED'));
      const inSearch = await get(`/fhir/Patient?_id=${id}`, d.token);
      assert.ok(!inSearch.text.includes('Hemmelig'));
      const byPatient = await get(`/fhir/Patient/${id}`, await s.runtime.auth.tokenFor(`pid:${fnr}`));
      assert.equal(byPatient.json.address[0].line[0], 'Hemmelig vei 1');
    });

    it('runs the sykmelding flow with each party’s own token', async () => {
      const d = doctors[0];
      const patientId = [...d.allowedPatients][0];
      const patient = patients.find((p) => p.id === patientId)!;
      const pid = patient.identifier[0].value;
      const signed = new Date(Date.now() - 60_000).toISOString();
      const day = signed.slice(0, 10);
      const qr = toQuestionnaireResponse({
        id: '', pasient: { ident: pid }, hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsrygg' }, bidiagnoser: [],
        svangerskap: false, skjermesForPasient: false, perioder: [{ fom: day, tom: day, type: 'AKTIVITET_IKKE_MULIG' }], utdypendeOpplysninger: [],
        arbeidsgiver: { harArbeidsgiver: 'EN' }, behandletTidspunkt: signed, signaturDato: signed, behandler: {},
      }, { subject: `Patient/${patientId}`, author: `Practitioner/${d.practitionerId}` });
      const auth = (token: string) => ({ authorization: `Bearer ${token}` });
      const stranger = patients.find((p) => !d.allowedPatients.has(p.id))!;
      const forStranger = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: auth(d.token), body: { ...qr, subject: { reference: `Patient/${stranger.id}` } } });
      assert.equal(forStranger.status, 403, 'not for a patient outside the list');
      const submitted = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: auth(d.token), body: qr });
      assert.equal(submitted.status, 201, submitted.text);
      const id = submitted.json.parameter.find((x: Json) => x.name === 'sykmelding').valueReference.reference.split('/')[1];

      const citizen = await s.runtime.auth.tokenFor(`pid:${pid}`);
      assert.equal((await get(`/fhir/QuestionnaireResponse/${id}`, citizen)).status, 403, 'the raw form may hold shielded content');
      assert.equal((await get(`/fhir/QuestionnaireResponse/${id}/$patient-view`, citizen)).status, 200);
      const other = citizens.find((c) => !c.allowedPatients.has(patientId))!;
      assert.equal((await get(`/fhir/QuestionnaireResponse/${id}/$patient-view`, other.token)).status, 404, 'answered as a sykmelding nobody submitted');
      const sendBody = { resourceType: 'Parameters', parameter: [{ name: 'orgnr', valueString: '974652277' }] };
      assert.equal((await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${id}/$send`, headers: auth(d.token), body: sendBody })).status, 403, 'the doctor does not send it');
      const sent = await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${id}/$send`, headers: auth(citizen), body: sendBody });
      assert.equal(sent.status, 200, sent.text);
      const view = await get(`/fhir/QuestionnaireResponse/${id}/$employer-view?orgnr=974652277`, employer.token);
      assert.equal(view.status, 200, view.text);
      assert.ok(!view.text.includes('L03'));
      const otherEmployer = await s.runtime.auth.tokenFor('orgnr:889640782');
      assert.equal((await get(`/fhir/QuestionnaireResponse/${id}/$employer-view?orgnr=974652277`, otherEmployer)).status, 403);
      const history = resourcesIn((await get(`/fhir/QuestionnaireResponse/${id}/$status`, d.token)).json);
      assert.equal(history.length, 1);
      const by = history[0].parameter.filter((x: Json) => x.name === 'statusHistory').at(-1).part.find((x: Json) => x.name === 'by').valueString;
      assert.equal(by, `pid:${pid}`, 'who sent it is recorded');
    });

    it('returns nothing a user may not see of NAV’s dialogue requests and answers in a seeded random walk', async () => {
      const random = rng(20261204);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const nav = { authorization: `Bearer ${await s.runtime.auth.tokenFor('nav:Z990001', { purpose: 'Oppfølging' })}` };
      const taskIds: string[] = [];
      for (const p of patients.filter((_, i) => i % 4 === 0)) {
        const sent = await s.request({ method: 'POST', url: '/fhir/Task/$send-request', headers: nav, body: { resourceType: 'Parameters', parameter: [
          { name: 'patient', valueReference: { reference: `Patient/${p.id}` } }, { name: 'kind', valueCode: 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER' }, { name: 'text', valueString: 'Hvordan går det?' }] } });
        assert.equal(sent.status, 201, sent.text);
        taskIds.push(sent.json.id);
        // Half are answered by the doctor they are addressed to.
        const owner = doctors.find((d) => sent.json.owner?.reference === `PractitionerRole/${d.roleId}`);
        if (owner && random() < 0.5) {
          const answered = await s.request({ method: 'POST', url: `/fhir/Task/${sent.json.id}/$answer`, headers: { authorization: `Bearer ${owner.token}` }, body: { resourceType: 'Parameters', parameter: [{ name: 'text', valueString: 'Bedre.' }] } });
          assert.equal(answered.status, 200, answered.text);
        }
      }
      const users = [...doctors, ...citizens, employer];
      const makers: Array<() => string> = [
        () => `/fhir/Task/${pick(taskIds)}`,
        () => `/fhir/Task/${pick(taskIds)}/_history`,
        () => `/fhir/Task?_include=Task:focus&_revinclude=Communication:part-of&_count=100`,
        () => `/fhir/Task?patient=Patient/${pick(patients).id}&_include=Task:focus`,
        () => `/fhir/CommunicationRequest?_count=100`,
        () => `/fhir/Communication?_include=Communication:based-on&_count=100`,
        () => `/fhir/Communication/_history?_count=100`,
        () => `/fhir/Task/$inbox?_count=100`,
        () => `/fhir?_type=Task,CommunicationRequest,Communication&_count=100`,
      ];
      let checked = 0;
      for (let i = 0; i < 400; i++) {
        const user = pick(users);
        const url = pick(makers)();
        const res = await get(url, user.token);
        assert.ok([200, 403, 404].includes(res.status), `${user.who} ${url} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status !== 200) continue;
        for (const r of resourcesIn(res.json)) {
          checked++;
          assert.ok(allowed(user, r), `leak: ${user.who} got ${r.resourceType}/${r.id} from ${url}`);
        }
      }
      assert.ok(checked > 200, `the walk exercised the rules (${checked} resources checked)`);
    });

    it('refuses every user’s plain writes to workflow-owned resources in a seeded random walk', async () => {
      const random = rng(20261203);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const all = async (resourceType: string) => (await s.runtime.service.repo.search({ resourceType, filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => JSON.parse(m.content) as Json);
      const owned = [...(await all('Task')), ...(await all('QuestionnaireResponse'))];
      assert.ok(owned.length >= 4, 'sykmeldinger and their status Tasks were submitted above');
      const versions = async () => Promise.all(owned.map(async (r) => (await s.runtime.service.repo.read(r.resourceType, r.id)).versionId));
      const before = await versions();
      const changed = (r: Json) => ({ ...r, status: r.resourceType === 'Task' ? 'cancelled' : 'stopped' });
      const entry = (r: Json, method: string) => ({ ...(method === 'PUT' ? { resource: changed(r) } : {}), request: { method, url: `${r.resourceType}/${r.id}` } });
      const writes: Array<(r: Json) => { method: 'PUT' | 'PATCH' | 'DELETE' | 'POST'; url: string; body?: Json | Json[]; headers?: Record<string, string> }> = [
        (r) => ({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, body: changed(r) }),
        (r) => ({ method: 'PUT', url: `/fhir/${r.resourceType}?_id=${r.id}`, body: changed(r) }),
        (r) => ({ method: 'PATCH', url: `/fhir/${r.resourceType}/${r.id}`, body: [{ op: 'replace', path: '/status', value: changed(r).status }], headers: { 'content-type': 'application/json-patch+json' } }),
        (r) => ({ method: 'DELETE', url: `/fhir/${r.resourceType}/${r.id}` }),
        (r) => ({ method: 'DELETE', url: `/fhir/${r.resourceType}?_id=${r.id}` }),
        (r) => ({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'transaction', entry: [entry(r, 'PUT')] } }),
        (r) => ({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'transaction', entry: [entry(r, 'DELETE')] } }),
      ];
      const users = [...doctors, ...citizens, employer];
      const seen = new Set<number>();
      for (let i = 0; i < 300; i++) {
        const user = pick(users);
        const w = pick(writes)(pick(owned));
        const res = await s.request({ ...w, headers: { authorization: `Bearer ${user.token}`, ...w.headers } });
        // A conditional delete that matches nothing the caller may see deletes nothing: 204, as FHIR allows.
        const nothingMatched = res.status === 204 && w.method === 'DELETE' && w.url.includes('?');
        assert.ok(nothingMatched || [403, 404, 409].includes(res.status), `${user.who} ${w.method} ${w.url} → ${res.status} ${res.text.slice(0, 200)}`);
        if (!nothingMatched) assert.equal(res.json?.resourceType, 'OperationOutcome');
        seen.add(res.status);
      }
      assert.ok(seen.has(409), 'some writes reached the workflow check (their authors, on their own patients)');
      assert.deepEqual(await versions(), before, 'nothing changed');
    });
  });
}
