/**
 * A flood of requests without a valid token cannot push real accesses out of a citizen's access
 * log: such refusals are limited per address, audited per address and minute (never against a
 * patient), and the log pages newest first through everything down to the oldest entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { AuditLog, type AuditEntry } from '../../src/audit/audit-log.ts';
import { FULL_TARGETS, RefusalTally } from '../../src/audit/refusal-tally.ts';
import type { Database } from '../../src/store/database.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 1;
type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`a citizen's access log under a flood of refusals on ${dialect}`, () => {
    let s: TestServer;
    let patientId: string;
    let doctor: string;
    let citizen: string;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' }, rateLimitPerMinute: 100 });
      await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 40 });
      const patients = (await s.runtime.service.repo.search({ resourceType: 'Patient', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => JSON.parse(m.content));
      const patient = patients.find((p: Json) => (p.generalPractitioner ?? []).some((g: Json) => g.reference === `Practitioner/${practitionerId(0)}`));
      patientId = patient.id;
      doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
      citizen = await s.runtime.auth.tokenFor(`pid:${patient.identifier[0].value}`);
    });
    after(() => s.close());

    it('keeps every real access in the log, newest first, and pages down to the oldest', async () => {
      const reads = 7;
      for (let i = 0; i < reads; i++) assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${patientId}`, headers: { authorization: `Bearer ${doctor}` } })).status, 200);
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const address = `10.9.${i % 3}.1`;
        const res = await s.app.inject({ method: 'GET', url: `/fhir/Patient/${patientId}${i % 2 ? `/_history/${i}` : ''}`, remoteAddress: address, headers: i % 5 ? {} : { authorization: 'Bearer forged.token.here' } });
        statuses.push(res.statusCode);
      }
      assert.equal(statuses.filter((x) => x === 401).length, 300, 'each address gets its 100 refusals');
      const flood = await s.app.inject({ method: 'GET', url: `/fhir/Patient/${patientId}`, remoteAddress: '10.9.0.1' });
      assert.equal(flood.statusCode, 429, 'then is throttled');
      const rows = await s.t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE source_ip LIKE '10.9.%'");
      assert.ok(Number(rows.rows[0].n) <= 3 * (FULL_TARGETS + 1), `refusals are audited per address and minute, not one by one (${rows.rows[0].n} rows)`);

      const events: Json[] = [];
      let url: string | undefined = '/fhir/Patient/$access-log?_count=3';
      let pages = 0;
      while (url) {
        const page = await s.request({ method: 'GET', url: url.replace('http://helsebro.test', ''), headers: { authorization: `Bearer ${citizen}` } });
        assert.equal(page.status, 200, page.text);
        assert.ok(page.json.entry.length <= 3);
        events.push(...page.json.entry.map((e: Json) => e.resource));
        url = page.json.link.find((l: Json) => l.relation === 'next')?.url;
        assert.ok(++pages < 100);
      }
      const recorded = events.map((e) => e.recorded);
      assert.deepEqual(recorded, [...recorded].sort().reverse(), 'newest first');
      assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'no event on two pages');
      assert.equal(events.filter((e) => e.agent[0].altId === `hpr:${hprNumber(SEED, 0)}` && e.subtype[0].code === 'read').length, reads, 'every read by the doctor is there');
      assert.ok(!events.some((e) => e.agent[0].altId === 'anonymous'), 'refusals without a token are not about the patient');
      const oldest = await s.t.db.query<{ id: string }>('SELECT id FROM audit_log WHERE patient_ids && $1::text[] ORDER BY recorded, id LIMIT 1', [[patientId]]);
      assert.equal(events.at(-1)!.id, oldest.rows[0].id, 'paging reaches the oldest entry');
    });

    it('refuses a malformed page cursor or count', async () => {
      for (const q of ['_count=0', '_count=x', 'before=nope']) {
        const res = await s.request({ method: 'GET', url: `/fhir/Patient/$access-log?${q}`, headers: { authorization: `Bearer ${citizen}` } });
        assert.equal(res.status, 400, q);
      }
    });
  });
}

describe('refusal tally', () => {
  it('writes the first refusal per target in full, and one summary per address when the minute ends', async () => {
    const stored: AuditEntry[] = [];
    const log = new AuditLog({ async query(_t: string, params: unknown[][]) { for (let i = 0; i < params[0].length; i++) stored.push({ resourceId: params[10][i], sourceIp: params[16][i], count: params[18][i], patientIds: params[12][i] } as unknown as AuditEntry); return { rows: [] }; } } as unknown as Database);
    let now = Date.UTC(2026, 0, 1, 12, 0, 5);
    const tally = new RefusalTally(log, () => now);
    const refusal = (id: string, ip: string): AuditEntry => ({ recorded: new Date(now).toISOString(), agentRole: 'anonymous', agentId: 'anonymous', action: 'R', interaction: 'read', resourceType: 'Patient', resourceId: id, patientIds: [id], status: 401, sourceIp: ip });
    for (let i = 0; i < 100; i++) await tally.record(refusal(`p${i % 30}`, '10.0.0.1'));
    await tally.record(refusal('p1', '10.0.0.2'));
    assert.equal(stored.length, FULL_TARGETS + 1, 'distinct targets up to the cap, per address');
    assert.ok(stored.every((e) => String(e.patientIds) === '{}'), 'no patient is named');
    now += 60_000;
    await tally.tick();
    const summary = stored.filter((e) => Number(e.count) > 1);
    assert.deepEqual(summary.map((e) => [e.sourceIp, Number(e.count)]), [['10.0.0.1', 100 - FULL_TARGETS]]);
  });
});
