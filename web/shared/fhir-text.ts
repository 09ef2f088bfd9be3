/** Small readers of FHIR JSON shared by the apps: names, identity numbers, dates in Norwegian form. */

export interface HumanName { given?: string[]; family?: string; text?: string }
export interface Identifier { system?: string; value?: string }
export interface Reference { reference?: string; display?: string }

export const FNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.1';
export const DNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.2';
export const HPR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.4';
export const PROTECTED_ADDRESS_URL = 'https://helsebro.no/fhir/StructureDefinition/adressebeskyttelse';

export function nameOf(names: HumanName[] | undefined): string {
  const n = names?.[0];
  if (!n) return 'Uten navn';
  return n.text ?? [...(n.given ?? []), n.family].filter(Boolean).join(' ');
}

/** The fødselsnummer or, for those who have one instead, the D-nummer. */
export function identityNumberOf(identifiers: Identifier[] | undefined): { kind: 'Fødselsnummer' | 'D-nummer'; value: string } | undefined {
  const fnr = identifiers?.find((i) => i.system === FNR_SYSTEM)?.value;
  if (fnr) return { kind: 'Fødselsnummer', value: fnr };
  const dnr = identifiers?.find((i) => i.system === DNR_SYSTEM)?.value;
  return dnr ? { kind: 'D-nummer', value: dnr } : undefined;
}

/** 2026-03-05 → 05.03.2026, the way Norwegian forms write dates. */
export function norwegianDate(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '–';
}
