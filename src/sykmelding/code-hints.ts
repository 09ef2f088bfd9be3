/**
 * Diagnosis codes the rules refused that the code lists know in another letter case (`l03` for
 * `L03`). The rules match codes as written, as NAV does; the doctor's receipt says how to spell them.
 */
import type { Diagnose, Sykmelding } from '../domain/sykmelding/index.ts';
import { CODE_OUTCOMES } from '../domain/sykmelding/trees/arbeidsuforhet/definitions.ts';

/** How the code list spells a code written in another letter case; undefined when there is none. */
export type KnownSpelling = (system: string, code: string) => string | undefined;

export interface KodeForslag {
  system: string;
  /** The code as the code list has it. */
  kode: string;
}

const diagnoses = (s: Sykmelding, which: (typeof CODE_OUTCOMES)[keyof typeof CODE_OUTCOMES]): Diagnose[] =>
  which === 'hoveddiagnose' ? (s.hoveddiagnose ? [s.hoveddiagnose] : []) : s.bidiagnoser;

export function letterCaseHints(s: Sykmelding, ruleName: string | undefined, knownSpelling: KnownSpelling | undefined): KodeForslag[] {
  const which = ruleName === undefined ? undefined : CODE_OUTCOMES[ruleName as keyof typeof CODE_OUTCOMES];
  if (!which || !knownSpelling) return [];
  const hints: KodeForslag[] = [];
  for (const d of diagnoses(s, which)) {
    const kode = knownSpelling(d.system, d.kode);
    if (kode !== undefined) hints.push({ system: d.system, kode });
  }
  return hints;
}
