/**
 * What each audience may see of a sykmelding (reference: lifecycle-and-views §3–4).
 * The employer never gets diagnoses, other absence reasons, pregnancy or injury, medical reasons,
 * supplementary answers, the message to NAV, NAV measures, the backdating justification, the
 * detailed prognosis, position percentage or the rule outcome.
 */
import type { Periode, Sykmelding } from './model.ts';

/** Optional parts the patient may choose to share when sending to the employer. */
export const OPTIONAL_EMPLOYER_PARTS = ['prognose', 'tiltakArbeidsplassen', 'meldingTilArbeidsgiver'] as const;
type OptionalEmployerPart = (typeof OPTIONAL_EMPLOYER_PARTS)[number];

/** A sykmelding with everything the employer may not see removed. */
export function employerView(s: Sykmelding, shared: readonly string[] = OPTIONAL_EMPLOYER_PARTS): Sykmelding {
  const include = (part: OptionalEmployerPart) => shared.includes(part);
  const perioder: Periode[] = s.perioder.map(({ medisinskArsak: _hidden, ...p }) => p);
  return {
    id: s.id,
    pasient: s.pasient,
    bidiagnoser: [],
    svangerskap: false,
    skjermesForPasient: false,
    perioder,
    prognose: include('prognose') && s.prognose ? { arbeidsforEtterPeriode: s.prognose.arbeidsforEtterPeriode, hensynArbeidsplassen: s.prognose.hensynArbeidsplassen } : undefined,
    utdypendeOpplysninger: [],
    tiltak: include('tiltakArbeidsplassen') && s.tiltak?.tiltakArbeidsplassen ? { tiltakArbeidsplassen: s.tiltak.tiltakArbeidsplassen } : undefined,
    meldingTilArbeidsgiver: include('meldingTilArbeidsgiver') ? s.meldingTilArbeidsgiver : undefined,
    arbeidsgiver: { harArbeidsgiver: s.arbeidsgiver.harArbeidsgiver, navn: s.arbeidsgiver.navn, yrkesbetegnelse: s.arbeidsgiver.yrkesbetegnelse },
    tilbakedatering: s.tilbakedatering?.kontaktDato ? { kontaktDato: s.tilbakedatering.kontaktDato } : undefined,
    behandletTidspunkt: s.behandletTidspunkt,
    signaturDato: s.signaturDato,
    syketilfelleStartDato: s.syketilfelleStartDato,
    behandler: { hpr: s.behandler.hpr, navn: s.behandler.navn },
  };
}

/** The patient's own view: all of it, except what the doctor chose to shield from them. */
export function patientView(s: Sykmelding): Sykmelding {
  const utdypende = s.utdypendeOpplysninger.filter((u) => !u.skjermetForPasient);
  if (!s.skjermesForPasient) return { ...s, utdypendeOpplysninger: utdypende };
  return {
    ...s,
    hoveddiagnose: undefined,
    bidiagnoser: [],
    annenFravarsgrunn: undefined,
    svangerskap: false,
    yrkesskade: undefined,
    utdypendeOpplysninger: [],
    meldingTilNav: undefined,
    tiltak: s.tiltak?.tiltakArbeidsplassen ? { tiltakArbeidsplassen: s.tiltak.tiltakArbeidsplassen } : undefined,
  };
}
