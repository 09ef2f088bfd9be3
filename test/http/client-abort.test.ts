/**
 * A request whose client goes away stops costing the database: on PostgreSQL its running statement
 * is cancelled when the connection closes unanswered, instead of running on to the statement time
 * limit. A statement made to wait on a lock held by another session stands in for a slow one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTestServer, type TestServer } from '../support/runtime.ts';

describe('a request whose client goes away, on postgres', () => {
  let s: TestServer;
  let other: pg.Client;
  let base: string;
  before(async () => {
    // No statement time limit: only the client going away can end the wait.
    s = await startTestServer('postgres', { statementTimeout: 0 });
    const put = await s.request({ method: 'PUT', url: '/fhir/Patient/p1', body: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Berg' }] } });
    assert.equal(put.status, 201, put.text);
    base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    other = new pg.Client({ connectionString: s.t.url });
    await other.connect();
    await other.query('SET idle_in_transaction_session_timeout = 20000');
  });
  after(async () => {
    await other.end();
    await s.close();
  });

  /** Statements of the server's connections that are waiting for a lock. */
  const waiting = async () => Number((await other.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND datname = current_database()")).rows[0].n);
  const until = async (test: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await test()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };

  it('cancels the statement of a read, a search and a write when the client disconnects', async () => {
    for (const request of [
      { method: 'GET', url: '/fhir/Patient/p1' },
      { method: 'GET', url: '/fhir/Patient?family=berg' },
      { method: 'PUT', url: '/fhir/Patient/p2', body: JSON.stringify({ resourceType: 'Patient', id: 'p2' }) },
    ]) {
      await other.query('BEGIN');
      await other.query('LOCK TABLE resource IN ACCESS EXCLUSIVE MODE');
      try {
        const controller = new AbortController();
        const answer = fetch(base + request.url, { method: request.method, body: request.body, headers: { 'content-type': 'application/fhir+json' }, signal: controller.signal }).catch((err: Error) => err);
        assert.ok(await until(async () => (await waiting()) > 0, 5000), `${request.method} ${request.url} reached the database and waits`);
        controller.abort();
        assert.ok((await answer) instanceof Error, 'the client gave up');
        assert.ok(await until(async () => (await waiting()) === 0, 3000), `${request.method} ${request.url}: the waiting statement was cancelled while the lock is still held`);
      } finally {
        await other.query('ROLLBACK');
      }
    }
    assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p2' })).status, 404, 'the abandoned write wrote nothing');
    assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p1' })).status, 200, 'the server serves the next request');
  });
});
