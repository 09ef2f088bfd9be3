import { invalid, manual, type Leaf, type TreeDefinition } from '../../../rules/tree.ts';
import { chain } from '../../../rules/chain.ts';
import { PERIODER_RULES, type PerioderOutcome, type PerioderRule } from './definitions.ts';

/** Every rule but the last refuses with its own outcome. */
const REFUSING = PERIODER_RULES.filter((r) => r !== 'SYKMELDING_MED_BEHANDLINGSDAGER');

/** Tree 2, no legal reference: the rules in order, the first that answers yes decides. */
export const perioderTree: TreeDefinition<PerioderRule, PerioderOutcome> = {
  name: 'PERIODER',
  title: 'Sykmeldingsperioder',
  root: chain<PerioderRule, PerioderOutcome>([
    ...REFUSING.map((r): [PerioderRule, Leaf<PerioderOutcome>] => [r, invalid(r)]),
    ['SYKMELDING_MED_BEHANDLINGSDAGER', manual('SYKMELDING_MED_BEHANDLINGSDAGER')],
  ]),
};
