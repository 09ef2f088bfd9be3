/**
 * Who is calling: the verified token turned into one plain object the access rules read. Roles:
 * a doctor (behandler, by HPR number), a citizen (by fødselsnummer), an employer (by organisation
 * number), a NAV caseworker (by NAV ident, with a purpose of use), a backend system (client
 * credentials), or `dev` when the server runs with --insecure-dev.
 */
import type { ParsedScopes } from './scopes.ts';

export type Role = 'doctor' | 'citizen' | 'employer' | 'caseworker' | 'system' | 'dev';

export interface Principal {
  role: Role;
  /** Stable subject id (e.g. `hpr:9144889`, `pid:0783…`, `client:ehr-app`). */
  sub: string;
  /** Display name for the audit trail. */
  name?: string;
  scopes: ParsedScopes;
  clientId?: string;
  /** `Practitioner/…`, `Patient/…` — the FHIR resource of the user. */
  fhirUser?: string;
  /** Launch context: the patient the app was launched for. */
  patient?: string;
  hpr?: string;
  pid?: string;
  orgnr?: string;
  navIdent?: string;
  /** Purpose of use (caseworkers must give one). */
  purpose?: string;
}

/** The claims Helsebro's own tokens carry (external tokens are mapped onto these). */
export interface HelsebroClaims {
  sub: string;
  scope: string;
  role: Role;
  name?: string;
  client_id?: string;
  fhirUser?: string;
  patient?: string;
  hpr_number?: string;
  pid?: string;
  orgnr?: string;
  NAVident?: string;
  purpose_of_use?: string;
}
