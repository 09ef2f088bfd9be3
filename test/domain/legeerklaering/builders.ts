/** A valid legeerklæring and rule input, changed one field at a time by the tests. */
import type { Godkjenning } from '../../../src/domain/behandler/hpr.ts';
import { individRange, makeSyntheticIdent, type IdentKind } from '../../../src/domain/identity/index.ts';
import { DiagnoseSystem } from '../../../src/domain/kodeverk/diagnose.ts';
import type { Legeerklaering, LegeerklaeringRuleInput } from '../../../src/domain/legeerklaering/index.ts';

/** Test Norge numbers (birth month + 80): they can belong to no real person. */
export const ident = (birthDate: string, kind: IdentKind = 'FNR'): string => {
  const [from, to] = individRange(Number(birthDate.slice(0, 4)));
  for (let individ = from; individ <= to; individ++) {
    const fnr = makeSyntheticIdent(birthDate, individ, kind);
    if (fnr) return fnr;
  }
  throw new Error(`no synthetic fnr for ${birthDate}`);
};

export const SIGNED = '2026-11-23';
export const PASIENT = ident('1984-03-07');
export const LEGE_FNR = ident('1970-06-15');

export const approval = (kategori: string, autorisasjon = '1', aktiv = true): Godkjenning => ({
  autorisasjon: { aktiv, oid: 7704, verdi: autorisasjon },
  helsepersonellkategori: { aktiv: true, oid: 9060, verdi: kategori },
  tilleggskompetanse: [],
});

export function legeerklaering(over: { pasientFnr?: string; signaturFnr?: string; orgnr?: string | null; signed?: string } = {}): Legeerklaering {
  const orgnr = over.orgnr === null ? undefined : (over.orgnr ?? '974652277');
  return {
    msgId: 'le-1',
    mottattTidspunkt: `${over.signed ?? SIGNED}T10:05:00+01:00`,
    gjelder: 'ARBEIDSAVKLARINGSPENGER',
    pasient: { fornavn: 'Kari', etternavn: 'Testesen', fnr: over.pasientFnr ?? PASIENT, flereArbeidsforhold: 'NEI' },
    sykdomsopplysninger: {
      hoveddiagnose: { system: DiagnoseSystem.ICPC2, kode: 'L03', tekst: 'Korsryggsymptomer/plager' },
      bidiagnoser: [],
      sykdomshistorie: 'Smerter i korsryggen siden våren.',
      statusPresens: 'Nedsatt bevegelighet i lumbalcolumna.',
    },
    forslagTilTiltak: { tiltak: [], opplysninger: 'Fysioterapi er i gang.' },
    funksjonsOgArbeidsevne: { arbeidssituasjon: ['INNTEKTSGIVENDE_ARBEID'] },
    prognose: {},
    kontakt: { kontakt: [] },
    forbehold: { tilbakeholdInnhold: false },
    signatur: {
      dato: `${over.signed ?? SIGNED}T09:20:00+01:00`, hpr: '9144889',
      ...(over.signaturFnr ? { fnr: over.signaturFnr } : {}),
      kontor: orgnr === undefined ? {} : { orgnr },
    },
  };
}

export function ruleInput(over: Partial<Omit<LegeerklaeringRuleInput, 'legeerklaering'>> & { le?: Parameters<typeof legeerklaering>[0] } = {}): LegeerklaeringRuleInput {
  const { le, ...rest } = over;
  return {
    legeerklaering: legeerklaering(le),
    behandler: { finnesIHpr: true, suspendert: false, godkjenninger: [approval('LE')] },
    pasient: {},
    now: `${SIGNED}T10:05:00+01:00`,
    ...rest,
  };
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
