/** Named demo users for the docs and login pages, picked from the same deterministic population. */
import { generatePopulation, type FhirResource, type PopulationOptions } from './population.ts';

interface Persona { id: string; label: string; identifier: string }

interface DemoPersonas {
  gps: Persona[];
  specialist: Persona;
  patientWithFastlege: Persona;
  patientWithoutFastlege?: Persona;
  employer: Persona;
}

function ident(r: FhirResource, system: string): string {
  return ((r.identifier as Array<{ system: string; value: string }> | undefined) ?? []).find((i) => i.system === system)?.value ?? '';
}

function label(r: FhirResource): string {
  const n = (r.name as Array<{ given?: string[]; family?: string }> | string | undefined);
  if (typeof n === 'string') return n;
  return `${n?.[0]?.given?.[0] ?? ''} ${n?.[0]?.family ?? ''}`.trim();
}

export function demoPersonas(options: PopulationOptions): DemoPersonas {
  const gps: Persona[] = [];
  let specialist: Persona | undefined;
  let withGp: Persona | undefined;
  let withoutGp: Persona | undefined;
  let employer: Persona | undefined;
  for (const r of generatePopulation({ ...options, patients: Math.min(options.patients, 2000) })) {
    if (r.resourceType === 'Organization' && !employer && r.id.startsWith('arbeidsgiver-')) {
      employer = { id: r.id, label: String(r.name), identifier: ident(r, 'urn:oid:2.16.578.1.12.4.1.4.101') };
    }
    if (r.resourceType === 'Practitioner') {
      const p = { id: r.id, label: label(r), identifier: ident(r, 'urn:oid:2.16.578.1.12.4.1.4.4') };
      const isSuspended = Array.isArray(r.extension);
      if (gps.length < 2) gps.push(p);
      else if (!specialist && !isSuspended) specialist = p;
    }
    if (r.resourceType === 'Patient') {
      const p = { id: r.id, label: label(r), identifier: ident(r, 'urn:oid:2.16.578.1.12.4.1.4.1') || ident(r, 'urn:oid:2.16.578.1.12.4.1.4.2') };
      const gp = ((r.generalPractitioner as Array<{ reference?: string }> | undefined) ?? []).some((g) => g.reference?.startsWith('Practitioner/'));
      if (gp && !withGp && r.contact) withGp = p;
      if (!r.generalPractitioner && !withoutGp) withoutGp = p;
      if (withGp && withoutGp) break;
    }
  }
  return { gps, specialist: specialist!, patientWithFastlege: withGp!, patientWithoutFastlege: withoutGp, employer: employer! };
}
