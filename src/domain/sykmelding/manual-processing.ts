/**
 * A NAV caseworker's decision on a sykmelding sent to manual processing, and its effects
 * (reference: sykmelding-rules §8). Every decision replaces the remarks (merknader), removing
 * UNDER_BEHANDLING; only "needs more information" leaves the task open.
 */
import type { Message } from './outcomes.ts';

type ManuellVurdering = 'GODKJENT' | 'DELVIS_GODKJENT' | 'UGYLDIG_TILBAKEDATERING' | 'TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER';

interface VurderingEffect {
  merknader: string[];
  /** The NAV task is completed, or stays open for a new decision. */
  oppgaveFerdig: boolean;
  /** A follow-up task is created for NAV (refused backdating). */
  oppfolgingsoppgave: boolean;
  sykmelder: Message;
  sykmeldt: Message;
}

export const VURDERINGER: Record<ManuellVurdering, VurderingEffect> = {
  GODKJENT: {
    merknader: [], oppgaveFerdig: true, oppfolgingsoppgave: false,
    sykmelder: { nb: 'NAV har godkjent tilbakedateringen.', en: 'NAV has accepted the backdating.' },
    sykmeldt: { nb: 'NAV har vurdert sykmeldingen din og godkjent den.', en: 'NAV has assessed your sykmelding and accepted it.' },
  },
  DELVIS_GODKJENT: {
    merknader: ['DELVIS_GODKJENT'], oppgaveFerdig: true, oppfolgingsoppgave: false,
    sykmelder: { nb: 'NAV har godkjent bare en del av den tilbakedaterte perioden.', en: 'NAV has accepted only part of the backdated period.' },
    sykmeldt: { nb: 'NAV har godkjent deler av den tilbakedaterte perioden i sykmeldingen din.', en: 'NAV has accepted part of the backdated period of your sykmelding.' },
  },
  UGYLDIG_TILBAKEDATERING: {
    merknader: ['UGYLDIG_TILBAKEDATERING'], oppgaveFerdig: true, oppfolgingsoppgave: true,
    sykmelder: { nb: 'NAV har ikke godkjent tilbakedateringen.', en: 'NAV has not accepted the backdating.' },
    sykmeldt: { nb: 'NAV har ikke godkjent at sykmeldingen din er tilbakedatert. NAV tar kontakt om hva det betyr for deg.', en: 'NAV has not accepted the backdating of your sykmelding. NAV will contact you about what it means for you.' },
  },
  TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER: {
    merknader: ['TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER'], oppgaveFerdig: false, oppfolgingsoppgave: false,
    sykmelder: { nb: 'NAV trenger flere opplysninger for å vurdere tilbakedateringen.', en: 'NAV needs more information to assess the backdating.' },
    sykmeldt: { nb: 'NAV trenger flere opplysninger fra legen før sykmeldingen din kan vurderes.', en: 'NAV needs more information from the doctor before your sykmelding can be assessed.' },
  },
};

export function isManuellVurdering(value: unknown): value is ManuellVurdering {
  return typeof value === 'string' && value in VURDERINGER;
}
