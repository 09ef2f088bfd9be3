/** Sykmeldinger that tests need in more than one place. */
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';

/** Written more than a month after it starts, with a reason: NAV processes it by hand (a manual-processing Task). */
export function backdatedSykmelding(ident: string): Sykmelding {
  return {
    id: '', pasient: { ident },
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
    bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
    perioder: [{ fom: '2026-01-02', tom: '2026-02-20', type: 'AKTIVITET_IKKE_MULIG' }],
    utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Bedrift AS' },
    tilbakedatering: { kontaktDato: '2026-01-02', begrunnelse: 'Pasienten var innlagt på sykehus og kunne ikke møte' },
    behandletTidspunkt: '2026-02-10T09:00:00+01:00', signaturDato: '2026-02-10T09:00:00+01:00', behandler: {},
  };
}
