/**
 * Rate limits are per user and per address, not per client app: two doctors using the same client
 * (the command line) have a limit each, and requests without a valid token — refused with 401 —
 * count against their address until it is throttled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { CLI_CLIENT_ID } from '../../src/auth/cli-client.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { MAX_TRACKED_CALLERS, RequestLimiter } from '../../src/http/request-limiter.ts';

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

  it('limits the revocation endpoint per address', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      statuses.push((await s.app.inject({ method: 'POST', url: '/auth/revoke', remoteAddress: '10.4.0.1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=guess-${i}&client_id=${CLI_CLIENT_ID}` })).statusCode);
    }
    assert.deepEqual(statuses.slice(0, LIMIT), Array(LIMIT).fill(200));
    assert.equal(statuses.at(-1), 429, statuses.join(','));
  });
});

describe('the rate limit table under many rotating addresses', () => {
  const minute = () => 1_700_000_000_000;
  const throttled = (limiter: RequestLimiter, caller: string) => {
    try {
      limiter.take(caller);
      return false;
    } catch (err) {
      return (err as { status?: number }).status === 429;
    }
  };

  it(`counts at most ${MAX_TRACKED_CALLERS} callers however many addresses send within a minute`, () => {
    const limiter = new RequestLimiter(LIMIT, minute);
    for (let i = 0; i < MAX_TRACKED_CALLERS * 1.5; i++) limiter.take(`address:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    assert.equal(limiter.tracked, MAX_TRACKED_CALLERS);
  });

  it('forgets the least recently seen callers first, so one still sending stays throttled', () => {
    const limiter = new RequestLimiter(LIMIT, minute, 100);
    const abuser = 'address:10.9.9.9';
    for (let i = 0; i < LIMIT; i++) limiter.take(abuser);
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`address:10.8.${(i >> 8) & 255}.${i & 255}`);
      if (i % 50 === 0) assert.ok(throttled(limiter, abuser), `still throttled after ${i} other addresses`);
    }
    assert.equal(limiter.tracked, 100);
  });
});
