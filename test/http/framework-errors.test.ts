/**
 * The HTTP layer's own refusals (an unsupported Content-Type, a body too large, malformed JSON, a
 * URL that is not valid UTF-8, a Content-Length that does not match) are answered in our own words,
 * each with its status and an OperationOutcome — never echoing the request or the framework's message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const MARK = 'zq<script>x';
const FHIR = { 'content-type': 'application/fhir+json' };

const CASES: Array<{ name: string; request: InjectOptions; status: number; diagnostics: RegExp }> = [
  { name: 'an unsupported Content-Type', request: { method: 'POST', url: '/fhir/Patient', headers: { 'content-type': `text/${MARK}` }, payload: 'x' }, status: 415, diagnostics: /^Unsupported Content-Type; send application\/fhir\+json$/ },
  { name: 'a body over the limit', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: `{"x":"${MARK}${'a'.repeat(64)}"}` }, status: 413, diagnostics: /^The request body is larger than this server accepts$/ },
  { name: 'malformed JSON', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: `${MARK}{` }, status: 400, diagnostics: /^The body is not valid JSON( \(at position \d+\))?$/ },
  { name: 'malformed JSON after a valid start', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: `{"resourceType":"Patient","x":${MARK}}` }, status: 400, diagnostics: /^The body is not valid JSON( \(at position \d+\))?$/ },
  { name: 'a URL that is not valid UTF-8', request: { method: 'GET', url: `/fhir/Patient/%E0%A4%A${encodeURIComponent(MARK)}` }, status: 400, diagnostics: /^The URL is malformed$/ },
  { name: 'a Content-Length that does not match', request: { method: 'POST', url: '/fhir/Patient', headers: { ...FHIR, 'content-length': '3' }, payload: `{"x":"${MARK}"}` }, status: 400, diagnostics: /^Content-Length does not match the body$/ },
];

describe("the HTTP layer's own refusals", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite', { bodyLimit: 64 });
  });
  after(() => s.close());

  for (const c of CASES) {
    it(`answers ${c.name} with ${c.status} in its own words`, async () => {
      const res = await s.app.inject(c.request);
      assert.equal(res.statusCode, c.status, res.body);
      const body = JSON.parse(res.body);
      assert.equal(body.resourceType, 'OperationOutcome');
      assert.match(body.issue[0].diagnostics, c.diagnostics);
      assert.ok(!res.body.includes('zq') && !res.body.includes('FST_'), `nothing of the request or the framework is echoed: ${res.body}`);
    });
  }
});
