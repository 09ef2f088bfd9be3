/**
 * `helsebro client register|list`: the registered apps (SMART apps launched from an EHR, public
 * clients with PKCE) and systems (backend services signing in with private_key_jwt) that may ask
 * the built-in authorisation server for tokens. Every option is checked before anything is written.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { ClientRegistration } from '../auth/auth-service.ts';
import { parseScopes } from '../access/scopes.ts';
import type { Config } from '../config.ts';
import { withRuntime } from './imports.ts';

interface RegisterOptions {
  id?: string;
  name?: string;
  scope?: string;
  redirectUris?: string;
  jwks?: string;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The registration the options describe; throws a readable error for anything wrong. */
export function registrationFrom(o: RegisterOptions): ClientRegistration {
  if (!o.id || !CLIENT_ID.test(o.id)) throw new Error('--id must be 1–64 letters, digits, dots, dashes or underscores');
  const scopes = (o.scope ?? '').trim();
  const parsed = parseScopes(scopes);
  if (parsed.resources.length === 0) throw new Error("--scope must name at least one resource scope, e.g. 'system/*.rs' or 'user/*.cruds'");
  if (o.jwks && o.redirectUris) throw new Error('Give --jwks (a backend system) or --redirect-uris (an app), not both');
  if (o.jwks) return { clientId: o.id, name: o.name ?? o.id, kind: 'confidential', jwks: readJwks(o.jwks), scopes, redirectUris: [] };
  if (!o.redirectUris) throw new Error('An app needs --redirect-uris; a backend system needs --jwks');
  const redirectUris = o.redirectUris.split(',').map((u) => u.trim()).filter(Boolean);
  for (const uri of redirectUris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new Error(`'${uri.slice(0, 200)}' is not an absolute URL`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))) {
      throw new Error(`Redirect URI '${uri.slice(0, 200)}' must use https (plain http only for localhost)`);
    }
    if (url.hash) throw new Error(`Redirect URI '${uri.slice(0, 200)}' may not have a fragment`);
  }
  return { clientId: o.id, name: o.name ?? o.id, kind: 'public', scopes, redirectUris };
}

/** A JWKS file with public keys only: a private key in a registration would be a leak. */
function readJwks(path: string): JSONWebKeySet {
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet;
  } catch (err) {
    throw new Error(`Cannot read the JWKS in ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) throw new Error(`${path} is not a JWKS: it needs a non-empty "keys" array`);
  for (const key of jwks.keys) {
    if (!key || typeof key.kty !== 'string') throw new Error(`${path}: every key needs a "kty"`);
    if ('d' in key) throw new Error(`${path} holds a private key; register the public key only`);
  }
  return jwks;
}

export async function registerClient(config: Config, o: RegisterOptions): Promise<ClientRegistration> {
  const registration = registrationFrom(o);
  await withRuntime(config, (r) => r.auth.registerClient(registration));
  return registration;
}

export async function listClients(config: Config): Promise<Array<Omit<ClientRegistration, 'jwks'>>> {
  return withRuntime(config, (r) => r.auth.listClients());
}
