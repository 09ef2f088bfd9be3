/**
 * When NAV must start the transition from sykepenger to AAP: the legeerklæring and NAV's AAP
 * assessment must be done before the maksdato, so income does not stop in between
 * (lifecycle-and-views §6). We start a fixed lead time before the maksdato (13 weeks by default,
 * i.e. around week 39 of a continuous case, when NAV informs about the maksdato).
 *
 * The decision is recomputed whenever sykmeldinger arrive. Its idempotency key names the person
 * and the syketilfelle, not the maksdato, so a moved maksdato updates the existing task instead of
 * creating a second one; the decision says when it moved.
 */
import { fromDay, toDay } from '../rules/dates.ts';
import type { TidligereSykmelding } from '../sykmelding/model.ts';
import { osloCalendarDate } from '../sykmelding/oslo-time.ts';
import { ARBEIDSGIVERPERIODE_DAGER, computeMaksdato, type Maksdato, type Person } from './maksdato.ts';

export interface AapConfig {
  /** Weeks before the maksdato the transition starts. */
  ledetidUker: number;
}

export const DEFAULT_AAP_CONFIG: AapConfig = { ledetidUker: 13 };

export type AapReason = 'INGEN_SYKEFRAVAER' | 'AVSLUTTET' | 'FOR_TIDLIG' | 'OVERGANG' | 'ALLEREDE_OPPRETTET' | 'MAKSDATO_PASSERT';

export interface AapDecision {
  /** The transition period is running now. */
  due: boolean;
  reason: AapReason;
  forklaring: string;
  maksdato?: Maksdato;
  /** The first day of the transition (maksdato minus the lead time). */
  overgangFra?: string;
  /** What to create now: a NAV task (Gosys oppgave) and a FORESPORSEL_PASIENT_LEGEERKLARING. */
  opprett: { navOppgave: boolean; legeerklaeringForesporsel: boolean };
  /** Stable for the person's syketilfelle: use it for a conditional create. */
  idempotencyKey?: string;
  /** Set when an earlier decision for the same case had another maksdato. */
  maksdatoFlyttet?: { fra: string; til: string };
}

/** What is known about a decision already acted on (from the stored task). */
export interface EarlierDecision {
  idempotencyKey: string;
  maksdato: string;
}

const NOTHING = { navOppgave: false, legeerklaeringForesporsel: false };

export function aapIdempotencyKey(person: Person, startdato: string): string {
  return `aap-overgang:${person.ident}:${startdato}`;
}

export function aapTransitionDue(
  sykmeldinger: TidligereSykmelding[], person: Person, now: string, config: AapConfig = DEFAULT_AAP_CONFIG, earlier?: EarlierDecision,
): AapDecision {
  const today = osloCalendarDate(now);
  const maksdato = computeMaksdato(sykmeldinger, person, today);
  if (!maksdato) return { due: false, reason: 'INGEN_SYKEFRAVAER', forklaring: 'Ingen sykmeldinger som teller.', opprett: NOTHING };
  const idempotencyKey = aapIdempotencyKey(person, maksdato.startdato);
  const overgangFra = fromDay(toDay(maksdato.maksdato) - config.ledetidUker * 7);
  const base = { maksdato, overgangFra, idempotencyKey };
  const moved = earlier && earlier.idempotencyKey === idempotencyKey && earlier.maksdato !== maksdato.maksdato
    ? { maksdatoFlyttet: { fra: earlier.maksdato, til: maksdato.maksdato } } : {};
  // A sykmelding starting within 16 days of the latest sick day would still continue this case.
  if (toDay(today) > toDay(maksdato.sisteSykedag) + ARBEIDSGIVERPERIODE_DAGER) {
    return { ...base, due: false, reason: 'AVSLUTTET', forklaring: `Sykefraværet endte ${maksdato.sisteSykedag}.`, opprett: NOTHING };
  }
  if (today < overgangFra) {
    return { ...base, ...moved, due: false, reason: 'FOR_TIDLIG', forklaring: `Overgangen starter ${overgangFra}, ${config.ledetidUker} uker før maksdato ${maksdato.maksdato}.`, opprett: NOTHING };
  }
  if (today > maksdato.maksdato) {
    return { ...base, due: false, reason: 'MAKSDATO_PASSERT', forklaring: `Maksdato ${maksdato.maksdato} er passert.`, opprett: NOTHING };
  }
  if (earlier?.idempotencyKey === idempotencyKey) {
    return { ...base, ...moved, due: true, reason: 'ALLEREDE_OPPRETTET', forklaring: `Overgangen til AAP er allerede startet for sykefraværet fra ${maksdato.startdato}.`, opprett: NOTHING };
  }
  return {
    ...base,
    due: true,
    reason: 'OVERGANG',
    forklaring: `Maksdato er ${maksdato.maksdato}; overgangen til AAP starter ${overgangFra}. Opprett oppgave og be om legeerklæring.`,
    opprett: { navOppgave: true, legeerklaeringForesporsel: true },
  };
}
