/**
 * Reads the HPR facts the rules need from a FHIR Practitioner (our representation: see
 * docs/synthetic-population.md): category qualifications with their authorisation extension,
 * extra-competence qualifications, and the suspension extension, each judged on the signature date.
 */
import type { Godkjenning, Tilleggskompetanse } from '../domain/sykmelding/index.ts';
import { EXT, HPR } from '../fhir/helsebro-codes.ts';
import type { Coding, Period, Practitioner } from '../fhir/r4.ts';

const oidNumber = (system: string) => Number(system.split('.').pop());

function activeOn(period: Period | undefined, date: string): boolean {
  if (!period) return true;
  if (period.start && period.start.slice(0, 10) > date) return false;
  if (period.end && period.end.slice(0, 10) < date) return false;
  return true;
}

export function hprFacts(practitioner: Practitioner | undefined, signatureDate: string): { finnesIHpr: boolean; suspendert: boolean; godkjenninger: Godkjenning[] } {
  if (!practitioner) return { finnesIHpr: false, suspendert: false, godkjenninger: [] };
  const quals = practitioner.qualification ?? [];
  const tillegg: Tilleggskompetanse[] = [];
  const kategorier: Array<{ verdi: string; period?: Period; autorisasjon?: Coding }> = [];
  // NAV's syk-inn Practitioner gives the authorisation as a qualification of its own.
  const standalone: Array<{ coding: Coding; period?: Period }> = [];
  for (const q of quals) {
    for (const c of q.code?.coding ?? []) {
      if (c.system === HPR.TILLEGGSKOMPETANSE && c.code) {
        tillegg.push({ avsluttetStatus: null, type: { aktiv: true, oid: 7702, verdi: c.code }, gyldig: { fra: q.period?.start?.slice(0, 10), til: q.period?.end?.slice(0, 10) } });
      }
      if (c.system === HPR.KATEGORI && c.code) {
        kategorier.push({ verdi: c.code, period: q.period, autorisasjon: q.extension?.find((e) => e.url === EXT.AUTORISASJON)?.valueCoding });
      }
      if (c.system === HPR.AUTORISASJON && c.code) standalone.push({ coding: c, period: q.period });
    }
  }
  const godkjenninger: Godkjenning[] = kategorier.map((k) => {
    const own = standalone[0];
    if (!k.autorisasjon && own) k.autorisasjon = own.coding;
    const aktiv = activeOn(k.period, signatureDate) && (!own || k.autorisasjon !== own.coding || activeOn(own.period, signatureDate));
    return {
      helsepersonellkategori: { aktiv, oid: 9060, verdi: k.verdi },
      autorisasjon: k.autorisasjon?.code ? { aktiv, oid: oidNumber(k.autorisasjon.system ?? HPR.AUTORISASJON), verdi: k.autorisasjon.code } : undefined,
      tilleggskompetanse: tillegg,
    };
  });
  const suspension = (practitioner.extension ?? []).find((e) => e.url === EXT.SUSPENSJON);
  const suspendert = !!suspension && (suspension.valueBoolean === true || (suspension.valuePeriod !== undefined && activeOn(suspension.valuePeriod, signatureDate)));
  return { finnesIHpr: true, suspendert, godkjenninger };
}

/** The behandler's HPR and suspension facts on the signature date, from every Practitioner the hub has with the HPR number. */
export function behandlerFakta(practitioners: Practitioner[], signatureDate: string): ReturnType<typeof hprFacts> {
  const all = practitioners.map((p) => hprFacts(p, signatureDate));
  return {
    finnesIHpr: all.length > 0,
    suspendert: all.some((f) => f.suspendert),
    godkjenninger: all.flatMap((f) => f.godkjenninger),
  };
}
