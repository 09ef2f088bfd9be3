/**
 * What each rule outcome tells the doctor (sykmelder) and the patient (sykmeldt), in Norwegian
 * bokmål and English. Written for Helsebro: plain words, and for the doctor what to do next.
 */
import type { RuleStatus } from '../rules/tree.ts';

export interface Message { nb: string; en: string }
export interface OutcomeDefinition { status: Exclude<RuleStatus, 'OK'>; sykmelder: Message; sykmeldt: Message }

const REWRITE_NB = 'Den kan ikke rettes. Skriv en ny sykmelding; pasienten er bedt om å vente på den.';
const REWRITE_EN = 'It cannot be corrected. Write a new sykmelding; the patient has been asked to wait for it.';

const inv = (sykmelderNb: string, sykmelderEn: string, sykmeldtNb: string, sykmeldtEn: string, rewrite = true): OutcomeDefinition => ({
  status: 'INVALID',
  sykmelder: { nb: rewrite ? `${sykmelderNb} ${REWRITE_NB}` : sykmelderNb, en: rewrite ? `${sykmelderEn} ${REWRITE_EN}` : sykmelderEn },
  sykmeldt: { nb: sykmeldtNb, en: sykmeldtEn },
});
const man = (sykmelderNb: string, sykmelderEn: string, sykmeldtNb: string, sykmeldtEn: string): OutcomeDefinition => ({
  status: 'MANUAL_PROCESSING',
  sykmelder: { nb: sykmelderNb, en: sykmelderEn },
  sykmeldt: { nb: sykmeldtNb, en: sykmeldtEn },
});

export const OUTCOMES = {
  // Tree 0 — suspension
  BEHANDLER_SUSPENDERT: inv(
    'Du var suspendert av NAV da pasienten ble undersøkt, og kan ikke skrive sykmeldinger. Pasienten er informert.',
    'You were suspended by NAV when the patient was seen and cannot issue sykmeldinger. The patient has been told.',
    'Den som skrev sykmeldingen din hadde mistet retten til å skrive sykmeldinger.',
    'The person who wrote your sykmelding had lost the right to issue sykmeldinger.', false),
  // Tree 1 — structural validation
  UGYLDIG_ORGNR_LENGDE: inv('Organisasjonsnummeret har feil format; det skal ha 9 siffer.', 'The organisation number is malformed; it must have 9 digits.',
    'Sykmeldingen mangler et gyldig organisasjonsnummer for legekontoret.', 'The sykmelding lacks a valid organisation number for the clinic.'),
  UGYLDIG_REGELSETTVERSJON: inv('Sykmeldingen er laget med en regelversjon NAV ikke kjenner.', 'The sykmelding was made with a ruleset version NAV does not know.',
    'Sykmeldingen er laget i en utdatert versjon av skjemaet.', 'The sykmelding was made with an outdated version of the form.'),
  MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39: inv('Opplysningene NAV krever ved uke 39 (spørsmål 6.5.1–6.5.4) mangler.',
    'The information NAV requires at week 39 (questions 6.5.1–6.5.4) is missing.',
    'Når du har vært sykmeldt i over 39 uker, trenger NAV flere opplysninger fra legen. De mangler.',
    'After more than 39 weeks of sick leave NAV needs more information from the doctor. It is missing.'),
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: inv('Den som signerte sykmeldingen er også pasienten.', 'The person who signed the sykmelding is also the patient.',
    'Den som signerte sykmeldingen er den samme som er sykmeldt.', 'The person who signed the sykmelding is the person on sick leave.'),
  BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR: inv('Behandleren er også pasienten.', 'The treating professional is also the patient.',
    'Den som skrev sykmeldingen er den samme som er sykmeldt.', 'The person who wrote the sykmelding is the person on sick leave.'),
  // Tree 2 — periods
  PERIODER_MANGLER: inv('Sykmeldingen har ingen periode.', 'The sykmelding has no period.', 'Sykmeldingen sier ikke hvilken periode den gjelder.', 'The sykmelding does not say which period it covers.'),
  FRADATO_ETTER_TILDATO: inv('En periode slutter før den begynner (til-dato før fra-dato).', 'A period ends before it starts (to-date before from-date).',
    'Datoene i sykmeldingen henger ikke sammen.', 'The dates in the sykmelding do not add up.'),
  OVERLAPPENDE_PERIODER: inv('Periodene overlapper hverandre.', 'The periods overlap.', 'Periodene i sykmeldingen overlapper.', 'The periods in the sykmelding overlap.'),
  OPPHOLD_MELLOM_PERIODER: inv('Det er et opphold med arbeidsdager mellom periodene.', 'There is a gap of working days between the periods.',
    'Det er et opphold mellom periodene i sykmeldingen.', 'There is a gap between the periods in the sykmelding.'),
  IKKE_DEFINERT_PERIODE: inv('En periode mangler type: velg 100 %, gradert, avventende, reisetilskudd eller behandlingsdager.',
    'A period has no type: choose 100 %, graded, awaiting, travel grant or treatment days.',
    'Sykmeldingen sier ikke hva slags sykmelding en av periodene er.', 'The sykmelding does not say what kind of sick leave one of the periods is.'),
  BEHANDLINGSDATO_ETTER_MOTTATTDATO: inv('Behandlingsdatoen er senere enn datoen NAV mottok sykmeldingen.', 'The treatment date is later than the date NAV received the sykmelding.',
    'Datoen for legebesøket må rettes.', 'The date of the consultation must be corrected.'),
  AVVENTENDE_SYKMELDING_KOMBINERT: inv('En avventende sykmelding kan bare ha én periode.', 'An awaiting sykmelding can have only one period.',
    'En avventende sykmelding kan bare gjelde én periode.', 'An awaiting sykmelding can cover only one period.'),
  MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER: inv('Innspill til arbeidsgiver om tilrettelegging (felt 4.1.3) mangler.', 'The input to the employer on adaptation (field 4.1.3) is missing.',
    'Ved avventende sykmelding må legen si hva arbeidsgiveren kan tilrettelegge. Det mangler.',
    'With an awaiting sykmelding the doctor must say what the employer can adapt. That is missing.'),
  AVVENTENDE_SYKMELDING_OVER_16_DAGER: inv('En avventende sykmelding kan ikke vare ut over arbeidsgiverperioden på 16 dager.',
    'An awaiting sykmelding cannot last beyond the 16-day employer period.',
    'En avventende sykmelding kan bare gjelde i 16 dager.', 'An awaiting sykmelding can only last 16 days.'),
  FOR_MANGE_BEHANDLINGSDAGER_PER_UKE: inv('For mange behandlingsdager: høyst én per påbegynte uke.', 'Too many treatment days: at most one per started week.',
    'Det kan bare være én behandlingsdag per uke.', 'There can only be one treatment day per week.'),
  GRADERT_SYKMELDING_OVER_99_PROSENT: inv('En gradert sykmelding kan ikke være over 99 %.', 'A graded sykmelding cannot exceed 99 %.',
    'En gradert sykmelding kan ikke være over 99 %.', 'A graded sykmelding cannot exceed 99 %.'),
  GRADERT_SYKMELDING_0_PROSENT: inv('En gradert sykmelding kan ikke være 0 %.', 'A graded sykmelding cannot be 0 %.',
    'En gradert sykmelding kan ikke være 0 %.', 'A graded sykmelding cannot be 0 %.'),
  SYKMELDING_MED_BEHANDLINGSDAGER: man('Sykmeldingen har behandlingsdager (felt 4.4) og blir vurdert manuelt av NAV.',
    'The sykmelding has treatment days (field 4.4) and will be assessed manually by NAV.',
    'Sykmeldingen gjelder behandlingsdager og blir vurdert av NAV.', 'The sykmelding covers treatment days and will be assessed by NAV.'),
  // Tree 3 — HPR
  BEHANDLER_IKKE_I_HPR: inv('Du finnes ikke i Helsepersonellregisteret (HPR).', 'You are not in the Norwegian health personnel register (HPR).',
    'Den som skrev sykmeldingen finnes ikke i Helsepersonellregisteret.', 'The person who wrote the sykmelding is not in the health personnel register.', false),
  BEHANDLER_IKKE_GYLDIG_I_HPR: inv('Du var ikke gyldig registrert i HPR da pasienten ble undersøkt.', 'You were not validly registered in HPR when the patient was seen.',
    'Den som skrev sykmeldingen manglet autorisasjon.', 'The person who wrote the sykmelding lacked authorisation.', false),
  BEHANDLER_MANGLER_AUTORISASJON_I_HPR: inv('Du har ikke en gyldig autorisasjon i HPR.', 'You have no valid authorisation in HPR.',
    'Den som skrev sykmeldingen manglet autorisasjon.', 'The person who wrote the sykmelding lacked authorisation.', false),
  BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR: inv('Du er i HPR, men ikke som lege, tannlege, kiropraktor, manuellterapeut eller fysioterapeut med tilleggskompetanse.',
    'You are in HPR, but not as a doctor, dentist, chiropractor, manual therapist, or physiotherapist with extra competence.',
    'Den som skrev sykmeldingen manglet autorisasjon til å sykmelde.', 'The person who wrote the sykmelding was not authorised to issue sick leave.', false),
  BEHANDLER_MT_FT_KI_OVER_12_UKER: inv('Samlet sykefravær er over 12 uker; det kan bare lege eller tannlege sykmelde for.',
    'The total sick leave exceeds 12 weeks; only a doctor or dentist can certify that.',
    'Den som skrev sykmeldingen kan ikke sykmelde ut over 12 uker til sammen.', 'The person who wrote the sykmelding cannot certify sick leave beyond 12 weeks in total.'),
  // Tree 4 — incapacity / diagnoses
  FRAVAERSGRUNN_MANGLER: inv('Verken hoveddiagnose eller annen lovfestet fraværsgrunn er oppgitt.', 'Neither a main diagnosis nor another statutory reason for absence is given.',
    'Sykmeldingen må ha en hoveddiagnose eller en annen gyldig fraværsgrunn.', 'The sykmelding must have a main diagnosis or another valid reason for absence.'),
  UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: inv('Kodeverket eller koden for hoveddiagnosen er ukjent; bruk ICPC-2, ICPC-2B eller ICD-10.',
    'The code system or code of the main diagnosis is unknown; use ICPC-2, ICPC-2B or ICD-10.',
    'Sykmeldingen må ha en riktig diagnosekode.', 'The sykmelding must have a correct diagnosis code.'),
  ICPC_2_Z_DIAGNOSE: inv('En Z-diagnose (sosialt problem) gir ikke rett til sykepenger. Pasienten er informert.', 'A Z diagnosis (social problem) gives no right to sickness benefit. The patient has been told.',
    'Sykmeldingen må ha en diagnose som gir rett til sykepenger.', 'The sykmelding needs a diagnosis that gives a right to sickness benefit.', false),
  UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: inv('Kodeverket eller koden for en bidiagnose er ukjent.', 'The code system or code of a secondary diagnosis is unknown.',
    'En bidiagnose i sykmeldingen har en ukjent kode.', 'A secondary diagnosis in the sykmelding has an unknown code.'),
  // Tree 5 — age
  PASIENT_YNGRE_ENN_13: inv('Pasienten er under 13 år; sykmelding kan ikke brukes.', 'The patient is under 13; a sykmelding cannot be used.',
    'Du er under 13 år, og kan ikke bli sykmeldt.', 'You are under 13 and cannot be put on sick leave.', false),
  // Tree 6 — dates
  FREMDATERT: inv('Sykmeldingen starter mer enn 30 dager etter at den ble signert.', 'The sykmelding starts more than 30 days after it was signed.',
    'Sykmeldingen er datert mer enn 30 dager fram i tid.', 'The sykmelding is dated more than 30 days into the future.'),
  TILBAKEDATERT_MER_ENN_3_AR: inv('Startdatoen er mer enn tre år tilbake i tid.', 'The start date is more than three years ago.',
    'Startdatoen i sykmeldingen er mer enn tre år tilbake i tid.', 'The start date of the sykmelding is more than three years ago.'),
  TOTAL_VARIGHET_OVER_ETT_AAR: inv('Sykmeldingen varer samlet over ett år.', 'The sykmelding lasts more than one year in total.',
    'Sykmeldingen kan ikke vare mer enn ett år.', 'A sykmelding cannot last more than one year.'),
  // Tree 7 — backdating
  INNTIL_8_DAGER: inv('Første sykmelding er tilbakedatert uten tilstrekkelig begrunnelse i felt 11.2.', 'A first sykmelding is backdated without a sufficient justification in field 11.2.',
    'Sykmeldingen er tilbakedatert uten at den som skrev den har begrunnet det godt nok.', 'The sykmelding is backdated without enough justification from the person who wrote it.'),
  MINDRE_ENN_1_MAANED: inv('Sykmeldingen er tilbakedatert uten tilstrekkelig begrunnelse i felt 11.2.', 'The sykmelding is backdated without a sufficient justification in field 11.2.',
    'Sykmeldingen er tilbakedatert uten at den som skrev den har begrunnet det godt nok.', 'The sykmelding is backdated without enough justification from the person who wrote it.'),
  MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE: man('Sykmeldingen er tilbakedatert og begrunnet i felt 11.2; NAV vurderer den manuelt.',
    'The sykmelding is backdated and justified in field 11.2; NAV will assess it manually.',
    'Sykmeldingen er tilbakedatert, og NAV vurderer den før den kan brukes.', 'The sykmelding is backdated, and NAV will assess it before it can be used.'),
  OVER_1_MND: inv('Sykmeldingen er tilbakedatert mer enn tillatt, og begrunnelsen i felt 11.2 er ikke tilstrekkelig.',
    'The sykmelding is backdated more than allowed, and the justification in field 11.2 is not sufficient.',
    'Sykmeldingen er tilbakedatert uten at den som skrev den har begrunnet det godt nok.', 'The sykmelding is backdated without enough justification from the person who wrote it.'),
  OVER_1_MND_MED_BEGRUNNELSE: man('Sykmeldingen er tilbakedatert over en måned og begrunnet i felt 11.2; NAV vurderer den manuelt.',
    'The sykmelding is backdated over a month and justified in field 11.2; NAV will assess it manually.',
    'Sykmeldingen er tilbakedatert, og NAV vurderer den før den kan brukes.', 'The sykmelding is backdated, and NAV will assess it before it can be used.'),
} satisfies Record<string, OutcomeDefinition>;

export type OutcomeName = keyof typeof OUTCOMES;
