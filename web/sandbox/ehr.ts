/**
 * What the sandbox does as the doctor's EHR, through Helsebro's public endpoints only: sign the
 * doctor in (authorization code with PKCE at the builtin authorisation server, the doctor named by
 * login_hint as a signed-in EHR user would be), register the consultation (POST Encounter), open a
 * launch context (POST /auth/launch) and build the SMART EHR launch URL for the app.
 */
import { SANDBOX_CLIENT_ID } from '../shared/clients.ts';

export interface SmartConfiguration { issuer: string; authorization_endpoint: string; token_endpoint: string }
export interface EhrSession { hpr: string; token: string; expiresAt: number }
export interface Consultation { encounter: string; launch: string; launchUrl: string }

/** A step the hub refused, with its reason as the hub gave it (an OperationOutcome's diagnostics). */
export class Refused extends Error {
  constructor(readonly step: 'encounter' | 'launch', readonly status: number, reason: string) {
    super(reason);
  }
}

const PENDING = 'helsebro-sandbox-pending';
const SESSION = 'helsebro-sandbox-session';

/** The server's public root, named by its FHIR base as the clients' redirect URIs are (src/auth/web-clients.ts). */
export const rootOf = (fhirBase: string) => fhirBase.replace(/\/fhir\/?$/, '');
const redirectUri = (fhirBase: string) => `${rootOf(fhirBase)}/sandbox/`;
export const launchPageOf = (fhirBase: string) => `${rootOf(fhirBase)}/apps/lege/launch.html`;

export async function smartConfiguration(fhirBase: string): Promise<SmartConfiguration> {
  const res = await fetch(`${fhirBase}/.well-known/smart-configuration`);
  if (!res.ok) throw new Error(`SMART-konfigurasjonen kunne ikke hentes (${res.status})`);
  return (await res.json()) as SmartConfiguration;
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Sends the browser to the authorisation server; it comes back to /sandbox/ with a code. */
export async function signIn(fhirBase: string, hpr: string): Promise<void> {
  const smart = await smartConfiguration(fhirBase);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64url(crypto.getRandomValues(new Uint8Array(12)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hpr, fhirBase }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: SANDBOX_CLIENT_ID, redirect_uri: redirectUri(fhirBase), scope: 'openid fhirUser user/*.cruds', state, aud: fhirBase,
    code_challenge: challenge, code_challenge_method: 'S256', login_hint: `hpr:${hpr}`,
  });
  window.location.assign(`${smart.authorization_endpoint}?${q}`);
}

/** On the way back from the authorisation server: the code for a token. Undefined when this is not that return. */
export async function completeSignIn(): Promise<EhrSession | undefined> {
  const q = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; hpr: string; fhirBase: string } | null;
  if (!q.has('code') && !q.has('error')) return undefined;
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', window.location.pathname);
  if (q.get('error')) throw new Error(`Innloggingen ble avvist: ${q.get('error_description') ?? q.get('error')}`);
  if (!pending || q.get('state') !== pending.state) throw new Error('Innloggingen kunne ikke fullføres (ukjent state). Prøv igjen.');
  const smart = await smartConfiguration(pending.fhirBase);
  const res = await fetch(smart.token_endpoint, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code')!, redirect_uri: redirectUri(pending.fhirBase), client_id: SANDBOX_CLIENT_ID, code_verifier: pending.verifier }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!body.access_token) throw new Error(`Ingen token: ${body.error_description ?? res.status}`);
  const session = { hpr: pending.hpr, token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

/** The signed-in doctor of this tab, while their token is valid. */
export function currentSession(): EhrSession | undefined {
  const s = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as EhrSession | null;
  return s && s.expiresAt > Date.now() + 10_000 ? s : undefined;
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION);
}

async function reason(res: Response): Promise<string> {
  const body = (await res.json().catch(() => undefined)) as { issue?: Array<{ diagnostics?: string }> } | undefined;
  return body?.issue?.map((i) => i.diagnostics).filter(Boolean).join('; ') || `HTTP ${res.status}`;
}

/** The consultation as an EHR registers it, then the launch context for the app. */
export async function startConsultation(fhirBase: string, session: EhrSession, practitioner: string, patientId: string): Promise<Consultation> {
  const smart = await smartConfiguration(fhirBase);
  const auth = { authorization: `Bearer ${session.token}` };
  const encounter = {
    resourceType: 'Encounter',
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: { reference: practitioner } }],
    period: { start: new Date().toISOString() },
  };
  const created = await fetch(`${fhirBase}/Encounter`, { method: 'POST', headers: { ...auth, 'content-type': 'application/fhir+json', prefer: 'return=representation' }, body: JSON.stringify(encounter) });
  if (!created.ok) throw new Refused('encounter', created.status, await reason(created));
  const { id } = (await created.json()) as { id: string };
  const launched = await fetch(`${smart.issuer}/launch`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ patient: `Patient/${patientId}` }) });
  if (launched.status !== 201) throw new Refused('launch', launched.status, await reason(launched));
  const { launch } = (await launched.json()) as { launch: string };
  const launchUrl = `${launchPageOf(fhirBase)}?${new URLSearchParams({ iss: fhirBase, launch })}`;
  return { encounter: `Encounter/${id}`, launch, launchUrl };
}
