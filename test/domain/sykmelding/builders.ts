/** Builders for rule tests: a valid sykmelding and context, changed one field at a time. */
import type { Godkjenning, RuleContext, Sykmelding, TidligereSykmelding } from '../../../src/domain/sykmelding/index.ts';
import { makeSyntheticIdent } from '../../../src/domain/identity/index.ts';

export const PASIENT = makeSyntheticIdent('1985-04-12', 101) ?? makeSyntheticIdent('1985-04-12', 103)!;
export const LEGE: Godkjenning = {
  autorisasjon: { aktiv: true, oid: 7704, verdi: '1' },
  helsepersonellkategori: { aktiv: true, oid: 9060, verdi: 'LE' },
  tilleggskompetanse: [],
};

export function godkjenning(kategori: string, extra: Partial<Godkjenning> = {}): Godkjenning {
  return { ...LEGE, helsepersonellkategori: { aktiv: true, oid: 9060, verdi: kategori }, ...extra };
}

export function tilleggskompetanse(fra: string, til?: string): Godkjenning['tilleggskompetanse'][number] {
  return { avsluttetStatus: null, type: { aktiv: true, oid: 7702, verdi: '1' }, gyldig: { fra, til } };
}

/** Signed and seen on `date`, one 100 % period `fom`–`tom`. */
export function sykmelding(over: Partial<Sykmelding> = {}, date = '2026-11-23'): Sykmelding {
  return {
    id: 'sm-1',
    pasient: { ident: PASIENT },
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L87', tekst: 'Bursitt/tendinitt' },
    bidiagnoser: [],
    svangerskap: false,
    skjermesForPasient: false,
    perioder: [{ fom: date, tom: addDays(date, 13), type: 'AKTIVITET_IKKE_MULIG' }],
    utdypendeOpplysninger: [],
    arbeidsgiver: { harArbeidsgiver: 'EN' },
    behandletTidspunkt: `${date}T10:00:00+01:00`,
    signaturDato: `${date}T10:00:00+01:00`,
    behandler: { hpr: '9144889' },
    ...over,
  };
}

export function context(over: Partial<RuleContext> = {}, date = '2026-11-23'): RuleContext {
  return {
    evaluationDate: date,
    mode: 'NORMAL',
    mottattDato: `${date}T10:05:00+01:00`,
    pasient: { fodselsdato: '1985-04-12' },
    behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [LEGE] },
    tidligereSykmeldinger: [],
    ...over,
  };
}

export function tidligere(fom: string, tom: string, over: Partial<TidligereSykmelding> = {}): TidligereSykmelding {
  return { id: `tidligere-${fom}`, status: 'OK', merknader: [], perioder: [{ fom, tom, type: 'AKTIVITET_IKKE_MULIG' }], hoveddiagnoseKode: 'L87', ...over };
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
