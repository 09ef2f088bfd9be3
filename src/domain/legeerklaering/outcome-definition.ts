/**
 * How a legeerklæring outcome is written down: what it tells the doctor (behandler) and the patient,
 * in bokmål and English, in our own words. NAV's legeerklæring rules know no manual processing, so
 * every outcome is INVALID. Each tree's `definitions.ts` holds its own outcomes.
 */
import type { Message } from '../rules/message.ts';

export interface LegeerklaeringOutcomeDefinition { status: 'INVALID'; behandler: Message; pasient: Message }

export const inv = (behandlerNb: string, behandlerEn: string, pasientNb: string, pasientEn: string): LegeerklaeringOutcomeDefinition => ({
  status: 'INVALID',
  behandler: { nb: behandlerNb, en: behandlerEn },
  pasient: { nb: pasientNb, en: pasientEn },
});

/** The patient's text for the three HPR outcomes: the writer lacked the approval, whichever part was missing. */
export const LACKED_APPROVAL = [
  'Den som skrev legeerklæringen hadde ikke gyldig godkjenning som helsepersonell.',
  'The person who wrote the legeerklæring did not hold a valid approval as a health professional.',
] as const;
