/**
 * The public clients for the browser apps the server itself serves (src/http/routes/web-apps.ts),
 * registered by the builtin authorisation server at start like the command line's client. Their
 * redirect URIs are on the server's own public address, so they follow HELSEBRO_BASE_URL.
 * web/shared/clients.ts holds the same ids for the browser code.
 */
import type { ClientRegistration } from './auth-service.ts';

export const LEGE_CLIENT_ID = 'helsebro-lege';
export const SANDBOX_CLIENT_ID = 'helsebro-sandbox';

/** The server's public origin and path prefix, from its FHIR base (`https://host/fhir` → `https://host`). */
export function publicRootOf(fhirBase: string): string {
  return fhirBase.replace(/\/fhir\/?$/, '');
}

/** `doctorScopes`: the most a doctor may be granted; the app is limited to it like any client. */
export function webClients(fhirBase: string, doctorScopes: string): ClientRegistration[] {
  const root = publicRootOf(fhirBase);
  return [
    // The doctor's SMART app: EHR launch (launch.html) and standalone launch, back to index.html.
    { clientId: LEGE_CLIENT_ID, name: 'Helsebro legeapp', kind: 'public', scopes: doctorScopes, redirectUris: [`${root}/apps/lege/index.html`, `${root}/apps/lege/`] },
    // The sandbox plays the doctor's EHR: it signs the doctor in to register consultations and launches.
    { clientId: SANDBOX_CLIENT_ID, name: 'Helsebro EHR-sandkasse', kind: 'public', scopes: doctorScopes, redirectUris: [`${root}/sandbox/`] },
  ];
}
