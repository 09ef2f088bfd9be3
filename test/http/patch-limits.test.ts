/**
 * JSON Patch with bounded work (src/service/json-patch.ts): a patch that would grow the resource
 * past the body limit is refused as it grows, long patches and prototype keys are refused before
 * anything is applied, and the RFC 6902 errors (a move into its own child, removing the document)
 * are 4xx OperationOutcomes — never a stall or a 500, and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_PATCH_OPERATIONS } from '../../src/service/json-patch.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const BODY_LIMIT = 64 * 1024;
const PATCH = { 'content-type': 'application/json-patch+json' };

for (const dialect of DIALECTS) {
  describe(`JSON Patch limits on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect, { bodyLimit: BODY_LIMIT });
      const put = await s.request({ method: 'PUT', url: '/fhir/Patient/p1', body: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Berg', given: ['Ola'] }] } });
      assert.equal(put.status, 201, put.text);
    });
    after(() => s.close());

    const version = async () => (await s.request({ method: 'GET', url: '/fhir/Patient/p1' })).json.meta.versionId;
    let versionBefore: string;
    const patch = async (operations: unknown) => {
      versionBefore = await version();
      return s.request({ method: 'PATCH', url: '/fhir/Patient/p1', headers: PATCH, payload: JSON.stringify(operations) });
    };
    /** `res` is an OperationOutcome with `status` and `code`, and the patient was not written. */
    const refused = async (res: { status: number; json: any; text: string }, status: number, code: string, diagnostics: RegExp) => {
      assert.equal(res.status, status, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome');
      assert.equal(res.json.issue[0].code, code, res.text);
      assert.match(res.json.issue[0].diagnostics, diagnostics);
      assert.equal(await version(), versionBefore, 'nothing was written');
    };

    it('refuses 40 self-doubling copies in a 2 KB body at once', async () => {
      const operations = Array.from({ length: 40 }, () => ({ op: 'copy', from: '/name', path: '/name/-' }));
      assert.ok(JSON.stringify(operations).length < 2048);
      const started = performance.now();
      await refused(await patch(operations), 422, 'too-costly', new RegExp(`at most ${BODY_LIMIT} \\(patch limit maxResultBytes\\)`));
      assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
    });

    it('refuses a patch whose result is larger than the body limit', async () => {
      const big = 'x'.repeat(BODY_LIMIT * 0.6);
      await refused(await patch([{ op: 'add', path: '/name/0/given/-', value: big }, { op: 'copy', from: '/name/0', path: '/name/-' }]), 422, 'too-costly', /patch limit maxResultBytes/);
      await refused(await patch([{ op: 'add', path: '/name/0/given/-', value: big }, { op: 'copy', from: '/name/0/given/1', path: '/name/0/family' }]), 422, 'too-costly', /patch limit maxResultBytes/);
      const fits = await patch([{ op: 'add', path: '/name/0/given/-', value: big }, { op: 'remove', path: '/name/0/given/1' }]);
      assert.equal(fits.status, 200, 'a patch that grows and shrinks back within the limit is applied');
      await patch([{ op: 'replace', path: '', value: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Berg', given: ['Ola'] }] } }]);
    });

    it(`allows ${MAX_PATCH_OPERATIONS} operations and refuses one more`, async () => {
      const tests = (n: number) => Array.from({ length: n }, () => ({ op: 'test', path: '/resourceType', value: 'Patient' }));
      await refused(await patch(tests(MAX_PATCH_OPERATIONS + 1)), 400, 'too-costly', new RegExp(`at most ${MAX_PATCH_OPERATIONS} \\(patch limit maxOperations\\)`));
      await s.request({ method: 'PUT', url: '/fhir/Patient/p2', body: { resourceType: 'Patient', id: 'p2' } });
      const ok = await s.request({ method: 'PATCH', url: '/fhir/Patient/p2', headers: PATCH, payload: JSON.stringify(tests(MAX_PATCH_OPERATIONS)) });
      assert.equal(ok.status, 200, ok.text);
    });

    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`refuses '${key}' in a path or from`, async () => {
        await refused(await patch([{ op: 'add', path: `/${key}/polluted`, value: 'yes' }]), 400, 'invalid', new RegExp(`the key '${key}' is not allowed`));
        await refused(await patch([{ op: 'add', path: `/name/0/${key}`, value: 'yes' }]), 400, 'invalid', new RegExp(`the key '${key}'`));
        await refused(await patch([{ op: 'copy', from: `/${key}`, path: '/name/0/family' }]), 400, 'invalid', new RegExp(`the key '${key}'`));
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      });
    }

    it('refuses moving a node into its own child, and removing the resource itself', async () => {
      await refused(await patch([{ op: 'move', from: '/name', path: '/name/0/family' }]), 400, 'invalid', /cannot be moved into its own child/);
      await refused(await patch([{ op: 'move', from: '', path: '/name' }]), 400, 'invalid', /cannot be moved into its own child/);
      await refused(await patch([{ op: 'remove', path: '' }]), 400, 'invalid', /cannot be removed/);
    });

    it('answers 422 when the result is not a resource or an operation cannot be applied', async () => {
      await refused(await patch([{ op: 'replace', path: '', value: null }]), 422, 'processing', /not a JSON object/);
      await refused(await patch([{ op: 'replace', path: '/birthDate', value: '2000-01-01' }]), 422, 'processing', /operation 0 failed/);
      await refused(await patch([{ op: 'test', path: '/name/0/family', value: 'Nope' }]), 422, 'processing', /test failed/);
      await refused(await patch([{ op: 'frobnicate', path: '/name' }]), 400, 'invalid', /'op' must be one of/);
      await refused(await patch([{ op: '_get', path: '/name' }]), 400, 'invalid', /'op' must be one of/);
    });
  });
}
