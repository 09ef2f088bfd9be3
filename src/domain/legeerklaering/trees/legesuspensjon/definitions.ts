/** The suspended-behandler tree: btsys's answer for the signer on the signature date. */
import { inv } from '../../outcome-definition.ts';

export type LegesuspensjonRule = 'BEHANDLER_SUSPENDERT';

export const LEGESUSPENSJON_OUTCOMES = {
  BEHANDLER_SUSPENDERT: inv(
    'NAV hadde suspendert deg på datoen du signerte, så legeerklæringen kan ikke brukes.',
    'NAV had suspended you on the date you signed, so the legeerklæring cannot be used.',
    'Den som skrev legeerklæringen hadde mistet retten til å skrive den da den ble signert.',
    'The person who wrote the legeerklæring had lost the right to write it when it was signed.'),
};

export type LegesuspensjonOutcome = keyof typeof LEGESUSPENSJON_OUTCOMES;
