/**
 * How a rule outcome is written down: what it tells the doctor (sykmelder) and the patient
 * (sykmeldt), in Norwegian bokmål and English. Written for Helsebro: plain words, and for the
 * doctor what to do next. Each tree's `definitions.ts` holds its own outcomes.
 */
import type { Message } from '../rules/message.ts';
import type { RuleStatus } from '../rules/tree.ts';

export type { Message } from '../rules/message.ts';
export interface OutcomeDefinition { status: Exclude<RuleStatus, 'OK'>; sykmelder: Message; sykmeldt: Message }

const REWRITE_NB = 'Den kan ikke rettes. Skriv en ny sykmelding; pasienten er bedt om å vente på den.';
const REWRITE_EN = 'It cannot be corrected. Write a new sykmelding; the patient has been asked to wait for it.';

/** An INVALID outcome; unless `rewrite` is false, the doctor is told to write a new sykmelding. */
export const inv = (sykmelderNb: string, sykmelderEn: string, sykmeldtNb: string, sykmeldtEn: string, rewrite = true): OutcomeDefinition => ({
  status: 'INVALID',
  sykmelder: { nb: rewrite ? `${sykmelderNb} ${REWRITE_NB}` : sykmelderNb, en: rewrite ? `${sykmelderEn} ${REWRITE_EN}` : sykmelderEn },
  sykmeldt: { nb: sykmeldtNb, en: sykmeldtEn },
});

/** A MANUAL_PROCESSING outcome: a NAV caseworker decides. */
export const man = (sykmelderNb: string, sykmelderEn: string, sykmeldtNb: string, sykmeldtEn: string): OutcomeDefinition => ({
  status: 'MANUAL_PROCESSING',
  sykmelder: { nb: sykmelderNb, en: sykmelderEn },
  sykmeldt: { nb: sykmeldtNb, en: sykmeldtEn },
});
