/**
 * Paging goes at most SEARCH_LIMITS.maxOffset deep: a deeper `_offset` is refused with 400
 * `too-costly` telling the caller to narrow the search, and the next links the server writes never
 * point past it — for searches and for history.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEARCH_LIMITS } from '../../src/fhir/search/limits.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { assertTooCostly } from '../support/too-costly.ts';

const MAX = SEARCH_LIMITS.maxOffset;
/** More than fit in the pages up to the cap, so a page at the cap still has more after it. */
const STORED = MAX + 1500;

for (const dialect of DIALECTS) {
  describe(`_offset limit on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
      // As many resources as that, each with its one version, stored in two statements (a search or
      // the history of Basic reads only these rows).
      const rows = `SELECT 'Basic', 'page-' || lpad(g::text, 6, '0'), 1, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 second',
          '{"resourceType":"Basic","id":"page-' || lpad(g::text, 6, '0') || '","meta":{"versionId":"1"},"code":{"text":"paging"}}'`;
      await s.t.db.query(`INSERT INTO resource (resource_type, id, version_id, last_updated, content) ${rows} FROM generate_series(1, ${STORED}) g`);
      await s.t.db.query(`INSERT INTO resource_history (resource_type, id, version_id, last_updated, content, method) ${rows}, 'POST' FROM generate_series(1, ${STORED}) g`);
    });
    after(() => s.close());

    const refused = (res: { status: number; json: any; text: string }) => assertTooCostly(res, 'search limit maxOffset', MAX, /narrow the search.*follow the next links/);

    it(`answers a page at _offset ${MAX} and refuses one deeper`, async () => {
      const atLimit = await s.request({ method: 'GET', url: `/fhir/Basic?_count=10&_offset=${MAX}` });
      assert.equal(atLimit.status, 200, atLimit.text);
      assert.equal(atLimit.json.entry.length, 10);
      refused(await s.request({ method: 'GET', url: `/fhir/Basic?_count=10&_offset=${MAX + 1}` }));
      refused(await s.request({ method: 'GET', url: `/fhir?_type=Basic&_offset=${MAX + 1}` }));
      refused(await s.request({ method: 'POST', url: '/fhir/Basic/_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_offset=${MAX + 1}` }));
      refused(await s.request({ method: 'GET', url: `/fhir/Basic/_history?_offset=${MAX + 1}` }));
    });

    it('writes next links up to the limit and none past it, although more results exist', async () => {
      const offsets: number[] = [];
      let url: string | undefined = '/fhir/Basic?_count=1000&_total=accurate';
      let last: any;
      while (url) {
        const page = await s.request({ method: 'GET', url });
        assert.equal(page.status, 200, page.text);
        offsets.push(Number(new URL(page.json.link.find((l: any) => l.relation === 'self').url).searchParams.get('_offset') ?? 0));
        last = page.json;
        const next = page.json.link.find((l: any) => l.relation === 'next')?.url as string | undefined;
        url = next?.replace('http://helsebro.test', '');
      }
      assert.deepEqual(offsets, Array.from({ length: MAX / 1000 + 1 }, (_, i) => i * 1000));
      assert.equal(last.total, STORED, 'there were more results than the pages reach');
      assert.ok(offsets.every((o) => o <= MAX));
    });

    it('writes history next links no deeper than the limit', async () => {
      const history = async (offset: number) => {
        const page = await s.request({ method: 'GET', url: `/fhir/Basic/_history?_count=1000&_offset=${offset}` });
        assert.equal(page.status, 200, page.text);
        assert.equal(page.json.total, STORED);
        return page.json.link.find((l: any) => l.relation === 'next')?.url as string | undefined;
      };
      assert.equal(new URL((await history(MAX - 1000))!).searchParams.get('_offset'), String(MAX));
      assert.equal(await history(MAX), undefined, 'no next link past the limit, although more versions exist');
    });
  });
}
