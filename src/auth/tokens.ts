/**
 * Issuing and verifying access tokens (signed JWTs, via jose). Verification accepts only asymmetric
 * algorithms, checks signature, issuer, audience and expiry, and never trusts the token's header to
 * pick an algorithm (so `alg: none` and HMAC-with-public-key tricks fail).
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { HelsebroClaims } from '../access/principal.ts';
import { SIGNING_ALG, type SigningKey } from './keys.ts';

export const ACCEPTED_ALGS = ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'EdDSA'];

export async function issueToken(key: SigningKey, claims: HelsebroClaims, options: { issuer: string; audience: string; lifetime: number }): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${options.lifetime}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

export interface TokenVerifier {
  verify(token: string): Promise<JWTPayload>;
}

export function localVerifier(key: SigningKey, issuer: string, audience: string): TokenVerifier {
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
  return verifierFor(jwks, issuer, audience);
}

/** External IdP: the JWKS comes from the issuer's discovery document. */
export async function remoteVerifier(issuer: string, audience: string): Promise<TokenVerifier> {
  const discovery = await fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`));
  if (!discovery.ok) throw new Error(`OpenID discovery at ${issuer} answered ${discovery.status}`);
  const doc = (await discovery.json()) as { issuer?: string; jwks_uri?: string };
  if (!doc.jwks_uri) throw new Error(`OpenID discovery at ${issuer} has no jwks_uri`);
  return verifierFor(createRemoteJWKSet(new URL(doc.jwks_uri)), doc.issuer ?? issuer, audience);
}

const CACHE_LIMIT = 10_000;

/**
 * Verified tokens are remembered until they expire (a client sends the same token with every
 * request; the signature check is the costly part). Only successful verifications are cached.
 */
function verifierFor(keys: JWTVerifyGetKey, issuer: string, audience: string): TokenVerifier {
  const verified = new Map<string, JWTPayload>();
  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit && (hit.exp as number) * 1000 > Date.now()) return hit;
      if (hit) verified.delete(token);
      const { payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ACCEPTED_ALGS, clockTolerance: 5 });
      if (typeof payload.exp !== 'number') throw new Error('the token has no expiry');
      if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
      return payload;
    },
  };
}
