/**
 * Authentication and the built-in authorisation server (SMART App Launch 2.2 and Backend Services):
 * verifying bearer tokens into Principals, the token endpoint (authorization code with PKCE,
 * refresh, client credentials with private_key_jwt), token revocation (RFC 7009), authorisation
 * with a launch context, and client registration. In external mode only verification is used (tokens come from the OpenID provider).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config.ts';
import { unauthorized } from '../fhir/outcome.ts';
import type { Database } from '../store/database.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { GrantStore } from './grant-store.ts';
import { loadOrCreateSigningKey, SIGNING_ALG, type SigningKey } from './keys.ts';
import type { HelsebroClaims, Principal, Role } from '../access/principal.ts';
import { negotiateScopes, parseScopes, type ParsedScopes } from '../access/scopes.ts';
import { ACCEPTED_ALGS, issueToken, localVerifier, remoteVerifier, type TokenVerifier } from './tokens.ts';
import { resolveUser, ROLE_SCOPES } from './users.ts';
import { CLI_CLIENT_ID, CLI_REDIRECT } from './cli-client.ts';
import { webClients } from './web-clients.ts';

export interface ClientRegistration {
  clientId: string;
  name: string;
  kind: 'public' | 'confidential';
  jwks?: JSONWebKeySet;
  scopes: string;
  redirectUris: string[];
}

/** An OAuth error for the token and authorize endpoints (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(readonly error: string, readonly description: string, readonly status = 400) {
    super(description);
  }
}

interface PendingCode { redirectUri: string; challenge: string; claims: HelsebroClaims; scope: string }
/** `user`: the doctor who opened it (a launch a doctor opened is theirs alone); absent when an EHR system did. */
interface LaunchContext { patient?: string; user?: string }
interface RefreshGrant { claims: HelsebroClaims; scope: string }

const CODE_TTL_MS = 60_000;
const LAUNCH_TTL_MS = 5 * 60_000;
const REFRESH_TTL_MS = 8 * 60 * 60_000;
const ASSERTION_MAX_LIFETIME_S = 300;
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const randomToken = () => randomBytes(32).toString('base64url');

/** Constant-time string comparison (PKCE, stored secrets). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthService {
  /** Codes, refresh tokens and launch contexts, in the database (a restart or another node honours them). */
  private readonly grants: GrantStore;
  /** Parsed scopes of a verified token's claims (the verifier hands back the same object while it caches the token). */
  private readonly parsedScopes = new WeakMap<JWTPayload, ParsedScopes>();

  private constructor(
    readonly config: AuthConfig,
    private readonly db: Database,
    /** The server's own service, to resolve who a login names (see users.ts). */
    private readonly people: FhirService,
    readonly fhirBase: string,
    private readonly key: SigningKey | undefined,
    private readonly verifier: TokenVerifier | undefined,
    now: () => Date,
  ) {
    this.grants = new GrantStore(db, now);
  }

  /** `now`: the clock the codes', refresh tokens' and launches' expiry is measured by. */
  static async create(config: AuthConfig, db: Database, people: FhirService, fhirBase: string, now: () => Date = () => new Date()): Promise<AuthService> {
    if (config.mode === 'insecure-dev') return new AuthService(config, db, people, fhirBase, undefined, undefined, now);
    if (config.mode === 'external') return new AuthService(config, db, people, fhirBase, undefined, await remoteVerifier(config.issuer!, config.audience!), now);
    const key = await loadOrCreateSigningKey(db);
    const service = new AuthService(config, db, people, fhirBase, key, localVerifier(key, issuerFor(fhirBase), config.audience ?? fhirBase), now);
    // The command line's own public client (helsebro token), limited like any app by the user's role.
    await service.registerClient({ clientId: CLI_CLIENT_ID, name: 'helsebro command line', kind: 'public', scopes: Object.values(ROLE_SCOPES).join(' '), redirectUris: [CLI_REDIRECT] });
    // The doctor's app and the EHR sandbox the server serves (/apps/lege/, /sandbox/).
    for (const client of webClients(fhirBase, ROLE_SCOPES.doctor)) await service.registerClient(client);
    return service;
  }

  get issuer(): string {
    return this.config.mode === 'external' ? this.config.issuer! : issuerFor(this.fhirBase);
  }

  get audience(): string {
    return this.config.audience ?? this.fhirBase;
  }

  get tokenEndpoint(): string {
    return `${this.issuer}/token`;
  }

  get revocationEndpoint(): string {
    return `${this.issuer}/revoke`;
  }

  jwks(): JSONWebKeySet {
    return { keys: this.key ? [this.key.publicJwk] : [] };
  }

  // ---- Verifying requests ------------------------------------------------------------------

  /** The caller of a request, from its Authorization header; 401 when missing or invalid. */
  async authenticate(authorization: string | undefined, purposeHeader?: string): Promise<Principal> {
    if (this.config.mode === 'insecure-dev') return DEV_PRINCIPAL;
    const m = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(authorization ?? '');
    if (!m) throw unauthorized('A bearer access token is required');
    let payload: JWTPayload;
    try {
      payload = await this.verifier!.verify(m[1]);
    } catch (err) {
      throw unauthorized(`The access token was refused: ${describeJoseError(err)}`);
    }
    return this.principalFrom(payload, purposeHeader);
  }

  private principalFrom(p: JWTPayload, purposeHeader?: string): Principal {
    const str = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : undefined);
    const c = this.config.claims;
    const hpr = str(c.hpr) ?? str('hpr_number');
    const pid = str(c.pid) ?? str('pid');
    const orgnr = str(c.orgnr) ?? str('orgnr');
    const navIdent = str(c.navIdent) ?? str('NAVident');
    const clientId = str('client_id') ?? str('azp');
    const declared = str('role') as Role | undefined;
    const role: Role = this.config.mode === 'builtin' && declared && declared !== 'dev'
      ? declared
      : hpr ? 'doctor' : navIdent ? 'caseworker' : pid ? 'citizen' : orgnr ? 'employer' : 'system';
    return {
      role,
      sub: p.sub ?? clientId ?? 'unknown',
      name: str('name'),
      scopes: this.scopesOf(p),
      clientId,
      fhirUser: str('fhirUser'),
      patient: str('patient'),
      hpr, pid, orgnr, navIdent,
      purpose: str('purpose_of_use') ?? purposeHeader,
    };
  }

  private scopesOf(payload: JWTPayload): ParsedScopes {
    let parsed = this.parsedScopes.get(payload);
    if (!parsed) {
      parsed = parseScopes(typeof payload.scope === 'string' ? payload.scope : '');
      this.parsedScopes.set(payload, parsed);
    }
    return parsed;
  }

  // ---- Issuing tokens (built-in mode) -----------------------------------------------------

  private requireBuiltin(): SigningKey {
    if (!this.key) throw new OAuthError('unsupported_grant_type', 'This server does not issue tokens (external identity provider mode)');
    return this.key;
  }

  /** A token for a synthetic user (`helsebro token --as …`, tests). */
  async tokenFor(who: string, options: { scope?: string; purpose?: string; patient?: string; clientId?: string } = {}): Promise<string> {
    const claims = await resolveUser(this.people, who, options);
    if (options.scope) claims.scope = negotiateScopes(options.scope, claims.scope);
    if (options.clientId) claims.client_id = options.clientId;
    return issueToken(this.requireBuiltin(), claims, { issuer: this.issuer, audience: this.audience, lifetime: this.config.tokenLifetime });
  }

  async registerClient(c: ClientRegistration): Promise<void> {
    if (c.kind === 'confidential' && !c.jwks?.keys?.length) throw new Error('A confidential client needs a JWKS for private_key_jwt');
    await this.db.query(
      `INSERT INTO auth_client (client_id, name, kind, jwks, scopes, redirect_uris) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (client_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, jwks = EXCLUDED.jwks, scopes = EXCLUDED.scopes, redirect_uris = EXCLUDED.redirect_uris`,
      [c.clientId, c.name, c.kind, c.jwks ? JSON.stringify(c.jwks) : null, c.scopes, c.redirectUris.join(' ')],
    );
  }

  /** Registered client apps and systems (without their keys), for the command line. */
  async listClients(): Promise<Array<Omit<ClientRegistration, 'jwks'>>> {
    const r = await this.db.query<{ client_id: string; name: string; kind: string; scopes: string; redirect_uris: string }>(
      'SELECT client_id, name, kind, scopes, redirect_uris FROM auth_client ORDER BY client_id');
    return r.rows.map((row) => ({ clientId: row.client_id, name: row.name, kind: row.kind as ClientRegistration['kind'], scopes: row.scopes, redirectUris: row.redirect_uris.split(' ').filter(Boolean) }));
  }

  private async client(clientId: string | undefined): Promise<ClientRegistration> {
    if (!clientId) throw new OAuthError('invalid_client', 'client_id is missing', 401);
    const r = await this.db.query<{ client_id: string; name: string; kind: string; jwks: string | null; scopes: string; redirect_uris: string }>(
      'SELECT client_id, name, kind, jwks, scopes, redirect_uris FROM auth_client WHERE client_id = $1', [clientId]);
    const row = r.rows[0];
    if (!row) throw new OAuthError('invalid_client', `Unknown client '${clientId.slice(0, 60)}'`, 401);
    return { clientId: row.client_id, name: row.name, kind: row.kind as ClientRegistration['kind'], jwks: row.jwks ? JSON.parse(row.jwks) : undefined, scopes: row.scopes, redirectUris: row.redirect_uris.split(' ').filter(Boolean) };
  }

  /** POST /auth/launch: the EHR registers a launch context and gets the `launch` value for the app. */
  async createLaunch(context: LaunchContext): Promise<string> {
    const id = randomToken();
    await this.grants.issue<LaunchContext>({ kind: 'launch', value: id, family: randomToken(), body: context, ttlMs: LAUNCH_TTL_MS });
    return id;
  }

  /** GET /auth/authorize: returns the redirect URL with the code (the user is named by login_hint). */
  async authorize(q: Record<string, string | undefined>): Promise<string> {
    this.requireBuiltin();
    const client = await this.client(q.client_id);
    if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) throw new OAuthError('invalid_request', 'redirect_uri is not registered for this client');
    const fail = (error: string, description: string) => {
      const url = new URL(q.redirect_uri!);
      url.searchParams.set('error', error);
      url.searchParams.set('error_description', description);
      if (q.state) url.searchParams.set('state', q.state);
      return url.toString();
    };
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
    if (q.aud !== this.fhirBase) return fail('invalid_request', `aud must be the FHIR base URL ${this.fhirBase}`);
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    if (!q.login_hint) return fail('login_required', 'Name the user with login_hint (hpr:…, pid:…, orgnr:…, nav:…)');
    let patient: string | undefined;
    let launchUser: string | undefined;
    if (q.launch) {
      const launch = await this.grants.redeem<LaunchContext>('launch', q.launch);
      if (!launch) return fail('invalid_request', 'Unknown or expired launch');
      patient = launch.body.patient;
      launchUser = launch.body.user;
    }
    let claims: HelsebroClaims;
    try {
      claims = await resolveUser(this.people, q.login_hint, { patient });
    } catch (err) {
      return fail('access_denied', err instanceof Error ? err.message : 'Unknown user');
    }
    if (launchUser && claims.sub !== launchUser) return fail('access_denied', 'This launch was opened by another user: it can be used only by the one who opened it');
    const scope = negotiateScopes(negotiateScopes(q.scope ?? '', client.scopes), claims.scope);
    const code = randomToken();
    await this.grants.issue<PendingCode>({
      kind: 'code', value: code, family: randomToken(), clientId: client.clientId, ttlMs: CODE_TTL_MS,
      body: { redirectUri: q.redirect_uri, challenge: q.code_challenge, claims: { ...claims, client_id: client.clientId }, scope },
    });
    const url = new URL(q.redirect_uri);
    url.searchParams.set('code', code);
    if (q.state) url.searchParams.set('state', q.state);
    return url.toString();
  }

  /** POST /auth/token. */
  async token(form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    const key = this.requireBuiltin();
    switch (form.grant_type) {
      case 'authorization_code': return this.exchangeCode(key, form);
      case 'refresh_token': return this.refresh(key, form);
      case 'client_credentials': return this.clientCredentials(key, form);
      default: throw new OAuthError('unsupported_grant_type', `Unsupported grant_type '${String(form.grant_type).slice(0, 40)}'`);
    }
  }

  /** `refreshFamily`: issue a refresh token of that family (the code it descends from), or none. */
  private async respond(key: SigningKey, claims: HelsebroClaims, scope: string, clientId: string, refreshFamily?: string): Promise<Record<string, unknown>> {
    const lifetime = this.config.tokenLifetime;
    const access = await issueToken(key, { ...claims, scope, client_id: clientId }, { issuer: this.issuer, audience: this.audience, lifetime });
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: lifetime, scope };
    if (claims.patient && parseScopes(scope).other.has('launch/patient')) body.patient = claims.patient;
    if (claims.patient && parseScopes(scope).other.has('launch')) body.patient = claims.patient;
    if (parseScopes(scope).other.has('openid')) {
      body.id_token = await new SignJWT({ fhirUser: claims.fhirUser, name: claims.name })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid })
        .setIssuer(this.issuer).setAudience(clientId).setSubject(claims.sub).setIssuedAt().setExpirationTime(`${lifetime}s`)
        .sign(key.privateKey);
    }
    if (refreshFamily) {
      const refresh = randomToken();
      await this.grants.issue<RefreshGrant>({ kind: 'refresh', value: refresh, family: refreshFamily, clientId, body: { claims, scope }, ttlMs: REFRESH_TTL_MS });
      body.refresh_token = refresh;
    }
    return body;
  }

  private async exchangeCode(key: SigningKey, form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    // Presenting a code uses it up, whoever presents it and however the exchange ends.
    const redeemed = form.code ? await this.grants.redeem<PendingCode>('code', form.code) : undefined;
    if (!redeemed) throw new OAuthError('invalid_grant', 'The code is unknown, used or expired');
    const pending = redeemed.body;
    if (!form.client_id) throw new OAuthError('invalid_request', 'client_id is required');
    if (form.client_id !== redeemed.clientId) throw new OAuthError('invalid_grant', 'The code was issued to another client');
    if (form.redirect_uri !== pending.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorisation request');
    const verifier = form.code_verifier ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!safeEqual(challenge, pending.challenge)) throw new OAuthError('invalid_grant', 'The PKCE code_verifier does not match');
    const other = parseScopes(pending.scope).other;
    const withRefresh = other.has('offline_access') || other.has('online_access');
    return this.respond(key, pending.claims, pending.scope, form.client_id, withRefresh ? redeemed.family : undefined);
  }

  private async refresh(key: SigningKey, form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    if (!form.client_id) throw new OAuthError('invalid_request', 'client_id is required');
    // Another client presenting the token learns nothing and does not use it up; a second use revokes its family.
    const redeemed = form.refresh_token ? await this.grants.redeem<RefreshGrant>('refresh', form.refresh_token, form.client_id) : undefined;
    if (!redeemed) throw new OAuthError('invalid_grant', 'The refresh token is unknown, used or expired');
    const grant = redeemed.body;
    const scope = form.scope ? negotiateScopes(form.scope, grant.scope) : grant.scope;
    return this.respond(key, grant.claims, scope, form.client_id, redeemed.family);
  }

  /** SMART Backend Services: the client proves itself with a JWT signed by its registered key. */
  private async clientCredentials(key: SigningKey, form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE || !form.client_assertion) {
      throw new OAuthError('invalid_client', 'client_credentials needs a private_key_jwt client_assertion', 401);
    }
    const client = await this.assertedClient(form.client_assertion, [this.tokenEndpoint]);
    const requested = form.scope ?? client.scopes;
    const scope = negotiateScopes(requested, client.scopes);
    if (requested.split(/\s+/).filter(Boolean).some((s) => !scope.split(' ').includes(s))) {
      throw new OAuthError('invalid_scope', `The client is not registered for: ${requested.split(/\s+/).filter((s) => !scope.split(' ').includes(s)).join(' ')}`);
    }
    const claims: HelsebroClaims = { sub: `client:${client.clientId}`, role: 'system', scope, name: client.name };
    return this.respond(key, claims, scope, client.clientId);
  }

  /** The confidential client a private_key_jwt assertion (RFC 7523) proves, used up so it cannot be replayed. */
  private async assertedClient(assertion: string, audience: string[]): Promise<ClientRegistration> {
    let unverified: string | undefined;
    try {
      unverified = decodeProtectedHeader(assertion).alg;
    } catch {
      throw new OAuthError('invalid_client', 'The client assertion is not a JWT', 401);
    }
    if (!unverified || !ACCEPTED_ALGS.includes(unverified)) throw new OAuthError('invalid_client', `Client assertions signed with '${String(unverified)}' are not accepted`, 401);
    const sub = readUnverifiedSub(assertion);
    const client = await this.client(sub);
    if (client.kind !== 'confidential' || !client.jwks) throw new OAuthError('invalid_client', 'This client has no registered keys', 401);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks), {
        issuer: client.clientId, subject: client.clientId, audience, algorithms: ACCEPTED_ALGS, clockTolerance: 5,
      }));
    } catch (err) {
      throw new OAuthError('invalid_client', `The client assertion was refused: ${describeJoseError(err)}`, 401);
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp - now > ASSERTION_MAX_LIFETIME_S) throw new OAuthError('invalid_client', 'The client assertion must expire within five minutes', 401);
    if (typeof payload.jti !== 'string' || !payload.jti) throw new OAuthError('invalid_client', 'The client assertion needs a jti', 401);
    await this.db.query('DELETE FROM auth_jti WHERE expires < now()');
    const used = await this.db.query('INSERT INTO auth_jti (jti, expires) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING RETURNING jti', [`${client.clientId}:${payload.jti}`, payload.exp]);
    if (used.rows.length === 0) throw new OAuthError('invalid_client', 'This client assertion was already used (replay)', 401);
    return client;
  }

  /**
   * POST /auth/revoke (RFC 7009). The client authenticates as at the token endpoint: a public client
   * names itself, a confidential one proves itself with a client assertion. A refresh token of that
   * client is revoked with its whole family (the code it came from and every token rotated from
   * it). Any other token — unknown, expired, already revoked, another client's — is left as it is
   * and answered alike (RFC 7009 §2.2), so the answer tells no client about another's tokens.
   * Access tokens are signed and checked without the database, so they cannot be revoked: one
   * that is still valid is refused with `unsupported_token_type` (§2.2.1) rather than falsely
   * confirmed; it expires within the configured token lifetime.
   */
  async revoke(form: Record<string, string | undefined>): Promise<void> {
    if (!this.key) throw new OAuthError('unsupported_token_type', 'This server does not issue tokens (external identity provider mode); revoke them at the identity provider');
    const client = await this.revokingClient(form);
    if (!form.token) throw new OAuthError('invalid_request', 'token is required');
    // The hint only saves a lookup (§2.1); every token is checked for what it is, whatever it says.
    if (await this.isAccessToken(form.token)) {
      throw new OAuthError('unsupported_token_type', `Access tokens cannot be revoked; they expire ${this.config.tokenLifetime} seconds after issue. Revoke the refresh token to end the grant`);
    }
    await this.grants.revokeFamilyOf('refresh', form.token, client.clientId);
  }

  private async revokingClient(form: Record<string, string | undefined>): Promise<ClientRegistration> {
    if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
      if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE || !form.client_assertion) throw new OAuthError('invalid_client', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}, with a client_assertion`, 401);
      const client = await this.assertedClient(form.client_assertion, [this.tokenEndpoint, this.revocationEndpoint]);
      if (form.client_id !== undefined && form.client_id !== client.clientId) throw new OAuthError('invalid_client', 'client_id names another client than the client assertion', 401);
      return client;
    }
    const client = await this.client(form.client_id);
    if (client.kind === 'confidential') throw new OAuthError('invalid_client', 'This client must authenticate with a private_key_jwt client_assertion', 401);
    return client;
  }

  private async isAccessToken(token: string): Promise<boolean> {
    if (!/^[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+$/.test(token)) return false;
    try {
      await this.verifier!.verify(token);
      return true;
    } catch {
      // Not a valid access token of this server (expired ones included): nothing to refuse.
      return false;
    }
  }
}

function issuerFor(fhirBase: string): string {
  return fhirBase.replace(/\/fhir\/?$/, '') + '/auth';
}

function readUnverifiedSub(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown; iss?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    // Not a JWT's payload: no client is named, and the client lookup refuses it (invalid_client).
    return undefined;
  }
}

function describeJoseError(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED': return 'it has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': return `claim check failed (${(err as { claim?: string }).claim ?? 'claim'})`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return 'the signature does not verify';
    case 'ERR_JOSE_ALG_NOT_ALLOWED': return 'its algorithm is not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY': return 'it is signed with an unknown key';
    case 'ERR_JWS_INVALID': case 'ERR_JWT_INVALID': return 'it is malformed';
    default: return 'it could not be verified';
  }
}

export const DEV_PRINCIPAL: Principal = { role: 'dev', sub: 'insecure-dev', name: 'insecure-dev', scopes: parseScopes('system/*.cruds') };
