/**
 * `helsebro client register|list`: every bad option is refused before anything is written, and a
 * backend system registered on the command line can then sign in to a running server with
 * private_key_jwt and read within its scopes — and only within them.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { registrationFrom } from '../../src/cli/clients.ts';
import { freePort } from '../support/ports.ts';

const BIN = join(import.meta.dirname, '../../bin/helsebro.js');
const dir = mkdtempSync(join(tmpdir(), 'helsebro-client-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, HELSEBRO_LOG_LEVEL: 'warn' } });
}

describe('helsebro client', () => {
  it('refuses each bad registration with a readable reason', () => {
    const publicJwks = join(dir, 'ok.json');
    writeFileSync(publicJwks, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] }));
    const privateJwks = join(dir, 'private.json');
    writeFileSync(privateJwks, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'secret' }] }));
    const cases: Array<[string, Parameters<typeof registrationFrom>[0], RegExp]> = [
      ['no id', { scope: 'system/*.rs', jwks: publicJwks }, /--id/],
      ['an id with a space', { id: 'lab system', scope: 'system/*.rs', jwks: publicJwks }, /--id/],
      ['no resource scope', { id: 'lab', scope: 'openid', jwks: publicJwks }, /--scope/],
      ['neither kind', { id: 'lab', scope: 'system/*.rs' }, /--redirect-uris.*--jwks/],
      ['both kinds', { id: 'lab', scope: 'system/*.rs', jwks: publicJwks, redirectUris: 'https://a.example/cb' }, /not both/],
      ['plain http off localhost', { id: 'app', scope: 'user/*.rs', redirectUris: 'http://app.example/cb' }, /https/],
      ['a relative redirect', { id: 'app', scope: 'user/*.rs', redirectUris: '/cb' }, /absolute URL/],
      ['a fragment', { id: 'app', scope: 'user/*.rs', redirectUris: 'https://app.example/cb#x' }, /fragment/],
      ['a private key', { id: 'lab', scope: 'system/*.rs', jwks: privateJwks }, /private key/],
      ['a missing file', { id: 'lab', scope: 'system/*.rs', jwks: join(dir, 'nope.json') }, /Cannot read/],
    ];
    for (const [name, options, reason] of cases) assert.throws(() => registrationFrom(options), reason, name);
    assert.deepEqual(registrationFrom({ id: 'app', scope: 'launch user/*.rs', redirectUris: 'https://app.example/cb, http://localhost:3000/cb' }).redirectUris,
      ['https://app.example/cb', 'http://localhost:3000/cb']);
  });

  it('registers a backend system that can then sign in and read, within its scopes', async () => {
    const dataDir = join(dir, 'data');
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwksFile = join(dir, 'lab-public.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'lab-1', alg: 'ES256' }] }));

    const refused = cli(['client', 'register', '--id', 'lab-system', '--scope', 'system/Patient.rs', '--data-dir', dataDir]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /--jwks/);
    const registered = cli(['client', 'register', '--id', 'lab-system', '--name', 'Lab', '--scope', 'system/Patient.rs', '--jwks', jwksFile, '--data-dir', dataDir]);
    assert.equal(registered.status, 0, registered.stderr);
    assert.match(registered.stdout, /registered system 'lab-system'/);
    const listed = cli(['client', 'list', '--data-dir', dataDir]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^lab-system\tconfidential\tsystem\/Patient\.rs$/m);

    const proc = spawn(process.execPath, [BIN, 'serve', '--port', String(await freePort()), '--data-dir', dataDir, '--patients', '5'], { env: { ...process.env, HELSEBRO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+\/fhir)/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const smart = (await (await fetch(`${base}/.well-known/smart-configuration`)).json()) as { token_endpoint: string };
      const token = async (scope: string) => {
        const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'lab-1' }).setIssuer('lab-system').setSubject('lab-system')
          .setAudience(smart.token_endpoint).setJti(crypto.randomUUID()).setIssuedAt().setExpirationTime('2m').sign(pair.privateKey);
        return fetch(smart.token_endpoint, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope }).toString(),
        });
      };
      const granted = await token('system/Patient.rs');
      assert.equal(granted.status, 200);
      const { access_token } = (await granted.json()) as { access_token: string };
      const read = await fetch(`${base}/Patient?_count=1`, { headers: { authorization: `Bearer ${access_token}` } });
      assert.equal(read.status, 200);
      const other = await fetch(`${base}/Observation?_count=1`, { headers: { authorization: `Bearer ${access_token}` } });
      assert.equal(other.status, 403, 'outside the registered scopes');
      const more = await token('system/*.cruds');
      assert.notEqual(more.status, 200, 'never more than the registration allows');
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  });
});
