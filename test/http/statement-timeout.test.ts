/**
 * Every statement has a time limit on PostgreSQL (HELSEBRO_STATEMENT_TIMEOUT): a statement over it
 * is cancelled and the request answered 503 with a `timeout` OperationOutcome, never with the
 * database's own text. A lock held by another session makes a statement wait past the limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { configFromEnv, DEFAULTS } from '../../src/config.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const LIMIT_MS = 300;

describe('statement time limit on postgres', () => {
  let s: TestServer;
  let other: pg.Client;
  before(async () => {
    s = await startTestServer('postgres', { statementTimeout: LIMIT_MS });
    const put = await s.request({ method: 'PUT', url: '/fhir/Patient/p1', body: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Berg' }] } });
    assert.equal(put.status, 201, put.text);
    other = new pg.Client({ connectionString: s.t.url });
    await other.connect();
    // Without a time limit the server would wait for the lock for ever; this ends the wait (and the test) instead.
    await other.query('SET idle_in_transaction_session_timeout = 5000');
  });
  after(async () => {
    await other.end();
    await s.close();
  });

  /** Runs `fn` while another session holds every lock on the resource table. */
  const whileLocked = async <T>(fn: () => Promise<T>): Promise<T> => {
    await other.query('BEGIN');
    await other.query('LOCK TABLE resource IN ACCESS EXCLUSIVE MODE');
    try {
      return await fn();
    } finally {
      await other.query('ROLLBACK');
    }
  };

  const timedOut = (res: { status: number; json: any; text: string }) => {
    assert.equal(res.status, 503, res.text);
    assert.equal(res.json.resourceType, 'OperationOutcome');
    assert.equal(res.json.issue[0].code, 'timeout');
    assert.match(res.json.issue[0].diagnostics, new RegExp(`time limit \\(${LIMIT_MS} ms\\)`));
    assert.doesNotMatch(res.text, /canceling statement|statement timeout|57014/i, 'no database text');
  };

  it('answers a read, a search and a write that wait past the limit with 503 timeout', async () => {
    await whileLocked(async () => {
      const started = performance.now();
      timedOut(await s.request({ method: 'GET', url: '/fhir/Patient/p1' }));
      assert.ok(performance.now() - started < LIMIT_MS * 10, 'cancelled near the limit');
      timedOut(await s.request({ method: 'GET', url: '/fhir/Patient?family=berg' }));
      timedOut(await s.request({ method: 'PUT', url: '/fhir/Patient/p2', body: { resourceType: 'Patient', id: 'p2' } }));
    });
    assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p1' })).status, 200, 'the next request is served');
    assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p2' })).status, 404, 'the cancelled write wrote nothing');
  });

  it('rolls a transaction bundle back when one of its statements is cancelled', async () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: { resourceType: 'Patient', id: 'p3' }, request: { method: 'PUT', url: 'Patient/p3' } },
    ] };
    await whileLocked(async () => timedOut(await s.request({ method: 'POST', url: '/fhir', body: bundle })));
    assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p3' })).status, 404);
  });

  it('is 15 s unless HELSEBRO_STATEMENT_TIMEOUT says otherwise (0: none)', () => {
    assert.equal(DEFAULTS.statementTimeout, 15_000);
    assert.equal(configFromEnv({}).statementTimeout, 15_000);
    assert.equal(configFromEnv({ HELSEBRO_STATEMENT_TIMEOUT: '2500' }).statementTimeout, 2500);
    assert.equal(configFromEnv({ HELSEBRO_STATEMENT_TIMEOUT: '0' }).statementTimeout, 0);
  });
});
