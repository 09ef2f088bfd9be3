/**
 * One request's odd values cannot spoil the audit log for everyone else: ids and queries with
 * quotes, backslashes, NUL and other control characters, lone surrogates or great length are made
 * storable, a batch that still fails is written row by row, and no database error reaches a client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { AuditLog, type AuditEntry } from '../../src/audit/audit-log.ts';
import { auditText, storableEntry } from '../../src/audit/audit-values.ts';
import type { Database } from '../../src/store/database.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 1;
const POISON = ['a%22b', 'x'.repeat(300), '%ff', 'a%5Cb', 'a%00b', 'x%01%1by', '%ED%A0%80', 'x'.repeat(190), 'a%22%5C%00'];
const DATABASE_ERRORS = /array literal|byte sequence|22P02|22021|syntax|violates|column|relation/i;

for (const dialect of DIALECTS) {
  describe(`audit poisoning on ${dialect}`, () => {
    let s: TestServer;
    let doctor: string;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 40 });
      doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
    });
    after(() => s.close());

    for (const bad of POISON) it(`serves and audits every normal request beside one for Patient/${bad.slice(0, 12)}`, async () => {
      const tag = `n${Math.random().toString(36).slice(2, 10)}`;
      const normal = Array.from({ length: 30 }, (_, i) => s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: { authorization: `Bearer ${doctor}`, 'x-request-id': `${tag}-${i}` } }));
      const poisoned = [
        s.request({ method: 'GET', url: `/fhir/Patient/${bad}?q=${bad}`, headers: { authorization: `Bearer ${doctor}`, 'x-request-id': `${tag}-bad` } }),
        s.request({ method: 'GET', url: `/fhir/Patient/${bad}` }),
      ];
      const answers = await Promise.all(normal);
      assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), 'every normal request is served');
      for (const p of await Promise.all(poisoned)) {
        assert.equal(p.json?.resourceType, 'OperationOutcome', p.text);
        assert.ok([400, 401, 404, 414].includes(p.status), `${p.status} ${p.text}`);
        assert.doesNotMatch(p.text, DATABASE_ERRORS, 'no database error reaches the client');
      }
      const rows = await s.t.db.query<{ request_id: string; resource_id: string | null }>('SELECT request_id, resource_id FROM audit_log WHERE request_id LIKE $1', [`${tag}-%`]);
      assert.equal(rows.rows.filter((r) => r.request_id !== `${tag}-bad`).length, 30, 'every normal request is audited');
      const stored = rows.rows.find((r) => r.request_id === `${tag}-bad`);
      const [first] = await Promise.all(poisoned);
      if (first.status === 414 || first.json?.issue?.[0]?.diagnostics === 'The URL is malformed') return; // refused by the router, before anything is read
      assert.ok(stored, 'the odd request is audited too');
      assert.doesNotMatch(String(stored.resource_id), /[\u0000-\u001f]/);
      assert.ok(String(stored.resource_id).length <= 128);
    });
  });
}

describe('audit values', () => {
  it('makes text storable: no control characters, well-formed, bounded', () => {
    assert.equal(auditText('a\u0000b\u001bc\u007f', 100), 'a\uFFFDb\uFFFDc\uFFFD');
    assert.equal(auditText('x\uD800y', 100), 'x\uFFFDy');
    assert.equal(auditText('a"b\\c', 100), 'a"b\\c', 'quotes and backslashes are kept (bound as parameters)');
    const long = auditText('😀'.repeat(100), 11);
    assert.ok(long.length <= 11 && long.endsWith('…') && !/[\uD800-\uDBFF]…$/.test(long));
  });

  it('keeps only FHIR ids as the patients of a row', () => {
    const e = storableEntry({ recorded: new Date().toISOString(), agentRole: 'doctor', agentId: 'hpr:1', action: 'R', interaction: 'read', patientIds: ['ok-1', 'a"b', 'a\\b', 'ok-1', ''], status: 200 });
    assert.deepEqual(e.patientIds, ['ok-1']);
  });

  it('writes the rest of a failed batch row by row, and a row refused alone in its minimal form', async () => {
    const stored: string[][] = [];
    const db = {
      async query(_text: string, params: unknown[][]) {
        // This store refuses any statement carrying the name 'refused', the way a constraint might.
        if (params[4].includes('refused')) throw new Error('value refused by the database');
        stored.push(params[17] as string[]);
        return { rows: [] };
      },
    } as unknown as Database;
    const problems: string[] = [];
    const log = new AuditLog(db, ({ stored: how }) => problems.push(how));
    const entry = (requestId: string, agentName?: string): AuditEntry => ({ recorded: new Date().toISOString(), agentRole: 'doctor', agentId: 'hpr:1', agentName, action: 'R', interaction: 'read', patientIds: [], status: 200, requestId });
    await Promise.all([log.record(entry('r1')), log.record(entry('r2', 'refused')), log.record(entry('r3'))]);
    assert.deepEqual(stored.flat().sort(), ['r1', 'r2', 'r3'], 'every access is on record');
    assert.deepEqual(problems, ['minimal'], 'the refused row is reported');
  });

  it('fails only the request whose row cannot be stored at all', async () => {
    const db = {
      async query(_text: string, params: unknown[][]) {
        if (params[17].includes('lost')) throw new Error('disk full');
        return { rows: [] };
      },
    } as unknown as Database;
    const log = new AuditLog(db);
    const entry = (requestId: string): AuditEntry => ({ recorded: new Date().toISOString(), agentRole: 'doctor', agentId: 'hpr:1', action: 'R', interaction: 'read', patientIds: [], status: 200, requestId });
    const results = await Promise.allSettled([log.record(entry('ok')), log.record(entry('lost'))]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
  });
});
