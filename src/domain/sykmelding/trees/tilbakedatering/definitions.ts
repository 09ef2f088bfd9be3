/** The rule ids and outcomes of the backdating tree (tree 7), with what each outcome tells the doctor and the patient. */
import { inv, man, type OutcomeDefinition } from '../../outcome-definition.ts';

export type TilbakedateringRule =
  | 'TILBAKEDATERING' | 'SPESIALISTHELSETJENESTEN' | 'ETTERSENDING' | 'TILBAKEDATERT_INNTIL_4_DAGER'
  | 'TILBAKEDATERT_INNTIL_8_DAGER' | 'BEGRUNNELSE_MIN_1_ORD' | 'FORLENGELSE' | 'TILBAKEDATERT_MINDRE_ENN_1_MAANED'
  | 'ARBEIDSGIVERPERIODE' | 'BEGRUNNELSE_MIN_3_ORD';

export const TILBAKEDATERING_OUTCOMES = {
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

export type TilbakedateringOutcome = keyof typeof TILBAKEDATERING_OUTCOMES;
