/**
 * The patient's current syketilfelle from their sykmeldinger as the FHIR API gives them (the
 * QuestionnaireResponse's periods, the status Task's rule status, remarks and lifecycle status),
 * computed by the same pure domain function NAV's maksdato view uses (src/domain/aap/maksdato.ts),
 * so the app and the hub cannot disagree on how days count.
 */
import { computeMaksdato, type Maksdato } from '../../src/domain/aap/maksdato.ts';
import type { Periode, TidligereSykmelding } from '../../src/domain/sykmelding/model.ts';

export interface QrItem { linkId: string; item?: QrItem[]; answer?: Array<{ valueDate?: string; valueInteger?: number; valueCoding?: { code?: string } }> }
export interface TaskInput { type?: { text?: string }; valueCode?: string }

const RULE_STATUS = new Set(['OK', 'MANUAL_PROCESSING', 'INVALID']);
/** After this many days without a sick day the case is over (a gap of 16 days starts a new one, reference 3.1). */
const GAP_ENDS_CASE = 16;

/** The periods of a sykmelding's QuestionnaireResponse (the `aktivitet` groups of the sykmelding Questionnaire). */
export function periodsOf(items: QrItem[] | undefined): Periode[] {
  return (items ?? []).filter((i) => i.linkId === 'aktivitet').flatMap((group) => {
    const first = (linkId: string) => group.item?.find((i) => i.linkId === linkId)?.answer?.[0];
    const fom = first('aktivitet-fom')?.valueDate;
    const tom = first('aktivitet-tom')?.valueDate;
    if (!fom || !tom) return [];
    const type = (first('aktivitet-type')?.valueCoding?.code ?? 'UGYLDIG') as Periode['type'];
    const grad = first('aktivitet-grad')?.valueInteger;
    return [{ fom, tom, type, ...(grad !== undefined ? { grad } : {}) }];
  });
}

/** What the syketilfelle needs of one sykmelding, from its QR and its status Task. */
export function tidligereSykmelding(id: string, items: QrItem[] | undefined, inputs: TaskInput[] | undefined, lifecycle: string | undefined): TidligereSykmelding {
  const of = (name: string) => (inputs ?? []).filter((i) => i.type?.text === name).map((i) => i.valueCode).filter((v): v is string => !!v);
  const rule = of('regelstatus')[0];
  return {
    id, perioder: periodsOf(items), merknader: of('merknad'),
    status: rule && RULE_STATUS.has(rule) ? (rule as TidligereSykmelding['status']) : 'OK',
    ...(lifecycle ? { brukerhandling: lifecycle } : {}),
  };
}

/** The current case, or undefined when there is none (no sick day, or the last one is too long ago). */
export function currentSyketilfelle(sykmeldinger: TidligereSykmelding[], person: { ident: string; fodselsdato: string }, today: string): (Maksdato & { uker: number }) | undefined {
  const m = computeMaksdato(sykmeldinger, person, today);
  if (!m) return undefined;
  const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  if (days(m.sisteSykedag, today) > GAP_ENDS_CASE) return undefined;
  return { ...m, uker: Math.max(0, Math.floor(days(m.startdato, today) / 7)) };
}
