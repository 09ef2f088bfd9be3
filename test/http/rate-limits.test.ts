/**
 * Rate limits are per user and per address, not per client app: two doctors using the same client
 * (the command line) have a limit each, and requests without a valid token — refused with 401 —
 * count against their address until it is throttled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { CLI_CLIENT_ID } from '../../src/cli/token.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 1;
const LIMIT = 5;

describe('rate limits per user and address', () => {
  let s: TestServer;
  let a: string;
  let b: string;
  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, rateLimitPerMinute: LIMIT });
    await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 40 });
    a = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`, { clientId: CLI_CLIENT_ID });
    b = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 1)}`, { clientId: CLI_CLIENT_ID });
  });
  after(() => s.close());

  const get = (token: string | undefined, remoteAddress = '127.0.0.1') =>
    s.app.inject({ method: 'GET', url: '/fhir/Practitioner?_count=1', remoteAddress, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('does not throttle user B on the same client when user A has had their share', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await get(a, '10.1.0.1')).statusCode);
    assert.deepEqual(statuses.slice(0, LIMIT), Array(LIMIT).fill(200));
    assert.equal(statuses.at(-1), 429, 'A is throttled');
    const other = await get(b, '10.1.0.1');
    assert.equal(other.statusCode, 200, 'B, on the same client and address, is not');
  });

  it('limits requests without a valid token per address', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await get(i % 2 ? 'forged' : undefined, '10.2.0.1')).statusCode);
    assert.deepEqual(statuses.slice(0, LIMIT), Array(LIMIT).fill(401));
    assert.equal(statuses.at(-1), 429, statuses.join(','));
    const res = await get(undefined, '10.2.0.1');
    assert.equal(JSON.parse(res.body).issue[0].code, 'throttled');
    assert.equal((await get(undefined, '10.2.0.2')).statusCode, 401, 'another address is not throttled');
  });

  it('limits the token endpoint per address', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      statuses.push((await s.app.inject({ method: 'POST', url: '/auth/token', remoteAddress: '10.3.0.1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=refresh_token&refresh_token=guess' })).statusCode);
    }
    assert.equal(statuses.at(-1), 429, statuses.join(','));
  });
});
