import { invalid, manual, type RuleTree } from '../../rules/tree.ts';
import { toDay, weekdaysStrictlyBetween } from '../dates.ts';
import type { Periode } from '../model.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';
import { chain } from './chain.ts';

type Rule =
  | 'PERIODER_MANGLER' | 'FRADATO_ETTER_TILDATO' | 'OVERLAPPENDE_PERIODER' | 'OPPHOLD_MELLOM_PERIODER' | 'IKKE_DEFINERT_PERIODE'
  | 'BEHANDLINGSDATO_ETTER_MOTTATTDATO' | 'AVVENTENDE_SYKMELDING_KOMBINERT' | 'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER'
  | 'AVVENTENDE_SYKMELDING_OVER_16_DAGER' | 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE' | 'GRADERT_SYKMELDING_OVER_99_PROSENT'
  | 'GRADERT_SYKMELDING_0_PROSENT' | 'SYKMELDING_MED_BEHANDLINGSDAGER';

const RULES: Rule[] = [
  'PERIODER_MANGLER', 'FRADATO_ETTER_TILDATO', 'OVERLAPPENDE_PERIODER', 'OPPHOLD_MELLOM_PERIODER', 'IKKE_DEFINERT_PERIODE',
  'BEHANDLINGSDATO_ETTER_MOTTATTDATO', 'AVVENTENDE_SYKMELDING_KOMBINERT', 'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER',
  'AVVENTENDE_SYKMELDING_OVER_16_DAGER', 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE', 'GRADERT_SYKMELDING_OVER_99_PROSENT', 'GRADERT_SYKMELDING_0_PROSENT',
];

const perioder = (p: RulePayload) => p.sykmelding.perioder;
const any = (p: RulePayload, test: (q: Periode) => boolean) => perioder(p).some(test);

/** Some period's fom or tom lies inside another period; identical periods are not compared (NAV's quirk). */
function overlapping(list: Periode[]): boolean {
  for (const a of list) {
    for (const b of list) {
      if (a === b || (a.fom === b.fom && a.tom === b.tom)) continue;
      const [bf, bt] = [toDay(b.fom), toDay(b.tom)];
      const [af, at] = [toDay(a.fom), toDay(a.tom)];
      if ((af >= bf && af <= bt) || (at >= bf && at <= bt)) return true;
    }
  }
  return false;
}

/** Mon–Fri days strictly between consecutive periods (sorted by fom); a weekend-only gap is fine. */
function gapWithWorkingDays(list: Periode[]): boolean {
  const sorted = [...list].sort((a, b) => toDay(a.fom) - toDay(b.fom));
  for (let i = 1; i < sorted.length; i++) {
    if (weekdaysStrictlyBetween(toDay(sorted[i - 1].tom), toDay(sorted[i].fom)) > 0) return true;
  }
  return false;
}

export const perioderTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'PERIODER',
  title: 'Sykmeldingsperioder',
  root: chain<Rule, OutcomeName>([
    ...RULES.map((r): [Rule, ReturnType<typeof invalid<OutcomeName>>] => [r, invalid(r)]),
    ['SYKMELDING_MED_BEHANDLINGSDAGER', manual('SYKMELDING_MED_BEHANDLINGSDAGER')],
  ]),
  rules: {
    PERIODER_MANGLER: (p) => ({ result: perioder(p).length === 0, inputs: { antallPerioder: perioder(p).length } }),
    FRADATO_ETTER_TILDATO: (p) => ({ result: any(p, (q) => toDay(q.fom) > toDay(q.tom)), inputs: {} }),
    OVERLAPPENDE_PERIODER: (p) => ({ result: overlapping(perioder(p)), inputs: {} }),
    OPPHOLD_MELLOM_PERIODER: (p) => ({ result: gapWithWorkingDays(perioder(p)), inputs: {} }),
    IKKE_DEFINERT_PERIODE: (p) => ({ result: any(p, (q) => q.type === 'UGYLDIG'), inputs: {} }),
    BEHANDLINGSDATO_ETTER_MOTTATTDATO: (p) => {
      const behandlet = Date.parse(p.sykmelding.behandletTidspunkt);
      const mottatt = Date.parse(p.context.mottattDato);
      return { result: behandlet > mottatt + 86_400_000, inputs: { behandletTidspunkt: p.sykmelding.behandletTidspunkt, mottattDato: p.context.mottattDato } };
    },
    AVVENTENDE_SYKMELDING_KOMBINERT: (p) => ({ result: any(p, (q) => q.type === 'AVVENTENDE') && perioder(p).length > 1, inputs: {} }),
    MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER: (p) => ({ result: any(p, (q) => q.type === 'AVVENTENDE' && !q.innspillTilArbeidsgiver?.trim()), inputs: {} }),
    // tom − fom > 16 means more than 17 calendar days; NAV's message says 16, its code allows 17.
    AVVENTENDE_SYKMELDING_OVER_16_DAGER: (p) => ({ result: any(p, (q) => q.type === 'AVVENTENDE' && toDay(q.tom) - toDay(q.fom) > 16), inputs: {} }),
    FOR_MANGE_BEHANDLINGSDAGER_PER_UKE: (p) => ({
      result: any(p, (q) => q.type === 'BEHANDLINGSDAGER' && (q.behandlingsdager ?? 0) > Math.floor((toDay(q.tom) - toDay(q.fom)) / 7) + 1),
      inputs: {},
    }),
    GRADERT_SYKMELDING_OVER_99_PROSENT: (p) => ({ result: any(p, (q) => q.type === 'GRADERT' && (q.grad ?? 0) > 99), inputs: {} }),
    GRADERT_SYKMELDING_0_PROSENT: (p) => ({ result: any(p, (q) => q.type === 'GRADERT' && q.grad === 0), inputs: {} }),
    SYKMELDING_MED_BEHANDLINGSDAGER: (p) => ({ result: any(p, (q) => q.type === 'BEHANDLINGSDAGER'), inputs: {} }),
  },
};
