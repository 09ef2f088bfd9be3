/**
 * The built-in authorisation server's signing key: an ES256 key pair kept in the store, so the
 * server and `helsebro token` (another process) agree on it. Created on first use.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Database } from '../store/database.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export const SIGNING_ALG = 'ES256';

export async function loadOrCreateSigningKey(db: Database): Promise<SigningKey> {
  const existing = await db.query<{ kid: string; private_jwk: string; public_jwk: string }>('SELECT kid, private_jwk, public_jwk FROM auth_key ORDER BY created DESC, kid LIMIT 1');
  let row = existing.rows[0];
  if (!row) {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    await db.query('INSERT INTO auth_key (kid, private_jwk, public_jwk) VALUES ($1, $2, $3)', [kid, JSON.stringify(await exportJWK(privateKey)), JSON.stringify(publicJwk)]);
    // Two processes starting at once may both insert; everyone uses the newest.
    row = (await db.query<{ kid: string; private_jwk: string; public_jwk: string }>('SELECT kid, private_jwk, public_jwk FROM auth_key ORDER BY created DESC, kid LIMIT 1')).rows[0];
  }
  return {
    kid: row.kid,
    privateKey: (await importJWK(JSON.parse(row.private_jwk) as JWK, SIGNING_ALG)) as CryptoKey,
    publicJwk: JSON.parse(row.public_jwk) as JWK,
  };
}
