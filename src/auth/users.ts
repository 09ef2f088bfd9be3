/**
 * The built-in authorisation server's users: the synthetic people and organisations in the store.
 * A user is named as `<kind>:<id>` — `hpr:9144889` (a doctor), `pid:07838412305` (a citizen),
 * `orgnr:974652277` (an employer), `nav:Z990001` (a NAV caseworker) — and resolved to the claims
 * a token for them carries. Production refuses synthetic people elsewhere; here they are the point.
 */
import { IdentifierSystem, parseIdent } from '../domain/identity/index.ts';
import { isValidOrgnr } from '../domain/identity/organisasjonsnummer.ts';
import { normaliseHprNumber } from '../domain/identity/hpr.ts';
import { badRequest } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { HelsebroClaims, Role } from '../access/principal.ts';

/** What each kind of user may ask for at most (the data layer narrows it further). */
export const ROLE_SCOPES: Record<Exclude<Role, 'system' | 'dev'>, string> = {
  doctor: 'openid fhirUser launch launch/patient offline_access user/*.cruds',
  citizen: 'openid fhirUser launch/patient offline_access patient/*.rs',
  employer: 'openid user/QuestionnaireResponse.r',
  caseworker: 'openid fhirUser user/*.rs user/Task.u',
};

const NAV_IDENT = /^[A-Z]\d{6}$/;

async function firstId(people: FhirService, type: string, system: string, value: string): Promise<string | undefined> {
  const result = await people.search({ ...parseSearch(type, [['identifier', `${system}|${value}`]]), count: 1, total: 'none' });
  return result.matches[0]?.id;
}

function nameOf(content: string | undefined): string | undefined {
  if (!content) return undefined;
  const r = JSON.parse(content) as { name?: Array<{ family?: string; given?: string[] }> | string };
  if (typeof r.name === 'string') return r.name;
  const n = r.name?.[0];
  return n ? [...(n.given ?? []), n.family].filter(Boolean).join(' ') : undefined;
}

/** Resolves `kind:id` to token claims; unknown people are refused. */
/** `people` is the server's own service: who a login names is looked up before there is a caller. */
export async function resolveUser(people: FhirService, who: string, options: { purpose?: string; patient?: string } = {}): Promise<HelsebroClaims> {
  const [kind, rawId = ''] = who.split(':', 2);
  switch (kind) {
    case 'hpr': {
      const hpr = normaliseHprNumber(rawId);
      if (!hpr) throw badRequest(`'${rawId.slice(0, 20)}' is not an HPR number`);
      const id = await firstId(people, 'Practitioner', IdentifierSystem.HPR, hpr);
      if (!id) throw badRequest(`No practitioner with HPR number ${hpr} in this hub`);
      const name = nameOf((await people.readIfExists('Practitioner', id))?.content);
      return { sub: `hpr:${hpr}`, role: 'doctor', scope: ROLE_SCOPES.doctor, hpr_number: hpr, fhirUser: `Practitioner/${id}`, name, ...(options.patient ? { patient: options.patient } : {}) };
    }
    case 'pid': {
      const parsed = parseIdent(rawId);
      if (!parsed) throw badRequest(`'${rawId.slice(0, 20)}' is not a fødselsnummer or D-nummer`);
      const system = parsed.kind === 'DNR' ? IdentifierSystem.DNR : IdentifierSystem.FNR;
      const id = await firstId(people, 'Patient', system, rawId);
      if (!id) throw badRequest(`No patient with identity number ${rawId} in this hub`);
      const name = nameOf((await people.readIfExists('Patient', id))?.content);
      return { sub: `pid:${rawId}`, role: 'citizen', scope: ROLE_SCOPES.citizen, pid: rawId, fhirUser: `Patient/${id}`, patient: id, name };
    }
    case 'orgnr': {
      if (!isValidOrgnr(rawId)) throw badRequest(`'${rawId.slice(0, 20)}' is not a valid organisation number`);
      const id = await firstId(people, 'Organization', IdentifierSystem.ORGNR, rawId);
      const name = id ? nameOf((await people.readIfExists('Organization', id))?.content) : undefined;
      return { sub: `orgnr:${rawId}`, role: 'employer', scope: ROLE_SCOPES.employer, orgnr: rawId, name };
    }
    case 'nav': {
      if (!NAV_IDENT.test(rawId)) throw badRequest(`'${rawId.slice(0, 20)}' is not a NAV ident (a letter and six digits)`);
      return { sub: `nav:${rawId}`, role: 'caseworker', scope: ROLE_SCOPES.caseworker, NAVident: rawId, name: `NAV ${rawId}`, ...(options.purpose ? { purpose_of_use: options.purpose } : {}) };
    }
    default:
      throw badRequest(`Name the user as hpr:<HPR number>, pid:<fødselsnummer>, orgnr:<organisation number> or nav:<NAV ident>, not '${who.slice(0, 40)}'`);
  }
}
