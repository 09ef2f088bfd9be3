/** The rule ids and outcomes of the periods tree (tree 2), with what each outcome tells the doctor and the patient. */
import { inv, man, type OutcomeDefinition } from '../../outcome-definition.ts';

export const PERIODER_RULES = [
  'PERIODER_MANGLER', 'FRADATO_ETTER_TILDATO', 'OVERLAPPENDE_PERIODER', 'OPPHOLD_MELLOM_PERIODER',
  'IKKE_DEFINERT_PERIODE', 'BEHANDLINGSDATO_ETTER_MOTTATTDATO', 'AVVENTENDE_SYKMELDING_KOMBINERT',
  'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER', 'AVVENTENDE_SYKMELDING_OVER_16_DAGER', 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE',
  'GRADERT_SYKMELDING_OVER_99_PROSENT', 'GRADERT_SYKMELDING_0_PROSENT', 'SYKMELDING_MED_BEHANDLINGSDAGER',
] as const;

export type PerioderRule = (typeof PERIODER_RULES)[number];

export const PERIODER_OUTCOMES = {
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
} satisfies Record<string, OutcomeDefinition>;

export type PerioderOutcome = keyof typeof PERIODER_OUTCOMES;
