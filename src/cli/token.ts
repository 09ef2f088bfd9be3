/**
 * `helsebro token`: asks a running server's built-in authorisation server for a token, the way an
 * app does (authorization code with PKCE, the user named by login_hint), so it never opens the
 * store itself (an embedded store belongs to the one server process that has it open).
 */
import { createHash, randomBytes } from 'node:crypto';
import { CLI_CLIENT_ID, CLI_REDIRECT } from '../auth/cli-client.ts';

async function authorize(base: string, fhirBase: string, who: string, scope: string, launch?: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    response_type: 'code', client_id: CLI_CLIENT_ID, redirect_uri: CLI_REDIRECT, scope, state: randomBytes(8).toString('hex'), aud: fhirBase,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', login_hint: who, ...(launch ? { launch } : {}),
  });
  const res = await fetch(`${base}/auth/authorize?${q}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`The server refused to authorise (${res.status}): ${(await res.text()).slice(0, 200)}`);
  const back = new URL(location);
  if (back.searchParams.get('error')) throw new Error(`${back.searchParams.get('error')}: ${back.searchParams.get('error_description')}`);
  const token = await fetch(`${base}/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: CLI_REDIRECT, client_id: CLI_CLIENT_ID, code_verifier: verifier }),
  });
  const body = (await token.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`No token: ${body.error_description ?? token.status}`);
  return body.access_token;
}

export async function fetchToken(options: { url: string; as: string; scope?: string; patient?: string }): Promise<string> {
  const base = options.url.replace(/\/+$/, '').replace(/\/fhir$/, '');
  // A network failure (nothing listening) is answered like a server that is not Helsebro, next line.
  const conf = await fetch(`${base}/.well-known/smart-configuration`).catch(() => undefined);
  if (!conf?.ok) throw new Error(`No Helsebro server answers at ${base} (start it with 'helsebro serve', or give --url)`);
  const { issuer } = (await conf.json()) as { issuer: string };
  const fhirBase = issuer.replace(/\/auth$/, '/fhir');
  const whole = 'openid fhirUser launch/patient user/*.cruds patient/*.rs user/*.rs user/Task.u user/QuestionnaireResponse.r';
  const scope = options.scope ?? whole;
  if (!options.patient) return authorize(base, fhirBase, options.as, scope);
  // A launch context: the EHR (this doctor, with the whole of their access) registers the patient,
  // then the app is authorised with it and the scopes asked for, which may be narrower.
  const ehr = await authorize(base, fhirBase, options.as, whole);
  const launch = await fetch(`${base}/auth/launch`, { method: 'POST', headers: { authorization: `Bearer ${ehr}`, 'content-type': 'application/json' }, body: JSON.stringify({ patient: options.patient }) });
  if (launch.status !== 201) {
    // A refusal without an OperationOutcome body is reported by its status alone.
    const reason = ((await launch.json().catch(() => undefined)) as { issue?: Array<{ diagnostics?: string }> } | undefined)?.issue?.[0]?.diagnostics;
    throw new Error(`The launch was refused (${launch.status})${reason ? `: ${reason}` : ''}`);
  }
  const { launch: id } = (await launch.json()) as { launch: string };
  return authorize(base, fhirBase, options.as, `${scope} launch`, id);
}
