/**
 * What the legeerklæring rules run on: the legeerklæring, the behandler's HPR and btsys facts, the
 * patient's birth date from the population register when known, and the moment the rules run. All
 * of it is an input; nothing is read from a clock or a register here.
 */
import type { BehandlerFakta } from '../behandler/hpr.ts';
import type { Legeerklaering } from './model.ts';

export interface LegeerklaeringRuleInput {
  legeerklaering: Legeerklaering;
  /** HPR and btsys, judged on the signature date. */
  behandler: BehandlerFakta;
  /** The birth date from the population register (PDL); without it the rules derive it from the fnr. */
  pasient: { fodselsdato?: string };
  /**
   * When the rules run (ISO dateTime). The rules themselves judge on the signature date, as NAV's
   * do; the time is kept on the result so a receipt can say when it was checked.
   */
  now: string;
}

/** The signature date, date part only: the reference date of every legeerklæring rule. */
export const signaturdato = (input: LegeerklaeringRuleInput): string => input.legeerklaering.signatur.dato.slice(0, 10);
