/** Builders for the maksdato and AAP tests: synthetic people and sykmeldinger. */
import { makeSyntheticIdent } from '../../../src/domain/identity/index.ts';
import { fromDay, toDay } from '../../../src/domain/rules/dates.ts';
import type { Periode, TidligereSykmelding } from '../../../src/domain/sykmelding/model.ts';

/** A person with a Test Norge fødselsnummer (month + 80) for the birth date. */
export function person(fodselsdato: string) {
  for (let individ = 100; individ < 500; individ++) {
    const ident = makeSyntheticIdent(fodselsdato, individ);
    if (ident) return { ident, fodselsdato };
  }
  throw new Error(`no synthetic number for ${fodselsdato}`);
}

let n = 0;
export function sm(fom: string, tom: string, over: Partial<Periode> = {}, extra: Partial<TidligereSykmelding> = {}): TidligereSykmelding {
  return { id: `sm-${++n}`, status: 'OK', merknader: [], perioder: [{ fom, tom, type: 'AKTIVITET_IKKE_MULIG', ...over }], ...extra };
}

/** Consecutive four-week sykmeldinger from `fom` for `weeks` weeks, as a doctor extends them. */
export function continuous(fom: string, weeks: number): TidligereSykmelding[] {
  const out: TidligereSykmelding[] = [];
  for (let w = 0; w < weeks; w += 4) out.push(sm(fromDay(toDay(fom) + w * 7), fromDay(toDay(fom) + Math.min(w + 4, weeks) * 7 - 1)));
  return out;
}
