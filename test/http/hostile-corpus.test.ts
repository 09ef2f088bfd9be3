/**
 * A hostile-input corpus across every endpoint, on both stores: some hundreds of requests built from
 * odd values (NUL, broken percent-encoding, SQL and path fragments, huge numbers, hundreds of
 * decimals, contradictory ranges, lone surrogates, very long strings) put into every query
 * parameter position, and odd bodies (too deep, prototype keys, malformed items, wrong shapes) sent
 * to every endpoint that takes one, as a doctor, a citizen and without a token.
 *
 * For every answer: no 5xx; an error is an OperationOutcome (under /auth, an OAuth error object or
 * an OperationOutcome); a refused request writes nothing. Then the slowest request of the corpus is
 * run again over a real socket while /healthz is polled, which must answer within a second each
 * time; and after a second pass through the corpus the heap is back within 10 % of where it stood
 * after the first (the first pass warms caches and compiled statements, as any running server has).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SEED = 11;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

/** Query values, already in URL form (some deliberately badly encoded). */
const VALUES = [
  '%00', 'a%00b', '%ff', '%', '%zz', '%ED%A0%80', "'%3B%20DROP%20TABLE%20resource%3B--", '..%2F..%2Fetc%2Fpasswd',
  '1e999999', `0.${'1'.repeat(400)}`, `-${'9'.repeat(400)}`, 'ge2025-13-45', 'gt2030-01-01', 'lt1900-01-01T25:61:61Z',
  'x'.repeat(4000), '%F0%9F%99%82', '%5C', '%22', '', '%20', 'null', '%5B%5D', '|', '%7C%7C%7C', 'urn%3Aoid%3A2.16.578.1.12.4.1.4.1%7C',
  `Patient%2F${'a'.repeat(80)}`, 'Patient%2F..', 'eq', 'ap-1', 'sa', '-1', '99999999999999999999', '*', '_id', 'Patient%3Aidentifier',
];

/** Where a query value goes: `{v}` is replaced by each value. */
const QUERY_TEMPLATES = [
  '/fhir/Patient?name={v}', '/fhir/Patient?family:exact={v}', '/fhir/Patient?identifier={v}', '/fhir/Patient?birthdate={v}',
  '/fhir/Patient?birthdate=ge2020-01-01&birthdate=le{v}', '/fhir/Patient?address-postalcode={v}', '/fhir/Patient?general-practitioner={v}',
  '/fhir/Patient?_id={v}', '/fhir/Patient?_lastUpdated={v}', '/fhir/Patient?_count={v}', '/fhir/Patient?_offset={v}', '/fhir/Patient?_sort={v}',
  '/fhir/Patient?_include={v}', '/fhir/Patient?_revinclude={v}', '/fhir/Patient?_has:Observation:subject:code={v}', '/fhir/Patient?_elements={v}',
  '/fhir/Patient?_summary={v}', '/fhir/Patient?_total={v}', '/fhir/Patient?{v}=1', '/fhir/Observation?subject={v}', '/fhir/Observation?date={v}',
  '/fhir/Observation?value-quantity={v}', '/fhir/Observation?subject.name={v}', '/fhir/QuestionnaireResponse?authored={v}',
  '/fhir/QuestionnaireResponse?author={v}', '/fhir/Task?status={v}', '/fhir?_type={v}', '/fhir/_history?_since={v}', '/fhir/Patient/_history?_count={v}',
  '/fhir/Patient/{v}', '/fhir/Patient/{v}/_history', '/fhir/Patient/{v}/_history/{v}', '/fhir/Patient/$access-log?_count={v}',
  '/fhir/Patient/$access-log?before={v}', '/fhir/QuestionnaireResponse/{v}/$status', '/fhir/QuestionnaireResponse/{v}/$employer-view?orgnr={v}',
  '/fhir/QuestionnaireResponse/{v}/$patient-view', '/fhir/CodeSystem/$lookup?system={v}&code={v}', '/fhir/CodeSystem/$validate-code?system=urn%3Aoid%3A2.16.578.1.12.4.1.1.7170&code={v}',
  '/fhir/metadata?_format={v}', '/.well-known/smart-configuration?x={v}', '/auth/authorize?response_type=code&client_id={v}&redirect_uri={v}&login_hint={v}',
];

const deep = (n: number) => '{"resourceType":"Patient","extension":' + '['.repeat(n) + ']'.repeat(n) + '}';
const qr = (extra: Record<string, unknown>) => JSON.stringify({ ...EXAMPLE, id: undefined, ...extra });
/** A legeerklæring draft (the same shape, for the legeerklæring Questionnaire). */
const le = (extra: Record<string, unknown>) => qr({ questionnaire: 'https://helsebro.no/fhir/Questionnaire/legeerklaering', ...extra });

/** Bodies, as sent. */
const BODIES = [
  '', 'null', '[]', '"x"', '{', deep(300), '{"__proto__":{"admin":true},"resourceType":"Patient"}',
  '{"resourceType":"Patient","constructor":{"prototype":{"admin":true}}}', '{"resourceType":"Patient","resourceType":"Observation"}',
  '{"resourceType":"Patient","name":[{"family":"\\ud800"}]}', '{"resourceType":"Patient","name":[{"family":"a\\u0000b"}]}',
  `{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":0.${'1'.repeat(500)}}}`,
  '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e400}}',
  `{"resourceType":"Patient","id":"${'a'.repeat(200)}"}`, '{"resourceType":7}', '{"resourceType":"Bundle","type":"transaction","entry":"x"}',
  qr({ item: 'x' }), qr({ item: [{ linkId: 5 }] }), qr({ item: [{ linkId: 'a', item: [{ linkId: 'b', answer: 'x' }] }] }),
  qr({ subject: { reference: 'Patient/finnes-ikke' } }), qr({ subject: { identifier: { system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: 'x'.repeat(500) } } }),
  qr({ item: [{ linkId: 'x', answer: [{ valueString: 'y'.repeat(100_000) }] }] }),
  le({ item: 'x' }), le({ item: [{ linkId: 'sykdomsopplysninger', item: [{ linkId: 'statuspresens', answer: [{ valueString: 'z'.repeat(200_000) }] }] }] }),
  le({ item: [{ linkId: 'signatur', item: [{ linkId: 'signatur-dato', answer: [{ valueDateTime: 'not-a-date' }] }] }] }),
  'token=x&token_type_hint=refresh_token&client_id=%00',
  '{"resourceType":"Parameters","parameter":[{"name":"orgnr","valueString":"%00"}]}', '{"resourceType":"Parameters","parameter":"x"}',
  '[{"op":"add","path":"/__proto__/x","value":1}]', '[{"op":"move","from":"/name","path":"/name/0"}]', '[{"op":"remove","path":""}]',
];

const BODY_TARGETS: Array<{ method: 'POST' | 'PUT' | 'PATCH'; url: string; type: string }> = [
  { method: 'POST', url: '/fhir/Patient', type: 'application/fhir+json' },
  { method: 'PUT', url: '/fhir/Patient/{patient}', type: 'application/fhir+json' },
  { method: 'PATCH', url: '/fhir/Patient/{patient}', type: 'application/json-patch+json' },
  { method: 'POST', url: '/fhir', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/Patient/_search', type: 'application/x-www-form-urlencoded' },
  { method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/QuestionnaireResponse/$legeerklaering-dry-run', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/Observation/$validate', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/QuestionnaireResponse/{sykmelding}/$send', type: 'application/fhir+json' },
  { method: 'POST', url: '/fhir/CodeSystem/$lookup', type: 'application/fhir+json' },
  { method: 'POST', url: '/auth/token', type: 'application/x-www-form-urlencoded' },
  { method: 'POST', url: '/auth/token', type: 'application/json' },
  { method: 'POST', url: '/auth/revoke', type: 'application/x-www-form-urlencoded' },
  { method: 'POST', url: '/auth/launch', type: 'application/json' },
  { method: 'POST', url: '/auth/authorize', type: 'application/x-www-form-urlencoded' },
];

/** Requests that are allowed but as costly as the limits let them be. */
const HEAVY = [
  `/fhir/Patient?${Array.from({ length: 10 }, (_, r) => `name=${Array.from({ length: 100 }, (_, i) => `n${r}x${i}`).join(',')}`).join('&')}`,
  `/fhir/Patient?_count=1000&_revinclude=Observation:subject&_revinclude=QuestionnaireResponse:subject&_include=Patient:general-practitioner`,
  `/fhir/Observation?subject.name=${Array.from({ length: 100 }, (_, i) => `a${i}`).join(',')}&_count=1000`,
  `/fhir/Patient?_has:Observation:subject:code=${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}&_count=1000`,
  '/fhir/_history?_count=1000',
  '/fhir/Patient?name:contains=e&_sort=-birthdate,name&_count=1000&_total=accurate',
];

type Who = 'doctor' | 'citizen' | 'anonymous';
interface Sent { method: string; url: string; body?: string; type?: string; who: Who }

/** A small deterministic generator, so a failure can be reproduced. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function buildCorpus(ids: { patient: string; sykmelding: string }): Sent[] {
  const random = rng(20261204);
  const who = (): Who => (['doctor', 'doctor', 'citizen', 'anonymous'] as const)[Math.floor(random() * 4)];
  const fill = (url: string) => url.replace('{patient}', ids.patient).replace('{sykmelding}', ids.sykmelding);
  const corpus: Sent[] = [];
  for (const template of QUERY_TEMPLATES) {
    // Each template gets a fixed share of the values; every value appears in many templates.
    for (const value of VALUES) if (random() < 0.3) corpus.push({ method: 'GET', url: fill(template.replaceAll('{v}', value)), who: who() });
  }
  for (const target of BODY_TARGETS) {
    for (const body of BODIES) corpus.push({ method: target.method, url: fill(target.url), body, type: target.type, who: who() });
  }
  for (const url of HEAVY) corpus.push({ method: 'GET', url, who: 'doctor' });
  return corpus;
}

for (const dialect of DIALECTS) {
  describe(`hostile-input corpus on ${dialect}`, () => {
    let s: TestServer;
    let corpus: Sent[];
    const tokens: Partial<Record<Who, string>> = {};
    const timings: Array<{ sent: Sent; ms: number }> = [];

    const countWritten = async () => {
      const r = await s.t.db.query<{ n: string }>('SELECT (SELECT count(*) FROM resource_history) + (SELECT count(*) FROM sp_token) AS n');
      return Number(r.rows[0].n);
    };

    const send = (sent: Sent) => {
      const headers: Record<string, string> = {};
      if (sent.type) headers['content-type'] = sent.type;
      if (tokens[sent.who]) headers.authorization = `Bearer ${tokens[sent.who]}`;
      return s.app.inject({ method: sent.method as 'GET', url: sent.url, headers, payload: sent.body });
    };

    /** One pass through the corpus, checking every answer. */
    const pass = async () => {
      const problems: string[] = [];
      for (const sent of corpus) {
        const written = await countWritten();
        const started = performance.now();
        const res = await send(sent);
        timings.push({ sent, ms: performance.now() - started });
        const label = `${sent.who} ${sent.method} ${sent.url.slice(0, 160)}${sent.body !== undefined ? ` body ${sent.body.slice(0, 80)}` : ''}`;
        if (res.statusCode >= 500) {
          problems.push(`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          continue;
        }
        if (res.statusCode < 400) continue;
        if ((await countWritten()) !== written) problems.push(`${label} → ${res.statusCode} but wrote something`);
        let json: { resourceType?: string; issue?: unknown[]; error?: unknown } | undefined;
        try {
          json = JSON.parse(res.body);
        } catch {
          problems.push(`${label} → ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 120)}`);
          continue;
        }
        const isOutcome = json?.resourceType === 'OperationOutcome' && Array.isArray(json.issue) && json.issue.length > 0;
        const isOAuth = sent.url.startsWith('/auth/') && typeof json?.error === 'string';
        if (!isOutcome && !isOAuth) problems.push(`${label} → ${res.statusCode} without an OperationOutcome: ${res.body.slice(0, 120)}`);
      }
      return problems;
    };

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 60 });
      const doctor = `hpr:${hprNumber(SEED, 0)}`;
      tokens.doctor = await s.runtime.auth.tokenFor(doctor);
      const auth = { authorization: `Bearer ${tokens.doctor}` };
      const listed = await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: auth });
      const patient = listed.json.entry[0].resource;
      tokens.citizen = await s.runtime.auth.tokenFor(`pid:${patient.identifier[0].value}`);
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: auth, body: { ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient.id}` }, author: { reference: `Practitioner/${practitionerId(0)}` } } });
      assert.equal(submit.status, 201, submit.text);
      const sykmelding = submit.json.parameter.find((p: { name: string }) => p.name === 'sykmelding')?.resource?.id ?? submit.headers.location?.toString().split('/').at(-1);
      corpus = buildCorpus({ patient: patient.id, sykmelding: String(sykmelding) });
    });
    after(() => s.close());

    let heapAfterFirst = 0;

    it('answers every request of the corpus without a 5xx, errors as OperationOutcomes, refusals writing nothing', async () => {
      assert.ok(corpus.length >= 300, `a corpus of ${corpus.length} requests`);
      const problems = await pass();
      assert.deepEqual(problems, [], `${problems.length} of ${corpus.length} requests answered wrongly`);
      gc();
      heapAfterFirst = process.memoryUsage().heapUsed;
    });

    it('answers /healthz within a second while the slowest request of the corpus runs', async (t) => {
      const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0];
      const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
      const headers: Record<string, string> = {};
      if (slowest.sent.type) headers['content-type'] = slowest.sent.type;
      if (tokens[slowest.sent.who]) headers.authorization = `Bearer ${tokens[slowest.sent.who]}`;
      let running = true;
      const load = (async () => {
        for (let i = 0; i < 3; i++) await (await fetch(address + slowest.sent.url, { method: slowest.sent.method, headers, body: slowest.sent.body })).arrayBuffer();
        running = false;
      })();
      const latencies: number[] = [];
      while (running) {
        const started = performance.now();
        const res = await fetch(`${address}/healthz`);
        await res.arrayBuffer();
        assert.equal(res.status, 200);
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
      await load;
      const worst = Math.max(...latencies);
      t.diagnostic(`slowest request ${slowest.ms.toFixed(0)} ms (${slowest.sent.url.slice(0, 80)}); /healthz at worst ${worst.toFixed(0)} ms over ${latencies.length} polls`);
      assert.ok(worst < 1000, `/healthz took ${worst.toFixed(0)} ms at worst while ${slowest.sent.url.slice(0, 120)} (${slowest.ms.toFixed(0)} ms) ran`);
    });

    it('keeps the heap within 10 % after another pass through the corpus', async (t) => {
      const problems = await pass();
      assert.deepEqual(problems, []);
      gc();
      const heap = process.memoryUsage().heapUsed;
      t.diagnostic(`heap ${(heapAfterFirst / 2 ** 20).toFixed(1)} → ${(heap / 2 ** 20).toFixed(1)} MiB over ${corpus.length} requests`);
      assert.ok(heap < heapAfterFirst * 1.1, `heap ${(heap / 2 ** 20).toFixed(1)} MiB after the second pass, ${(heapAfterFirst / 2 ** 20).toFixed(1)} MiB after the first`);
    });
  });
}
